// SAG504: two routes with equal precedence for some request, so declaration order alone decides (SPEC C.3).
// Candidates come from the trie self-join; each is confirmed on a synthetic request with the shared precedence.
import { comparePrecedence, type PrecedenceVerdict, type RouteLike } from 'serverless-api-gateway-runtime/routing';
import { moveBeforeEdits } from '../../fixes/json-node-edits';
import type { ConfigDocument } from '../../model';
import type { Report, RuleContext } from '../rule';
import { anchorOn, relatedRoute, routeAt } from './describe';
import { candidatePairs, DEFAULT_JOIN_BUDGET, joinMethod, type CandidatePair, type JoinCount } from './pair-candidates';
import type { RouteTrie } from './route-trie';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';
import { touchesMethod, type RoutingState } from './routing-state';

/** Earlier routes named per finding; more would only bury the message. */
const MAX_RELATED = 5;

/** A confirmed tie: `later` never sees the requests like `verdict`'s, `earlier` serves them. */
interface Tie {
  earlier: RouteEntry;
  later: RouteEntry;
  verdict: PrecedenceVerdict;
}

/** One method's ties and what finding them cost against the join budget (state key `ambiguity`). */
interface MethodTies {
  count: JoinCount;
  ties: Tie[];
}

export function checkAmbiguity(ctx: RuleContext, state: RoutingState): void {
  const { config, reports } = state;
  const byLater = new Map<number, { later: RouteEntry; ties: { earlier: RouteEntry; verdict: PrecedenceVerdict }[] }>();
  for (const { earlier, later, verdict } of confirmedTies(state)) {
    let entry = byLater.get(later.index);
    if (!entry) byLater.set(later.index, (entry = { later, ties: [] }));
    entry.ties.push({ earlier, verdict });
  }
  for (const { later, ties } of [...byLater.values()].sort((x, y) => x.later.index - y.later.index)) {
    ties.sort((x, y) => x.earlier.index - y.earlier.index);
    ctx.report(reports.report(later, 'SAG504', ties.map((t) => t.earlier), () => tieReport(config, later, ties)));
  }
}

/**
 * Every tie, method by method: pairs never cross methods, so a method none of whose routes the edit touched keeps
 * its ties from the last analysis. When the whole join would exceed its budget, the plain join decides what is
 * reported, as it does without a last analysis.
 */
function confirmedTies(state: RoutingState): Tie[] {
  const { trie } = state;
  const previous = state.previous?.get('ambiguity') as Map<string, MethodTies> | undefined;
  const byMethod = new Map<string, MethodTies>();
  const total: JoinCount = { visits: 0, pairs: 0 };
  for (const [method, root] of trie.byMethod) {
    let found = previous && !touchesMethod(state, method) ? previous.get(method) : undefined;
    if (!found) {
      const pairs: CandidatePair[] = [];
      const count: JoinCount = { visits: 0, pairs: 0 };
      if (!joinMethod(root, DEFAULT_JOIN_BUDGET, count, pairs)) return tiesOf(candidatePairs(trie).pairs, trie.runtime);
      found = { count, ties: tiesOf(pairs, trie.runtime) };
    }
    total.visits += found.count.visits;
    total.pairs += found.count.pairs;
    byMethod.set(method, found);
  }
  // The budget is the whole join's: methods that fit alone may not fit together.
  if (total.visits > DEFAULT_JOIN_BUDGET.maxVisits || total.pairs > DEFAULT_JOIN_BUDGET.maxPairs) return tiesOf(candidatePairs(trie).pairs, trie.runtime);
  if (state.remember) state.kept.set('ambiguity', byMethod);
  return [...byMethod.values()].flatMap((m) => m.ties);
}

function tiesOf(pairs: readonly CandidatePair[], runtime: RouteTrie['runtime']): Tie[] {
  const ties: Tie[] = [];
  for (const pair of pairs) {
    const [earlier, later] = pair.a.route.index < pair.b.route.index ? [pair.a.route, pair.b.route] : [pair.b.route, pair.a.route];
    const verdict = confirmTie(pair, earlier, later, runtime);
    if (verdict) ties.push({ earlier, later, verdict });
  }
  return ties;
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
      // Above the first route it ties with, it wins every tie; whether it should is the user's call: unsafe.
      fixes: [{ title: `Move \`${routeLabel(later)}\` above \`${routeLabel(first.earlier)}\` (so it wins the tie)`, safe: false, edits: moveBeforeEdits(config, later.item, first.earlier.item) }],
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
