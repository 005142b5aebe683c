// LineIndex.afterEdit (the incremental line table of an edited config) equals a full re-scan, for every kind of
// line end (\n, \r\n, lone \r) around, inside and across the edited stretch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/analysis/text/line-index';

function positions(lines: LineIndex, length: number): string {
  const out: string[] = [];
  for (let o = 0; o <= length; o++) {
    const p = lines.positionAt(o);
    out.push(`${p.line}:${p.character}`);
  }
  return `${lines.lineCount} ${out.join(' ')}`;
}

test('afterEdit gives the same line table as scanning the new text', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', '\r', '\n', ' '), maxLength: 30 }),
      fc.nat(),
      fc.nat(),
      fc.string({ unit: fc.constantFrom('b', '\r', '\n'), maxLength: 5 }),
      (text, a, b, inserted) => {
        const start = a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        const next = text.slice(0, start) + inserted + text.slice(end);
        const incremental = LineIndex.afterEdit(new LineIndex(text), next, start, end, inserted.length);
        assert.equal(positions(incremental, next.length), positions(new LineIndex(next), next.length));
      },
    ),
    { numRuns: 5000 },
  );
});

test('afterEdit on an empty text and at both ends', () => {
  const a = LineIndex.afterEdit(new LineIndex(''), 'x\ny', 0, 0, 3);
  assert.deepEqual(a.positionAt(2), { line: 1, character: 0 });
  const b = LineIndex.afterEdit(new LineIndex('a\r\nb'), 'a\r\nb\r', 4, 4, 1);
  assert.equal(b.lineCount, 3);
  const c = LineIndex.afterEdit(new LineIndex('a\r\nb'), 'a\r', 2, 4, 0);
  assert.equal(c.lineCount, 2);
});
