// SAG501 (same method and path text) and SAG502 (same method and shape, parameter names differ): the later
// route is unreachable under both runtimes, because only declaration order separates the two. Shapes come from
// the route trie, so "same shape" is judged as the targeted runtime reads segments.
import type { ConfigDocument } from '../../model';
import { removeSiblingEdit } from './node-edits';
import type { RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';
import type { RoutingState } from './routing-state';

export function checkDuplicates(ctx: RuleContext, state: RoutingState): void {
  const { config, trie, reports } = state;
  // Same trie node and method = same shape as the runtime reads it (upstream also counts `{}` as a parameter);
  // among those, the same text is SAG501. Routes the trie leaves out (a non-final `{.+}`) are SAG503 errors already.
  for (const entry of trie.routes) {
    const first = entry.sameShape[0]!.route;
    const route = entry.route;
    if (first === route) continue;
    const sameText = entry.sameShape.find((other) => other.route.path === route.path)!.route;
    if (sameText !== route) {
      ctx.report(reports.report(route, 'SAG501', [sameText], () => ({
        code: 'SAG501',
        ...anchorOn(config, route.pathNode!),
        file: config.file,
        message: `duplicate route \`${routeLabel(route)}\`: ${routeAt(config, sameText)} has the same method and path and is declared first, so this one is never served; delete it, or change its method`,
        related: [relatedRoute(config, sameText, 'first declaration, which serves every request')],
        fixes: [deleteRouteFix(config, route)],
      })));
      continue;
    }
    ctx.report(reports.report(route, 'SAG502', [first], () => ({
      code: 'SAG502',
      ...anchorOn(config, route.pathNode!),
      file: config.file,
      message:
        `\`${routeLabel(route)}\` matches exactly the same requests as ${routeAt(config, first)} (only the parameter names differ) and is declared later, ` +
        `so it is never served; delete it, or merge the two`,
      related: [relatedRoute(config, first, 'declared first, so it serves every request of this shape')],
      fixes: [deleteRouteFix(config, route)],
    })));
  }
}

/** Deleting the unreachable route changes no behaviour, but it may hold the config the user meant to keep: unsafe. */
function deleteRouteFix(config: ConfigDocument, route: RouteEntry) {
  return {
    title: `Delete the unreachable route \`${routeLabel(route)}\``,
    safe: false,
    edits: [removeSiblingEdit(config, route.item)],
  };
}
