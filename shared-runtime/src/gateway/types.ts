// Public types of the gateway: what createGateway takes, what it returns, and the minimal context bound Workers receive.

/** The Worker `env` as the gateway sees it: vars, secrets and bindings by name. */
export type GatewayEnv = Record<string, unknown>;

/** The subset of the Workers `ExecutionContext` the gateway uses (Node callers may pass `{ waitUntil() {} }`). */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException?(): void;
}

/**
 * What a `service` module, a `service_binding` target and a hook receive (E.3, E.8). Plain and structured-cloneable:
 * never the gateway's `env`, its secrets or the resolved config.
 */
export interface GatewayContext {
  /** `{param}` captures of the matched route, percent-decoded. */
  params: Record<string, string>;
  /** Query parameters of the request (the first value of a repeated name). */
  query: Record<string, string>;
  /** The verified token payload, or null on a route without `auth`. */
  jwt: Record<string, unknown> | null;
  /** The matched route as written in the config (`/orders/{id}`). */
  route: { method: string; path: string };
  requestId: string;
}

/** A `service` module's default export (E.4): a class/function whose instances have `fetch`, or an object with `fetch`. */
export interface ServiceHandler {
  fetch(request: Request, env: GatewayEnv, ctx: ExecutionContextLike, context: GatewayContext): unknown;
}
export type ServiceModule = { default?: unknown; fetch?: unknown };

export interface GatewayOptions {
  /** The api-config object or its JSON text. `SAG_API_CONFIG_JSON` and KV `CONFIG` override it (E.1). */
  config?: unknown;
  /** `services[].alias` -> the imported module (`import * as m from './services/orders'`). */
  services?: Record<string, ServiceModule | ServiceHandler | unknown>;
}

export interface Gateway {
  fetch(request: Request, env?: GatewayEnv, ctx?: ExecutionContextLike): Promise<Response>;
}
