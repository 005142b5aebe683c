// Reference route selection of the bundled gateway (SPEC E.2, E.8): obviously correct and O(routes); the runtime's trie is
// property-tested against it, and the language server uses it for SAG5xx under `bundled`.

import type { RouteLike } from './route';
import { normalisePercentEncoding, parsePattern, splitPath } from './segments';

/** Per-position specificity of a match: 0 literal, 1 `{param}`, 2 `{.+}` (always last). Lower is more specific. */
export type SpecificityVector = readonly number[];

export interface BundledPathMatch {
  /** `{name}` captures, percent-decoded; a segment that fails to decode is kept raw (the route still matches). */
  readonly params: Readonly<Record<string, string>>;
  /** Segments the tail `{.+}` consumed (possibly none, possibly empty strings); null when the pattern has no wildcard. */
  readonly wildcardSegments: readonly string[] | null;
  readonly specificity: SpecificityVector;
}

export type BundledSelection =
  | {
      readonly kind: 'match';
      readonly index: number;
      readonly params: Readonly<Record<string, string>>;
      readonly wildcardSegments: readonly string[] | null;
      /** The request was HEAD and was served by a GET route (E.2): the runtime drops the body. */
      readonly viaGetFallback: boolean;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

const LITERAL = 0;
const PARAM = 1;
const WILDCARD = 2;

/** Canonical order of the `Allow` header; unknown methods never appear (they cannot match, see below). */
const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Match one pattern against a request path. Patterns and requests without a leading `/` never match. Malformed
 * segments (`{id`, `{}`, a non-final `{.+}`) compare literally: the bundled runtime gives them no special meaning.
 * Literals compare case-sensitively after normalisePercentEncoding of both (`%61` is `a`, `%2f` is `%2F`); beyond
 * that the request path is not decoded, only captured values are.
 */
export function matchBundled(pattern: string, requestPath: string): BundledPathMatch | null {
  if (!pattern.startsWith('/') || !requestPath.startsWith('/')) return null;
  const segments = parsePattern(normalisePercentEncoding(pattern));
  const request = splitPath(normalisePercentEncoding(requestPath));
  const params: Record<string, string> = {};
  const specificity: number[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'wildcard') {
      specificity.push(WILDCARD);
      return { params, wildcardSegments: request.slice(i), specificity };
    }
    if (i >= request.length) return null;
    const actual = request[i];
    if (segment.kind === 'param') {
      if (actual === '') return null;
      params[segment.name as string] = decodeSegment(actual);
      specificity.push(PARAM);
    } else {
      if (segment.text !== actual) return null;
      specificity.push(LITERAL);
    }
  }
  return segments.length === request.length ? { params, wildcardSegments: null, specificity } : null;
}

/**
 * Left-to-right comparison: literal beats param beats wildcard at the first differing position. When one vector is a
 * prefix of the other (only possible as "route ended" vs "wildcard consumed nothing"), the ended route wins.
 * Negative when `a` is more specific, 0 when equally specific.
 */
export function compareSpecificity(a: SpecificityVector, b: SpecificityVector): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** 0 when the route's method is the request method, 1 for `ANY`, null when it does not accept it. */
export function bundledMethodRank(routeMethod: string, requestMethod: string): 0 | 1 | null {
  if (routeMethod === requestMethod) return 0;
  if (routeMethod === 'ANY') return 1;
  return null;
}

interface Matched {
  readonly index: number;
  readonly method: string;
  readonly match: BundledPathMatch;
}

/**
 * E.2 selection: among path-matching routes that accept the method, the most specific shape wins (so a less
 * specific shape is reached only when the more specific ones lack the method), then exact method over `ANY`,
 * then declaration order. `HEAD` with no HEAD/`ANY` route falls back to GET routes. A path matched only by
 * routes of other methods gives `method-not-allowed` with the `Allow` list.
 */
export function selectRouteBundled(routes: readonly RouteLike[], requestMethod: string, requestPath: string): BundledSelection {
  const matched: Matched[] = [];
  routes.forEach((route, index) => {
    if (typeof route.path !== 'string' || typeof route.method !== 'string') return;
    const match = matchBundled(route.path, requestPath);
    if (match) matched.push({ index, method: route.method, match });
  });
  if (matched.length === 0) return { kind: 'none' };

  const direct = bestForMethod(matched, requestMethod);
  if (direct) return toSelection(direct, false);
  if (requestMethod === 'HEAD') {
    const viaGet = bestForMethod(matched, 'GET');
    if (viaGet) return toSelection(viaGet, true);
  }

  const allow = allowList(matched.map((m) => m.method));
  return allow.length === 0 ? { kind: 'none' } : { kind: 'method-not-allowed', allow };
}

/** The `Allow` header values for routes of these methods: only real methods, HEAD added wherever GET is. */
export function allowList(methods: readonly string[]): string[] {
  const present = new Set(methods);
  if (present.has('GET')) present.add('HEAD');
  return ALLOW_ORDER.filter((m) => present.has(m));
}

function bestForMethod(matched: readonly Matched[], requestMethod: string): Matched | null {
  let best: Matched | null = null;
  let bestRank = 0;
  for (const candidate of matched) {
    const rank = bundledMethodRank(candidate.method, requestMethod);
    if (rank === null) continue;
    if (best === null) {
      best = candidate;
      bestRank = rank;
      continue;
    }
    const byShape = compareSpecificity(candidate.match.specificity, best.match.specificity);
    // `matched` is in declaration order, so on a full tie the earlier route (already `best`) stays.
    if (byShape < 0 || (byShape === 0 && rank < bestRank)) {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}

function toSelection(m: Matched, viaGetFallback: boolean): BundledSelection {
  return { kind: 'match', index: m.index, params: m.match.params, wildcardSegments: m.match.wildcardSegments, viaGetFallback };
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
