// The routing family (SAG5xx). Per route (replayed by analyze.ts while the route is unchanged): SAG503, SAG506,
// SAG507, SAG508, SAG509. Whole config: the route table, the segment trie for the targeted runtime's precedence,
// and the checks that compare routes (SAG501/502, SAG504, SAG505, SAG510, SAG511).
import type { RuleFamily } from '../rule';
import { checkAmbiguity } from './ambiguity';
import { ROUTING_CODES } from './codes';
import { checkDuplicates } from './duplicates';
import { checkIntegrationPath } from './integration-paths';
import { checkHeadRouting, checkPreflightRouting } from './method-coverage';
import { routeEntryOf } from './route-table';
import { routingState } from './routing-state';
import { checkBraces, checkEmptySegments } from './segment-lint';
import { checkWildcardShadowing } from './wildcard-shadowing';

export const routingRules: RuleFamily = {
  id: 'routing',
  codes: ROUTING_CODES,
  checkRoute(ctx, view) {
    const route = routeEntryOf(view);
    if (!route) return;
    checkBraces(ctx, ctx.project.config, route);
    checkEmptySegments(ctx, ctx.project.config, route);
    checkIntegrationPath(ctx, ctx.project.config, route);
  },
  check(ctx) {
    // The trie and what the checks keep survive edits of the same config (routing-state.ts).
    const state = routingState(ctx.project.config, ctx.runtime, ctx.remember);
    if (state.routes.length === 0) return;
    checkDuplicates(ctx, state);
    checkAmbiguity(ctx, state);
    if (ctx.runtime === 'upstream') checkWildcardShadowing(ctx, state);
    checkPreflightRouting(ctx, state);
    checkHeadRouting(ctx, state);
  },
};
