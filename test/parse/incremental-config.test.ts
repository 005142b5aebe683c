import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import type { ConfigDocument } from '../../server/src/analysis/model';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { applyChange, updateConfigDocument, type TextChange } from '../../server/src/analysis/parse/incremental-config';
import { heapSnapshotText } from '../support/heap-snapshot';

/** The fields a tree is compared on (colonOffset: the fast parser leaves it out, nothing reads it). */
function strip(n: Node | undefined): unknown {
  if (!n) return undefined;
  return { type: n.type, offset: n.offset, length: n.length, value: n.value, children: n.children?.map(strip) };
}

const config = JSON.stringify(
  {
    servers: [{ alias: 'api', url: 'https://api.example.com' }],
    paths: Array.from({ length: 30 }, (_, i) => ({ method: 'GET', path: `/items/${i}`, integration: { type: 'http_proxy', server: 'api' } })),
  },
  null,
  2,
);

test('an edit inside one route re-parses only that route and equals a full parse', () => {
  const doc = parseConfigDocument('/gw/api-config.json', config);
  const untouched = doc.root!.children![1]!.children![1]!.children![0]!; // paths[0]
  const at = config.indexOf('/items/17') + '/items/'.length;
  const change = { start: at, end: at + 2, newText: '17/details' };
  const { doc: next, reparsedNode } = updateConfigDocument(doc, change);
  assert.ok(reparsedNode, 'expected an incremental re-parse');
  assert.equal(next.text, applyChange(config, change));
  assert.deepEqual(strip(next.root), strip(parseConfigDocument('/gw/api-config.json', next.text).root));
  assert.equal(next.root!.children![1]!.children![1]!.children![0], untouched, 'routes before the edit keep their identity');
});

test('any edit gives the same tree as a full parse of the new text', () => {
  fc.assert(
    fc.property(fc.nat(config.length), fc.nat(12), fc.constantFrom('', 'x', '"', '{', '}', ',', ' ', '\n', '1', '"a": 1,', '{"k": [1, 2]}'), (start, len, insert) => {
      const doc = parseConfigDocument('/gw/api-config.json', config);
      const change = { start, end: Math.min(config.length, start + len), newText: insert };
      const { doc: next } = updateConfigDocument(doc, change);
      const full = parseConfigDocument('/gw/api-config.json', applyChange(config, change));
      assert.equal(next.text, full.text);
      assert.deepEqual(strip(next.root), strip(full.root));
      assert.deepEqual(next.syntaxErrors, full.syntaxErrors);
    }),
    { numRuns: 400 },
  );
});

test('a chain of edits, each applied to the previous result, keeps giving the tree of a full parse', () => {
  // The nodes' document order is kept per tree from its first edit on (to move the nodes behind an edit): every
  // later splice must keep it in step, including edits that fall back to a full parse and start a new tree.
  const edit = fc.record({ at: fc.nat(), len: fc.nat(10), insert: fc.constantFrom('', 'x', '7', ' ', '\n', '"', ',', '{"k": [1, 2]}', '"a": 1,', '/edited') });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 2, maxLength: 25 }), (edits) =>
      assertEditChain(config, edits, (text, { at, len, insert }) => {
        const start = at % (text.length + 1);
        return { start, end: Math.min(text.length, start + len), newText: insert };
      }),
    ),
    { numRuns: 300 },
  );
});

test('an edit before a deeply nested value shifts every node after it', () => {
  // 200 levels: below what a config may nest (deeper ones are unreadable), past the depth the shift recurses to.
  const deep = `${'['.repeat(200)}1${']'.repeat(200)}`;
  const text = `{\n  "title": "a",\n  "paths": ["a"],\n  "deep": ${deep}\n}\n`;
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const at = text.indexOf('["a"]') + 1;
  const change = { start: at, end: at + 3, newText: '"abc"' };
  const { doc: next, reparsedNode } = updateConfigDocument(doc, change);
  assert.ok(reparsedNode, 'expected an incremental re-parse of `paths`');
  const full = parseConfigDocument('/gw/api-config.json', next.text);
  let a: Node | undefined = next.root!.children![2]!.children![1];
  let b: Node | undefined = full.root!.children![2]!.children![1];
  let levels = 0;
  while (a && b) {
    assert.equal(a.offset, b.offset, `offset at level ${levels}`);
    a = a.children?.[0];
    b = b.children?.[0];
    levels++;
  }
  assert.equal(levels, 201);
  assert.equal(a, undefined);
  assert.equal(b, undefined);
});

test('after an edit the tree keeps no earlier text alive (string values are copies, not views)', () => {
  // V8 makes a substring of 13+ characters a view that keeps its whole source string alive. Were node values such
  // views, the untouched routes would keep the text before the edit alive, and each edit in a new place one more
  // whole text (3 MB per edit in a 10,000-path config). Only the first text holds the marker number, in route 0;
  // the first edit removes it; routes 2-5 are never re-parsed, so only copies of their strings may be alive.
  const marker = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  const routes = Array.from({ length: 6 }, (_, i) => `{"method": "GET", "path": "/a-long-path-for-route/${i}", ${i === 0 ? `"weight": ${marker}.5, ` : ''}"integration": {"type": "http_proxy", "server": "a-long-server-alias"}}`);
  let doc: ReturnType<typeof parseConfigDocument> | undefined = parseConfigDocument('/gw/api-config.json', `{"paths": [\n${routes.join(',\n')}\n]}\n`);
  const at = doc.text.indexOf(`${marker}.5`);
  const first = updateConfigDocument(doc, { start: at, end: at + `${marker}.5`.length, newText: '1' });
  const second = updateConfigDocument(first.doc, { start: first.doc.text.indexOf('route/1') + 1, end: first.doc.text.indexOf('route/1') + 1, newText: 'edited-' });
  assert.ok(first.reparsedNode && second.reparsedNode, 'both edits re-parse incrementally');
  const root = second.doc.root;
  doc = undefined;
  const snapshot = heapSnapshotText();
  assert.equal(root?.children?.[0]?.children?.[1]?.children?.length, 6, 'the tree is alive during the snapshot');
  assert.equal(snapshot.includes(`${marker}.5`), false, 'the text before the edit is still on the heap');
});

/** Every child's parent is the node that lists it (the splice sets parents on what it parses). */
function assertParents(node: Node | undefined): void {
  for (const child of node?.children ?? []) {
    assert.equal(child.parent, node, `parent of the ${child.type} at ${child.offset}`);
    assertParents(child);
  }
}

/** `doc` (incrementally edited) is what a full parse of its text gives: tree, mistakes and parent links. */
function assertAsFullParse(doc: ConfigDocument, label?: string): void {
  const full = parseConfigDocument(doc.file, doc.text);
  assert.deepEqual(strip(doc.root), strip(full.root), label);
  assert.deepEqual(doc.parseErrors, full.parseErrors, label);
  assert.deepEqual(doc.syntaxErrors, full.syntaxErrors, label);
  assertParents(doc.root);
}

/** Each edit applied to the previous result (`changeOf` places it in the current text), each equal to a full parse. */
function assertEditChain<E>(base: string, edits: readonly E[], changeOf: (text: string, edit: E) => TextChange): void {
  let doc = parseConfigDocument('/gw/api-config.json', base);
  for (const edit of edits) {
    const change = changeOf(doc.text, edit);
    const expected = applyChange(doc.text, change);
    doc = updateConfigDocument(doc, change).doc;
    assert.equal(doc.text, expected);
    assertAsFullParse(doc);
  }
}

const routeText = (i: number) => `    {\n      "method": "GET",\n      "path": "/r/${i}",\n      "integration": { "type": "http_proxy", "server": "api" }\n    }`;
const routesConfig = (count: number) => `{\n  "servers": [{ "alias": "api", "url": "https://api.example.com" }],\n  "paths": [\n${Array.from({ length: count }, (_, i) => routeText(i)).join(',\n')}\n  ],\n  "tags": ["a", "b", "c"],\n  "empty": []\n}\n`;

test('a route deleted, pasted or moved re-parses only the routes it touches; the others keep their identity', () => {
  const text = routesConfig(6);
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const paths = () => doc.root!.children![1]!.children![1]!;
  const [r0, r1, r2, r3, r4, r5] = paths().children!;
  // Cut route 2 with its comma and line break: from its `{` line to route 3's.
  const cutStart = text.indexOf(routeText(2));
  const cutEnd = text.indexOf(routeText(3));
  const cut = updateConfigDocument(doc, { start: cutStart, end: cutEnd, newText: '' });
  assert.equal(cut.reparsedNode, paths(), 'the paths array, not the whole file');
  assert.deepEqual(paths().children, [r0, r1, r3, r4, r5]);
  assert.deepEqual(strip(cut.doc.root), strip(parseConfigDocument('/gw/api-config.json', cut.doc.text).root));
  assertParents(cut.doc.root);
  // Paste it back before route 5.
  const at = cut.doc.text.indexOf(routeText(5));
  const pasted = updateConfigDocument(cut.doc, { start: at, end: at, newText: text.slice(cutStart, cutEnd) });
  assert.ok(pasted.reparsedNode);
  const now = paths().children!;
  assert.deepEqual([now[0], now[1], now[2], now[3], now[5]], [r0, r1, r3, r4, r5]);
  assert.notEqual(now[4], r2, 'the pasted route is parsed anew');
  assert.equal((now[4]!.children![1]!.children![1]!).value, '/r/2');
  assert.deepEqual(strip(pasted.doc.root), strip(parseConfigDocument('/gw/api-config.json', pasted.doc.text).root));
  assertParents(pasted.doc.root);
});

test('edits between and across array elements give the tree of a full parse, parents and syntax errors included', () => {
  // Cuts, pastes and stray separators at element boundaries of a routes array, a string array and an empty one:
  // a stretch left with a trailing or a doubled comma, or two elements without one, must fall back to the full
  // parse (and its syntax error) rather than be spliced.
  const base = routesConfig(5);
  const edit = fc.record({
    from: fc.nat(),
    span: fc.nat(3),
    insert: fc.constantFrom('', ',', ' ', '\n', '"x"', '"x",', ', "x"', '{}', '{},\n', routeText(9), `${routeText(9)},\n`, `,\n${routeText(9)}`, ']', '['),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) =>
      assertEditChain(base, edits, (text, { from, span, insert }) => {
        // Edits start and end at bracket and comma boundaries of the current text (whole elements, or the space between).
        const marks: number[] = [];
        for (const m of text.matchAll(/[[\],]\s*/g)) marks.push(m.index!, m.index! + m[0].length);
        const start = marks[from % marks.length]!;
        const end = marks[Math.min(marks.length - 1, (from % marks.length) + span)]!;
        return { start: Math.min(start, end), end: Math.max(start, end), newText: insert };
      }),
    ),
    { numRuns: 400 },
  );
});

test('deleting the last element but not the comma before it is the full parse’s syntax error, not a splice', () => {
  const text = routesConfig(3);
  for (const [what, start, end] of [
    ['the last tag', text.indexOf('"c"'), text.indexOf('"c"') + 3],
    ['the last route', text.indexOf(routeText(2)), text.indexOf('\n  ],')],
    ['the last two tags', text.indexOf('"b"'), text.indexOf('"c"') + 3],
  ] as const) {
    const { doc } = updateConfigDocument(parseConfigDocument('/gw/api-config.json', text), { start, end, newText: '' });
    const full = parseConfigDocument('/gw/api-config.json', doc.text);
    assert.equal(full.syntaxErrors.length, 1, what);
    assert.deepEqual(doc.syntaxErrors, full.syntaxErrors, what);
  }
});

test('pasting 200,000 elements into an array at once is spliced like a few (past what a spread call takes)', () => {
  const text = routesConfig(2);
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const at = text.indexOf('"c"') + 3;
  const many = Array.from({ length: 200_000 }, (_, i) => `, "t${i}"`).join('');
  const { doc: next, reparsedNode } = updateConfigDocument(doc, { start: at, end: at, newText: many });
  assert.ok(reparsedNode);
  const tags = next.root!.children![2]!.children![1]!;
  assert.equal(tags.children!.length, 200_003);
  assert.deepEqual(strip(next.root), strip(parseConfigDocument('/gw/api-config.json', next.text).root));
  assertParents(next.root);
});

test('typing inside a route while the JSON is broken re-parses only that route, with the full parse’s syntax errors', () => {
  // `"auth": true, ` typed before a route's first key as an editor sends it (quotes closed in pairs), then selected
  // and deleted: every keystroke but the last leaves a mistake inside that route, which is parsed on its own
  // (tolerantly) and spliced in; the other routes keep their identity, the errors are those of a full parse.
  const text = routesConfig(6);
  let doc = parseConfigDocument('/gw/api-config.json', text);
  const paths = () => doc.root!.children![1]!.children![1]!;
  const others = paths().children!.filter((_, i) => i !== 3);
  const at = text.indexOf('"method"', text.indexOf('"/r/2"'));
  let broken = 0;
  const check = (change: { start: number; end: number; newText: string }) => {
    const result = updateConfigDocument(doc, change);
    doc = result.doc;
    assertAsFullParse(doc);
    assert.ok(result.reparsedNode, `incremental after ${JSON.stringify(doc.text.slice(at, at + 16))}`);
    assert.deepEqual(paths().children!.filter((_, i) => i !== 3), others, 'the other routes keep their identity');
    if (doc.syntaxErrors.length > 0) broken++;
  };
  let cursor = at;
  const type = (chars: string) => {
    for (const c of chars) check({ start: cursor, end: cursor, newText: c }), cursor++;
  };
  check({ start: cursor, end: cursor, newText: '""' });
  cursor++;
  type('auth');
  cursor++; // past the closing quote
  type(': true, ');
  assert.equal(doc.text.slice(at, cursor), '"auth": true, ');
  check({ start: at, end: cursor, newText: '' });
  assert.ok(broken >= 10, `only ${broken} keystrokes left the JSON broken`);
  assert.equal(doc.text, text);
});

test('a mistake that runs past its object is parsed where it ends: the enclosing array, or the whole file', () => {
  const text = routesConfig(4);
  const at = text.indexOf('"method"', text.indexOf('"/r/1"'));
  const brace = text.indexOf('"api" }', at) + '"api" '.length;
  const routeClose = text.indexOf('}\n', brace + 1);
  for (const [what, change, parsedAs] of [
    // The route's own `}` then closes its integration: the route runs on into the next ones, up to `]`.
    ['a closing brace deleted', { start: brace, end: brace + 1, newText: '' }, 'array'],
    // A string ends with its line: this one stays inside the route, whose stretch of the array is parsed again.
    ['an unterminated string', { start: at, end: at, newText: '"open' }, 'array'],
    // This one takes the route's `}`: the route runs on into the next ones, and its mistakes past `]`.
    ['an unterminated string before the route’s `}`', { start: routeClose, end: routeClose, newText: '"open' }, undefined],
    // A block comment runs to the end of the file.
    ['a block comment', { start: at, end: at, newText: '/* ' }, undefined],
  ] as const) {
    const { doc, reparsedNode } = updateConfigDocument(parseConfigDocument('/gw/api-config.json', text), change);
    const full = parseConfigDocument('/gw/api-config.json', doc.text);
    assert.deepEqual(strip(doc.root), strip(full.root), what);
    assert.deepEqual(doc.syntaxErrors, full.syntaxErrors, what);
    assert.ok(doc.syntaxErrors.length > 0, what);
    assert.equal(reparsedNode?.type, parsedAs, what);
  }
});

test('typing into a new route whose comma is still missing keeps that mistake and re-parses only the new route', () => {
  // An editor closes `{` at once: `{}` lands before a route with no comma after it. The mistake sits between the
  // two routes, outside the one being typed in; it stays (moved by the edits) and the new route is parsed alone.
  const text = routesConfig(4);
  const before = text.indexOf(routeText(2));
  let doc = updateConfigDocument(parseConfigDocument('/gw/api-config.json', text), { start: before, end: before, newText: '    {}\n' }).doc;
  assert.ok(doc.syntaxErrors.length > 0, 'the missing comma is a mistake');
  let cursor = before + '    {'.length;
  const keystrokes = ['""', 'a', '', ':', ' ', '1'];
  for (const key of keystrokes) {
    if (key === '') {
      cursor++; // past the closing quote
      continue;
    }
    const result = updateConfigDocument(doc, { start: cursor, end: cursor, newText: key });
    doc = result.doc;
    cursor += key === '""' ? 1 : key.length;
    assertAsFullParse(doc, key);
    assert.equal(result.reparsedNode?.offset, before + 4, `only the new route is parsed again after ${JSON.stringify(key)}`);
  }
  assert.equal(doc.text.slice(before, before + 15), '    {"a": 1}\n  ');
});

test('typing a new route between two routes of a large paths array re-parses only the routes around it', () => {
  // `paths` is past what is re-parsed whole (64 KB). A route typed as an editor sends it (brackets and quotes closed
  // in pairs) before route 350 leaves the JSON broken between two routes until its comma: every keystroke re-parses
  // the stretch from the route at the cursor to the next one (or the new route alone), with the full parse's syntax
  // errors, and the routes before it keep their identity.
  const text = routesConfig(700);
  assert.ok(text.length > 64 * 1024);
  let doc = parseConfigDocument('/gw/api-config.json', text);
  const paths = () => doc.root!.children![1]!.children![1]!;
  const kept = paths().children!.slice(0, 350);
  const at = text.indexOf(routeText(350)) + 4;
  let cursor = at;
  let broken = 0;
  // '→' moves past a closing quote or brace; a pair is inserted with the cursor between.
  const keys = ['{}', ' ', '""', ...'method', '→', ':', ' ', '""', ...'GET', '→', ',', ' ', '""', ...'path', '→', ':', ' ', '""', ...'/new', '→', ' ', '→', ',', '\n', ...'    '];
  for (const key of keys) {
    if (key === '→') {
      cursor++;
      continue;
    }
    const result = updateConfigDocument(doc, { start: cursor, end: cursor, newText: key });
    cursor += key === '{}' || key === '""' ? 1 : key.length;
    doc = result.doc;
    const typed = JSON.stringify(doc.text.slice(at, cursor));
    assertAsFullParse(doc, typed);
    assert.ok(result.reparsedNode && result.reparsedNode !== doc.root, `not a full parse after ${typed}`);
    assert.deepEqual(paths().children!.slice(0, 350), kept, 'the routes before the stretch keep their identity');
    if (doc.syntaxErrors.length > 0) broken++;
  }
  assert.equal(doc.text.slice(at, cursor + 1), '{ "method": "GET", "path": "/new" },\n    {');
  // Broken from the first keystroke up to the comma after the new route; the comma and the line after it are not.
  assert.equal(broken, keys.filter((k) => k !== '→').length - 6);
  assert.equal(paths().children!.length, 701);
});

test('broken edits at and around array elements, chained, give the tree and the mistakes of a full parse', () => {
  // Stray brackets, quotes, commas and comments typed between and inside elements, each edit on the previous
  // result: the stretch of elements parsed again must agree with a full parse whatever the mistakes around it.
  const base = routesConfig(8);
  const edit = fc.record({
    mark: fc.nat(),
    nudge: fc.integer({ min: -3, max: 3 }),
    len: fc.nat(4),
    insert: fc.constantFrom('', '{', '}', '[', ']', ',', ',,', '"', '"x', ' ', '\n', '0', '/*', '*/', '//', '{ "method": "GET" }', '{ "a": ', `${routeText(9)},`),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) =>
      assertEditChain(base, edits, (text, { mark, nudge, len, insert }) => {
        const marks = [...text.matchAll(/[[\]{},]/g)].map((m) => m.index!);
        const start = Math.max(0, Math.min(text.length, marks[mark % marks.length]! + nudge));
        return { start, end: Math.min(text.length, start + len), newText: insert };
      }),
    ),
    { numRuns: 500 },
  );
});

test('a comma typed where one was missing between two routes mends the mistake without a full parse', () => {
  // The mistake sits on the second route's `{`: the stretch parsed again starts one route earlier, where the parser
  // was last just past a comma.
  const text = routesConfig(700).replace(`},\n${routeText(351)}`, `}${routeText(351).trimStart()}`);
  let doc = parseConfigDocument('/gw/api-config.json', text);
  assert.equal(doc.syntaxErrors.length, 1);
  const at = text.indexOf(routeText(351).trimStart());
  const result = updateConfigDocument(doc, { start: at, end: at, newText: ',' });
  doc = result.doc;
  assertAsFullParse(doc);
  assert.deepEqual(doc.parseErrors, []);
  assert.equal(result.reparsedNode?.type, 'array');
});

test('an object whose last character is the file’s closing brace may be unclosed: an edit in it is not spliced alone', () => {
  // Two characters taken out of a minified route leave it running to the end of the file, where a value inside it
  // takes the final `}` and mistakes are reported for it and its parents alike. A later edit that closes it again
  // must not keep those mistakes as if they were all outside it.
  let doc = parseConfigDocument('/gw/api-config.json', JSON.stringify(JSON.parse(routesConfig(8))));
  const at = doc.text.indexOf('"server":"api"', doc.text.indexOf('"/r/1"')) - 2;
  doc = updateConfigDocument(doc, { start: at, end: at + 2, newText: '' }).doc;
  const later = doc.text.indexOf('pi"}},{', doc.text.indexOf('"/r/6"'));
  doc = updateConfigDocument(doc, { start: later, end: later + 5, newText: '' }).doc;
  assertAsFullParse(doc);
});

test('a broken stretch of 30,000 small elements is spliced like a few', () => {
  // The stretch parsed again is at most 64 KB, which holds 30,000 elements `1,`: they replace the old ones by copy.
  const text = `{ "big": [${Array.from({ length: 40_000 }, () => '1').join(',')}], "after": true }\n`;
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const at = text.indexOf('[') + 1;
  const pasted = `${Array.from({ length: 30_000 }, () => '2').join(',')}, x,`;
  const { doc: next, reparsedNode } = updateConfigDocument(doc, { start: at, end: at, newText: pasted });
  assert.equal(reparsedNode?.type, 'array');
  assert.ok(next.syntaxErrors.length > 0);
  assertAsFullParse(next);
});

test('an array that runs to the end of the file is not spliced even when its last character is a `]`', () => {
  // `[ [1, 2 ]`: the inner array took the last `]`, the outer one is unclosed. Closing the inner one earlier closes
  // the outer one too: its mistake at the end of the file must go, which only a full parse sees.
  const text = '{"p": [ [1, 2 ]';
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const at = text.indexOf(', 2');
  const { doc: next } = updateConfigDocument(doc, { start: at, end: at + 2, newText: '], ' });
  assert.equal(next.text, '{"p": [ [1], 2 ]');
  assertAsFullParse(next);
});

/** A tree holding `${marker}-in-tree`, edited in place, then let go; only what it made can hold the text. */
function editAndDrop(marker: string): void {
  const text = config.replace('"/items/3"', `"/items/3", "note": "${marker}-in-tree"`);
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const at = text.indexOf('/items/5') + 1;
  assert.ok(updateConfigDocument(doc, { start: at, end: at, newText: 'x' }).reparsedNode, 'an in-place edit');
}

test('a tree edited in place and then replaced is not kept alive by the edit log (old trees of a large config ran the server out of memory)', async () => {
  // Longer than the parser interns (a short value would stay in its table of strings, not in a tree).
  const marker = `old-tree-marker-${process.pid}-${'x'.repeat(40)}`;
  editAndDrop(marker);
  // The next text comes as a whole (a full parse: a new tree), and is edited in place in its turn.
  const next = parseConfigDocument('/gw/api-config.json', config);
  const nextAt = config.indexOf('/items/7') + 1;
  const kept = updateConfigDocument(next, { start: nextAt, end: nextAt, newText: 'y' });
  assert.ok(kept.reparsedNode);
  // A WeakRef holds its target until the job that made it ends, as between two messages of the server.
  await new Promise((resolve) => setImmediate(resolve));
  const snapshot = heapSnapshotText();
  assert.equal(kept.doc.root?.type, 'object', 'the current tree is alive during the snapshot');
  assert.equal(snapshot.includes(`${marker}-in-tree`), false, 'the replaced tree is still on the heap');
});

test('an edit that nests values past the depth a full parse reads makes the file unreadable, as a full parse of the text does', () => {
  const doc = parseConfigDocument('/gw/api-config.json', config);
  const at = config.indexOf('"/items/4"');
  const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
  const { doc: next } = updateConfigDocument(doc, { start: at, end: at + '"/items/4"'.length, newText: deep });
  const full = parseConfigDocument('/gw/api-config.json', next.text);
  assert.match(full.unreadable ?? '', /nested \d+ levels deep/);
  assert.equal(next.unreadable, full.unreadable);
  assert.equal(next.root, undefined);
});
