// SAG511 (upstream only): a parameter route shadowed by a literal-prefix wildcard of the same depth (SPEC C.3, D 5xx).
// Upstream ranks "exact" first, and a literal-prefix wildcard is exact at its own depth while any `{param}` route is not.

import type { RouteLike } from './route';
import { WILDCARD_SEGMENT } from './segments';
import { syntheticRequestFor, winnerOn } from './synthetic';
import { isUpstreamParam } from './upstream';

/**
 * How much of `paramRoute` the wildcard route steals under upstream precedence:
 * `full` when the param route is exactly `L/{name}` (never served), `partial` when it has params facing L's literals
 * (served only for requests that differ from L), null when they never compete or the wildcard does not win.
 */
export function upstreamWildcardShadow(paramRoute: RouteLike, wildcardRoute: RouteLike): 'full' | 'partial' | null {
  if (wildcardRoute.method !== paramRoute.method && wildcardRoute.method !== 'ANY') return null;
  const w = wildcardRoute.path.split('/');
  const p = paramRoute.path.split('/');
  if (w[w.length - 1] !== WILDCARD_SEGMENT || p.length !== w.length) return null;
  const prefix = w.slice(0, -1);
  if (prefix.some((s) => s === WILDCARD_SEGMENT || isUpstreamParam(s))) return null; // the wildcard is not exact then
  if (!p.some(isUpstreamParam) || p.includes(WILDCARD_SEGMENT)) return null; // a param-free route is exact itself
  const request = syntheticRequestFor(paramRoute.path, wildcardRoute.path, { runtime: 'upstream', depth: p.length });
  if (request === null) return null;
  const method = paramRoute.method === 'ANY' ? 'GET' : paramRoute.method;
  if (winnerOn(paramRoute, wildcardRoute, method, request, 'upstream') !== 'b') return null;
  const full = isUpstreamParam(p[p.length - 1]) && prefix.every((s, i) => p[i] === s);
  return full ? 'full' : 'partial';
}
