// How a route's path meets its integration: SAG507 (catch-all `ANY /{.+}`), SAG508 (upstream: a wildcard prefix
// with a `{param}` is not stripped before proxying), SAG509 (path parameters the integration cannot see: upstream
// `service` modules; bundled proxies that strip a wildcard prefix holding them).
import { isTailWildcard } from 'serverless-api-gateway-runtime/routing';
import type { ConfigDocument } from '../../model';
import type { RuleContext } from '../rule';
import { anchorOn } from './describe';
import type { RouteEntry } from './route-table';
import { routeLabel } from './route-table';

/** A per-route check: it reads the route, its auth and the runtime, nothing else. */
export function checkIntegrationPath(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  if (!route.routable) return;
  const path = route.path!;
  if (route.method === 'ANY' && path === '/{.+}') reportCatchAll(ctx, config, route);
  if (route.integrationType !== 'http_proxy' && route.integrationType !== 'service') return;
  if (!route.segments.some((s) => s.kind === 'param')) return;
  const params = route.segments.filter((s) => s.kind === 'param').map((s) => s.text);
  if (route.integrationType === 'http_proxy' && isTailWildcard(path) && ctx.runtime === 'upstream') {
    ctx.report({
      code: 'SAG508',
      ...anchorOn(config, route.pathNode!),
      file: config.file,
      message:
        `\`${path}\` proxies with a wildcard whose prefix holds \`${params[0]}\`: the upstream gateway strips the prefix only when it is all literal, ` +
        `so the server receives the full request path, not just the part \`{.+}\` matched; make the prefix literal, or have the server expect the full path`,
    });
  }
  reportUnseenParams(ctx, config, route, params);
}

function reportCatchAll(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  // HEAD is the surprise: it reaches only ANY routes upstream, and the bundled gateway falls back to a GET route only
  // when no ANY route matches, so HEAD on the path of a GET route with `auth` lands here (SPEC C.3, E.2).
  const auth = route.auth
    ? 'its `auth` setting protects every unmatched URL'
    : 'it has no `auth`, so every request no other route takes is served without authentication: HEAD on the path of a `GET` route with `auth` too, and any method such a route does not declare';
  ctx.report({
    code: 'SAG507',
    ...anchorOn(config, route.pathNode!),
    file: config.file,
    message: `\`${routeLabel(route)}\` catches every request no other route takes: the gateway never answers 404 "No match found.", and ${auth}`,
  });
}

function reportUnseenParams(ctx: RuleContext, config: ConfigDocument, route: RouteEntry, params: string[]): void {
  const names = params.map((p) => `\`${p}\``).join(', ');
  let message: string | undefined;
  if (route.integrationType === 'service' && ctx.runtime === 'upstream') {
    message =
      `${names} in \`${route.path}\` never reaches the \`service\` module: the upstream gateway calls \`fetch(request, env, ctx)\` without path parameters; ` +
      `parse \`request.url\` in the module, or use a \`service_binding\`, whose context carries them`;
  } else if (route.integrationType === 'http_proxy' && ctx.runtime === 'bundled' && isTailWildcard(route.path!)) {
    // Bundled strips the whole wildcard prefix, parameters included (E.7), and mappings have no path source.
    message =
      `${names} in \`${route.path}\` never reaches the server: the bundled gateway strips the wildcard prefix, parameters included, before proxying, ` +
      `and \`mapping\` has no path source (\`$request.path.*\` does not exist); keep the value out of the prefix, or use a \`service_binding\`, whose context carries it`;
  }
  if (!message) return;
  ctx.report({ code: 'SAG509', ...anchorOn(config, route.pathNode!), file: config.file, message });
}
