// Which requests a route's method never receives: SAG505 (with `cors`, OPTIONS never reaches `ANY` routes) and
// SAG510 (upstream: HEAD reaches only `ANY` routes). Coverage is looked up in the route trie, not pairwise.
import type { ConfigDocument } from '../../model';
import { propertyValue } from '../../parse/config-document';
import type { Report, RuleContext } from '../rule';
import { anchorOn, relatedRoute } from './describe';
import { insertObjectAfterEdit } from './node-edits';
import type { TrieNode, TrieRoute } from './route-trie';
import { sampleRequest, trieMatches } from './route-trie';
import { routeLabel, type RouteEntry } from './route-table';
import { touchesMethod, type RoutingState } from './routing-state';

/** Integrations that run code or forward the request, so OPTIONS reaching them could matter. */
const HANDLING_TYPES: ReadonlySet<string> = new Set(['http_proxy', 'service', 'service_binding']);

/** Verdicts per route entry, valid for one generation: `generation * 2 + covered`. */
interface CoverageMemo {
  generation: number;
  verdicts: WeakMap<RouteEntry, number>;
}

/**
 * Is some route of `method` matching each route's sample request? Kept per route entry while no route of
 * `method` changed since the last analysis (an edit elsewhere cannot change the answer); a change starts a new
 * generation. A WeakMap: entries of replaced routes go with them.
 */
function coverage(state: RoutingState, method: string): (route: TrieRoute) => boolean {
  const key = `covered-by-${method}`;
  const root: TrieNode | undefined = state.trie.byMethod.get(method);
  const runtime = state.trie.runtime;
  if (!state.remember) return (route) => root !== undefined && trieMatches(root, sampleRequest(route, runtime));
  let memo = state.previous?.get(key) as CoverageMemo | undefined;
  if (!memo) memo = { generation: 1, verdicts: new WeakMap() };
  else if (touchesMethod(state, method)) memo = { generation: memo.generation + 1, verdicts: memo.verdicts };
  state.kept.set(key, memo);
  const { generation, verdicts } = memo;
  return (route) => {
    const known = verdicts.get(route.route);
    if (known !== undefined && known >> 1 === generation) return (known & 1) === 1;
    const covered = root !== undefined && trieMatches(root, sampleRequest(route, runtime));
    verdicts.set(route.route, generation * 2 + (covered ? 1 : 0));
    return covered;
  };
}

export function checkPreflightRouting(ctx: RuleContext, state: RoutingState): void {
  const { config, trie, reports } = state;
  const cors = config.root?.type === 'object' ? propertyValue(config.root, 'cors') : undefined;
  if (cors?.type !== 'object') return;
  const coveredByOptions = coverage(state, 'OPTIONS');
  const how =
    ctx.runtime === 'upstream'
      ? 'the gateway answers every OPTIONS request itself (204 with the CORS headers) unless an `OPTIONS` route matches'
      : 'the gateway answers preflights itself (204, with CORS headers only for allowed origins and methods) unless an `OPTIONS` route matches';
  for (const route of trie.routes) {
    const entry = route.route;
    if (entry.method !== 'ANY' || !entry.integrationType || !HANDLING_TYPES.has(entry.integrationType)) continue;
    if (coveredByOptions(route)) continue;
    ctx.report(reports.report(entry, 'SAG505', [], () => preflightReport(config, entry, how)));
  }
}

function preflightReport(config: ConfigDocument, entry: RouteEntry, how: string): Report {
    const members: [string, string][] = [['method', '"OPTIONS"'], ['path', JSON.stringify(entry.path)]];
    // The integration is copied verbatim: it sits at the same depth in the new route, so its indentation fits.
    if (entry.integrationNode) members.push(['integration', config.text.slice(entry.integrationNode.offset, entry.integrationNode.offset + entry.integrationNode.length)]);
    return {
      code: 'SAG505',
      ...anchorOn(config, entry.methodNode!),
      file: config.file,
      message:
        `OPTIONS requests never reach \`${routeLabel(entry)}\`: with \`cors\` set, ${how}, and \`ANY\` does not count; ` +
        `if this ${entry.integrationType} integration must see preflights, add an explicit \`OPTIONS ${entry.path}\` route`,
      fixes: [
        {
          title: `Add an \`OPTIONS ${entry.path}\` route with the same integration`,
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
  const { config, trie, reports } = state;
  const coveredByAny = coverage(state, 'ANY');
  const uncovered = trie.routes.filter((r) => r.route.method === 'GET' && !coveredByAny(r));
  if (uncovered.length === 0) return;
  uncovered.sort((a, b) => a.route.index - b.route.index);
  const first = uncovered[0]!.route;
  const named = uncovered.slice(1, 1 + MAX_RELATED).map((r) => r.route);
  // The message counts the others: a count that changed is a new report (a route of the same count list differs).
  ctx.report(reports.report(first, `SAG510:${uncovered.length}`, named, () => headReport(config, first, uncovered)));
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
