// Ids made from names: readable, valid as XML names, and following a name only while they were made up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idOf, followsName } from '../src/meaningful-ids.js';

test('a name becomes a lowerCamelCase id of its letters and digits, in any script', () => {
  assert.equal(idOf('Call the sponsor'), 'callTheSponsor');
  assert.equal(idOf("Fix customer's bugs"), 'fixCustomerSBugs');
  assert.equal(idOf('  후원자 연락  '), '후원자연락');
  assert.equal(idOf('90 days before renewal'), 'step90DaysBeforeRenewal');
  assert.equal(idOf('--'), null);
  assert.equal(idOf('x'.repeat(100)).length, 64);
});

test('an id follows the name while it is made up or was made from the earlier name', () => {
  assert.equal(followsName('Activity_1xt3ffw', null), true);
  assert.equal(followsName('teamTask', 'Team task'), true);
  assert.equal(followsName('teamTask2', 'Team task'), true);
  assert.equal(followsName('scoreRenewalRisk', 'Team task'), false);
  assert.equal(followsName('startedByHand', 'Something else'), false);
});
