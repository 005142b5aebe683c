// CodeInfo (title, severity per runtime, docs) for the 2xx family: references between config sections.
// Upstream fails at request time (404, skipped hooks, 500); the bundled gateway checks every reference when it
// compiles the config and refuses a config with an unknown alias (SPEC E.1, E.3), so those are errors for both.
import type { CodeInfo } from '../rule';

export const REFERENCE_CODES: CodeInfo[] = [
  {
    code: 'SAG201',
    title: '`integration.server` names no `servers` alias',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'An `http`/`http_proxy` integration looks its `server` up in `servers[].alias`. When no entry has that alias the upstream gateway answers **404 "No match found."** (not 500, which makes it look like a routing problem); the bundled gateway refuses the config. Applies to both runtimes (error).',
      invalid: '"servers": [{ "alias": "api", "url": "https://api.example.com" }],\n"paths": [{ "method": "GET", "path": "/users", "integration": { "type": "http_proxy", "server": "apii" } }]',
      valid: '"servers": [{ "alias": "api", "url": "https://api.example.com" }],\n"paths": [{ "method": "GET", "path": "/users", "integration": { "type": "http_proxy", "server": "api" } }]',
      fix: 'Quick fixes: change the value to the closest defined alias, or add a `servers` entry stub with that alias (fill in its URL).',
    },
  },
  {
    code: 'SAG202',
    title: '`service` integration names no `services` alias',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'A `service` integration looks its `binding` up in `services[].alias` (local modules). An unknown alias answers 404 upstream and is refused by the bundled gateway. Applies to both runtimes (error).',
      invalid: '"services": [{ "alias": "endpoint1", "entrypoint": "./services/endpoint1" }],\n"paths": [{ "method": "GET", "path": "/e", "integration": { "type": "service", "binding": "endpoint2" } }]',
      valid: '"services": [{ "alias": "endpoint2", "entrypoint": "./services/endpoint2" }],\n"paths": [{ "method": "GET", "path": "/e", "integration": { "type": "service", "binding": "endpoint2" } }]',
      fix: 'Quick fixes: pick the closest alias, or add `{ "alias": "<name>", "entrypoint": "./services/<name>" }` to `services`.',
    },
  },
  {
    code: 'SAG203',
    title: '`service_binding` integration names no `serviceBindings` alias',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'A `service_binding` integration looks its `binding` up in `serviceBindings[].alias` (merged with the deprecated `servicesBindings`). It is an alias, not the wrangler binding name. An unknown alias answers 404 upstream and is refused by the bundled gateway. Applies to both runtimes (error).',
      invalid: '"serviceBindings": [{ "alias": "target", "binding": "TARGET" }],\n"paths": [{ "method": "POST", "path": "/orders", "integration": { "type": "service_binding", "binding": "TARGET", "function": "run" } }]',
      valid: '"serviceBindings": [{ "alias": "target", "binding": "TARGET" }],\n"paths": [{ "method": "POST", "path": "/orders", "integration": { "type": "service_binding", "binding": "target", "function": "run" } }]',
      fix: 'Quick fixes: pick the closest alias (a value equal to some entry\'s `binding` suggests that entry\'s alias), or add a `serviceBindings` entry.',
    },
  },
  {
    code: 'SAG204',
    title: '`pre_process.binding` names no `serviceBindings` alias',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'Upstream **silently skips** a pre_process hook whose alias is unknown, so the request reaches the integration without the check the hook was meant to do (often authorization). The bundled gateway refuses the config instead of skipping (E.3). A security control silently off is an error under both runtimes.',
      invalid: '"serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\n"paths": [{ "method": "POST", "path": "/orders", "pre_process": { "binding": "hook", "function": "before" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "run" } }]',
      valid: '"serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\n"paths": [{ "method": "POST", "path": "/orders", "pre_process": { "binding": "hooks", "function": "before" }, "integration": { "type": "service_binding", "binding": "hooks", "function": "run" } }]',
      fix: 'Quick fixes: pick the closest alias, or add a `serviceBindings` entry.',
    },
  },
  {
    code: 'SAG205',
    title: '`post_process.binding` names no `serviceBindings` alias',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'An `integration.post_process` hook with an unknown alias is skipped upstream, and when the config has no `serviceBindings` at all the lookup throws (500). Upstream only runs post_process on `auth0_callback`, so there the check applies only where the hook can run (SAG110 covers the rest); the bundled gateway runs it on every integration and refuses an unknown alias. Applies to both runtimes (error).',
      invalid: '"paths": [{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "audit", "function": "after" } } }]',
      valid: '"serviceBindings": [{ "alias": "audit", "binding": "AUDIT" }],\n"paths": [{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "audit", "function": "after" } } }]',
      fix: 'Quick fixes: pick the closest alias, or add a `serviceBindings` entry.',
    },
  },
  {
    code: 'SAG206',
    title: 'Duplicate alias in `servers`, `services` or `serviceBindings`',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Aliases are looked up with "first match wins", so a later entry with the same alias is dead: edits to it change nothing. Applies to both runtimes (warning).',
      invalid: '"servers": [\n  { "alias": "api", "url": "https://old.example.com" },\n  { "alias": "api", "url": "https://new.example.com" }\n]',
      valid: '"servers": [\n  { "alias": "api", "url": "https://new.example.com" }\n]',
      fix: 'Rename or remove one of the entries. The quick fix (unsafe) removes the later entry, the one that is never used.',
    },
  },
  {
    code: 'SAG207',
    title: 'Alias defined but never used',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary:
        'No route, hook or post-process refers to this `servers`, `services` or `serviceBindings` entry. It does no harm, but it is often the other half of a typo elsewhere. Applies to both runtimes (information).',
      invalid: '"servers": [{ "alias": "legacy", "url": "https://legacy.example.com" }],\n"paths": []',
      valid: '"paths": []',
      fix: 'Remove the entry, or refer to it from a route. The quick fix (unsafe) removes the entry with its comma.',
    },
  },
  {
    code: 'SAG208',
    title: 'Alias from the wrong section (`services` vs `serviceBindings`)',
    severity: { upstream: 'warning', bundled: 'error' },
    docs: {
      summary:
        'A `service` integration reads only `services` (local modules) and a `service_binding` integration only `serviceBindings` (other Workers). Naming an alias of the other section fails the lookup: 404 upstream (warning: the intent is clear, the fix is a type switch), refused by the bundled gateway (error).',
      invalid: '"serviceBindings": [{ "alias": "users", "binding": "USERS" }],\n"paths": [{ "method": "GET", "path": "/u", "integration": { "type": "service", "binding": "users" } }]',
      valid: '"serviceBindings": [{ "alias": "users", "binding": "USERS" }],\n"paths": [{ "method": "GET", "path": "/u", "integration": { "type": "service_binding", "binding": "users", "function": "get" } }]',
      fix: 'Quick fix: switch the integration type to the section the alias lives in, or move the entry.',
    },
  },
  {
    code: 'SAG209',
    title: '`$config.NAME` names no variable',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        '`$config.NAME` reads the route\'s `variables.NAME`, else the global `variables.NAME`. When neither exists the header or query parameter is not set (upstream leaves the client\'s value; the bundled gateway removes it). Dots are part of the name: `$config.a.b` reads the key `"a.b"`. Applies to both runtimes (warning).',
      invalid: '"variables": { "api_version": "v1" },\n"paths": [{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-version": "$config.apiVersion" } } }]',
      valid: '"variables": { "api_version": "v1" },\n"paths": [{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-version": "$config.api_version" } } }]',
      fix: 'Quick fixes: use the closest variable name, or add the variable to the global `variables`.',
    },
  },
  {
    code: 'SAG210',
    title: '`$request.jwt.*` on a route without a verified token',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'JWT claims exist only after the authorizer verified a token, which happens only when the route\'s `auth` is truthy and an `authorizer` of a known type exists. Elsewhere the mapping is never set, and upstream even forwards a client-supplied header of that name. Applies to both runtimes (warning).',
      invalid: '"paths": [{ "method": "GET", "path": "/me", "auth": false, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }]',
      valid: '"paths": [{ "method": "GET", "path": "/me", "auth": true, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }]',
      fix: 'Quick fixes (unsafe): set `"auth": true` (when an authorizer exists), or remove the mapping entry.',
    },
  },
  {
    code: 'SAG211',
    title: 'auth0 integration without an auth0 authorizer',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        '`auth0_callback`, `auth0_userinfo`, `auth0_callback_redirect` and `auth0_refresh` read the tenant (`domain`, `client_id`, ...) from `authorizer`. Without an authorizer of `type: "auth0"` the handler throws (500) or talks to the wrong issuer. Applies to both runtimes (error).',
      invalid: '"authorizer": { "type": "jwt", "secret": "$secret.JWT_SECRET" },\n"paths": [{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } }]',
      valid: '"authorizer": { "type": "auth0", "domain": "$env.AUTH0_DOMAIN", "client_id": "$env.AUTH0_CLIENT_ID", "client_secret": "$secret.AUTH0_CLIENT_SECRET", "redirect_uri": "https://app.example.com/callback", "jwks_uri": "https://tenant.auth0.com/.well-known/jwks.json", "scope": "openid profile email" },\n"paths": [{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } }]',
      fix: 'Quick fix (when there is no authorizer): insert an auth0 authorizer skeleton and fill in the tenant values.',
    },
  },
  {
    code: 'SAG212',
    title: '`auth0_callback` route path differs from `redirect_uri`',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Auth0 sends the user back to `authorizer.redirect_uri`. When that URL is written literally and its path matches no `auth0_callback` route, the login flow lands on another route (or a 404) and the code is never exchanged. Applies to both runtimes (warning).',
      invalid: '"authorizer": { "type": "auth0", "redirect_uri": "https://api.example.com/auth/callback", ... },\n"paths": [{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } }]',
      valid: '"authorizer": { "type": "auth0", "redirect_uri": "https://api.example.com/auth/callback", ... },\n"paths": [{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback" } }]',
      fix: 'Quick fix: change the route path to the path of `redirect_uri` (or change `redirect_uri`).',
    },
  },
];
