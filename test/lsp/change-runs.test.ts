// A didChange with many content changes: merged into runs (change-runs.ts), the document ends up with exactly the
// text that applying them one by one gives (vscode-languageserver-textdocument as the reference), whatever the
// order the editor sends them in; and the orders editors use (VS Code end to start, Neovim start to end) take one
// run, so a Replace All costs one re-parse, not one per occurrence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { LineIndex } from '../../server/src/analysis/text/line-index';
import { nextChangeRun } from '../../server/src/lsp/documents/change-runs';
import { OpenDocument } from '../../server/src/lsp/documents/open-document';

type Ranged = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/** Replacements of non-overlapping [start, end) stretches of `text`, in text order. */
interface Stretch {
  start: number;
  end: number;
  text: string;
}

/** The stretches as VS Code sends them: last first, each range read in the text before them all. */
function endToStart(text: string, stretches: readonly Stretch[]): Ranged[] {
  const doc = TextDocument.create('file:///x', 'json', 1, text);
  return [...stretches].reverse().map((s) => ({ range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) }, text: s.text }));
}

/** The stretches as Neovim sends them: first first, each range read in the text the ones before it left. */
function startToEnd(text: string, stretches: readonly Stretch[]): Ranged[] {
  let doc = TextDocument.create('file:///x', 'json', 1, text);
  let shift = 0;
  const out: Ranged[] = [];
  for (const s of stretches) {
    const change = { range: { start: doc.positionAt(s.start + shift), end: doc.positionAt(s.end + shift) }, text: s.text };
    out.push(change);
    doc = TextDocument.update(doc, [change], doc.version + 1);
    shift += s.text.length - (s.end - s.start);
  }
  return out;
}

/**
 * Each change applied to a document made afresh from the text before it: the reference's own incremental line table
 * goes wrong after a range on lines past the end of the text, which is not what is tested here.
 */
function appliedOneByOne(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  for (const change of changes) text = TextDocument.update(TextDocument.create('file:///x', 'json', 1, text), [change], 2).getText();
  return text;
}

function appliedByServer(text: string, changes: readonly TextDocumentContentChangeEvent[], asConfig = false): string {
  const doc = new OpenDocument('file:///w/api-config.json', '/w/api-config.json', 'json', 1, text, asConfig ? {} : undefined);
  assert.equal(doc.applyChanges(changes, 2), true);
  return doc.text;
}

const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '{', '"', 'é', '😀');
const someText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
/** Non-overlapping stretches of a text, each with new text (adjacent stretches and empty ones included). */
const textAndStretches = someText.chain((text) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 3 }), someText.map((t) => t.slice(0, 6))), { maxLength: 8 })
    .map((raw) => {
      const stretches: Stretch[] = [];
      let floor = 0;
      for (const [at, length, replacement] of [...raw].sort((x, y) => x[0] - y[0])) {
        let start = Math.max(at, floor);
        // Never inside a \r\n: no position names that offset.
        if (start > 0 && text[start - 1] === '\r' && text[start] === '\n') start++;
        let end = Math.min(text.length, start + length);
        if (end > 0 && end < text.length && text[end - 1] === '\r' && text[end] === '\n') end++;
        if (start > text.length) break;
        stretches.push({ start, end, text: replacement });
        floor = end;
      }
      return { text, stretches };
    }),
);
const anyPosition = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) });
const anyChange = fc.record({ range: fc.record({ start: anyPosition, end: anyPosition }), text: someText.map((t) => t.slice(0, 5)) });

for (const [order, sent] of [['end to start (VS Code)', endToStart], ['start to end (Neovim)', startToEnd]] as const) {
  test(`changes sent ${order} leave the text that applying them one by one leaves`, () => {
    fc.assert(
      fc.property(textAndStretches, ({ text, stretches }) => {
        const changes = sent(text, stretches);
        assert.equal(appliedByServer(text, changes), appliedOneByOne(text, changes));
      }),
      { numRuns: 3000 },
    );
  });
}

test('changes in any order, with positions past line ends, before the text and written end first, still apply one by one', () => {
  fc.assert(
    fc.property(someText, fc.array(anyChange, { maxLength: 8 }), (text, changes) => {
      assert.equal(appliedByServer(text, changes), appliedOneByOne(text, changes));
    }),
    { numRuns: 3000 },
  );
});

test('short texts of line breaks, positions near them, 2 to 7 changes: one by one, whatever merges', () => {
  // Small enough that changes meet at line breaks all the time: a \r before a written \n, a \r\n uncovered by a
  // deletion, a change next to the one before it (the case random texts of any length rarely reach).
  const text = fc.array(fc.constantFrom('X', '\r', '\n', '\r\n'), { maxLength: 5 }).map((parts) => parts.join(''));
  const position = fc.record({ line: fc.integer({ min: 0, max: 2 }), character: fc.integer({ min: 0, max: 2 }) });
  const change = fc.oneof(
    { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: fc.constantFrom('', '', '\n', 'x', '\r', '\r\n', '\nx', 'x\n', 'x\r') }) },
    { weight: 1, arbitrary: fc.record({ text }) },
  );
  fc.assert(
    fc.property(text, fc.array(change, { minLength: 2, maxLength: 7 }), (start, changes) => {
      assert.equal(appliedByServer(start, changes), appliedOneByOne(start, changes));
    }),
    { numRuns: 20000 },
  );
});

test('a whole-text change between ranged ones replaces what came before it', () => {
  const changes: TextDocumentContentChangeEvent[] = [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'X' },
    { text: 'new\ntext' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, text: 'words' },
  ];
  assert.equal(appliedByServer('abc', changes), 'new\nwords');
  assert.equal(appliedOneByOne('abc', changes), 'new\nwords');
});

/** `"old"` as the value of every route's `path` key, each on its own line. */
function routes(count: number, eol = '\n'): string {
  const items = Array.from({ length: count }, (_, i) => `    { "method": "GET", "path": "/old/${i}" }`);
  return `{${eol}  "paths": [${eol}${items.join(`,${eol}`)}${eol}  ]${eol}}${eol}`;
}

function replaceAll(text: string, word: string, replacement: string): Stretch[] {
  const out: Stretch[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) out.push({ start: at, end: at + word.length, text: replacement });
  return out;
}

test('a Replace All in either order is one run: one re-parse of the config, not one per occurrence', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = routes(1000, eol);
    const stretches = replaceAll(text, 'old', 'legacy-api');
    for (const changes of [endToStart(text, stretches), startToEnd(text, stretches)]) {
      const { change, count } = nextChangeRun(new LineIndex(text), changes, 0);
      assert.equal(count, 1000, `${JSON.stringify(eol)}: every occurrence in the run`);
      const expected = appliedOneByOne(text, changes);
      assert.equal(text.slice(0, change.start) + change.newText + text.slice(change.end), expected);
      // The config document the server keeps is the parse of that text.
      const served = appliedByServer(text, changes, true);
      assert.equal(served, expected);
    }
  }
});

test('a Replace All whose text has CRLF line breaks (a multi-line replacement in a CRLF file) is one run too', () => {
  const text = routes(200, '\r\n');
  const stretches = replaceAll(text, '"GET"', '"GET",\r\n      "auth": true');
  for (const changes of [endToStart(text, stretches), startToEnd(text, stretches)]) {
    assert.equal(nextChangeRun(new LineIndex(text), changes, 0).count, 200);
    assert.equal(appliedByServer(text, changes, true), appliedOneByOne(text, changes));
  }
});

test('the config kept after a merged run is the parse of the new text, node for node', () => {
  const text = routes(50);
  const changes = endToStart(text, replaceAll(text, 'GET', 'POST'));
  const doc = new OpenDocument('file:///w/api-config.json', '/w/api-config.json', 'json', 1, text, {});
  assert.equal(doc.applyChanges(changes, 2), true);
  const fresh = parseConfigDocument('/w/api-config.json', doc.text);
  const shape = (node: unknown): unknown => JSON.parse(JSON.stringify(node, (key, value) => (key === 'parent' ? undefined : value)));
  assert.deepEqual(shape(doc.config!.root), shape(fresh.root));
  assert.equal(doc.config!.text.split('"POST"').length - 1, 50);
});

test('a change that makes a \\r and a \\n one line break ends the run (positions after it would shift)', () => {
  // The first change (VS Code order: the later stretch) writes a \n after a \r: the \r\n is now one line break,
  // and the second change, on the line after, is read in the text that has it.
  const text = 'ab\rcd\nef';
  const changes: Ranged[] = [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'X' },
  ];
  assert.equal(nextChangeRun(new LineIndex(text), changes, 0).count, 1);
  assert.equal(appliedByServer(text, changes), appliedOneByOne(text, changes));
});
