// Handwritten gateway workspaces for the incremental-equivalence test: configs with findings in every rule
// family (schema, references, wrangler, modules, routing, security), so random edits hit every cache path.

/** A gateway at /gw with a wrangler config, .dev.vars, a service module and a bound Worker beside it. */
export const ERRORS_EVERYWHERE: Record<string, string> = {
  '/gw/api-config.json': `{
  "title": "Handwritten gateway",
  "unknownRoot": 1,
  "servers": [
    { "alias": "users", "url": "https://users.example.com/v1" },
    { "alias": "users", "url": "https://dup.example.com" },
    { "alias": "unused", "url": "http://cleartext.example.com?x=1" },
    { "alias": "bad-url", "url": "ftp:/nope" }
  ],
  "services": [
    { "alias": "svc", "entrypoint": "services/endpoint1" },
    { "alias": "missing-svc", "entrypoint": "services/nope.js" },
    { "alias": "hooks", "entrypoint": "services/endpoint2" }
  ],
  "serviceBindings": [
    { "alias": "HOOKS", "binding": "HOOKS" },
    { "alias": "TARGET", "binding": "TARGET" },
    { "alias": "UNDECLARED", "binding": "NOT_IN_WRANGLER" },
    { "alias": "KV_AS_SERVICE", "binding": "MY_KV" }
  ],
  "servicesBindings": [
    { "alias": "HOOKS", "binding": "HOOKS" }
  ],
  "variables": { "region": "eu", "token": "sk_live_0123456789abcdefghijklmnop" },
  "cors": {
    "allow_origins": ["*"],
    "allow_methods": ["GET", "POST"],
    "allow_headers": ["*"],
    "expose_headers": [],
    "allow_credentials": true,
    "max_age": "600"
  },
  "authorizer": {
    "type": "jwt",
    "secret": "$env.JWT_SECRET",
    "algorithm": "RS999"
  },
  "paths": [
    { "method": "GET", "path": "/users/{id}", "integration": { "type": "http_proxy", "server": "users" }, "auth": true },
    { "method": "get", "path": "users", "integration": { "type": "http_proxy", "server": "userz" } },
    { "method": "POST", "path": "/orders/{orderId}", "integration": { "type": "service", "binding": "svc" }, "mapping": { "headers": { "x-region": "$config.regoin", "x-sub": "$request.jwt.sub" } } },
    { "method": "POST", "path": "/orders/{id}", "integration": { "type": "service_binding", "binding": "UNDECLARED", "function": "handle" } },
    { "method": "PUT", "path": "/hooks/{x}", "integration": { "type": "service_binding", "binding": "HOOKS", "function": "nope" }, "pre_process": { "binding": "NOHOOK", "function": "check" } },
    { "method": "DELETE", "path": "/things//x/", "integration": { "type": "sevice", "alias": "svc" }, "resposne": {} },
    { "method": "ANY", "path": "/{.+}", "integration": { "type": "http_proxy", "server": "users", "post_process": { "binding": "NOPE" } } },
    { "method": "GET", "path": "/files/{name}", "response": { "ok": true }, "integration": { "type": "service", "alias": "hooks" } },
    { "method": "GET", "path": "/users/{id}", "integration": { "type": "service_binding", "binding": "KV_AS_SERVICE" }, "auth": "yes" },
    { "method": "OPTIONS", "path": "/env", "response": { "key": "$env.MISSING_VAR", "secret": "$secret.NOT_SET", "weird": "$env.bad-name" } },
    { "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } },
    { "method": "GET", "path": "/supabase", "integration": { "type": "supabase_passwordless_auth" } },
    { "method": "HEAD", "path": "/head", "pre_process": { "binding": "HOOKS" } },
    { "method": "GET", "path": "/proxy/{id}/{.+}", "integration": { "type": "http_proxy", "server": "users" }, "variables": [] },
    { "method": "PATCH", "path": "/users/{userId}", "integration": { "type": "http", "server": "users" }, "mapping": { "query": { "q": "$request.query.{x" } } }
  ]
}
`,
  '/gw/wrangler.toml': `name = "gw"
main = "src/index.js"
compatibility_date = "2025-01-01"

[vars]
JWT_SECRET = "plaintext-secret-value-1234567890"
SAG_STRICT_CONFIG = "true"

[[kv_namespaces]]
binding = "MY_KV"
id = "abc"

[[services]]
binding = "HOOKS"
service = "hooks"

[[services]]
binding = "TARGET"
service = "target"
environment = "production"

[env.staging]
name = "gw-staging"

[[env.staging.services]]
binding = "HOOKS"
service = "hooks"
`,
  '/gw/src/index.js': `export default { async fetch() { return new Response('ok'); } };\n`,
  '/gw/.dev.vars': `OTHER=1\n`,
  '/gw/services/endpoint1.js': `export default class { async fetch(request) { return { status: 200 }; } }\n`,
  '/gw/services/endpoint2.js': `export const x = 1;\n`,
  '/hooks/wrangler.toml': `name = "hooks"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n`,
  '/hooks/src/index.js': `import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Hooks extends WorkerEntrypoint { async check(request) { return true; } async fetch() { return new Response('x'); } }\n`,
};

/** A config with CRLF line ends, an auth0 authorizer and a tab-indented layout (fix texts depend on both). */
export const CRLF_AUTH0: Record<string, string> = {
  '/gw/api-config.json': [
    '{',
    '\t"authorizer": { "type": "auth0", "domain": "x.auth0.com", "client_id": "id", "client_secret": "secret-in-plaintext-0123456789", "redirect_uri": "https://app.example.com/auth/callback", "jwks_uri": "https://x.auth0.com/.well-known/jwks.json", "jwks": "{}", "scope": "openid" },',
    '\t"serviceBindings": [ { "alias": "A", "binding": "A" } ],',
    '\t"paths": [',
    '\t\t{ "method": "GET", "path": "/login", "integration": { "type": "auth0_callback" } },',
    '\t\t{ "method": "GET", "path": "/a/{id}", "integration": { "type": "service_binding", "binding": "A" }, "auth": true },',
    '\t\t{ "method": "GET", "path": "/a/{key}", "integration": { "type": "service_binding", "binding": "B" }, "auth": true }, { "method": "GET", "path": "/b" }',
    '\t]',
    '}',
    '',
  ].join('\r\n'),
  '/gw/wrangler.toml': 'name = "gw"\r\nmain = "src/index.js"\r\ncompatibility_date = "2025-01-01"\r\ncompatibility_flags = ["nodejs_compat"]\r\n',
  '/gw/src/index.js': `export default { async fetch() { return new Response('ok'); } };\n`,
};

/**
 * Routes that interact in every way the routing family compares them (SAG501/502/504/505/510/511): duplicates,
 * literal-prefix wildcards over `{param}` routes, ANY routes with and without an OPTIONS twin, GET-only routes,
 * one-line and multi-line items side by side (a report's fix reads the line around its route).
 */
export const ROUTING_TANGLE: Record<string, string> = {
  '/gw/api-config.json': `{
  "cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET", "POST"] },
  "servers": [ { "alias": "api", "url": "https://api.example.com" } ],
  "paths": [
    { "method": "GET", "path": "/users/{.+}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/users/{id}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/users/{userId}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "ANY", "path": "/users/{id}/orders", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "OPTIONS", "path": "/users/{id}/orders", "response": {} },
    {
      "method": "ANY",
      "path": "/orders/{id}",
      "integration": { "type": "http_proxy", "server": "api" }
    },
    { "method": "ANY", "path": "/orders/{.+}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/orders/{id}/items/{item}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/orders/{.+}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/a/{x}/c", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/a/b/{y}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "GET", "path": "/a/b/c", "response": {} }, { "method": "GET", "path": "/a/b/c", "response": {} },
    { "method": "POST", "path": "/files/{.+}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "POST", "path": "/files/{name}", "integration": { "type": "http_proxy", "server": "api" } },
    { "method": "ANY", "path": "/health", "response": { "ok": true } },
    { "method": "OPTIONS", "path": "/users/{.+}", "response": {} }
  ]
}
`,
  '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
  '/gw/src/index.js': `export default { async fetch() { return new Response('ok'); } };\n`,
};
