// SAG501 (same method and path text) and SAG502 (same method and shape, parameter names differ): the later
// route is unreachable under both runtimes, because only declaration order separates the two. Shapes come from
// the route trie, so "same shape" is judged as the targeted runtime reads segments.
import type { ConfigDocument } from '../../model';
import { removeSiblingEdit } from '../../fixes/json-node-edits';
import type { Report, RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';
import { sameShapeAs, type TrieRoute } from './route-trie';
import { patchRouteList, type RoutingState } from './routing-state';

export function checkDuplicates(ctx: RuleContext, state: RoutingState): void {
  // Same trie node and method = same shape as the runtime reads it (upstream also counts `{}` as a parameter);
  // among those, the same text is SAG501. Routes the trie leaves out (a non-final `{.+}`) are SAG503 errors already.
  const firstByPath: FirstByPath = new Map();
  for (const entry of laterRoutes(state)) ctx.report(duplicateReport(state, entry, firstByPath));
}

/**
 * The routes declared after another of the same shape, in declaration order. Kept between analyses and patched:
 * only the shape groups an edit's replaced routes left or joined can change, so a pass over every route (10,000
 * trie records scattered over the heap, on every keystroke) is made only without an earlier analysis.
 */
function laterRoutes(state: RoutingState): readonly TrieRoute[] {
  const key = 'later-of-same-shape';
  const { trie, changed } = state;
  const previous = state.previous?.get(key) as TrieRoute[] | undefined;
  let list: TrieRoute[];
  if (previous && changed) {
    const replaced = [...changed.removed, ...changed.added];
    const judged = new Set<RouteEntry>(replaced);
    const groups = new Set<readonly TrieRoute[]>();
    for (const route of replaced) {
      const group = sameShapeAs(trie, route);
      if (group) groups.add(group);
    }
    const joining: TrieRoute[] = [];
    for (const group of groups) {
      group.forEach((member, i) => {
        judged.add(member.route);
        if (i > 0) joining.push(member);
      });
    }
    list = patchRouteList(previous, judged, joining);
  } else {
    list = [];
    for (const entry of trie.routes) if (entry.sameShape[0]!.route !== entry.route) list.push(entry);
  }
  state.kept.set(key, list);
  return list;
}

/**
 * The first route of a shape group with this path text, from a map made once per group and check: a search per
 * route made a group of 20,000 routes of one shape (a generated config) 200 million comparisons. Per check, as the
 * trie's groups change in place when an edit patches it.
 */
type FirstByPath = Map<readonly TrieRoute[], Map<string | undefined, RouteEntry>>;

function firstWithPath(firstByPath: FirstByPath, group: readonly TrieRoute[], path: string | undefined): RouteEntry {
  let byPath = firstByPath.get(group);
  if (!byPath) {
    byPath = new Map();
    for (const member of group) if (!byPath.has(member.route.path)) byPath.set(member.route.path, member.route);
    firstByPath.set(group, byPath);
  }
  return byPath.get(path)!;
}

/** A later route of an earlier one's shape. A function of its own: closures in the loop would cost every route a context. */
function duplicateReport(state: RoutingState, entry: TrieRoute, firstByPath: FirstByPath): Report {
  const { config, reports } = state;
  const route = entry.route;
  const first = entry.sameShape[0]!.route;
  const sameText = firstWithPath(firstByPath, entry.sameShape, route.path);
  if (sameText !== route) {
    return reports.report(route, 'SAG501', [sameText], () => ({
      code: 'SAG501',
      ...anchorOn(config, route.pathNode!),
      file: config.file,
      message: `duplicate route \`${routeLabel(route)}\`: ${routeAt(config, sameText)} has the same method and path and is declared first, so this one is never served; delete it, or change its method`,
      related: [relatedRoute(config, sameText, 'first declaration, which serves every request')],
      fixes: [deleteRouteFix(config, route)],
    }));
  }
  return reports.report(route, 'SAG502', [first], () => ({
    code: 'SAG502',
    ...anchorOn(config, route.pathNode!),
    file: config.file,
    message:
      `\`${routeLabel(route)}\` matches exactly the same requests as ${routeAt(config, first)} (only the parameter names differ) and is declared later, ` +
      `so it is never served; delete it, or merge the two`,
    related: [relatedRoute(config, first, 'declared first, so it serves every request of this shape')],
    fixes: [deleteRouteFix(config, route)],
  }));
}

/** Deleting the unreachable route changes no behaviour, but it may hold the config the user meant to keep: unsafe. */
function deleteRouteFix(config: ConfigDocument, route: RouteEntry) {
  return {
    title: `Delete the unreachable route \`${routeLabel(route)}\``,
    safe: false,
    edits: [removeSiblingEdit(config, route.item)],
  };
}
