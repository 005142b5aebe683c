import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/analysis/text/line-index';

test('positions count UTF-16 units and every line ending style', () => {
  const index = new LineIndex('a\r\nbé😀c\rd\ne');
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(3 + 'bé😀'.length), { line: 1, character: 4 });
  assert.deepEqual(index.positionAt(index.text.indexOf('d')), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(index.text.length), { line: 3, character: 1 });
  assert.equal(index.lineCount, 4);
  assert.equal(index.eol, '\r\n');
});

test('an offset inside a CRLF stays on its line, at its end', () => {
  const index = new LineIndex('ab\r\ncd');
  assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
});

test('offsetAt reads a character past the end of its line as that end (LSP), before the line break, never inside CRLF', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const index = new LineIndex(`ab${eol}cd${eol}`);
    assert.equal(index.offsetAt({ line: 0, character: 2 }), 2);
    assert.equal(index.offsetAt({ line: 0, character: 3 }), 2, JSON.stringify(eol));
    assert.equal(index.offsetAt({ line: 0, character: 500 }), 2, JSON.stringify(eol));
    assert.equal(index.offsetAt({ line: 1, character: 99 }), 2 + eol.length + 2);
    assert.equal(index.offsetAt({ line: 2, character: 5 }), index.text.length, 'the empty last line');
    assert.equal(index.offsetAt({ line: 9, character: 0 }), index.text.length);
  }
  const index = new LineIndex('ab\ncd');
  assert.equal(index.offsetAt({ line: 1, character: 9 }), 5, 'the last line ends at the end of the text');
  assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
  assert.equal(index.offsetAt({ line: 1.5, character: 1.7 }), 4, 'whole parts');
  assert.equal(index.offsetAt({ line: Number.NaN, character: 1 }), 1);
});

test('offsetAt inverts positionAt on any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\r', '\r\n', '😀') }), fc.nat(), (text, n) => {
      const index = new LineIndex(text);
      const offset = n % (text.length + 1);
      const pos = index.positionAt(offset);
      const back = index.offsetAt(pos);
      // A position never points past its line's end; offsets inside a CRLF map to the line end.
      assert.ok(back <= offset && offset - back <= 1);
      assert.deepEqual(index.positionAt(back), pos);
    }),
    { numRuns: 500 },
  );
});

test('after an edit the line ending read from the index is the one of the new text (found without a full search)', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n') }), fc.nat(), fc.nat(4), fc.string({ unit: fc.constantFrom('b', '\n', '\r', '\r\n') }), (text, at, len, inserted) => {
      const before = new LineIndex(text);
      void before.eol; // the answer of the old text is known, as it is after any fix asked for it
      const start = at % (text.length + 1);
      const end = Math.min(text.length, start + len);
      const next = text.slice(0, start) + inserted + text.slice(end);
      const after = LineIndex.afterEdit(before, next, start, end, inserted.length);
      assert.equal(after.eol, new LineIndex(next).eol);
    }),
    { numRuns: 1000 },
  );
});

/** Position by walking the text from its start: the reference for the index's searches. */
function walkedPosition(text: string, offset: number): { line: number; character: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let start = 0;
  for (let i = 0; i < clamped; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') {
      if (i + 1 === clamped) return { line, character: i - start }; // between the \r and \n: end of the line
      i++;
      line++;
      start = i + 1;
    } else if (c === '\r' || c === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: clamped - start };
}

test('positions asked in any order of one index (each search starts from the last answer) match a walk of the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', 'bc'), maxLength: 400 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (text, asks) => {
      const kept = new LineIndex(text);
      for (const n of asks) {
        const offset = n % (text.length + 2);
        assert.deepEqual(kept.positionAt(offset), walkedPosition(text, offset), `offset ${offset}`);
      }
    }),
    { numRuns: 1000 },
  );
});

test('exactOffsetAt names only positions inside their line: none past a line end, a last line, or not whole', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const index = new LineIndex(`ab${eol}cd`);
    assert.equal(index.exactOffsetAt({ line: 0, character: 2 }), 2);
    assert.equal(index.exactOffsetAt({ line: 1, character: 0 }), 2 + eol.length);
    assert.equal(index.exactOffsetAt({ line: 1, character: 2 }), index.text.length);
    for (const position of [{ line: 0, character: 3 }, { line: 1, character: 3 }, { line: 2, character: 0 }, { line: -1, character: 0 }, { line: 0, character: -1 }, { line: 0.5, character: 0 }, { line: 0, character: Number.NaN }]) {
      assert.equal(index.exactOffsetAt(position), undefined, `${JSON.stringify(eol)} ${JSON.stringify(position)}`);
    }
  }
});
