import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/analysis/text/line-index';
import { isKeptLinePrefix, keptLinePrefix, leadingWhitespace, lineIndentAt, OTHER_TEXT_BEFORE } from '../../server/src/analysis/text/line-prefix';

test('leadingWhitespace: the indentation before an offset, or undefined when other text precedes it on the line', () => {
  assert.equal(leadingWhitespace('{\n    "a"', 6), '    ');
  assert.equal(leadingWhitespace('{\r\n\t"a"', 4), '\t');
  assert.equal(leadingWhitespace('{\r  "a"', 4), '  ', 'a lone CR ends a line too');
  assert.equal(leadingWhitespace('  "a"', 2), '  ', 'the first line');
  assert.equal(leadingWhitespace('[1, {"a": 1}]', 4), undefined);
  assert.equal(leadingWhitespace('x', 0), '');
});

test('lineIndentAt: the leading whitespace of the line holding an offset, up to it', () => {
  const text = '{\n  "a": {\n\t\t"b": 1 }\n}';
  const lines = new LineIndex(text);
  assert.equal(lineIndentAt(lines, text.indexOf('"a"')), '  ');
  assert.equal(lineIndentAt(lines, text.indexOf('1 }')), '\t\t', 'mid-line: the line\'s own indentation');
  assert.equal(lineIndentAt(lines, 0), '');
});

test('kept line prefixes: whitespace with its context, or the mark for other text; the check agrees with making one', () => {
  assert.equal(keptLinePrefix('{\r\n    "a"', 7, 2), '\r\n    ');
  assert.equal(keptLinePrefix('  "a"', 2, 2), '  ', 'no context before the first line');
  assert.equal(keptLinePrefix('[{"a": 1}, {"b": 2}]', 11, 2), OTHER_TEXT_BEFORE);
  const piece = fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '{', '"a"', ',', 'x');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.array(piece, { maxLength: 12 }), fc.nat(2), (a, b, context) => {
      const first = a.join('');
      const second = b.join('');
      const prefix = keptLinePrefix(first, first.length, context);
      assert.equal(isKeptLinePrefix(first, first.length, prefix, context), true, 'a prefix matches its own text');
      assert.equal(isKeptLinePrefix(second, second.length, prefix, context), keptLinePrefix(second, second.length, context) === prefix);
    }),
    { numRuns: 2000 },
  );
});
