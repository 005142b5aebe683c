// One entry point over both precedence models, for callers that hold a RoutingRuntime (the language server, SAG5xx).

import { selectRouteBundled, type BundledSelection } from './bundled';
import type { RouteLike, RoutingRuntime } from './route';
import { selectRouteUpstream } from './upstream';

/** Upstream never answers 405 or falls back from HEAD, so its results use only the `match` and `none` kinds. */
export type RouteSelection = BundledSelection;

export function selectRoute(routes: readonly RouteLike[], method: string, path: string, runtime: RoutingRuntime): RouteSelection {
  if (runtime === 'bundled') return selectRouteBundled(routes, method, path);
  const winner = selectRouteUpstream(routes, method, path);
  if (!winner) return { kind: 'none' };
  return { kind: 'match', index: winner.index, params: winner.match.params, wildcardSegments: null, viaGetFallback: false };
}
