// The editor's words: Korean where the dictionary has them, the placeholders filled, English otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator, translateModule } from '../src/translate.js';
import { KOREAN } from '../src/ko.js';

test('a Korean page reads the palette and the panel in Korean', () => {
  const translate = translator(KOREAN);
  assert.equal(translate('Create task'), '작업 만들기');
  assert.equal(translate('Candidate groups'), '후보 팀');
});

test('placeholders are filled in either language, and an unknown one is left as written', () => {
  assert.equal(translator(KOREAN)('Cannot exceed {maxLength} characters.', { maxLength: 5 }), '5자를 넘을 수 없습니다.');
  assert.equal(translator(null)('Cannot exceed {maxLength} characters.', { maxLength: 5 }), 'Cannot exceed 5 characters.');
  assert.equal(translator(null)('Keep {this}', {}), 'Keep {this}');
});

test('words the dictionary does not have, and every word on an English page, stay English', () => {
  assert.equal(translator(KOREAN)('Append compensation activity'), 'Append compensation activity');
  const [kind, english] = translateModule('en').translate;
  assert.equal(kind, 'value');
  assert.equal(english('Create task'), 'Create task');
  assert.equal(translateModule('ko').translate[1]('Delete'), '삭제');
});

test('no Korean text is empty and none loses a placeholder its English has', () => {
  for (const [english, korean] of Object.entries(KOREAN)) {
    assert.ok(korean.trim().length > 0, english);
    for (const placeholder of english.match(/{[^}]+}/g) || []) {
      assert.ok(korean.includes(placeholder), `${english} -> ${korean}`);
    }
  }
});
