// Which requests a route's method never receives: SAG505 (with `cors`, OPTIONS never reaches `ANY` routes) and
// SAG510 (upstream: HEAD reaches only `ANY` routes). Coverage is looked up in the route trie, not pairwise.
import type { ConfigDocument } from '../../model';
import { propertyValue } from '../../parse/config-document';
import type { Report, RuleContext } from '../rule';
import { anchorOn, relatedRoute } from './describe';
import { insertObjectAfterEdit } from '../../fixes/json-node-edits';
import type { TrieNode, TrieRoute } from './route-trie';
import { routesMatchedBy, sampleRequest, trieMatches, trieRouteOf } from './route-trie';
import { routeLabel, type RouteEntry } from './route-table';
import { patchRouteList, type RoutingState } from './routing-state';

/** Integrations that run code or forward the request, so OPTIONS reaching them could matter. */
const HANDLING_TYPES: ReadonlySet<string> = new Set(['http_proxy', 'service', 'service_binding']);

/**
 * The routes of `candidateMethod` that `accepts` takes and no route of `method` matches (by their sample request),
 * in declaration order. Kept between analyses and patched for the routes an edit replaced: a verdict changes only
 * for a replaced candidate, or for a candidate that a replaced route of `method` matched before or matches now
 * (routesMatchedBy walks the candidates' trie along its pattern). Only without an earlier analysis is every route
 * looked at, and on every edit that pass and its trie lookups cost more than the rest of the check.
 */
function uncoveredRoutes(
  state: RoutingState,
  method: 'OPTIONS' | 'ANY',
  candidateMethod: 'ANY' | 'GET',
  accepts: (route: RouteEntry) => boolean = () => true,
): readonly TrieRoute[] {
  const key = `uncovered-by-${method}`;
  const { trie, changed } = state;
  const root: TrieNode | undefined = trie.byMethod.get(method);
  const covered = (route: TrieRoute): boolean => root !== undefined && trieMatches(root, sampleRequest(route, trie.runtime));
  const isCandidate = (route: RouteEntry): boolean => route.method === candidateMethod && accepts(route);
  const previous = state.previous?.get(key) as TrieRoute[] | undefined;
  let list: TrieRoute[];
  if (previous && changed) {
    // Entries whose verdict is taken again: replaced ones (out), and current ones a replaced `method` route matches.
    const judged = new Set<RouteEntry>();
    const rejudged: TrieRoute[] = [];
    const candidates = trie.byMethod.get(candidateMethod);
    // Entries that joined are judged again, from their trie records; those that left are judged (out). Joined
    // first: a route moved by the edit is one entry that did both, and is judged again.
    const replaced = [...changed.added, ...changed.removed];
    for (let i = 0; i < replaced.length; i++) {
      const route: RouteEntry = replaced[i]!;
      if (isCandidate(route) && !judged.has(route)) {
        judged.add(route);
        const entry = i < changed.added.length ? trieRouteOf(trie, route) : undefined;
        if (entry) rejudged.push(entry);
      }
      if (route.method !== method || !candidates) continue;
      for (const entry of routesMatchedBy(candidates, route, trie.runtime)) {
        if (!accepts(entry.route) || judged.has(entry.route)) continue;
        judged.add(entry.route);
        rejudged.push(entry);
      }
    }
    list = judged.size === 0 ? previous : patchRouteList(previous, judged, rejudged.filter((entry) => !covered(entry)));
  } else {
    list = [];
    for (const route of trie.routes) if (isCandidate(route.route) && !covered(route)) list.push(route);
  }
  state.kept.set(key, list);
  return list;
}

/** Routes whose integration runs code or forwards the request. */
function handlesRequests(route: RouteEntry): boolean {
  return route.integrationType !== undefined && HANDLING_TYPES.has(route.integrationType);
}

export function checkPreflightRouting(ctx: RuleContext, state: RoutingState): void {
  const { config, reports } = state;
  const cors = config.root?.type === 'object' ? propertyValue(config.root, 'cors') : undefined;
  if (cors?.type !== 'object') return;
  const how =
    ctx.runtime === 'upstream'
      ? 'the gateway answers every OPTIONS request itself (204 with the CORS headers) unless an `OPTIONS` route matches'
      : 'the gateway answers preflights itself (204, with CORS headers only for allowed origins and methods) unless an `OPTIONS` route matches';
  // The report is made in a function of its own: a closure over the loop's variables would cost every iteration a
  // context object.
  const report = (entry: RouteEntry): Report => reports.report(entry, 'SAG505', [], () => preflightReport(config, entry, how), true);
  for (const route of uncoveredRoutes(state, 'OPTIONS', 'ANY', handlesRequests)) ctx.report(report(route.route));
}

function preflightReport(config: ConfigDocument, entry: RouteEntry, how: string): Report {
    const members: [string, string][] = [['method', '"OPTIONS"'], ['path', JSON.stringify(entry.path)]];
    // The integration is copied verbatim: it sits at the same depth in the new route, so its indentation fits.
    if (entry.integrationNode) members.push(['integration', config.text.slice(entry.integrationNode.offset, entry.integrationNode.offset + entry.integrationNode.length)]);
    // Preflights carry no credentials, so the new route cannot take over `auth` (every preflight would get 401), and
    // a hook that checks them would refuse every preflight: the route is open, which the title and message say.
    const guards = [...(entry.auth ? ['`auth`'] : []), ...(entry.preProcessNode ? ['`pre_process`'] : [])].join(' and ');
    return {
      code: 'SAG505',
      ...anchorOn(config, entry.methodNode!),
      file: config.file,
      message:
        `OPTIONS requests never reach \`${routeLabel(entry)}\`: with \`cors\` set, ${how}, and \`ANY\` does not count; ` +
        `if this ${entry.integrationType} integration must see preflights, add an explicit \`OPTIONS ${entry.path}\` route` +
        (guards ? `; that route has no ${guards} (preflights carry no credentials), so the backend then answers OPTIONS requests from anyone` : ''),
      fixes: [
        {
          title: `Add an \`OPTIONS ${entry.path}\` route with the same integration${guards ? `, without ${guards} (open to anyone)` : ''}`,
          // Whether the backend should answer preflights instead of the gateway is the user's call.
          safe: false,
          edits: [insertObjectAfterEdit(config, entry.item, members)],
        },
      ],
    };
}

/** Other GET-only routes named in the related list of the one SAG510 finding. */
const MAX_RELATED = 10;

export function checkHeadRouting(ctx: RuleContext, state: RoutingState): void {
  if (ctx.runtime !== 'upstream') return; // bundled: HEAD falls back to the GET route (E.2)
  const { config, reports } = state;
  const uncovered = uncoveredRoutes(state, 'ANY', 'GET');
  if (uncovered.length === 0) return;
  const first = uncovered[0]!.route;
  const named = uncovered.slice(1, 1 + MAX_RELATED).map((r) => r.route);
  // The message counts the others: a count that changed is a new report (a route of the same count list differs).
  ctx.report(reports.report(first, `SAG510:${uncovered.length}`, named, () => headReport(config, first, uncovered), true));
}

function headReport(config: ConfigDocument, first: RouteEntry, uncovered: readonly TrieRoute[]): Report {
  const more = uncovered.length - 1;
  return {
    code: 'SAG510',
    ...anchorOn(config, first.methodNode!),
    file: config.file,
    message:
      `HEAD requests reach only \`ANY\` routes on the upstream gateway, so HEAD on \`${routeLabel(first)}\`` +
      (more > 0 ? ` and ${more} other GET-only route${more > 1 ? 's' : ''}` : '') +
      ` answers 404; add an \`ANY\` route where clients send HEAD (uptime monitors, link checkers), or accept it`,
    related: uncovered.slice(1, 1 + MAX_RELATED).map((r) => relatedRoute(config, r.route, `also GET-only: HEAD ${r.route.path} answers 404`)),
  };
}
