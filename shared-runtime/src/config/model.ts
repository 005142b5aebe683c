// THE api-config model (SPEC A, E.1): one description from which both JSON Schemas and the TypeScript types are generated.
// Where upstream and bundled differ, the field says so with byVariant(upstream, bundled) or `only`.

import {
  anyValue,
  arrayOf,
  bool,
  byVariant,
  enumOf,
  field,
  int,
  mapOf,
  obj,
  ref,
  required,
  str,
  type ConfigModel,
  type Field,
  type ModelNode,
  type RequireWhen,
  type Varies,
} from './model-dsl';
import {
  AUTHORIZER_FIELDS,
  CORS_METHODS,
  HTTP_METHODS,
  INTEGRATION_REQUIRED_FIELDS,
  INTEGRATION_TYPES,
  JWT_ALGORITHMS,
  POST_PROCESS_TYPE,
  type AuthorizerType,
} from './vocabulary';

/** Required-ness of an authorizer field, straight from the vocabulary table so rules and schemas agree. */
function authorizerField(type: AuthorizerType, key: string, node: ModelNode, description: string, extra: Partial<Field> = {}): Field {
  const up = AUTHORIZER_FIELDS.upstream[type];
  const bu = AUTHORIZER_FIELDS.bundled[type];
  const only = !up.allowed.includes(key) ? 'bundled' : !bu.allowed.includes(key) ? 'upstream' : undefined;
  return field(node, description, {
    required: byVariant(up.required.includes(key), bu.required.includes(key)),
    ...(only ? { only } : {}),
    ...extra,
  });
}

/** One if/then per integration type that needs fields (A.7 conditionals; E.3 relaxes service_binding `function`). */
function integrationRequirements(): RequireWhen[] {
  return INTEGRATION_TYPES.flatMap((type) => {
    const upstream = INTEGRATION_REQUIRED_FIELDS.upstream[type] ?? [];
    const bundled = INTEGRATION_REQUIRED_FIELDS.bundled[type] ?? [];
    if (upstream.length === 0 && bundled.length === 0) return [];
    return [{ field: 'type', values: [type], require: byVariant(upstream, bundled) }];
  });
}

const alias = (what: string) =>
  required(str({ minLength: 1 }), `Name that routes use to refer to this ${what}; keep it unique (the first entry with an alias wins).`);

const jwtAuthorizer = obj(
  {
    type: required(enumOf(['jwt']), 'Shared-secret HMAC JWT authorizer.'),
    secret: authorizerField('jwt', 'secret', str(), 'HMAC key (UTF-8). Use a `$secret.NAME` reference, never a literal.'),
    algorithm: authorizerField(
      'jwt',
      'algorithm',
      enumOf(byVariant(JWT_ALGORITHMS.upstream, JWT_ALGORITHMS.bundled)),
      'Signing algorithm. The upstream runtime ignores it; the bundled runtime accepts only this algorithm (default HS256).',
    ),
    audience: authorizerField('jwt', 'audience', str(), 'Expected `aud` claim; the check is skipped when empty.'),
    issuer: authorizerField('jwt', 'issuer', str(), 'Expected `iss` claim; the check is skipped when empty.'),
  },
  { additional: false, description: 'Verifies `Authorization: Bearer` tokens signed with a shared HMAC secret.' },
);

const auth0Authorizer = obj(
  {
    type: required(enumOf(['auth0']), 'Auth0 authorizer (RS256 tokens checked against the tenant JWKS).'),
    domain: authorizerField('auth0', 'domain', str(), 'Auth0 tenant host, e.g. `my-tenant.eu.auth0.com`; the expected issuer is `https://<domain>/`.'),
    client_id: authorizerField('auth0', 'client_id', str(), 'Application client ID, used by the callback, refresh and login redirect.'),
    client_secret: authorizerField('auth0', 'client_secret', str(), 'Application client secret; use a `$secret.NAME` reference.'),
    redirect_uri: authorizerField('auth0', 'redirect_uri', str({ format: 'uri' }), 'Callback URL sent to Auth0 on login and code exchange.'),
    callback_uri: authorizerField('auth0', 'callback_uri', str({ format: 'uri' }), 'Accepted for compatibility; no runtime reads it.'),
    jwks: authorizerField('auth0', 'jwks', str(), 'Inline JWKS as a JSON string; takes precedence over `jwks_uri` when non-empty.'),
    jwks_uri: authorizerField('auth0', 'jwks_uri', str({ format: 'uri' }), 'URL of the tenant JWKS, e.g. `https://<domain>/.well-known/jwks.json`.'),
    scope: authorizerField('auth0', 'scope', str(), 'Scopes requested by the login redirect, e.g. `openid profile email`.'),
    audience: authorizerField('auth0', 'audience', str(), 'Expected `aud` claim (bundled runtime only; upstream never checks `aud`).'),
  },
  {
    additional: false,
    requireOneOf: AUTHORIZER_FIELDS.upstream.auth0.requireOneOf,
    description: 'Verifies Auth0 tokens and powers the auth0_* integrations.',
  },
);

const supabaseAuthorizer = obj(
  {
    type: required(enumOf(['supabase']), 'Supabase authorizer (HS256 tokens signed with the project JWT secret).'),
    jwt_secret: authorizerField('supabase', 'jwt_secret', str(), 'Supabase project JWT secret; use a `$secret.NAME` reference.'),
    issuer: authorizerField('supabase', 'issuer', str(), 'Expected `iss` claim, e.g. `https://<project>.supabase.co/auth/v1`; skipped when empty.'),
    audience: authorizerField('supabase', 'audience', str(), 'Expected `aud` claim, usually `authenticated`; skipped when empty.'),
  },
  { additional: false, description: 'Verifies Supabase access tokens.' },
);

// Upstream's schema says only "object" for pre_process; both runtimes read `{ binding, function }`.
const hookFields = (requiredIn: Varies<boolean>) => ({
  binding: field(str({ minLength: 1 }), 'Alias of a `serviceBindings` entry whose Worker runs the hook.', { required: requiredIn }),
  function: field(str({ minLength: 1 }), 'Name of the RPC method to call on the bound Worker.', { required: requiredIn }),
});

export const API_CONFIG_MODEL: ConfigModel = {
  root: 'ApiConfig',
  defs: {
    ApiConfig: obj(
      {
        $schema: field(str(), 'Editor hint: path or URL of the JSON Schema for this file.'),
        title: field(str(), 'Free-form title; ignored at runtime.'),
        description: field(str(), 'Free-form description; ignored at runtime.'),
        servers: field(arrayOf(ref('Server')), 'Upstream HTTP origins that `http`/`http_proxy` integrations forward to.'),
        services: field(arrayOf(ref('Service')), 'Local modules bundled with the gateway, used by `service` integrations.'),
        serviceBindings: field(
          arrayOf(ref('ServiceBinding')),
          'Other Workers reached through wrangler service bindings: `service_binding` integrations and hooks.',
        ),
        servicesBindings: field(
          arrayOf(ref('ServiceBinding'), { deprecated: true }),
          'Deprecated spelling of `serviceBindings`; merged into it (a `serviceBindings` entry wins on the same alias).',
        ),
        cors: field(ref('Cors'), 'CORS policy: adds CORS headers to responses and answers preflight requests.'),
        authorizer: field(ref('Authorizer'), 'How routes with `auth: true` verify the bearer token.'),
        variables: field(ref('Variables'), 'Global values for `$config.NAME` mapping expressions.'),
        paths: required(arrayOf(ref('PathItem')), 'The routes: each one matches a method and a path and says what serves it.'),
      },
      { additional: byVariant(false, true), description: 'Serverless API Gateway configuration (api-config.json).' },
    ),
    Server: obj(
      {
        alias: alias('server'),
        url: required(str({ format: 'uri' }), 'Absolute http(s) origin URL; its path becomes a base path and its query string is dropped.'),
      },
      { additional: false, description: 'An upstream HTTP origin.' },
    ),
    Service: obj(
      {
        alias: alias('service'),
        entrypoint: required(
          str({ minLength: 1 }),
          'Module path of the service. Upstream: no extension, resolved from wrangler base_dir; bundled: relative to api-config.json.',
        ),
      },
      { additional: false, description: 'A local module whose default export handles requests with `fetch`.' },
    ),
    ServiceBinding: obj(
      {
        alias: alias('service binding'),
        binding: required(str({ minLength: 1 }), 'The `env` binding name, declared under `services` in the wrangler config.'),
      },
      { additional: false, description: 'A wrangler service binding the gateway may call.' },
    ),
    Cors: obj(
      {
        allow_origins: field(
          arrayOf({ kind: 'union', mode: 'anyOf', options: [enumOf(['*']), str({ format: 'uri' })] }, { uniqueItems: true }),
          'Allowed origins: exact origins, `*`, or patterns such as `https://*.example.com`.',
          { required: byVariant(true, false) },
        ),
        allow_methods: field(
          arrayOf(ref('CorsMethod'), { uniqueItems: true }),
          'Methods listed in `Access-Control-Allow-Methods`.',
          { required: byVariant(true, false) },
        ),
        allow_headers: field(arrayOf(str()), 'Request headers listed in `Access-Control-Allow-Headers`.', { required: byVariant(true, false) }),
        expose_headers: field(arrayOf(str()), 'Response headers listed in `Access-Control-Expose-Headers`.', {
          required: byVariant(true, false),
        }),
        allow_credentials: field(bool(), 'Whether browsers may send cookies and credentials (`Access-Control-Allow-Credentials`).', {
          required: byVariant(true, false),
        }),
        max_age: field(int({ minimum: 0 }), 'Seconds a browser may cache a preflight answer (`Access-Control-Max-Age`).', {
          required: byVariant(true, false),
        }),
      },
      { additional: false, description: 'Cross-origin resource sharing policy.' },
    ),
    CorsMethod: enumOf(CORS_METHODS, { description: 'A method allowed by CORS, or `*`.' }),
    Authorizer: {
      kind: 'union',
      mode: 'oneOf',
      options: [ref('JwtAuthorizer'), ref('Auth0Authorizer'), ref('SupabaseAuthorizer')],
      description: 'Token verifier for routes with `auth: true`; `type` selects jwt, auth0 or supabase.',
    },
    JwtAuthorizer: jwtAuthorizer,
    Auth0Authorizer: auth0Authorizer,
    SupabaseAuthorizer: supabaseAuthorizer,
    Variables: mapOf(anyValue(), { description: 'Named values for `$config.NAME` mapping expressions.' }),
    HttpMethod: enumOf(HTTP_METHODS, { description: 'HTTP method, upper case; `ANY` matches every method.' }),
    IntegrationType: enumOf(INTEGRATION_TYPES, { description: 'What serves the route.' }),
    PathItem: obj(
      {
        method: required(ref('HttpMethod'), 'Request method this route serves (exact, upper case); `ANY` matches every method.'),
        path: required(
          str({ pattern: '^/' }),
          'Route path starting with `/`; `{name}` matches one segment, a final `{.+}` matches the rest.',
        ),
        integration: field(ref('Integration'), 'What serves this route; without it the route answers the static `response`.'),
        auth: field(bool({ nullable: true }), 'Require a verified bearer token (needs a root `authorizer`). Use a real boolean.'),
        mapping: field(ref('Mapping'), 'Headers and query parameters to set on the proxied request (http/http_proxy only).'),
        variables: field(ref('Variables'), 'Route values for `$config.NAME`; they shadow the global `variables`.'),
        response: field(anyValue(), 'Static JSON body served with status 200 when the route has no integration.'),
        pre_process: field(
          ref('PreProcess'),
          'Hook called on a bound Worker before the integration; it can short-circuit with a Response.',
        ),
      },
      { additional: true, description: 'A route: method + path, and what serves it.' },
    ),
    Integration: obj(
      {
        type: required(ref('IntegrationType'), 'What serves the route: an HTTP origin, a local service, a bound Worker, or a built-in auth flow.'),
        server: field(str(), 'Alias of a `servers` entry (http, http_proxy).'),
        binding: field(str(), 'Alias of a `services` entry (service) or of a `serviceBindings` entry (service_binding).'),
        function: field(
          str(),
          'RPC method to call on the bound Worker (service_binding). Bundled: optional; without it the Worker\'s `fetch` is called.',
        ),
        post_process: field(
          ref('PostProcess'),
          'Hook called on a bound Worker after the integration; it may replace the response.',
          { only: 'bundled' },
        ),
      },
      {
        additional: true,
        description: 'How the route is served.',
        requireWhen: integrationRequirements(),
      },
    ),
    Mapping: obj(
      {
        headers: field(
          mapOf(str()),
          'Header name -> expression (`$request.header.X`, `$request.jwt.CLAIM`, `$request.query.X`, `$config.NAME`).',
        ),
        query: field(mapOf(str()), 'Query parameter name -> expression, same sources as `headers`.'),
      },
      { additional: false, description: 'Values derived from the request, token or variables for the proxied request.' },
    ),
    PreProcess: obj(hookFields(byVariant(false, true)), {
      additional: true,
      description: 'A hook run before the integration: `{ binding, function }`.',
    }),
    PostProcess: obj(
      {
        type: field(enumOf([POST_PROCESS_TYPE]), 'Hook kind; only `service_binding` exists.'),
        ...hookFields(true),
      },
      { additional: false, description: 'A hook run after the integration: `{ binding, function }`.' },
    ),
  },
};
