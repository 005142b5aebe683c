// Candidate route pairs for SAG504, found by a self-join of the route trie: two cursors walk it together, pairing
// literal with equal literal, literal with parameter and parameter with parameter. Only pairs that can tie under
// SPEC C.3 are emitted; the caller confirms each one with the shared precedence function.
import type { RouteTrie, TrieNode, TrieRoute } from './route-trie';
import { childrenOf } from './route-trie';

export interface CandidatePair {
  a: TrieRoute;
  b: TrieRoute;
  /** `same-depth`: both end at the same depth; `wildcard-offset`: wildcard prefixes of lengths k and k+1. */
  kind: 'same-depth' | 'wildcard-offset';
}

export interface JoinBudget {
  /** Node pairs the walk may visit before it gives up. */
  maxVisits: number;
  /** Candidate pairs it may emit before it gives up. */
  maxPairs: number;
}

export const DEFAULT_JOIN_BUDGET: JoinBudget = { maxVisits: 400_000, maxPairs: 10_000 };

/** How much of a join budget a walk used. */
export interface JoinCount {
  visits: number;
  pairs: number;
}

/**
 * Pairs of routes of the same method whose patterns accept a common request and differ in shape.
 * Same-shape pairs (one trie node) are SAG501/SAG502's and are never emitted. Returns `complete: false` when a
 * budget ran out (the result is then a prefix of the full answer).
 */
export function candidatePairs(trie: RouteTrie, budget: JoinBudget = DEFAULT_JOIN_BUDGET): { pairs: CandidatePair[]; complete: boolean } {
  const pairs: CandidatePair[] = [];
  const count: JoinCount = { visits: 0, pairs: 0 };
  for (const root of trie.byMethod.values()) {
    if (!joinMethod(root, budget, count, pairs)) return { pairs, complete: false };
  }
  return { pairs, complete: true };
}

/**
 * The self-join of one method's subtree (pairs never cross methods), appending to `out` and counting into `count`
 * against the whole join's budget; false when the budget ran out.
 */
export function joinMethod(root: TrieNode, budget: JoinBudget, count: JoinCount, out: CandidatePair[]): boolean {
  const stack = PAIR_STACK;
  stack.size = 0;
  stack.push(root, root, true);
  try {
    while (stack.size > 0) {
      if (++count.visits > budget.maxVisits || count.pairs > budget.maxPairs) return false;
      const top = --stack.size;
      const x = stack.xs[top]!;
      const y = stack.ys[top]!;
      const same = stack.sames[top]!;
      const before = out.length;
      emitPairs(x, y, same, out);
      count.pairs += out.length - before;
      pushChildren(x, y, same, stack);
    }
    return true;
  } finally {
    stack.release();
  }
}

/**
 * The node pairs still to visit, in three parallel arrays rather than one [x, y, same] array each: the join of a
 * method runs on every edit of one of its routes and visits thousands of pairs (~450 KB of garbage per edit).
 * One stack for every join (joins never nest): V8's optimized code for push, pushChildren and joinMethod holds on to
 * the stack it was compiled with, and each full collection that frees that stack throws the code away (the language
 * server collects every few edits; the next edits then joined unoptimized).
 */
class PairStack {
  readonly xs: TrieNode[] = [];
  readonly ys: TrieNode[] = [];
  readonly sames: boolean[] = [];
  size = 0;
  /** The most slots in use since the last release (what release clears). */
  private used = 0;

  push(x: TrieNode, y: TrieNode, same: boolean): void {
    this.xs[this.size] = x;
    this.ys[this.size] = y;
    this.sames[this.size] = same;
    this.size++;
    if (this.size > this.used) this.used = this.size;
  }

  /** Empty, holding no trie node (a trie is megabytes; the stack lives as long as the server). */
  release(): void {
    this.xs.fill(undefined as unknown as TrieNode, 0, this.used);
    this.ys.fill(undefined as unknown as TrieNode, 0, this.used);
    this.size = 0;
    this.used = 0;
  }
}

const PAIR_STACK = new PairStack();

function emitPairs(x: TrieNode, y: TrieNode, same: boolean, out: CandidatePair[]): void {
  if (!same) {
    // Non-wildcard routes of one depth tie when both are non-exact (have a parameter): exact ones are all-literal,
    // and two all-literal patterns that meet are the same text (SAG501).
    for (const a of x.ends) if (a.hasParam) for (const b of y.ends) if (b.hasParam) out.push({ a, b, kind: 'same-depth' });
    // Wildcards with equally long, compatible prefixes: tie whenever neither is exact for the request.
    for (const a of x.tails) for (const b of y.tails) out.push({ a, b, kind: 'same-depth' });
  }
  // `P/{.+}` (P non-literal) against `Q/s/{.+}` (Q compatible with P) on the request `Q/s`: both non-exact, same count.
  offsetWildcards(x, y, out);
  if (!same) offsetWildcards(y, x, out);
}

function offsetWildcards(shorter: TrieNode, longer: TrieNode, out: CandidatePair[]): void {
  if (shorter.tails.length === 0) return;
  const withParam = shorter.tails.filter((t) => t.hasParam);
  if (withParam.length === 0) return;
  for (const child of childrenOf(longer)) for (const b of child.tails) for (const a of withParam) out.push({ a, b, kind: 'wildcard-offset' });
}

function pushChildren(x: TrieNode, y: TrieNode, same: boolean, stack: PairStack): void {
  if (same) {
    if (x.literal) for (const child of x.literal.values()) stack.push(child, child, true);
    if (x.param) {
      stack.push(x.param, x.param, true);
      if (x.literal) for (const child of x.literal.values()) stack.push(child, x.param, false);
    }
    return;
  }
  if (x.literal) {
    // forEach: a for-of over the map's entries makes an array per entry.
    x.literal.forEach((child, text) => {
      const twin = y.literal?.get(text);
      if (twin) stack.push(child, twin, false);
      if (y.param) stack.push(child, y.param, false);
    });
  }
  if (x.param) {
    if (y.literal) for (const child of y.literal.values()) stack.push(x.param, child, false);
    if (y.param) stack.push(x.param, y.param, false);
  }
}
