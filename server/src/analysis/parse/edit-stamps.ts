// Edit stamps of JSON tree nodes: updateConfigDocument splices a re-parsed node into the old tree, so every
// ancestor of the splice keeps its identity while its text changed. Each of them gets a new stamp; a node with
// the same identity and stamp as before has the same text inside it, which is what per-route caches rely on.
import type { Node as JsonNode } from 'jsonc-parser';

const stamps = new WeakMap<JsonNode, number>();
let counter = 0;
/**
 * Recent stamps in order, so "what was edited since stamp N" needs no lookup per node (bounded). Weakly: a node
 * holds its whole tree through `parent`, and after full re-parses the entries held up to 4,096 old trees of a large
 * config alive (a server editing a 3,000-route config ran out of memory).
 */
const log: { node: WeakRef<JsonNode>; stamp: number }[] = [];
const MAX_LOG = 4096;

/** 0 for a node never edited in place; otherwise a number that changes on every in-place edit below it. */
export function editStamp(node: JsonNode): number {
  return stamps.get(node) ?? 0;
}

/** Mark `node` and all its ancestors as changed inside. */
export function markEditedUpwards(node: JsonNode | undefined): void {
  const stamp = ++counter;
  for (let n = node; n; n = n.parent) {
    stamps.set(n, stamp);
    log.push({ node: new WeakRef(n), stamp });
  }
  if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
}

/** The current stamp counter: pass it to editedSince later. */
export function currentStamp(): number {
  return counter;
}

/** Nodes edited in place after `stamp` was current, or undefined when that is too long ago to tell. */
export function editedSince(stamp: number): Set<JsonNode> | undefined {
  const out = new Set<JsonNode>();
  if (stamp >= counter) return out;
  if (log.length === 0 || log[0]!.stamp > stamp + 1) return undefined;
  for (let i = log.length - 1; i >= 0 && log[i]!.stamp > stamp; i--) {
    // A node collected since: nothing holds it, so nothing can ask about it.
    const node = log[i]!.node.deref();
    if (node) out.add(node);
  }
  return out;
}
