// Rule family 2xx (references between config sections, SPEC D): aliases, `$config`/`$request.jwt` sources
// and the auth0 authorizer the auth0 integrations read. All lookups go through the cached config view.
import type { RuleFamily } from '../rule';
import { configEmitter } from '../schema/anchor';
import { configView } from '../schema/config-view';
import { checkAliases } from './alias-checks';
import { checkAuth0 } from './auth0-checks';
import { REFERENCE_CODES } from './codes';
import { checkExpressions } from './expression-checks';

export const referencesRules: RuleFamily = {
  id: 'references',
  codes: REFERENCE_CODES,
  check(ctx) {
    const view = configView(ctx.project.config);
    if (!view.root) return;
    const out = configEmitter(ctx, view.doc);
    checkAliases(ctx, view, out.emit);
    checkExpressions(view, out.emit);
    checkAuth0(ctx, view, out.emit);
    out.flush();
  },
};
