// Pairwise precedence helpers for the routing diagnostics (SAG502/SAG504/SAG511): a request two patterns both match,
// and who wins it under a given runtime. Pure and generic; the rule pairs candidates with a trie to stay sub-quadratic.

import { compareSpecificity, bundledMethodRank, matchBundled } from './bundled';
import type { RouteLike, RoutingRuntime } from './route';
import { parsePattern, WILDCARD_SEGMENT } from './segments';
import { compareUpstreamCandidates, isUpstreamParam, matchUpstream } from './upstream';

/** What one request segment must be: a fixed text, or anything (`nonEmpty` for bundled params). */
type SegmentConstraint = { readonly literal: string } | { readonly any: true; readonly nonEmpty: boolean };

interface PatternConstraints {
  readonly positions: readonly SegmentConstraint[];
  /** A tail wildcard: any number (zero or more) of extra segments after `positions`. */
  readonly open: boolean;
}

export interface SyntheticRequestOptions {
  readonly runtime?: RoutingRuntime;
  /** Text used where both patterns accept any segment. Default `x`. */
  readonly filler?: string;
  /** Force this many segments (in the runtime's own counting); default the smallest depth both accept. */
  readonly depth?: number;
}

/**
 * A request path that both patterns match under the runtime, or null when no such request exists (at that depth).
 * Upstream counting includes the leading empty segment (`/a` is 2 segments); bundled counting does not (`/a` is 1).
 */
export function syntheticRequestFor(patternA: string, patternB: string, options: SyntheticRequestOptions = {}): string | null {
  const runtime = options.runtime ?? 'bundled';
  const filler = options.filler ?? 'x';
  const a = constraintsOf(patternA, runtime);
  const b = constraintsOf(patternB, runtime);
  if (!a || !b) return null;
  const depth = options.depth ?? commonDepth(a, b);
  if (depth === null || !acceptsDepth(a, depth) || !acceptsDepth(b, depth)) return null;

  const segments: string[] = [];
  for (let i = 0; i < depth; i++) {
    const merged = intersect(constraintAt(a, i), constraintAt(b, i), filler);
    if (merged === null) return null;
    segments.push(merged);
  }
  const path = runtime === 'upstream' ? segments.join('/') : '/' + segments.join('/');
  if (!path.startsWith('/')) return null; // request paths always start with `/`; such a pattern never matches
  // The constraint model is a simplification; the matchers are the truth.
  return matches(patternA, path, runtime) && matches(patternB, path, runtime) ? path : null;
}

export interface PrecedenceVerdict {
  /** The request (method and path) on which the two routes compete. */
  readonly method: string;
  readonly path: string;
  /** Which route serves it when only these two exist; `tie` means declaration order decides. */
  readonly winner: 'a' | 'b' | 'tie';
}

/**
 * Who wins between two routes on a synthetic request both match, or null when they never compete (different
 * methods, or no common request). `tie` is the SAG502/SAG504 condition: only declaration order decides.
 */
export function comparePrecedence(
  a: RouteLike,
  b: RouteLike,
  runtime: RoutingRuntime,
  options: Omit<SyntheticRequestOptions, 'runtime'> = {},
): PrecedenceVerdict | null {
  const method = competingMethod(a.method, b.method);
  if (method === null) return null;
  const path = syntheticRequestFor(a.path, b.path, { ...options, runtime });
  if (path === null) return null;
  return { method, path, winner: winnerOn(a, b, method, path, runtime) };
}

/** The request method on which two routes compete: the shared one, the non-`ANY` one, or GET for ANY vs ANY. */
export function competingMethod(a: string, b: string): string | null {
  if (a === b) return a === 'ANY' ? 'GET' : a;
  if (a === 'ANY') return b;
  if (b === 'ANY') return a;
  return null;
}

/** Winner between two routes on a given request that both match (caller guarantees both match and accept the method). */
export function winnerOn(a: RouteLike, b: RouteLike, method: string, path: string, runtime: RoutingRuntime): 'a' | 'b' | 'tie' {
  let order: number;
  if (runtime === 'upstream') {
    order = compareUpstreamCandidates(
      { route: a, match: matchUpstream(a.path, path) },
      { route: b, match: matchUpstream(b.path, path) },
      method,
    );
  } else {
    const ma = matchBundled(a.path, path);
    const mb = matchBundled(b.path, path);
    if (!ma || !mb) return ma ? 'a' : mb ? 'b' : 'tie';
    order =
      compareSpecificity(ma.specificity, mb.specificity) ||
      (bundledMethodRank(a.method, method) ?? 2) - (bundledMethodRank(b.method, method) ?? 2);
  }
  return order < 0 ? 'a' : order > 0 ? 'b' : 'tie';
}

function matches(pattern: string, path: string, runtime: RoutingRuntime): boolean {
  return runtime === 'upstream' ? matchUpstream(pattern, path).matched : matchBundled(pattern, path) !== null;
}

function constraintsOf(pattern: string, runtime: RoutingRuntime): PatternConstraints | null {
  if (runtime === 'upstream') {
    const parts = pattern.split('/');
    const open = parts[parts.length - 1] === WILDCARD_SEGMENT;
    const fixed = open ? parts.slice(0, -1) : parts;
    const stop = fixed.indexOf(WILDCARD_SEGMENT); // a middle `{.+}` stops comparison: the rest is unconstrained
    const positions = fixed.map((text, i): SegmentConstraint =>
      (stop >= 0 && i >= stop) || isUpstreamParam(text) ? { any: true, nonEmpty: false } : { literal: text },
    );
    return { positions, open };
  }
  if (!pattern.startsWith('/')) return null;
  const segments = parsePattern(pattern);
  const open = segments[segments.length - 1].kind === 'wildcard';
  const fixed = open ? segments.slice(0, -1) : segments;
  const positions = fixed.map((s): SegmentConstraint => (s.kind === 'param' ? { any: true, nonEmpty: true } : { literal: s.text }));
  return { positions, open };
}

function commonDepth(a: PatternConstraints, b: PatternConstraints): number | null {
  const la = a.positions.length;
  const lb = b.positions.length;
  if (!a.open && !b.open) return la === lb ? la : null;
  if (a.open && b.open) return Math.max(la, lb);
  return a.open ? (lb >= la ? lb : null) : la >= lb ? la : null;
}

function acceptsDepth(c: PatternConstraints, depth: number): boolean {
  return c.open ? depth >= c.positions.length : depth === c.positions.length;
}

function constraintAt(c: PatternConstraints, i: number): SegmentConstraint {
  return i < c.positions.length ? c.positions[i] : { any: true, nonEmpty: false };
}

function intersect(x: SegmentConstraint, y: SegmentConstraint, filler: string): string | null {
  if ('literal' in x) {
    if ('literal' in y) return x.literal === y.literal ? x.literal : null;
    return y.nonEmpty && x.literal === '' ? null : x.literal;
  }
  if ('literal' in y) return x.nonEmpty && y.literal === '' ? null : y.literal;
  return filler;
}
