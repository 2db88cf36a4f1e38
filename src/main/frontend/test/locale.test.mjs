// What locale.js reads from a person's typing: run by `npm test` (node's own test runner), in CI after the check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configure, message, normalizeNumber, parseDate, text } from '../src/locale.js';

const day = (date) => date && [date.getFullYear(), date.getMonth() + 1, date.getDate()].join('-');

test('a date typed as a Korean page shows it is that day', () => {
  assert.equal(day(parseDate('2027. 3. 31.')), '2027-3-31');
  assert.equal(day(parseDate('2027. 03. 31')), '2027-3-31');
  assert.equal(day(parseDate('2027-03-31')), '2027-3-31');
  assert.equal(day(parseDate('2027/3/31')), '2027-3-31');
});

test('an American date is month/day/year, never another day', () => {
  assert.equal(day(parseDate('03/31/2027')), '2027-3-31');
  assert.equal(day(parseDate('01/01/1900')), '1900-1-1');
});

test('what is no date is none, not a guess', () => {
  for (const typed of ['31/03/2027', '2027-02-30', '2027-13-01', 'next week', '2027', '']) {
    assert.equal(parseDate(typed), undefined, typed);
  }
});

test('a comma groups thousands on an English or Korean page', () => {
  assert.equal(normalizeNumber('1,200'), '1200');
  assert.equal(normalizeNumber('1,200.5'), '1200.5');
  assert.equal(normalizeNumber(' 35 '), '35');
});

test("messages in the page's language, the field's own first, never a pattern", () => {
  configure({ locale: 'ko', texts: { 'error.required': '필수 항목입니다.', 'error.min': '{0} 이상이어야 합니다.', add: '새로 추가' } });
  assert.equal(message('required', {}), '필수 항목입니다.');
  assert.equal(message('min', {}, 3), '3 이상이어야 합니다.');
  assert.equal(message('pattern', { cspMessages: { pattern: '이메일 주소가 아닙니다.' }, validate: { pattern: '^x$' } }),
    '이메일 주소가 아닙니다.');
  assert.doesNotMatch(message('pattern', { validate: { pattern: '^x$' } }), /\^x\$/);
  assert.equal(text('add', 'Add new'), '새로 추가');
  assert.equal(text('collapse', 'Collapse'), 'Collapse');
});
