// Rule family 2xx (references between config sections, SPEC D): aliases, `$config`/`$request.jwt` sources
// and the auth0 authorizer the auth0 integrations read. All lookups go through the cached config view.
import type { RuleContext, RuleFamily } from '../rule';
import { configEmitter, type BufferedEmitter } from '../schema/anchor';
import { configView, type ConfigView } from '../schema/config-view';
import { checkAliasDefinitions, checkRouteAliases } from './alias-checks';
import { checkAuth0Callbacks, checkRouteAuth0 } from './auth0-checks';
import { REFERENCE_CODES } from './codes';
import { checkRouteExpressions } from './expression-checks';

/**
 * The config view and one buffered emitter per rule context (the runner makes one per family run), reused
 * route after route instead of a lookup and an emitter per route.
 */
const routeStates = new WeakMap<RuleContext, { doc: ConfigView['doc']; view: ConfigView; out: BufferedEmitter }>();

function routeState(ctx: RuleContext): { view: ConfigView; out: BufferedEmitter } {
  const doc = ctx.project.config;
  let state = routeStates.get(ctx);
  if (!state || state.doc !== doc) {
    const view = configView(doc);
    routeStates.set(ctx, (state = { doc, view, out: configEmitter(ctx, view.doc) }));
  }
  // What a route that threw left unflushed is dropped, as with an emitter of its own.
  if (state.out.reports.length !== 0) state.out.reports.length = 0;
  return state;
}

export const referencesRules: RuleFamily = {
  id: 'references',
  codes: REFERENCE_CODES,
  checkRoute(ctx, route) {
    const { view, out } = routeState(ctx);
    if (!view.root) return;
    checkRouteAliases(ctx, view, out.emit, route);
    checkRouteExpressions(view, out.emit, route);
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
