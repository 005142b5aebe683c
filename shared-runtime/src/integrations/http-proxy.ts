// http / http_proxy integration (SPEC C.8 item 1 with the E.7 changes): base path join, wildcard prefix stripping
// (params included), query kept, hop-by-hop headers dropped, X-Forwarded-*, 502 when the upstream is unreachable.

import { badGateway } from '../http/json-response';
import { applyMapping, type MappingSources } from '../mapping/mapping';
import type { CompiledRoute } from '../compile/compiled-gateway';

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host'];

export interface ProxyInput {
  request: Request;
  url: URL;
  route: CompiledRoute;
  server: { origin: string; basePath: string };
  /** Raw segments `{.+}` consumed, or null for a route without wildcard. */
  wildcardSegments: string[] | null;
  mapping: MappingSources;
}

/** The upstream URL: server origin + base path + (the wildcard remainder, or the whole path) + the incoming query. */
export function proxyTarget(server: { origin: string; basePath: string }, path: string, wildcardSegments: string[] | null, search: string): string {
  const proxyPath = wildcardSegments ? '/' + wildcardSegments.join('/') : path;
  return server.origin + server.basePath + proxyPath + search;
}

export function forwardedHeaders(request: Request, url: URL): Headers {
  const headers = new Headers(request.headers);
  const named = (request.headers.get('connection') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const name of [...HOP_BY_HOP, ...named]) headers.delete(name);
  const client = request.headers.get('cf-connecting-ip');
  if (client) {
    const prior = request.headers.get('x-forwarded-for');
    headers.set('X-Forwarded-For', prior ? `${prior}, ${client}` : client);
  }
  headers.set('X-Forwarded-Proto', url.protocol.slice(0, -1));
  headers.set('X-Forwarded-Host', url.host);
  return headers;
}

export async function proxyRequest(input: ProxyInput): Promise<Response> {
  const { request, url, route, server } = input;
  const target = new URL(proxyTarget(server, url.pathname, input.wildcardSegments, url.search));
  const headers = forwardedHeaders(request, url);
  if (route.mapping) applyMapping(route.mapping, input.mapping, headers, target);
  const hasBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, redirect: 'manual' };
  if (hasBody) {
    init.body = request.body;
    init.duplex = 'half'; // Node's fetch needs it for a streamed body; workerd ignores it.
  }
  let upstream: Response;
  try {
    upstream = await fetch(target.toString(), init);
  } catch (error) {
    console.error(`[sag] upstream \`${route.integration?.type === 'http_proxy' ? route.integration.server.alias : '?'}\` unreachable (${target.origin}): ${(error as Error)?.message ?? error}`);
    return badGateway();
  }
  // The gateway is the server the client talks to: the upstream's X-Powered-By (framework, version) is not passed on.
  if (upstream.headers.has('x-powered-by')) {
    upstream = new Response(upstream.body, upstream);
    upstream.headers.delete('x-powered-by');
  }
  return upstream;
}
