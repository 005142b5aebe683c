// The security family (SAG6xx). Per route (replayed by analyze.ts while the route is unchanged): SAG601, SAG602
// (route variables and mapping), SAG609, SAG612. Whole config: everything else.
import type { RuleFamily } from '../rule';
import { routeEntryOf } from '../routing/route-table';
import { checkAuth0FlowRoute, checkAuthorizer, checkAuthRoute } from './authorizer';
import { checkBoundWorkers, checkHookRoute } from './bound-workers';
import { SECURITY_CODES } from './codes';
import { checkCors } from './cors';
import { checkPlaintextSecrets, checkRouteSecrets, checkSecretsFromVars } from './plaintext-secrets';
import { securityRouteFacts } from './route-facts';
import { checkCleartextUpstreams } from './transport';

export const securityRules: RuleFamily = {
  id: 'security',
  codes: SECURITY_CODES,
  checkRoute(ctx, view) {
    const route = routeEntryOf(view);
    if (!route) return;
    const config = ctx.project.config;
    checkAuthRoute(ctx, config, route);
    checkRouteSecrets(ctx, config, route);
    checkHookRoute(ctx, config, route);
    checkAuth0FlowRoute(ctx, config, route);
  },
  check(ctx) {
    const config = ctx.project.config;
    if (config.root?.type !== 'object') return;
    // Per-route facts patched after an edit, so these whole-config checks do not walk every route again.
    const routes = securityRouteFacts(config);
    checkPlaintextSecrets(ctx, config);
    checkSecretsFromVars(ctx, config);
    checkCors(ctx, config, routes);
    checkAuthorizer(ctx, config);
    checkBoundWorkers(ctx, config, routes);
    checkCleartextUpstreams(ctx, config, routes);
  },
};
