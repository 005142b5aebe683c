// createGateway: the Worker-shaped handler of the bundled gateway (SPEC E). Compiles lazily on the first request, never
// throws for a bad config, and finishes every response with the common headers (E.5, E.7).

import { applyCors, isPreflightAnswer } from '../cors/cors';
import { configInvalid, headersTooLarge, internalError } from '../http/json-response';
import { headerBytes, MAX_HEADER_BYTES } from '../http/limits';
import { requestIdFor } from '../http/request-id';
import { createConfigSource } from './config-source';
import { handleRequest } from './handle-request';
import type { CompiledGateway } from '../compile/compiled-gateway';
import type { ExecutionContextLike, Gateway, GatewayEnv, GatewayOptions } from './types';
import { describeError } from './describe-error';

const NO_CONTEXT: ExecutionContextLike = { waitUntil() {} };

export function createGateway(options: GatewayOptions = {}): Gateway {
  const source = createConfigSource(options.config, (options.services ?? {}) as Record<string, unknown>);

  return {
    async fetch(request: Request, env: GatewayEnv = {}, ctx: ExecutionContextLike = NO_CONTEXT): Promise<Response> {
      const requestId = requestIdFor(request);
      let gateway: CompiledGateway | null = null;
      let response: Response;
      try {
        if (headerBytes(request.headers) > MAX_HEADER_BYTES) {
          response = headersTooLarge();
        } else {
          const compiled = await source.current(env);
          if (!compiled.ok) {
            response = configInvalid();
          } else {
            gateway = compiled.gateway;
            response = await handleRequest(request, { gateway, env, ctx, requestId });
          }
        }
      } catch (error) {
        // The log names the failure; the client sees only the request id to quote (never a stack, env value or secret).
        console.error(`[sag] ${requestId} ${request.method} ${safePath(request.url)}: ${describeError(error)}`);
        response = internalError(requestId);
      }
      try {
        return finish(response, request, requestId, gateway);
      } catch (error) {
        // A header value the runtime refuses (a CR/LF that came from env): still the gateway's own 500, with its id.
        console.error(`[sag] ${requestId} ${request.method} ${safePath(request.url)}: ${describeError(error)}`);
        const fallback = internalError(requestId);
        fallback.headers.set('X-Request-Id', requestId);
        return fallback;
      }
    },
  };
}

function finish(response: Response, request: Request, requestId: string, gateway: CompiledGateway | null): Response {
  let out = response;
  try {
    out.headers.set('X-Request-Id', requestId);
  } catch {
    // Responses from fetch or RPC have immutable headers.
    out = new Response(response.body, response);
    out.headers.set('X-Request-Id', requestId);
  }
  if (gateway?.cors && !isPreflightAnswer(response)) applyCors(gateway.cors, request, out.headers);
  if (gateway?.settings.poweredBy) out.headers.set('X-Powered-By', gateway.settings.poweredBy);
  if (request.method === 'HEAD' && out.body !== null) {
    out.body.cancel().catch(() => undefined);
    out = new Response(null, { status: out.status, statusText: out.statusText, headers: out.headers });
  }
  return out;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname.slice(0, 200);
  } catch {
    return '?';
  }
}
