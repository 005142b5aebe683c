// Route matching and precedence of the upstream gateway, exactly as SPEC C.3 describes it (used for SAG5xx under `upstream`).
// Upstream splits the whole path on `/`, so the leading empty segment is a segment and counts in `matchedCount`.

import type { RouteLike } from './route';
import { WILDCARD_SEGMENT } from './segments';

export interface UpstreamMatch {
  readonly matched: boolean;
  /** C.3 "exact": no `{param}` met before the end or the wildcard, and pattern and request have the same segment count. */
  readonly exact: boolean;
  /** Non-wildcard: the segment count. Tail wildcard: min(pattern segments, request segments). */
  readonly matchedCount: number;
  /** The pattern ends in `{.+}` (a `{.+}` elsewhere does not make a wildcard route; it only stops comparison). */
  readonly wildcard: boolean;
  /** `{name}` captures, raw (upstream never percent-decodes). A repeated name keeps the last value. */
  readonly params: Readonly<Record<string, string>>;
}

export interface UpstreamCandidate<R extends RouteLike = RouteLike> {
  readonly index: number;
  readonly route: R;
  readonly match: UpstreamMatch;
}

/** Match one pattern against a request `URL.pathname` the way upstream does (C.3, A.7). */
export function matchUpstream(pattern: string, requestPath: string): UpstreamMatch {
  const configSegments = pattern.split('/');
  const requestSegments = requestPath.split('/');
  const wildcard = configSegments[configSegments.length - 1] === WILDCARD_SEGMENT;
  const noMatch: UpstreamMatch = { matched: false, exact: false, matchedCount: 0, wildcard, params: {} };
  if (!wildcard && configSegments.length !== requestSegments.length) return noMatch;

  const params: Record<string, string> = {};
  let sawParam = false;
  for (let i = 0; i < configSegments.length; i++) {
    const segment = configSegments[i];
    // Any `{.+}` ends the comparison: at the tail that is the catch-all, in the middle it is the surprising early stop.
    if (segment === WILDCARD_SEGMENT) break;
    // Only a tail wildcard route can meet a shorter request; a param or literal then has nothing to match.
    if (i >= requestSegments.length) return noMatch;
    const actual = requestSegments[i];
    if (isUpstreamParam(segment)) {
      params[segment.slice(1, -1)] = actual;
      sawParam = true;
      continue;
    }
    if (segment !== actual) return noMatch;
  }
  return {
    matched: true,
    exact: !sawParam && configSegments.length === requestSegments.length,
    matchedCount: wildcard ? Math.min(configSegments.length, requestSegments.length) : configSegments.length,
    wildcard,
    params,
  };
}

/** Upstream's parameter test: any segment that starts with `{` and ends with `}` (so `{}` and `{proxy+}` too). */
export function isUpstreamParam(segment: string): boolean {
  return segment.length >= 2 && segment.startsWith('{') && segment.endsWith('}');
}

/** Upstream method test: exact string compare, or the route is `ANY` (so `HEAD` reaches only `ANY` routes). */
export function upstreamMethodAccepts(routeMethod: string, requestMethod: string): boolean {
  return routeMethod === requestMethod || routeMethod === 'ANY';
}

/**
 * The C.3 sort key comparison WITHOUT declaration order: negative when `a` wins, positive when `b` wins,
 * 0 when only declaration order would decide (the SAG504 / SAG502 ambiguity).
 */
export function compareUpstreamCandidates(
  a: { readonly route: RouteLike; readonly match: UpstreamMatch },
  b: { readonly route: RouteLike; readonly match: UpstreamMatch },
  requestMethod: string,
): number {
  if (a.match.exact !== b.match.exact) return a.match.exact ? -1 : 1;
  if (a.match.matchedCount !== b.match.matchedCount) return b.match.matchedCount - a.match.matchedCount;
  if (a.match.wildcard !== b.match.wildcard) return a.match.wildcard ? 1 : -1;
  const aEqual = a.route.method === requestMethod;
  const bEqual = b.route.method === requestMethod;
  if (aEqual !== bEqual) return aEqual ? -1 : 1;
  return 0;
}

/** Every route that matches, best first, as upstream sorts them (stable: declaration order breaks ties). */
export function rankRoutesUpstream<R extends RouteLike>(
  routes: readonly R[],
  requestMethod: string,
  requestPath: string,
): UpstreamCandidate<R>[] {
  const candidates: UpstreamCandidate<R>[] = [];
  routes.forEach((route, index) => {
    if (typeof route.path !== 'string' || !upstreamMethodAccepts(route.method, requestMethod)) return;
    const match = matchUpstream(route.path, requestPath);
    if (match.matched) candidates.push({ index, route, match });
  });
  return candidates.sort((a, b) => compareUpstreamCandidates(a, b, requestMethod) || a.index - b.index);
}

/** The route upstream serves for this request, or null (404 "No match found."). */
export function selectRouteUpstream<R extends RouteLike>(
  routes: readonly R[],
  requestMethod: string,
  requestPath: string,
): UpstreamCandidate<R> | null {
  return rankRoutesUpstream(routes, requestMethod, requestPath)[0] ?? null;
}
