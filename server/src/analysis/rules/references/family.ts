// Rule family 2xx (references between config sections, SPEC D): aliases, `$config`/`$request.jwt` sources
// and the auth0 authorizer the auth0 integrations read. All lookups go through the cached config view.
import type { RuleFamily } from '../rule';
import { configEmitter, routeEmitter } from '../schema/anchor';
import { configView } from '../schema/config-view';
import { checkAliasDefinitions, checkRouteAliases } from './alias-checks';
import { checkAuth0Callbacks, checkRouteAuth0 } from './auth0-checks';
import { REFERENCE_CODES } from './codes';
import { checkRouteExpressions } from './expression-checks';

export const referencesRules: RuleFamily = {
  id: 'references',
  codes: REFERENCE_CODES,
  checkRoute(ctx, route) {
    const view = configView(ctx.project.config);
    if (!view.root) return;
    const out = routeEmitter(ctx, view.doc);
    checkRouteAliases(ctx, view, out.emit, route);
    checkRouteExpressions(view, out.emit, route, ctx.runtime);
    checkRouteAuth0(ctx, view, out.emit, route);
    out.flush();
  },
  // Definitions (duplicates, unused: the aliases every route names, read once per unchanged route) and SAG212.
  check(ctx) {
    const view = configView(ctx.project.config);
    if (!view.root) return;
    const out = configEmitter(ctx, view.doc);
    checkAliasDefinitions(view, out.emit);
    checkAuth0Callbacks(view, out.emit);
    out.flush();
  },
};
