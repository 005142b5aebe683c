// SAG511 (upstream only): a `{param}` route shadowed by a literal-prefix wildcard of the same depth (SPEC C.3, D).
// For each `L/{.+}` with all-literal L, the trie is walked along L (literal or parameter branch per segment) to the
// routes of depth |L|+1; each candidate is confirmed with the shared upstream precedence on a synthetic request.
import { comparePrecedence } from 'serverless-api-gateway-runtime/routing';
import { removeSiblingEdit } from '../../fixes/json-node-edits';
import type { RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import type { TrieNode, TrieRoute } from './route-trie';
import { isParamSegment, trieRouteOf, trieShapeOf } from './route-trie';
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
  /** In target declaration order. */
  shadows: Shadow[];
  /** The literal-prefix wildcards, in declaration order. */
  wildcards: TrieRoute[];
  /** The largest frontier a wildcard walk met: a few changed routes cannot push it over MAX_FRONTIER. */
  widestFrontier: number;
}

export function checkWildcardShadowing(ctx: RuleContext, state: RoutingState): void {
  const { config, reports } = state;
  const previous = state.previous?.get('SAG511') as ShadowVerdicts | undefined;
  const verdicts = (previous && afterEdit(previous, state)) ?? shadowVerdicts(state);
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
        // Deleting a route no request reaches changes nothing at run time, but it may hold what the user meant: unsafe.
        fixes: full ? [{ title: `Delete the route \`${routeLabel(target)}\` (never served)`, safe: false, edits: [removeSiblingEdit(config, target.item)] }] : [],
      })),
    );
  }
}

/**
 * The last analysis' shadows updated for the routes an edit replaced, or undefined when that takes a full walk
 * (a walk came near the frontier cap and might now stop elsewhere). Only some `{param}` routes (targets) can gain
 * or lose a shadow: the replaced ones, those a removed wildcard shadowed, and those an added wildcard's walk
 * reaches; each of them is matched against the wildcards directly.
 */
function afterEdit(previous: ShadowVerdicts, state: RoutingState): ShadowVerdicts | undefined {
  if (!state.changed) return undefined;
  const { removed, added } = state.changed;
  if (previous.widestFrontier + removed.length + added.length > MAX_FRONTIER) return undefined;
  const trie = state.trie;
  const runtime = trie.runtime;
  const replaced = new Set<RouteEntry>();
  const removedWildcards = new Set<RouteEntry>();
  const addedWildcards: TrieRoute[] = [];
  const recheck = new Set<RouteEntry>();
  for (const before of removed) {
    replaced.add(before);
    const old = trieShapeOf(before, runtime);
    if (old?.wildcard && !old.hasParam) removedWildcards.add(before);
  }
  for (const after of added) {
    const now = trieShapeOf(after, runtime);
    if (now?.wildcard && !now.hasParam) addedWildcards.push(trieRouteOf(trie, after)!);
    if (now && !now.wildcard && now.hasParam) recheck.add(after);
  }
  let widestFrontier = previous.widestFrontier;
  if (addedWildcards.length > 0) {
    const walk: Walk = { widest: 0 };
    for (const wildcard of addedWildcards) {
      for (const root of rootsOf(wildcard, trie)) visitShadowed(wildcard, root, walk, (target) => void recheck.add(target.route));
    }
    if (walk.widest > MAX_FRONTIER) return undefined;
    widestFrontier = Math.max(widestFrontier, walk.widest);
  }
  const wildcards =
    removedWildcards.size === 0 && addedWildcards.length === 0
      ? previous.wildcards
      : [...previous.wildcards.filter((w) => !removedWildcards.has(w.route)), ...addedWildcards].sort((a, b) => a.route.index - b.route.index);
  const shadows: Shadow[] = [];
  for (const shadow of previous.shadows) {
    if (replaced.has(shadow.target)) continue;
    if (removedWildcards.has(shadow.wildcard)) recheck.add(shadow.target);
    else if (!recheck.has(shadow.target)) shadows.push(shadow);
  }
  // Each target checked again is matched against every wildcard: past a few hundred (a wildcard that shadows
  // thousands of routes was edited) the walk over the whole trie is the cheaper way.
  if (recheck.size > MAX_RECHECK) return undefined;
  for (const target of recheck) {
    const shadow = shadowOf(target, wildcards, runtime);
    if (shadow) shadows.push(shadow);
  }
  if (recheck.size > 0) shadows.sort((a, b) => a.target.index - b.target.index);
  return { shadows, wildcards, widestFrontier };
}

/** A request (`METHOD /path`) the wildcard takes from the target under the upstream precedence, if there is one. */
function winningRequest(target: RouteEntry, wildcard: RouteEntry): string | undefined {
  const verdict = comparePrecedence({ method: target.method!, path: target.path! }, { method: wildcard.method!, path: wildcard.path! }, 'upstream');
  return verdict?.winner === 'b' ? `${verdict.method} ${verdict.path}` : undefined;
}

function rootsOf(wildcard: TrieRoute, trie: RoutingState['trie']): TrieNode[] {
  const method = wildcard.route.method!;
  if (method === 'ANY') return [...trie.byMethod.values()];
  const root = trie.byMethod.get(method);
  return root ? [root] : [];
}

/**
 * What the walks of shadowVerdicts find for one `{param}` route, without walking: each wildcard of its method (or
 * ANY) one segment shorter whose literals it matches segment by segment (its own literal, or a parameter), then
 * the same choice: the first full shadow the precedence confirms, else the first partial one.
 */
function shadowOf(target: RouteEntry, wildcards: readonly TrieRoute[], runtime: RoutingState['trie']['runtime']): Shadow | undefined {
  const segments = target.segments;
  let partial: Shadow | undefined;
  for (const wildcard of wildcards) {
    const method = wildcard.route.method!;
    if (wildcard.length !== segments.length - 1 || (method !== target.method && method !== 'ANY')) continue;
    let literalPath = true;
    let reached = true;
    for (let i = 0; i < wildcard.length && reached; i++) {
      const segment = segments[i]!;
      if (isParamSegment(segment, runtime)) literalPath = false;
      else reached = segment.text === wildcard.route.segments[i]!.text;
    }
    if (!reached) continue;
    // Below an all-literal prefix only a parameter last segment is shadowed (see visitShadowed).
    if (literalPath && !isParamSegment(segments[segments.length - 1]!, runtime)) continue;
    if (!literalPath && partial) continue;
    const request = winningRequest(target, wildcard.route);
    if (request === undefined) continue;
    const shadow: Shadow = { target, wildcard: wildcard.route, full: literalPath, request };
    if (literalPath) return shadow;
    partial = shadow;
  }
  return partial;
}

/** Targets past which afterEdit gives way to a whole walk (each target is matched against every wildcard). */
const MAX_RECHECK = 256;

function shadowVerdicts(state: RoutingState): ShadowVerdicts {
  const trie = state.trie;
  const walk: Walk = { widest: 0, settled: new Set() };
  const wildcards: TrieRoute[] = [];
  // One finding per shadowed route: a full shadow beats a partial one, then the earliest wildcard.
  const worst = new Map<number, { target: TrieRoute; wildcard: TrieRoute; full: boolean; request: string }>();
  for (const wildcard of trie.routes) {
    if (!wildcard.wildcard || wildcard.hasParam) continue;
    wildcards.push(wildcard);
    for (const root of rootsOf(wildcard, trie)) {
      visitShadowed(wildcard, root, walk, (target, full) => {
        const known = worst.get(target.route.index);
        if (known && (known.full || !full)) return true;
        const request = winningRequest(target.route, wildcard.route);
        if (request !== undefined) worst.set(target.route.index, { target, wildcard, full, request });
        return request !== undefined;
      });
    }
  }
  const shadows = [...worst.values()]
    .sort((a, b) => a.target.route.index - b.target.route.index)
    .map(({ target, wildcard, full, request }) => ({ target: target.route, wildcard: wildcard.route, full, request }));
  return { shadows, wildcards, widestFrontier: walk.widest };
}

interface Walk {
  /** The largest frontier met. */
  widest: number;
  /**
   * Nodes reached through a parameter whose every target already has its shadow: a later wildcard reaching them
   * the same way can only offer a partial shadow, which loses to the earlier one. Without this, 20,000 wildcards
   * over 20,000 `{param}` routes of one shape made 400 million visits.
   */
  settled?: Set<TrieNode>;
}

/**
 * Each parameter route of depth |L|+1 whose segments accept L followed by one more segment, in trie order, with
 * `full` when it was reached through L's literals only. Callback and reused arrays: this runs for every wildcard.
 * `visit` says whether the target now has its shadow (or had one); a walk with `settled` skips nodes whose targets
 * all have.
 */
function visitShadowed(wildcard: TrieRoute, root: TrieNode, walk: Walk, visit: (target: TrieRoute, full: boolean) => boolean | void): void {
  // frontier[0] is the one node reached through L's literals only, when `literalHead` (it is always pushed first).
  let frontier: TrieNode[] = [root];
  let next: TrieNode[] = [];
  let literalHead = true;
  for (let i = 0; i < wildcard.length; i++) {
    const text = wildcard.route.segments[i]!.text; // all literal: the caller skips wildcards whose prefix has a param
    next.length = 0;
    let head = false;
    for (let k = 0; k < frontier.length; k++) {
      const node = frontier[k]!;
      const same = node.literal?.get(text);
      if (same) {
        if (k === 0 && literalHead) head = true;
        next.push(same);
      }
      if (node.param) next.push(node.param);
    }
    if (next.length > walk.widest) walk.widest = next.length;
    if (next.length === 0 || next.length > MAX_FRONTIER) return;
    [frontier, next] = [next, frontier];
    literalHead = head;
  }
  for (let k = 0; k < frontier.length; k++) {
    const node = frontier[k]!;
    const literalPath = k === 0 && literalHead;
    // Below an all-literal path only a parameter last segment can be shadowed (a literal one would be exact too).
    if (literalPath) {
      if (node.param) for (const target of node.param.ends) if (target.hasParam) visit(target, true);
      continue;
    }
    if (walk.settled?.has(node)) continue;
    let all = true;
    if (node.literal) for (const child of node.literal.values()) for (const target of child.ends) if (target.hasParam && visit(target, false) !== true) all = false;
    if (node.param) for (const target of node.param.ends) if (target.hasParam && visit(target, false) !== true) all = false;
    if (all) walk.settled?.add(node);
  }
}
