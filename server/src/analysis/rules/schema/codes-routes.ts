// CodeInfo (title, severity per runtime, docs) for the 1xx codes about one path item: SAG104–SAG110,
// SAG114–SAG116, SAG120–SAG122. Runtime applicability per SPEC E.0/E.3/E.8 is written into each summary.
import type { CodeInfo } from '../rule';

export const ROUTE_CODES: CodeInfo[] = [
  {
    code: 'SAG104',
    title: 'Route `method` is not a supported value',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        '`method` must be exactly one of `GET`, `POST`, `PUT`, `DELETE`, `OPTIONS`, `PATCH` or `ANY`. Upstream compares it case-sensitively with the request method, so `"get"`, `"HEAD"` or `"*"` never match and the route is dead; the bundled gateway refuses the config. `HEAD` is reachable only through `ANY` (upstream) or the GET fallback (bundled). Applies to both runtimes (error).',
      invalid: '{ "method": "get", "path": "/health", "response": { "ok": true } }',
      valid: '{ "method": "GET", "path": "/health", "response": { "ok": true } }',
      fix: 'Quick fix: uppercase the method (safe when that gives a valid value), or use `ANY` for `*`/`HEAD`.',
    },
  },
  {
    code: 'SAG105',
    title: 'Route `path` does not start with `/`',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'Request paths always start with `/`, and a route path is compared segment by segment, so `users/{id}` can never match anything (upstream) and is refused by the bundled schema (pattern `^/`). A missing or non-string `path` is reported here too. Applies to both runtimes (error).',
      invalid: '{ "method": "GET", "path": "users/{id}", "integration": { "type": "http_proxy", "server": "api" } }',
      valid: '{ "method": "GET", "path": "/users/{id}", "integration": { "type": "http_proxy", "server": "api" } }',
      fix: 'Quick fix (safe): prefix the path with `/`.',
    },
  },
  {
    code: 'SAG106',
    title: 'Unknown `integration.type`',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'An integration whose `type` is missing or not one of `http`, `http_proxy`, `service`, `service_binding`, `auth0_callback`, `auth0_userinfo`, `auth0_callback_redirect`, `auth0_refresh`, `supabase_passwordless_auth`, `supabase_passwordless_verify`, `supabase_passwordless_auth_alt` is not dispatched: upstream answers 200 with the static `response` (usually an empty body), the bundled gateway refuses the config. An `integration` that is not an object is reported here as well. Applies to both runtimes (error).',
      invalid: '"integration": { "type": "http-proxy", "server": "api" }',
      valid: '"integration": { "type": "http_proxy", "server": "api" }',
      fix: 'Quick fix: replace the type with the closest valid value (safe when only case or separators differ).',
    },
  },
  {
    code: 'SAG107',
    title: 'Integration lacks a field its type needs',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        '`http`/`http_proxy` need `server`; `service` needs `binding`; `service_binding` needs `binding` and, upstream, `function` (the bundled gateway calls `fetch` when `function` is omitted, so there it is optional). Without them the alias lookup fails (404) or the RPC call throws (500); the bundled gateway refuses the config. Applies to both runtimes (error).',
      invalid: '{ "method": "POST", "path": "/orders", "integration": { "type": "service_binding", "binding": "target" } }',
      valid: '{ "method": "POST", "path": "/orders", "integration": { "type": "service_binding", "binding": "target", "function": "run" } }',
      fix: 'Quick fix: insert the field with the only alias defined in the matching section (for `function`: the only public method of the bound Worker\'s entrypoint class, when its source is in the workspace, also when its main module re-exports the class from another module of the workspace). Otherwise add it by hand; completion lists the aliases and the methods.',
    },
  },
  {
    code: 'SAG108',
    title: 'Unknown or misspelled key in a path item or section entry',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Path items and integrations accept extra keys, and both gateways ignore them without a message, so `preProcess`, `pre-process`, `integrations`, `mappings` or `functon` silently disable what the user wrote. Unknown keys in `servers`, `services`, `serviceBindings`, `mapping` and `pre_process` entries are reported the same way. Applies to both runtimes (warning).',
      invalid: '{ "method": "POST", "path": "/orders", "preProcess": { "binding": "hooks", "function": "before" }, "integration": { "type": "service_binding", "binding": "target", "function": "run" } }',
      valid: '{ "method": "POST", "path": "/orders", "pre_process": { "binding": "hooks", "function": "before" }, "integration": { "type": "service_binding", "binding": "target", "function": "run" } }',
      fix: 'Quick fix: rename the key to the suggestion (safe when only case or separators differ), or remove it.',
    },
  },
  {
    code: 'SAG109',
    title: '`pre_process` is not `{ binding, function }`',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'A `pre_process` hook is called as `env[binding][function](…)`. If it is not an object with string `binding` and `function` (for instance a `type` instead of `binding`, or a missing `function`), upstream skips the hook or throws a TypeError (500), so the check the hook was meant to do does not happen; the bundled gateway refuses the config. Applies to both runtimes (error).',
      invalid: '"pre_process": { "type": "service_binding", "binding": "hooks" }',
      valid: '"pre_process": { "binding": "hooks", "function": "before" }',
      fix: 'Quick fix: insert the missing `binding` when exactly one `serviceBindings` alias exists, or the missing `function` when the bound Worker\'s entrypoint class has exactly one public method (its source in the workspace, the class declared by its main module or re-exported from another module of the workspace).',
    },
  },
  {
    code: 'SAG110',
    title: '`post_process` misplaced or unsupported',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'A path-level `post_process` is ignored by both gateways: the hook belongs under `integration`. Upstream additionally runs `integration.post_process` only when its `type` is `"service_binding"` and only on `auth0_callback` integrations, and ignores its return value; the bundled gateway supports it on every integration with `type` optional. Applies to both runtimes (warning; the type/integration conditions only under `upstream`).',
      invalid: '{ "method": "GET", "path": "/callback", "post_process": { "binding": "hooks", "function": "after" }, "integration": { "type": "auth0_callback" } }',
      valid: '{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "hooks", "function": "after" } } }',
      fix: 'Quick fix: move the hook under `integration` and add `"type": "service_binding"`. On upstream, only `auth0_callback` honours it: move the logic into the integration otherwise.',
      severityNote: 'an error under `bundled` when `post_process.type` is not `service_binding` (the bundled gateway refuses the config)',
    },
  },
  {
    code: 'SAG114',
    title: 'Mapping value is not one supported expression, or a header name is not one',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Each `mapping.headers`/`mapping.query` value must be exactly one expression: `$request.header.NAME`, `$request.jwt.CLAIM`, `$request.query.NAME` or `$config.NAME`. Only the first expression is used and it replaces the whole value, so `"Bearer $request.jwt.sub"` loses `Bearer `; a constant (`"v1"`), an unknown source (`$request.path.id`, `$request.body.x`) or a `$env.X` (already substituted at load time) resolves to nothing and the header is not set. A `mapping.headers` name that is not a header name (`"X Tenant"`, a line break) can never be set: upstream fails every request of the route with 500, the bundled gateway leaves that mapping out. Applies to both runtimes (warning).',
      invalid: '"mapping": { "headers": { "authorization": "Bearer $request.jwt.sub", "x-version": "v1" } }',
      valid: '"variables": { "api_version": "v1" },\n"mapping": { "headers": { "x-user": "$request.jwt.sub", "x-version": "$config.api_version" } }',
      fix: 'Rewrite as a pure expression (the quick fix keeps only the expression); put constants into `variables` and reference them with `$config.NAME`.',
    },
  },
  {
    code: 'SAG115',
    title: '`mapping` on an integration that ignores it',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Mappings are applied only to `http` and `http_proxy` requests. On `service`, `service_binding`, auth0, supabase or static routes they are ignored. Applies to both runtimes (warning).',
      invalid: '{ "method": "GET", "path": "/me", "integration": { "type": "service", "binding": "users" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }',
      valid: '{ "method": "GET", "path": "/me", "integration": { "type": "service", "binding": "users" } }',
      fix: 'Remove the mapping (quick fix) and read the value inside the service instead.',
    },
  },
  {
    code: 'SAG116',
    title: 'Route has neither `integration` nor `response`, or both',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary:
        'A route without `integration` answers 200 with `response`; without either it answers an empty 200. When a known integration is present, `response` is never used. Applies to both runtimes (information).',
      invalid: '{ "method": "GET", "path": "/health", "integration": { "type": "http_proxy", "server": "api" }, "response": { "ok": true } }',
      valid: '{ "method": "GET", "path": "/health", "response": { "ok": true } }',
      fix: 'Quick fix (safe) when both are present: remove the unused `response`. Otherwise add a `response` or an integration.',
    },
  },
  {
    code: 'SAG120',
    title: '`auth` is not a boolean',
    severity: { upstream: 'warning', bundled: 'error' },
    docs: {
      summary:
        'Upstream tests `auth` for truthiness, so the string `"false"` **enables** authentication and `0` disables it. The bundled gateway only accepts `true`, `false` or `null` and refuses anything else. Applies to both runtimes (upstream: warning; bundled: error).',
      invalid: '{ "method": "GET", "path": "/public", "auth": "false", "response": {} }',
      valid: '{ "method": "GET", "path": "/public", "auth": false, "response": {} }',
      fix: 'Quick fix: replace the value with a boolean. For `0`/`1` the fix keeps today\'s behaviour (safe); for strings it offers both `true` and `false`, because the string\'s meaning differs from its run-time effect.',
    },
  },
  {
    code: 'SAG121',
    title: 'pre_process hook continues with `undefined`/`null` (upstream needs `true`)',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary:
        'The upstream gateway continues after a `pre_process` hook only when the hook returns exactly `true`; `undefined` or `null` (what its docs suggest) make header handling throw, so every request to the route answers 500. The check reads the bound Worker\'s source when it is in the workspace (binding → wrangler `services` → Worker `name` → entrypoint class → method), following a class the main module re-exports from another module of the workspace. Upstream only (warning): the bundled gateway continues on `undefined`, `null` and `true` (E.3).',
      invalid: '// hooks Worker\nexport class Hooks extends WorkerEntrypoint {\n  async before(request) {\n    if (!request.headers.get("x-key")) return new Response("no", { status: 401 });\n  }\n}',
      valid: '// hooks Worker\nexport class Hooks extends WorkerEntrypoint {\n  async before(request) {\n    if (!request.headers.get("x-key")) return new Response("no", { status: 401 });\n    return true;\n  }\n}',
      fix: 'Return `true` as the continue value in the hook method (or switch the project to the bundled runtime).',
    },
  },
  {
    code: 'SAG122',
    title: '`pre_process` on a route without an integration',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary:
        'Hooks run just before the integration; a static-`response` route has none, so its `pre_process` never runs. Applies to both runtimes (information).',
      invalid: '{ "method": "GET", "path": "/info", "pre_process": { "binding": "hooks", "function": "before" }, "response": { "ok": true } }',
      valid: '{ "method": "GET", "path": "/info", "pre_process": { "binding": "hooks", "function": "before" }, "integration": { "type": "service", "binding": "info" } }',
      fix: 'Add an integration to the route, or move the hook\'s logic elsewhere.',
    },
  },
];
