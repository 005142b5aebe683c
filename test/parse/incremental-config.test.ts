import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { applyChange, updateConfigDocument } from '../../server/src/analysis/parse/incremental-config';

function strip(n: Node | undefined): unknown {
  if (!n) return undefined;
  return { type: n.type, offset: n.offset, length: n.length, value: n.value, colonOffset: n.colonOffset, children: n.children?.map(strip) };
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
      assert.equal(next.syntaxErrors.length, full.syntaxErrors.length);
    }),
    { numRuns: 400 },
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
