// The api-config vocabulary (SPEC A): key lists, enums and per-type requirements that the model, the rules and the runtime share.
// model.ts builds both JSON Schemas from these lists, so a value added here reaches schemas, types and rules at once.

/** Which schema a fact belongs to: the upstream gateway's own schema, or our bundled (superset) schema (SPEC E.1). */
export type SchemaVariant = 'upstream' | 'bundled';
export const SCHEMA_VARIANTS: readonly SchemaVariant[] = ['upstream', 'bundled'];

/** Route `method` enum (A.7). Exact, case-sensitive; `ANY` is the only way to reach `HEAD` upstream. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'ANY'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `cors.allow_methods` enum (A.5): no `HEAD`, no `ANY`, but `*`. */
export const CORS_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', '*'] as const;
export type CorsMethod = (typeof CORS_METHODS)[number];

/** `integration.type` enum (A.7), [schema] = [runtime]. `http` is normalised to `http_proxy` (A.9). */
export const INTEGRATION_TYPES = [
  'http',
  'http_proxy',
  'service',
  'service_binding',
  'auth0_callback',
  'auth0_userinfo',
  'auth0_callback_redirect',
  'auth0_refresh',
  'supabase_passwordless_auth',
  'supabase_passwordless_verify',
  'supabase_passwordless_auth_alt',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const AUTH0_INTEGRATION_TYPES: readonly IntegrationType[] = [
  'auth0_callback',
  'auth0_userinfo',
  'auth0_callback_redirect',
  'auth0_refresh',
];
export const SUPABASE_INTEGRATION_TYPES: readonly IntegrationType[] = [
  'supabase_passwordless_auth',
  'supabase_passwordless_verify',
  'supabase_passwordless_auth_alt',
];
/** Integration types to which `mapping` applies (C.7). */
export const MAPPABLE_INTEGRATION_TYPES: readonly IntegrationType[] = ['http', 'http_proxy'];

/** Integration fields each type needs (A.7 conditionals; E.3 makes `function` optional on service_binding). */
export const INTEGRATION_REQUIRED_FIELDS: Record<SchemaVariant, Partial<Record<IntegrationType, readonly string[]>>> = {
  upstream: { http: ['server'], http_proxy: ['server'], service: ['binding'], service_binding: ['binding', 'function'] },
  bundled: { http: ['server'], http_proxy: ['server'], service: ['binding'], service_binding: ['binding'] },
};

/** Which root section an integration's alias field points into (D.x: completion, definition, rename). */
export type AliasSection = 'servers' | 'services' | 'serviceBindings';
export const INTEGRATION_ALIAS_TARGET: Partial<Record<IntegrationType, { field: 'server' | 'binding'; section: AliasSection }>> = {
  http: { field: 'server', section: 'servers' },
  http_proxy: { field: 'server', section: 'servers' },
  service: { field: 'binding', section: 'services' },
  service_binding: { field: 'binding', section: 'serviceBindings' },
};

/** Top-level keys (A.1–A.8). Anything else is SAG102. */
export const ROOT_KEYS = [
  '$schema',
  'title',
  'description',
  'servers',
  'services',
  'serviceBindings',
  'servicesBindings',
  'cors',
  'authorizer',
  'variables',
  'paths',
] as const;
export type RootKey = (typeof ROOT_KEYS)[number];
export const DEPRECATED_ROOT_KEYS: readonly RootKey[] = ['servicesBindings'];

/** Keys a path item may carry (A.7). A path-level `post_process` is not one of them (SAG110). */
export const PATH_ITEM_KEYS = ['method', 'path', 'integration', 'auth', 'mapping', 'variables', 'response', 'pre_process'] as const;
export type PathItemKey = (typeof PATH_ITEM_KEYS)[number];

/** Keys of an `integration` object. `post_process` is not in the upstream schema but upstream reads it (A.7, C.9). */
export const INTEGRATION_KEYS = ['type', 'server', 'binding', 'function', 'post_process'] as const;
export type IntegrationKey = (typeof INTEGRATION_KEYS)[number];

export const SERVER_KEYS = ['alias', 'url'] as const;
export const SERVICE_KEYS = ['alias', 'entrypoint'] as const;
export const SERVICE_BINDING_KEYS = ['alias', 'binding'] as const;
export const MAPPING_KEYS = ['headers', 'query'] as const;
export const PRE_PROCESS_KEYS = ['binding', 'function'] as const;
export const POST_PROCESS_KEYS = ['type', 'binding', 'function'] as const;

export const CORS_KEYS = ['allow_origins', 'allow_methods', 'allow_headers', 'expose_headers', 'allow_credentials', 'max_age'] as const;
export type CorsKey = (typeof CORS_KEYS)[number];
/** What the runtime uses when a cors field is missing (A.5); SAG111 fixes insert these. */
export const CORS_RUNTIME_DEFAULTS: Record<CorsKey, unknown> = {
  allow_origins: [],
  allow_methods: [],
  allow_headers: [],
  expose_headers: [],
  allow_credentials: false,
  max_age: 0,
};

export const AUTHORIZER_TYPES = ['jwt', 'auth0', 'supabase'] as const;
export type AuthorizerType = (typeof AUTHORIZER_TYPES)[number];

export const JWT_ALGORITHMS: Record<SchemaVariant, readonly string[]> = {
  upstream: ['HS256'],
  bundled: ['HS256', 'HS384', 'HS512'],
};

export interface AuthorizerFieldSet {
  /** Every key the variant allows (additionalProperties is false), including `type`. */
  readonly allowed: readonly string[];
  /** Keys the schema requires. */
  readonly required: readonly string[];
  /** At least one key of this list must be present (auth0 `jwks`/`jwks_uri`). */
  readonly requireOneOf?: readonly string[];
  /** Keys the runtime needs to work at all (SAG112), independent of the schema. */
  readonly runtimeNeeds: readonly string[];
  /** Keys holding secret material (SAG602). */
  readonly secretKeys: readonly string[];
}

export const AUTHORIZER_FIELDS: Record<SchemaVariant, Record<AuthorizerType, AuthorizerFieldSet>> = {
  upstream: {
    jwt: {
      allowed: ['type', 'secret', 'algorithm', 'audience', 'issuer'],
      required: ['type', 'secret', 'algorithm', 'audience', 'issuer'],
      runtimeNeeds: ['secret'],
      secretKeys: ['secret'],
    },
    auth0: {
      allowed: ['type', 'domain', 'client_id', 'client_secret', 'redirect_uri', 'callback_uri', 'jwks', 'jwks_uri', 'scope'],
      required: ['type', 'domain', 'client_id', 'client_secret', 'redirect_uri', 'scope'],
      requireOneOf: ['jwks', 'jwks_uri'],
      runtimeNeeds: ['domain'],
      secretKeys: ['client_secret'],
    },
    supabase: {
      allowed: ['type', 'jwt_secret', 'issuer', 'audience'],
      required: ['type', 'jwt_secret', 'issuer', 'audience'],
      runtimeNeeds: ['jwt_secret'],
      secretKeys: ['jwt_secret'],
    },
  },
  bundled: {
    jwt: {
      allowed: ['type', 'secret', 'algorithm', 'audience', 'issuer'],
      required: ['type', 'secret'],
      runtimeNeeds: ['secret'],
      secretKeys: ['secret'],
    },
    auth0: {
      allowed: ['type', 'domain', 'client_id', 'client_secret', 'redirect_uri', 'callback_uri', 'jwks', 'jwks_uri', 'scope', 'audience'],
      required: ['type', 'domain', 'client_id', 'client_secret', 'redirect_uri', 'scope'],
      requireOneOf: ['jwks', 'jwks_uri'],
      runtimeNeeds: ['domain'],
      secretKeys: ['client_secret'],
    },
    supabase: {
      allowed: ['type', 'jwt_secret', 'issuer', 'audience'],
      required: ['type', 'jwt_secret'],
      runtimeNeeds: ['jwt_secret'],
      secretKeys: ['jwt_secret'],
    },
  },
};

/** Mapping expression sources (A.7). Each is followed by NAME matching MAPPING_NAME_PATTERN. */
export const MAPPING_SOURCES = ['$request.header.', '$request.jwt.', '$request.query.', '$config.'] as const;
export type MappingSource = (typeof MAPPING_SOURCES)[number];
export const MAPPING_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;

/** String-value prefixes substituted from `env` at load time (A.8). */
export const SUBSTITUTION_PREFIXES = ['$env.', '$secret.', '$secrets.'] as const;

/** The only `post_process.type` value (C.9, E.3). */
export const POST_PROCESS_TYPE = 'service_binding';

/** RFC 9110 token, what a header name is made of: a mapping or CORS entry that is not one can never be sent. */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}
