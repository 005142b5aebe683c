// movedFrom (rules/schema/config-view.ts): where a route's node was before an edit that inserted, removed or moved
// routes, looked for only where such an edit can have put it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonNode } from '../../../server/src/analysis/parse/config-document';
import { movedFrom } from '../../../server/src/analysis/rules/schema/config-view';

const nodes = Array.from({ length: 10 }, (_, i) => ({ type: 'object', offset: i, length: 1 }) as JsonNode);
const before = (list: JsonNode[]) => (j: number) => list[j];

test('routes inserted or removed before it: found by the change in their number', () => {
  // Three routes inserted at the top: the route that was at 2 is now at 5.
  assert.equal(movedFrom(before(nodes), nodes[2]!, 5, 3), 2);
  // Two removed: the route that was at 7 is now at 5.
  assert.equal(movedFrom(before(nodes), nodes[7]!, 5, -2), 7);
});

test('a route moved across it: found one place away', () => {
  assert.equal(movedFrom(before(nodes), nodes[4]!, 5, 0), 4);
  assert.equal(movedFrom(before(nodes), nodes[6]!, 5, 0), 6);
  assert.equal(movedFrom(before(nodes), nodes[0]!, 0, 0), undefined, 'not at its own place: that is no move');
});

test('anywhere else, or a new node: not looked for', () => {
  assert.equal(movedFrom(before(nodes), nodes[9]!, 5, 0), undefined);
  assert.equal(movedFrom(before(nodes), { type: 'object', offset: 0, length: 1 } as JsonNode, 5, 1), undefined);
  assert.equal(movedFrom(before(nodes), nodes[3]!, 0, 2), undefined, 'no index below 0');
});
