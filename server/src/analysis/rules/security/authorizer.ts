// Authorizer checks: SAG601 (auth on, no usable authorizer; per route), SAG607 (issuer/audience skipped), SAG608
// (auth0 `aud`), SAG612 (auth0 login flow, upstream; per route) and SAG613 (both `jwks` and `jwks_uri`).
import type { Fix } from '../../findings';
import { didYouMean } from '../../did-you-mean';
import type { ConfigDocument } from '../../model';
import { findProperty, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { anchorOn } from '../routing/describe';
import { insertRootPropertyEdit } from '../schema/anchor';
import { removeSiblingEdit } from '../../fixes/json-node-edits';
import type { RouteEntry } from '../routing/route-table';
import { routeLabel } from '../routing/route-table';
import { envLabel, placeholderOf, resolveInEnvironment, varsTableLabel } from './env-values';

export const AUTHORIZER_TYPES = ['jwt', 'auth0', 'supabase'] as const;

export function authorizerOf(config: ConfigDocument): { node: JsonNode | undefined; type: string | undefined; typeNode: JsonNode | undefined } {
  const node = config.root?.type === 'object' ? propertyValue(config.root, 'authorizer') : undefined;
  if (node?.type !== 'object') return { node: undefined, type: undefined, typeNode: undefined };
  const typeNode = propertyValue(node, 'type');
  return { node, type: stringValue(typeNode), typeNode };
}

/** SAG601 for one route (per-route check: it reads the route and the authorizer, which lies outside `paths`). */
export function checkAuthRoute(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  if (!route.auth || !route.authNode) return;
  const authorizer = authorizerOf(config);
  const usable = authorizer.type !== undefined && (AUTHORIZER_TYPES as readonly string[]).includes(authorizer.type);
  if (usable) return;
  const why =
    authorizer.node === undefined
      ? 'the config has no `authorizer`'
      : `\`authorizer.type\` is ${authorizer.type === undefined ? 'missing' : `\`${authorizer.type}\`, not one of jwt, auth0, supabase${didYouMean(authorizer.type, AUTHORIZER_TYPES)}`}`;
  const effect =
    ctx.runtime === 'upstream'
      ? 'the upstream gateway serves the route without authentication and reports nothing'
      : 'the bundled gateway refuses the whole config, so every request answers 500';
  const authRange = anchorOn(config, route.authNode).range;
  const skeleton = authorizer.node === undefined ? authorizerSkeletonFix(config) : undefined;
  ctx.report({
    code: 'SAG601',
    ...anchorOn(config, route.authNode),
    file: config.file,
    message: `\`${routeLabel(route)}\` requires auth, but ${why}: ${effect}; add an authorizer, or set \`"auth": false\` if the route is meant to be public`,
    fixes: [
      ...(skeleton ? [skeleton] : []),
      { title: 'Set `auth` to false (make the route public)', safe: false, edits: [{ file: config.file, range: authRange, newText: 'false' }] },
    ],
  });
}

const skeletons = new WeakMap<ConfigDocument, Fix | undefined>();

/**
 * One fix per document, shared by every SAG601 finding of the file. The authorizer goes in as the root's first
 * property: the fix then depends on the text before `paths` only, as a route's kept findings must (an insertion
 * after `paths` is formatted by the indentation of the line `paths` ends on, which an edit inside `paths` changes).
 */
function authorizerSkeletonFix(config: ConfigDocument): Fix | undefined {
  if (skeletons.has(config)) return skeletons.get(config);
  const root = config.root;
  const skeleton = { type: 'jwt', secret: '$secrets.JWT_SECRET', algorithm: 'HS256', issuer: 'https://auth.example.com/', audience: 'https://api.example.com' };
  const fix =
    root?.type === 'object'
      ? {
          title: 'Add a jwt authorizer (fill in issuer and audience, then run `wrangler secret put JWT_SECRET`)',
          safe: false,
          edits: [insertRootPropertyEdit(config, root, 'authorizer', skeleton)],
          command: 'wrangler secret put JWT_SECRET',
        }
      : undefined;
  skeletons.set(config, fix);
  return fix;
}

/** SAG612 for one route (upstream only): the auth0 login flow handlers. */
export function checkAuth0FlowRoute(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  if (ctx.runtime !== 'upstream' || !route.integrationTypeNode) return;
  const flaw =
    route.integrationType === 'auth0_callback'
      ? 'the upstream `auth0_callback` handler never checks the `state` parameter, so login CSRF is possible'
      : route.integrationType === 'auth0_callback_redirect'
        ? 'the upstream `auth0_callback_redirect` handler builds the authorize URL without encoding `redirect_uri`, `scope` and `state`, so parameters can be injected'
        : undefined;
  if (!flaw) return;
  ctx.report({
    code: 'SAG612',
    ...anchorOn(config, route.integrationTypeNode),
    file: config.file,
    message: `${flaw} (\`${routeLabel(route)}\`); switch to the bundled runtime, which fixes it, or guard the flow yourself`,
  });
}

export function checkAuthorizer(ctx: RuleContext, config: ConfigDocument): void {
  const { node, type, typeNode } = authorizerOf(config);
  if (node && typeNode && (type === 'jwt' || type === 'supabase')) {
    for (const field of ['issuer', 'audience'] as const) checkClaim(ctx, config, node, typeNode, type, field);
  }
  if (node && typeNode && type === 'auth0') {
    const domain = stringValue(propertyValue(node, 'domain'));
    if (ctx.runtime === 'upstream') {
      ctx.report({
        code: 'SAG608',
        ...anchorOn(config, typeNode),
        file: config.file,
        message:
          `the upstream gateway never checks \`aud\` on Auth0 tokens: a token minted for any API or application of ${domain ? `tenant \`${domain}\`` : 'the tenant'} is accepted; ` +
          'use a tenant dedicated to this API, check `aud` in a pre_process hook, or switch to the bundled runtime and set `audience`',
      });
    }
    const jwks = findProperty(node, 'jwks');
    const jwksValue = jwks?.children?.[1];
    if (jwks && jwksValue && findProperty(node, 'jwks_uri') && stringValue(jwksValue) !== '') {
      ctx.report({
        code: 'SAG613',
        ...anchorOn(config, jwksValue),
        file: config.file,
        message: 'both `jwks` and `jwks_uri` are set: the inline `jwks` wins whenever it is non-empty, so `jwks_uri` is never fetched and key rotation breaks verification; keep only one (usually `jwks_uri`)',
        fixes: [{ title: 'Remove the inline `jwks` (keep `jwks_uri`)', safe: false, edits: [removeSiblingEdit(config, jwks)] }],
      });
    }
  }
}

function checkClaim(ctx: RuleContext, config: ConfigDocument, authorizer: JsonNode, typeNode: JsonNode, type: string, field: 'issuer' | 'audience'): void {
  const valueNode = propertyValue(authorizer, field);
  const value = stringValue(valueNode);
  const skipped = `so the \`${field === 'issuer' ? 'iss' : 'aud'}\` claim is never checked and tokens for any ${field} signed with the same key are accepted`;
  if (!valueNode || value === undefined || value === '') {
    ctx.report({
      code: 'SAG607',
      ...anchorOn(config, valueNode ?? typeNode),
      file: config.file,
      message: `the ${type} authorizer's \`${field}\` is ${valueNode ? 'empty' : 'missing'}, ${skipped}; set it to the expected ${field}`,
    });
    return;
  }
  const placeholder = placeholderOf(value);
  if (!placeholder || placeholder.kind !== 'env') return;
  for (const env of ctx.environments) {
    const resolved = resolveInEnvironment(ctx.project, env, placeholder.name);
    const empty = resolved.from === 'nowhere' || resolved.value === '' || resolved.value === null;
    if (!empty) continue;
    const where = ctx.project.wrangler ? ctx.project.wrangler.file.slice(ctx.project.wrangler.file.lastIndexOf('/') + 1) : 'the wrangler config';
    ctx.report({
      code: 'SAG607',
      ...anchorOn(config, valueNode),
      file: config.file,
      env: env.name,
      message:
        resolved.from === 'nowhere'
          ? `\`${value}\` resolves to "" ${envLabel(env)}: \`${placeholder.name}\` is in neither ${varsTableLabel(env)} of ${where} nor .dev.vars, ${skipped}; declare \`${placeholder.name}\` or write the ${field} literally`
          : `\`${value}\` resolves to "" ${envLabel(env)}: \`${placeholder.name}\` is empty, ${skipped}; give it a value`,
    });
  }
}
