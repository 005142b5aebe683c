// The compiled form of one config (E.1): everything a request needs, resolved once per isolate per config text.

import type { Authorizer } from '../auth/index';
import type { CompiledCors } from '../cors/cors';
import type { CompiledRouter } from '../router/route-trie';
import type { ServiceHandler } from '../gateway/types';

export interface HookTarget {
  /** The alias as written (for logs) and the env binding it names. */
  alias: string;
  binding: string;
  /** RPC method; absent means `fetch(request)` (service_binding without `function`, E.3). */
  function?: string;
}

/** How to get a `service` handler per request: construct the class (fresh per request) or use the object. */
export type ServiceFactory = (env: Record<string, unknown>, ctx: unknown) => ServiceHandler;

export type CompiledIntegration =
  | { type: 'http_proxy'; server: { alias: string; origin: string; basePath: string } }
  | { type: 'service'; alias: string; create: ServiceFactory }
  | { type: 'service_binding'; target: HookTarget }
  | { type: 'auth0_callback' | 'auth0_userinfo' | 'auth0_callback_redirect' | 'auth0_refresh' }
  | { type: 'supabase_passwordless_auth' | 'supabase_passwordless_verify' | 'supabase_passwordless_auth_alt' };

export interface MappingRules {
  headers: Array<[string, string]>;
  query: Array<[string, string]>;
}

export interface CompiledRoute {
  index: number;
  /** Method and path as written in the config (context.route). */
  method: string;
  path: string;
  auth: boolean;
  integration: CompiledIntegration | null;
  /** Static body (C.8 item 8), JSON-encoded at compile time; null sends an empty body. */
  responseText: string | null;
  mapping: MappingRules | null;
  variables: Record<string, unknown> | null;
  preProcess: HookTarget | null;
  postProcess: HookTarget | null;
  /** The request body must be buffered (hooks and services see copies; E.7 limit applies). */
  buffersBody: boolean;
}

export interface GatewaySettings {
  maxBodyBytes: number;
  poweredBy: string | null;
}

export interface CompiledGateway {
  router: CompiledRouter;
  routes: CompiledRoute[];
  cors: CompiledCors | null;
  authorizer: Authorizer | null;
  /** The authorizer object after substitution, for the auth0 integrations. */
  authorizerConfig: Record<string, unknown> | null;
  variables: Record<string, unknown>;
  settings: GatewaySettings;
}
