// SAG511 (upstream only): a `{param}` route shadowed by a literal-prefix wildcard of the same depth (SPEC C.3, D).
// For each `L/{.+}` with all-literal L, the trie is walked along L (literal or parameter branch per segment) to the
// routes of depth |L|+1; each candidate is confirmed with the shared upstream precedence on a synthetic request.
import { comparePrecedence } from 'serverless-api-gateway-runtime/routing';
import type { RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import type { TrieNode, TrieRoute } from './route-trie';
import { childrenOf, trieShapeOf } from './route-trie';
import { routeLabel, type RouteEntry } from './route-table';
import type { RoutingState } from './routing-state';

/** Frontier nodes one wildcard may explore (2^|L| in theory; real tries are far narrower). */
const MAX_FRONTIER = 2_000;

interface Shadow {
  target: RouteEntry;
  wildcard: RouteEntry;
  full: boolean;
  request: string;
}

interface ShadowVerdicts {
  shadows: Shadow[];
  /** The largest frontier a wildcard walk met: a few changed routes cannot push it over MAX_FRONTIER. */
  widestFrontier: number;
}

export function checkWildcardShadowing(ctx: RuleContext, state: RoutingState): void {
  const { config, reports } = state;
  const previous = state.previous?.get('SAG511') as ShadowVerdicts | undefined;
  const verdicts = previous && stillHolds(previous, state) ? previous : shadowVerdicts(state);
  state.kept.set('SAG511', verdicts);
  for (const { target, wildcard, full, request } of verdicts.shadows) {
    ctx.report(
      reports.report(target, full ? 'SAG511:full' : 'SAG511', [wildcard], () => ({
        code: 'SAG511',
        severity: full ? 'error' : 'warning',
        ...anchorOn(config, target.pathNode!),
        file: config.file,
        message: full
          ? `\`${routeLabel(target)}\` is never served: ${routeAt(config, wildcard)} is an exact match for every request of this depth (e.g. \`${request}\`) and wins over any \`{param}\` route; ` +
            `make the last segment literal, move the wildcard one level deeper, or delete this route`
          : `\`${routeLabel(target)}\` loses some requests to ${routeAt(config, wildcard)}: where its \`{param}\` segments equal the wildcard's literal prefix (e.g. \`${request}\`), the wildcard is an exact match and wins; ` +
            `make those segments literal, or move the wildcard one level deeper`,
        related: [relatedRoute(config, wildcard, `wildcard route that takes \`${request}\``)],
      })),
    );
  }
}

/**
 * The last analysis' shadows are this one's when no route the edit replaced (old or new) is a literal-prefix
 * wildcard or a `{param}` route (the only two kinds a shadow involves), and no walk came near the frontier cap.
 */
function stillHolds(previous: ShadowVerdicts, state: RoutingState): boolean {
  if (!state.changed) return false;
  if (previous.widestFrontier + state.changed.length > MAX_FRONTIER) return false;
  for (const route of state.changed) {
    const shape = trieShapeOf(route, state.trie.runtime);
    if (shape && shape.wildcard !== shape.hasParam) return false;
  }
  return true;
}

function shadowVerdicts(state: RoutingState): ShadowVerdicts {
  const trie = state.trie;
  const walk = { widest: 0 };
  // One finding per shadowed route: a full shadow beats a partial one, then the earliest wildcard.
  const worst = new Map<number, { target: TrieRoute; wildcard: TrieRoute; full: boolean; request: string }>();
  for (const wildcard of trie.routes) {
    if (!wildcard.wildcard || wildcard.hasParam) continue;
    const method = wildcard.route.method!;
    const roots = method === 'ANY' ? [...trie.byMethod.values()] : [trie.byMethod.get(method)].filter((n): n is TrieNode => n !== undefined);
    for (const root of roots) {
      for (const { target, full } of shadowedBy(wildcard, root, walk)) {
        const known = worst.get(target.route.index);
        if (known && (known.full || !full)) continue;
        const verdict = comparePrecedence(
          { method: target.route.method!, path: target.route.path! },
          { method, path: wildcard.route.path! },
          'upstream',
        );
        if (verdict?.winner !== 'b') continue;
        worst.set(target.route.index, { target, wildcard, full, request: `${verdict.method} ${verdict.path}` });
      }
    }
  }
  const shadows = [...worst.values()]
    .sort((a, b) => a.target.route.index - b.target.route.index)
    .map(({ target, wildcard, full, request }) => ({ target: target.route, wildcard: wildcard.route, full, request }));
  return { shadows, widestFrontier: walk.widest };
}

/** Parameter routes of depth |L|+1 whose segments accept L followed by one more segment. */
function* shadowedBy(wildcard: TrieRoute, root: TrieNode, walk: { widest: number }): Generator<{ target: TrieRoute; full: boolean }> {
  // `literalPath`: the node was reached through L's literals only, so its routes equal L up to here.
  let frontier: { node: TrieNode; literalPath: boolean }[] = [{ node: root, literalPath: true }];
  for (let i = 0; i < wildcard.length; i++) {
    const segment = wildcard.route.segments[i]!; // all literal: the caller skips wildcards whose prefix has a param
    const next: typeof frontier = [];
    for (const { node, literalPath } of frontier) {
      const same = node.literal?.get(segment.text);
      if (same) next.push({ node: same, literalPath });
      if (node.param) next.push({ node: node.param, literalPath: false });
    }
    if (next.length > walk.widest) walk.widest = next.length;
    if (next.length === 0 || next.length > MAX_FRONTIER) return;
    frontier = next;
  }
  for (const { node, literalPath } of frontier) {
    // Below an all-literal path only a parameter last segment can be shadowed (a literal one would be exact too).
    const lastSegments = literalPath ? (node.param ? [node.param] : []) : childrenOf(node);
    for (const child of lastSegments) {
      for (const target of child.ends) if (target.hasParam) yield { target, full: literalPath };
    }
  }
}
