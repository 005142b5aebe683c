// SAG601–SAG613: titles, severity per runtime (SPEC D, E.0, E.3, E.5, E.6, E.8) and the docs entries for docs/diagnostics.md.
import type { CodeInfo } from '../rule';

const both = (severity: 'error' | 'warning' | 'information') => ({ upstream: severity, bundled: severity });

export const SECURITY_CODES: CodeInfo[] = [
  {
    code: 'SAG601',
    title: 'Route requires auth but no usable authorizer exists',
    severity: both('error'),
    docs: {
      summary:
        'A route has a truthy `auth` (including the string `"false"`), but the config has no `authorizer`, or one whose `type` is not jwt, auth0 or supabase. The upstream gateway then serves the route **without authentication** and reports nothing; the bundled gateway refuses the whole config (E.6), so every request answers 500. An error under both runtimes.',
      invalid: '{\n  "paths": [ { "method": "GET", "path": "/me", "auth": true, "integration": { "type": "service", "binding": "me" } } ]\n}',
      valid: '{\n  "authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "api" },\n  "paths": [ { "method": "GET", "path": "/me", "auth": true, "integration": { "type": "service", "binding": "me" } } ]\n}',
      fix: 'Add an `authorizer`, or set `"auth": false` if the route is meant to be public. Quick fixes: add a jwt authorizer skeleton, or set `auth` to false (neither applied unattended).',
    },
  },
  {
    code: 'SAG602',
    title: 'Secret in plaintext in api-config.json',
    severity: both('error'),
    docs: {
      summary:
        'A secret is written into api-config.json instead of referenced: `authorizer.secret`, `authorizer.client_secret` or `authorizer.jwt_secret` is not a `$secrets.`/`$secret.`/`$env.` placeholder, or a value in `variables` or `mapping` looks like a credential (a known token format, a PEM private key, or a long random string). The file is committed and often uploaded to KV, so the secret leaks with it. Applies to both runtimes.',
      invalid: '"authorizer": { "type": "jwt", "secret": "s3cr3t-signing-key-2024", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "api" }',
      valid: '"authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "api" }',
      fix: 'Store the value with `wrangler secret put NAME` (and in `.dev.vars` for local dev) and reference it as `"$secrets.NAME"`. The quick fix replaces the literal and shows the command (not applied unattended: the secret must be stored first).',
    },
  },
  {
    code: 'SAG603',
    title: 'Secret placeholder resolves from a plaintext wrangler var',
    severity: both('warning'),
    docs: {
      summary:
        '`$secret.X` / `$secrets.X` read `env.X`, and in this wrangler environment `X` is a plaintext `[vars]` entry, committed with the wrangler config. Both gateways read vars and secrets the same way, so the config works, but the "secret" is not one. Reported per wrangler environment. Applies to both runtimes.',
      invalid: '# wrangler.toml\n[vars]\nJWT_SECRET = "s3cr3t"\n\n// api-config.json\n"authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", ... }',
      valid: '# wrangler.toml: no JWT_SECRET under [vars]; stored with `wrangler secret put JWT_SECRET`\n\n// api-config.json\n"authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", ... }',
      fix: 'Run `wrangler secret put X` (with `--env NAME` for a named environment) and delete the `[vars]` entry. The quick fix deletes the entry and shows the command (not applied unattended).',
    },
  },
  {
    code: 'SAG604',
    title: 'Wildcard origin with credentials',
    severity: { upstream: 'error', bundled: 'warning' },
    docs: {
      summary:
        '`cors.allow_origins` contains `"*"` while `allow_credentials` is true. The upstream gateway then **reflects the request\'s Origin** with `Access-Control-Allow-Credentials: true`, so any website can make credentialed requests and read the responses: an error. The bundled gateway answers `*` without the credentials header (E.5), which is safe but means credentials do not work as configured: a warning (E.8).',
      invalid: '"cors": { "allow_origins": ["*"], "allow_methods": ["GET"], "allow_headers": ["Authorization"], "expose_headers": [], "allow_credentials": true, "max_age": 600 }',
      valid: '"cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET"], "allow_headers": ["Authorization"], "expose_headers": [], "allow_credentials": true, "max_age": 600 }',
      fix: 'List the allowed origins explicitly, or set `allow_credentials` to false. The quick fix sets it to false (not applied unattended: it changes what browsers send).',
    },
  },
  {
    code: 'SAG605',
    title: 'Wildcard `allow_headers` with credentials or Authorization',
    severity: both('warning'),
    docs: {
      summary:
        '`cors.allow_headers` contains `"*"` together with `allow_credentials: true`, or routes use `auth` and `Authorization` is not listed. Browsers never apply `*` to `Authorization`, and with credentials they treat `*` as a literal header name, so preflights for authenticated requests fail. Applies to both runtimes (it is browser behaviour).',
      invalid: '"cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET"], "allow_headers": ["*"], "expose_headers": [], "allow_credentials": true, "max_age": 600 }',
      valid: '"cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET"], "allow_headers": ["Authorization", "Content-Type"], "expose_headers": [], "allow_credentials": true, "max_age": 600 }',
      fix: 'List the headers explicitly (`Authorization`, `Content-Type`, …). The quick fix replaces `*` with `Authorization` and `Content-Type` (not applied unattended).',
    },
  },
  {
    code: 'SAG606',
    title: 'Origin pattern too broad',
    severity: both('warning'),
    docs: {
      summary:
        'An `allow_origins` entry accepts more than it seems to. Each `*` becomes `.*` in an anchored pattern, so `https://*example.com` also accepts `https://evilexample.com`, `*.example.com` accepts any scheme, `https://*.com` accepts every .com site; and an `http://` origin (other than localhost) while credentials are allowed lets cleartext pages make credentialed requests. Applies to both runtimes.',
      invalid: '"allow_origins": ["https://*example.com"]',
      valid: '"allow_origins": ["https://*.example.com"]',
      fix: 'Anchor the wildcard at a dot boundary under a registrable domain, with an explicit `https://` scheme. The quick fix inserts the missing dot or scheme (not applied unattended).',
    },
  },
  {
    code: 'SAG607',
    title: 'Token issuer or audience check is skipped',
    severity: both('warning'),
    docs: {
      summary:
        'A jwt or supabase authorizer has no `issuer` or `audience`, an empty one, or a `$env.X` placeholder that resolves to nothing in a wrangler environment (X in neither `[vars]` nor `.dev.vars`, as SAG306). Both gateways check these claims only when the value is non-empty, so the check is silently skipped and tokens for other issuers or audiences that share the key are accepted. Applies to both runtimes.',
      invalid: '"authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "algorithm": "HS256", "issuer": "", "audience": "$env.JWT_AUDIENCE" }',
      valid: '"authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "https://api.example.com" }',
      fix: 'Set literal values, or declare the vars the placeholders name in every deployed environment.',
    },
  },
  {
    code: 'SAG608',
    title: 'Auth0 tokens are not checked for audience',
    severity: { upstream: 'information', bundled: null },
    docs: {
      summary:
        'The upstream gateway never checks `aud` on Auth0 tokens (the auth0 authorizer has no `audience` field), so a token minted for any API or application in the tenant is accepted. Upstream only: the bundled gateway checks an optional `audience` field (E.6).',
      invalid: '"authorizer": { "type": "auth0", "domain": "tenant.eu.auth0.com", "client_id": "abc", "client_secret": "$secrets.AUTH0_CLIENT_SECRET", "redirect_uri": "https://app.example.com/callback", "jwks_uri": "https://tenant.eu.auth0.com/.well-known/jwks.json", "scope": "openid" }',
      valid: '(runtime "bundled") "authorizer": { "type": "auth0", ..., "audience": "https://api.example.com" }',
      fix: 'Use a dedicated tenant for this API, check `aud` in a pre_process hook, or switch to the bundled runtime and set `audience`.',
    },
  },
  {
    code: 'SAG609',
    title: 'Route relies on a pre_process hook that cannot run',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary:
        'A route with `auth` off has a `pre_process` hook (the only access control it has), and the hook cannot run: its alias is not in `serviceBindings` (SAG204: the upstream gateway silently skips the hook) or its binding is not declared in a wrangler environment (SAG301/SAG302). The endpoint is then open. Upstream only: the bundled gateway refuses a config with an unknown hook alias and answers 500 when a hook call fails (E.3), never skipping the check.',
      invalid: '"serviceBindings": [],\n"paths": [ { "method": "POST", "path": "/orders", "pre_process": { "binding": "hooks", "function": "authorize" }, "integration": { "type": "http_proxy", "server": "api" } } ]',
      valid: '"serviceBindings": [ { "alias": "hooks", "binding": "HOOKS" } ],\n"paths": [ { "method": "POST", "path": "/orders", "auth": true, "pre_process": { "binding": "hooks", "function": "authorize" }, "integration": { "type": "http_proxy", "server": "api" } } ]',
      fix: 'Fix the hook binding (see SAG204/SAG301/SAG302), and prefer `auth: true` with an authorizer over a hook as the only protection.',
    },
  },
  {
    code: 'SAG610',
    title: 'Bound Workers receive the whole env and config',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary:
        'The upstream gateway calls `service_binding` targets and hooks with `JSON.stringify(env)` (every var and secret of the gateway) and the resolved config (including authorizer secrets), so every bound Worker can read them. Reported once per used `serviceBindings` entry. Upstream only: the bundled gateway passes a minimal context `{ params, query, jwt, route, requestId }` (E.3).',
      invalid: '(runtime "upstream") "serviceBindings": [ { "alias": "hooks", "binding": "HOOKS" } ] used by a pre_process hook',
      valid: '(runtime "bundled") the same config: hooks receive only the request and a minimal context',
      fix: 'Switch to the bundled runtime, or make sure every bound Worker is as trusted as the gateway itself.',
    },
  },
  {
    code: 'SAG611',
    title: 'Authenticated route proxies over cleartext HTTP',
    severity: both('warning'),
    docs: {
      summary:
        'A `servers[].url` uses `http://` (not localhost) and a route with `auth` proxies to it. The incoming `Authorization` header is forwarded unchanged, so bearer tokens cross the network in cleartext. Applies to both runtimes.',
      invalid: '"servers": [ { "alias": "api", "url": "http://api.example.com" } ],\n"paths": [ { "method": "GET", "path": "/me", "auth": true, "integration": { "type": "http_proxy", "server": "api" } } ]',
      valid: '"servers": [ { "alias": "api", "url": "https://api.example.com" } ]',
      fix: 'Use `https://`. The quick fix switches the scheme (not applied unattended: the server must serve TLS).',
    },
  },
  {
    code: 'SAG612',
    title: 'Auth0 login flow without state check or URL encoding',
    severity: { upstream: 'information', bundled: null },
    docs: {
      summary:
        'The upstream `auth0_callback` handler does not check `state` (login CSRF), and `auth0_callback_redirect` builds the authorize URL without encoding its parameters (parameter injection). Upstream only: the bundled gateway encodes every parameter (E.6).',
      invalid: '(runtime "upstream") { "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } }',
      valid: '(runtime "bundled") the same route',
      fix: 'Switch to the bundled runtime, or verify `state` in a post_process hook.',
    },
  },
  {
    code: 'SAG613',
    title: 'Both `jwks` and `jwks_uri` are set',
    severity: both('information'),
    docs: {
      summary:
        'An auth0 authorizer sets an inline `jwks` and a `jwks_uri`. The inline key set wins whenever it is non-empty, so the remote one is never fetched, and a stale inline JWKS breaks verification when the tenant rotates its keys. Applies to both runtimes.',
      invalid: '"authorizer": { "type": "auth0", ..., "jwks": "{\\"keys\\":[...]}", "jwks_uri": "https://tenant.eu.auth0.com/.well-known/jwks.json" }',
      valid: '"authorizer": { "type": "auth0", ..., "jwks_uri": "https://tenant.eu.auth0.com/.well-known/jwks.json" }',
      fix: 'Keep one. The quick fix removes the inline `jwks` (not applied unattended).',
    },
  },
];
