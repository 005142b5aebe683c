// SAG504: two routes with equal precedence for some request, so declaration order alone decides (SPEC C.3).
// Candidates come from the trie self-join; each is confirmed on a synthetic request with the shared precedence.
import { comparePrecedence, type PrecedenceVerdict, type RouteLike } from 'serverless-api-gateway-runtime/routing';
import type { ConfigDocument } from '../../model';
import type { Report, RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import { candidatePairs, type CandidatePair } from './pair-candidates';
import type { RouteTrie } from './route-trie';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';
import type { RoutingState } from './routing-state';

/** Earlier routes named per finding; more would only bury the message. */
const MAX_RELATED = 5;

export function checkAmbiguity(ctx: RuleContext, state: RoutingState): void {
  const { config, trie, reports } = state;
  const { pairs } = candidatePairs(trie);
  const byLater = new Map<number, { later: RouteEntry; ties: { earlier: RouteEntry; verdict: PrecedenceVerdict }[] }>();
  for (const pair of pairs) {
    const [earlier, later] = pair.a.route.index < pair.b.route.index ? [pair.a.route, pair.b.route] : [pair.b.route, pair.a.route];
    const verdict = confirmTie(pair, earlier, later, trie.runtime);
    if (!verdict) continue;
    let entry = byLater.get(later.index);
    if (!entry) byLater.set(later.index, (entry = { later, ties: [] }));
    entry.ties.push({ earlier, verdict });
  }
  for (const { later, ties } of [...byLater.values()].sort((x, y) => x.later.index - y.later.index)) {
    ties.sort((x, y) => x.earlier.index - y.earlier.index);
    ctx.report(reports.report(later, 'SAG504', ties.map((t) => t.earlier), () => tieReport(config, later, ties)));
  }
}

function tieReport(config: ConfigDocument, later: RouteEntry, ties: { earlier: RouteEntry; verdict: PrecedenceVerdict }[]): Report {
  const first = ties[0]!;
  const others = ties.length > 1 ? ` (and ${ties.length - 1} other route${ties.length > 2 ? 's' : ''})` : '';
  return {
      code: 'SAG504',
      ...anchorOn(config, later.pathNode!),
      file: config.file,
      message:
        `\`${routeLabel(later)}\` ties with ${routeAt(config, first.earlier)}${others} for requests like \`${first.verdict.method} ${first.verdict.path}\`: ` +
        `neither is more specific, so the gateway serves the one declared first and this route never sees those requests; ` +
        `reorder the routes, or make the differing segment literal in both`,
      related: ties.slice(0, MAX_RELATED).map((t) =>
        relatedRoute(config, t.earlier, `declared first, so it serves \`${t.verdict.method} ${t.verdict.path}\``),
      ),
  };
}

function confirmTie(pair: CandidatePair, earlier: RouteEntry, later: RouteEntry, runtime: RouteTrie['runtime']): PrecedenceVerdict | null {
  const a: RouteLike = { method: earlier.method!, path: earlier.path! };
  const b: RouteLike = { method: later.method!, path: later.path! };
  const first = comparePrecedence(a, b, runtime);
  if (first?.winner === 'tie') return first;
  if (!(pair.kind === 'same-depth' && pair.a.wildcard && pair.b.wildcard) || !first) return null;
  // Two wildcards: the tie may only show when the request is deeper than both prefixes (one of them exact at +1).
  const base = requestDepth(first.path, runtime);
  for (const extra of [1, 2]) {
    const deeper = comparePrecedence(a, b, runtime, { depth: base + extra });
    if (deeper?.winner === 'tie') return deeper;
  }
  return null;
}

/** Segment count of a request path in the runtime's own counting (upstream includes the leading empty segment). */
function requestDepth(path: string, runtime: RouteTrie['runtime']): number {
  const segments = path.split('/').length;
  return runtime === 'upstream' ? segments : segments - 1;
}
