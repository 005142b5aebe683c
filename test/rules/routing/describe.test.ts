// The routing rules' own JSON-pointer builder must agree with config-document's `pointerOf` (it only finds array
// indexes faster), including keys that need RFC 6901 escapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigDocument, pointerOf as referencePointerOf, type JsonNode } from '../../../server/src/analysis/parse/config-document';
import { pointerOf } from '../../../server/src/analysis/rules/routing/describe';

test('pointerOf equals the reference for every node of a config with escapes, arrays and nesting', () => {
  const text = JSON.stringify({ 'a/b': { '~x': [1, { y: [true, null, 'z'] }] }, paths: [{ method: 'GET', path: '/p' }, { method: 'ANY', path: '/{.+}' }], '': 0 });
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const nodes: JsonNode[] = [];
  const visit = (node: JsonNode): void => {
    if (node.type !== 'property') nodes.push(node);
    for (const child of node.children ?? []) if (!(node.type === 'property' && child === node.children![0])) visit(child);
  };
  visit(doc.root!);
  assert.ok(nodes.length > 15);
  for (const node of nodes) assert.equal(pointerOf(node), referencePointerOf(node));
});
