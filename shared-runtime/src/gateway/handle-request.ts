// The request pipeline of the bundled gateway (SPEC E.2-E.7): preflight, match, auth, body limit, pre_process,
// integration, post_process. Returns the response before the common headers (CORS, request id) are added.

import type { CompiledGateway, CompiledRoute } from '../compile/compiled-gateway';
import { preflightResponse } from '../cors/cors';
import { runPostProcess, runPreProcess } from '../hooks/run-hooks';
import { handleAuth0 } from '../integrations/auth0';
import { disposeRpcResult } from '../integrations/dispose-result';
import { proxyRequest } from '../integrations/http-proxy';
import { resultToResponse } from '../integrations/result-to-response';
import { callBinding } from '../integrations/service-binding';
import { staticResponse } from '../integrations/static-response';
import { handleSupabase } from '../integrations/supabase';
import { methodNotAllowed, notFound, payloadTooLarge } from '../http/json-response';
import { readBodyWithin, withBody } from '../http/limits';
import { normalisePercentEncoding } from '../routing/segments';
import type { ExecutionContextLike, GatewayContext } from './types';

export interface RequestScope {
  gateway: CompiledGateway;
  env: Record<string, unknown>;
  ctx: ExecutionContextLike;
  requestId: string;
}

/** The request with another path (query and everything else kept). */
function withPath(request: Request, path: string): Request {
  const url = new URL(request.url);
  url.pathname = path;
  return new Request(url.href, request);
}

/**
 * The pathname of a request URL as written, without building a URL object. workerd hands a Worker the request
 * target as the client sent it: literal `..` segments are resolved, but `%2e%2e`, `\` and raw non-ASCII are not
 * (a Request built in the Worker or by Miniflare has been through the URL parser; one from the network has not).
 */
export function pathnameOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return new URL(url).pathname;
  const start = url.indexOf('/', scheme + 3);
  if (start < 0) return '/';
  let end = url.length;
  const query = url.indexOf('?', start);
  if (query >= 0) end = query;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  return url.slice(start, end);
}

/** Paths the URL parser leaves as they are: these characters only, and no `.` or `..` segment. */
const PARSED_ALREADY = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * The path the URL parser makes of `written` (the pathname of `url`): dot segments resolved (`%2e%2e` too), `\` read
 * as `/`, non-ASCII and other unsafe characters percent-encoded. It is what a later `new URL(request.url)` (the
 * proxy's base-path join, `fetch`) would make of the path, so matching it is matching what is forwarded: compared as
 * written, `/api/%2e%2e/api/admin` missed the `/api/admin` route and its auth, matched a catch-all, and reached
 * the backend as `/api/admin`.
 */
export function parsedPath(url: string, written: string): string {
  if (PARSED_ALREADY.test(written) && !DOT_SEGMENT.test(written)) return written;
  try {
    return new URL(url).pathname;
  } catch {
    return written;
  }
}

export async function handleRequest(incoming: Request, scope: RequestScope): Promise<Response> {
  const { gateway } = scope;
  // The one normalised path (E.2): the URL parser's (dot segments resolved, `%2e%2e` included), `//` runs kept, and
  // escaped unreserved characters decoded (`/api/%61dmin` is `/api/admin`). What matches is what the backend, the
  // hooks and the services see: the request is rewritten when its path changed.
  const written = pathnameOf(incoming.url);
  const path = normalisePercentEncoding(parsedPath(incoming.url, written));
  const request = path === written ? incoming : withPath(incoming, path);

  if (gateway.cors && request.method === 'OPTIONS') {
    const explicit = gateway.router.match('OPTIONS', path);
    if (explicit.kind !== 'match' || gateway.routes[explicit.index].method !== 'OPTIONS') return preflightResponse(gateway.cors, request);
  }

  const match = gateway.router.match(request.method, path);
  if (match.kind === 'none') return notFound();
  if (match.kind === 'method-not-allowed') return methodNotAllowed(match.allow);
  const route = gateway.routes[match.index];

  let jwt: Record<string, unknown> | null = null;
  if (route.auth) {
    const verdict = await gateway.authorizer!.verify(request);
    if (!verdict.ok) return verdict.response;
    jwt = verdict.payload;
  }

  // Static routes take no hooks (as upstream): answered before any context is built.
  if (!route.integration) return staticResponse(route.responseText);

  let url = new URL(request.url);
  let context: GatewayContext = {
    params: match.params,
    query: firstValues(url.searchParams),
    jwt,
    route: { method: route.method, path: route.path },
    requestId: scope.requestId,
  };

  // Hooks and services each get their own copy of a body read once, within the size limit (E.7).
  let body: ArrayBuffer | null = null;
  if (route.buffersBody) {
    const buffered = await readBodyWithin(request, gateway.settings.maxBodyBytes);
    if (!buffered.ok) return payloadTooLarge();
    body = buffered.body;
  }
  const fresh = (from: Request) => (route.buffersBody ? withBody(from, body) : from);

  let current = request;
  if (route.preProcess) {
    const outcome = await runPreProcess(scope.env, route.preProcess, fresh(request), context);
    if (outcome.kind === 'respond') return outcome.response;
    if (outcome.request) {
      current = outcome.request;
      // Enrichment may add query parameters: the proxied query, `$request.query.*` and the context read the
      // hook's. The path stays the one the route matched (its params and wildcard remainder): a hook does not re-route.
      const search = new URL(current.url).search;
      if (search !== url.search) {
        url = new URL(url);
        url.search = search;
        context = { ...context, query: firstValues(url.searchParams) }; // a new object: the hook may hold the old one
      }
      if (route.buffersBody) {
        const replaced = await readBodyWithin(current, gateway.settings.maxBodyBytes);
        if (!replaced.ok) return payloadTooLarge();
        body = replaced.body;
      }
    }
  }

  let response = await dispatch(route, route.buffersBody ? withBody(current, body) : current, url, match.wildcardSegments, context, jwt, scope);
  if (route.postProcess) response = await runPostProcess(scope.env, route.postProcess, response, fresh(current), context);
  return response;
}

async function dispatch(
  route: CompiledRoute,
  request: Request,
  url: URL,
  wildcardSegments: string[] | null,
  context: GatewayContext,
  jwt: Record<string, unknown> | null,
  scope: RequestScope,
): Promise<Response> {
  const integration = route.integration!;
  switch (integration.type) {
    case 'http_proxy':
      return proxyRequest({
        request,
        url,
        route,
        server: integration.server,
        wildcardSegments,
        mapping: { request, url, jwt, routeVariables: route.variables, globalVariables: scope.gateway.variables },
      });
    case 'service': {
      const handler = integration.create(scope.env, scope.ctx);
      return resultToResponse(await handler.fetch(request, scope.env, scope.ctx, context));
    }
    case 'service_binding': {
      const result = await callBinding(scope.env, integration.target, integration.target.function ? [request, context] : [request]);
      const response = resultToResponse(result);
      // A converted value is spent; a Response goes on to the client and stays alive.
      if (response !== result) disposeRpcResult(result);
      return response;
    }
    case 'auth0_callback':
    case 'auth0_userinfo':
    case 'auth0_callback_redirect':
    case 'auth0_refresh':
      return handleAuth0(integration.type, request, { authorizer: scope.gateway.authorizerConfig ?? {}, verifier: scope.gateway.authorizer! });
    default:
      return handleSupabase(integration.type, request, scope.env);
  }
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  params.forEach((value, name) => {
    if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
  });
  return out;
}
