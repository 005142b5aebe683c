// SAG211 (auth0_* integration without an auth0 authorizer) and SAG212 (auth0_callback route whose path is not
// the path of a literal `authorizer.redirect_uri`).
import { AUTH0_INTEGRATION_TYPES, SUBSTITUTION_PREFIXES } from 'serverless-api-gateway-runtime/config';
import type { Fix } from '../../findings';
import type { RuleContext } from '../rule';
import { insertRootPropertyEdit, pointer, replaceStringFix, type Emit } from '../schema/anchor';
import { AUTHORIZER_SKELETONS } from '../schema/authorizer-skeletons';
import type { ConfigView, RouteView } from '../schema/config-view';
import { propertiesOf, stringOf } from '../schema/config-view';

const AUTH0_TYPES: ReadonlySet<string> = new Set(AUTH0_INTEGRATION_TYPES);

/** SAG211 on one route: an auth0_* integration while the authorizer is not of type auth0. */
export function checkRouteAuth0(ctx: RuleContext, view: ConfigView, emit: Emit, route: RouteView): void {
  if (route.integrationType === undefined || !AUTH0_TYPES.has(route.integrationType) || view.authorizerType === 'auth0') return;
  const typeNode = route.integrationProps?.value('type');
  if (!typeNode) return;
  const fix = skeletonFix(view);
  const have = !view.authorizer ? 'there is no `authorizer`' : view.authorizerType ? `the authorizer is of type \`${view.authorizerType}\`` : 'the authorizer has no usable `type`';
  const symptom = ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the handler throws (500) or uses the wrong tenant';
  emit('SAG211', typeNode, pointer('paths', route.index, 'integration', 'type'), `\`${route.integrationType}\` needs an \`authorizer\` of type \`auth0\` (domain, client_id, client_secret, redirect_uri, jwks/jwks_uri, scope), but ${have}: ${symptom}`, { fixes: [fix] });
}

/** SAG212: compares every auth0_callback route with the auth0 authorizer's redirect_uri. */
export function checkAuth0Callbacks(view: ConfigView, emit: Emit): void {
  if (view.authorizerType !== 'auth0') return;
  const callbacks = view.routes.filter((r) => r.integrationType === 'auth0_callback');
  checkRedirectPath(view, emit, callbacks);
}

function skeletonFix(view: ConfigView): Fix | undefined {
  if (!view.root) return undefined;
  const title = 'Insert an `auth0` authorizer skeleton';
  if (!view.authorizer) return { title, safe: false, edits: [insertRootPropertyEdit(view.doc, view.root, 'authorizer', AUTHORIZER_SKELETONS.auth0)] };
  // Replacing another authorizer would change how every protected route verifies tokens: left to the user.
  return undefined;
}

function checkRedirectPath(view: ConfigView, emit: Emit, callbacks: RouteView[]): void {
  if (callbacks.length === 0 || view.authorizer?.type !== 'object') return;
  const redirect = stringOf(propertiesOf(view.authorizer).value('redirect_uri'));
  if (redirect === undefined || SUBSTITUTION_PREFIXES.some((p) => redirect.startsWith(p))) return;
  let expected: string;
  try {
    expected = new URL(redirect).pathname;
  } catch {
    return; // not a URL: the schema checks report it
  }
  const paths = callbacks.map((r) => stringOf(r.path));
  if (paths.some((p) => p !== undefined && routeMatches(p, expected))) return;
  for (const route of callbacks) {
    const path = stringOf(route.path);
    if (path === undefined || !route.path) continue;
    emit('SAG212', route.path, pointer('paths', route.index, 'path'), `this \`auth0_callback\` route is \`${path}\`, but \`authorizer.redirect_uri\` sends users back to \`${expected}\`: the login code lands elsewhere and is never exchanged`, {
      fixes: callbacks.length === 1 ? [replaceStringFix(view.doc, route.path, expected, `Change the path to \`${expected}\``, false)] : [],
    });
  }
}

/** Does the route pattern match a request path (segment-wise: `{x}` one segment, final `{.+}` the rest)? */
function routeMatches(pattern: string, path: string): boolean {
  if (pattern === path) return true;
  const p = pattern.split('/');
  const s = path.split('/');
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg === '{.+}' && i === p.length - 1) return s.length >= i;
    if (i >= s.length) return false;
    if (seg.startsWith('{') && seg.endsWith('}')) continue;
    if (seg !== s[i]) return false;
  }
  return p.length === s.length;
}
