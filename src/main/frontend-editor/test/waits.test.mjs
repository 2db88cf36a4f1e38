// What a timer waits for, read from and written to the timer's definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountProblem, readWait, writeWait } from '../src/waits.js';

const timer = (kind, body) => ({ [kind]: { body } });

test('each wait in words is written as the engine reads it, and read back the same', () => {
  assert.deepEqual(writeWait('business-days', 5), { kind: 'timeDate', body: '${taskDeadlines.inBusinessDays(5)}' });
  assert.deepEqual(writeWait('days', 3), { kind: 'timeDuration', body: 'P3D' });
  assert.deepEqual(writeWait('hours', 4), { kind: 'timeDuration', body: 'PT4H' });
  for (const [unit, amount] of [['business-days', 5], ['days', 3], ['hours', 4], ['business-days', 250]]) {
    const { kind, body } = writeWait(unit, amount);
    assert.deepEqual(readWait(timer(kind, body)), { unit, amount });
  }
});

test('a timer not set yet is a wait to choose; one written otherwise is left to the panel\'s own fields', () => {
  assert.deepEqual(readWait({}), { unit: 'business-days', amount: null });
  assert.equal(readWait(null), null);
  assert.equal(readWait(timer('timeCycle', 'R3/PT10H')), null);
  assert.equal(readWait(timer('timeDate', '${renewalDate}')), null);
  assert.equal(readWait(timer('timeDate', '2027-01-01T00:00:00')), null);
  assert.equal(readWait(timer('timeDuration', 'P1M')), null);
  assert.equal(readWait(timer('timeDuration', 'P0D')), null);
  assert.equal(readWait({ timeDate: { body: 'P3D' }, timeDuration: { body: 'P3D' } }), null);
});

test('an amount is a whole number from 1 to the unit\'s most', () => {
  assert.equal(amountProblem('business-days', '5'), null);
  assert.equal(amountProblem('business-days', '250'), null);
  assert.deepEqual(amountProblem('business-days', '251'), { text: 'Type a whole number from 1 to {max}.', max: 250 });
  assert.notEqual(amountProblem('days', '0'), null);
  assert.notEqual(amountProblem('days', '2.5'), null);
  assert.notEqual(amountProblem('hours', '-1'), null);
  assert.notEqual(amountProblem('hours', ''), null);
  assert.notEqual(amountProblem('days', '${x}'), null);
  assert.equal(amountProblem('hours', '2000'), null);
});
