// Edit stamps of JSON tree nodes: updateConfigDocument splices a re-parsed node into the old tree, so every
// ancestor of the splice keeps its identity while its text changed. Each of them gets a new stamp; a node with
// the same identity and stamp as before has the same text inside it, which is what per-route caches rely on.
import type { Node as JsonNode } from 'jsonc-parser';

const stamps = new WeakMap<JsonNode, number>();
let counter = 0;

/** 0 for a node never edited in place; otherwise a number that changes on every in-place edit below it. */
export function editStamp(node: JsonNode): number {
  return stamps.get(node) ?? 0;
}

/** Mark `node` and all its ancestors as changed inside. */
export function markEditedUpwards(node: JsonNode | undefined): void {
  const stamp = ++counter;
  for (let n = node; n; n = n.parent) stamps.set(n, stamp);
}
