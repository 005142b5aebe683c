// SAG501–SAG511: titles, severity per runtime (SPEC D, E.0/E.2/E.8) and the docs entries docs/diagnostics.md is made of.
import type { CodeInfo } from '../rule';

const both = (severity: 'error' | 'warning' | 'information') => ({ upstream: severity, bundled: severity });

export const ROUTING_CODES: CodeInfo[] = [
  {
    code: 'SAG501',
    title: 'Duplicate route',
    severity: both('warning'),
    docs: {
      summary:
        'Two routes have the same method and the same path text. Both gateways give the request to the route declared first, so the later one is never served and its integration, `auth` and mapping are dead configuration. Applies to both runtimes.',
      invalid: '"paths": [\n  { "method": "GET", "path": "/users", "integration": { "type": "http_proxy", "server": "api" } },\n  { "method": "GET", "path": "/users", "integration": { "type": "service", "binding": "users" } }\n]',
      valid: '"paths": [\n  { "method": "GET", "path": "/users", "integration": { "type": "http_proxy", "server": "api" } },\n  { "method": "POST", "path": "/users", "integration": { "type": "service", "binding": "users" } }\n]',
      fix: 'Delete the later route, or give it another method. The quick fix deletes it (not applied unattended: it may be the one you meant to keep).',
    },
  },
  {
    code: 'SAG502',
    title: 'Equivalent routes (only parameter names differ)',
    severity: both('warning'),
    docs: {
      summary:
        'Two routes have the same method and the same shape, differing only in parameter names (`/u/{id}` and `/u/{userId}`), including `ANY` against `ANY`. They match exactly the same requests, so the one declared first always wins and the later one is unreachable. Applies to both runtimes.',
      invalid: '"paths": [\n  { "method": "GET", "path": "/u/{id}", "response": "a" },\n  { "method": "GET", "path": "/u/{userId}", "response": "b" }\n]',
      valid: '"paths": [\n  { "method": "GET", "path": "/u/{id}", "response": "a" },\n  { "method": "GET", "path": "/u/{id}/profile", "response": "b" }\n]',
      fix: 'Delete one of the routes or merge them. The quick fix deletes the later one (not applied unattended).',
    },
  },
  {
    code: 'SAG503',
    title: 'Malformed path segment',
    severity: both('error'),
    docs: {
      summary:
        'A path segment does not mean what it looks like: `{.+}` before the last segment (upstream stops comparing there and matches unrelated paths; bundled compares it as literal text), malformed braces (`{id`, `{}`, `{id}.json`: there is no partial-segment syntax, so they are literals) or an AWS-style greedy name (`{proxy+}`, `{path*}`), which is an ordinary one-segment parameter here, so the route is no catch-all. Applies to both runtimes; the message says how the targeted runtime reads the segment.',
      invalid: '{ "method": "ANY", "path": "/api/{proxy+}", "integration": { "type": "http_proxy", "server": "api" } }',
      valid: '{ "method": "ANY", "path": "/api/{.+}", "integration": { "type": "http_proxy", "server": "api" } }',
      fix: 'Write a catch-all as a final `{.+}` and a parameter as a whole segment `{name}`. Quick fixes replace a final `{proxy+}` with `{.+}` and close an unbalanced brace (not applied unattended: they change what the route matches).',
    },
  },
  {
    code: 'SAG504',
    title: 'Route ordering ambiguity',
    severity: both('warning'),
    docs: {
      summary:
        'Two routes of the same method both match some request with equal precedence, so only declaration order decides which one serves it. Under `upstream` (SPEC C.3) literal specificity is not considered: `/a/{x}/c` and `/a/b/{y}` tie on `/a/b/c`, and a generic `/{a}/{b}` declared first takes every two-segment request from later parameter routes. Under `bundled` (E.2) segments are compared from the left (literal beats `{param}` beats `{.+}`), so different shapes never tie and the code only fires where the bundled precedence really ties. The check pairs candidates through the route trie and confirms each on a synthetic request with the runtime\'s own precedence function.',
      invalid: '"paths": [\n  { "method": "GET", "path": "/a/{x}/c", "response": "x" },\n  { "method": "GET", "path": "/a/b/{y}", "response": "y" }\n]',
      valid: '"paths": [\n  { "method": "GET", "path": "/a/{x}/c", "response": "x" },\n  { "method": "GET", "path": "/a/b/y", "response": "y" }\n]',
      fix: 'Put the route that should win first, or make the differing segment literal in both routes. The quick fix moves the later route above the first route it ties with, keeping its text and the file\'s layout (not applied unattended: which route should win is yours to say).',
    },
  },
  {
    code: 'SAG505',
    title: 'OPTIONS requests do not reach ANY routes while `cors` is set',
    severity: both('warning'),
    docs: {
      summary:
        'With `cors` set, the gateway answers OPTIONS requests itself unless an explicit `OPTIONS` route matches; `ANY` does not count. An `ANY` route whose proxy, service or bound Worker is meant to answer preflights never sees them. Upstream answers every OPTIONS with 204 and the CORS headers, for any URL; bundled (E.5) answers preflights with 204 and adds CORS headers only for allowed origins and methods. Applies to both runtimes.',
      invalid: '"cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET", "POST"], "allow_headers": ["Content-Type"], "expose_headers": [], "allow_credentials": false, "max_age": 600 },\n"paths": [ { "method": "ANY", "path": "/api/{.+}", "integration": { "type": "http_proxy", "server": "api" } } ]',
      valid: '"paths": [\n  { "method": "ANY", "path": "/api/{.+}", "integration": { "type": "http_proxy", "server": "api" } },\n  { "method": "OPTIONS", "path": "/api/{.+}", "integration": { "type": "http_proxy", "server": "api" } }\n]',
      fix: 'If the integration must answer preflights, add an explicit `OPTIONS` route for the same path; otherwise let the gateway answer them. The quick fix adds the `OPTIONS` route with the same integration (not applied unattended). It does not copy `auth` or `pre_process`: preflights carry no credentials, so with `auth` every preflight would get 401. On a route that has them, the fix title and the message say that the new route is open to anyone.',
    },
  },
  {
    code: 'SAG506',
    title: 'Trailing slash or empty path segment',
    severity: both('warning'),
    docs: {
      summary:
        'The path ends in `/` or contains `//`. Trailing slashes and empty segments are significant in both gateways: `/health/` matches only `/health/`, never `/health`. Upstream also lets a `{param}` match an empty segment (so `/users/{id}` takes `/users/`); bundled never matches a `{param}` to an empty segment and never collapses `//`. Applies to both runtimes.',
      invalid: '{ "method": "GET", "path": "/health/", "response": { "ok": true } }',
      valid: '{ "method": "GET", "path": "/health", "response": { "ok": true } }',
      fix: 'Write the path without the trailing slash or the empty segment, unless clients really call that exact form. The quick fix normalises the path (not applied unattended; if the normalised route already exists, SAG501 then points out the twin).',
    },
  },
  {
    code: 'SAG507',
    title: 'Catch-all route',
    severity: both('information'),
    docs: {
      summary:
        '`ANY /{.+}` matches every request that no more specific route takes, so the gateway never answers 404 "No match found.", and the catch-all\'s `auth` setting governs every unmatched request: HEAD on the path of a `GET` route with `auth` among them (HEAD reaches only `ANY` routes upstream, and the bundled gateway falls back to the `GET` route only when no `ANY` route matches), and any method such a route does not declare. Usually intended (a proxy in front of a legacy API); this note makes it visible. Applies to both runtimes.',
      invalid: '{ "method": "ANY", "path": "/{.+}", "integration": { "type": "http_proxy", "server": "legacy" } }',
      valid: '{ "method": "ANY", "path": "/legacy/{.+}", "integration": { "type": "http_proxy", "server": "legacy" } }',
      fix: 'Nothing to fix if it is intended; make sure its `auth` is what every unmatched URL should get, or narrow it to a prefix.',
    },
  },
  {
    code: 'SAG508',
    title: 'Proxy wildcard prefix with a parameter is not stripped',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary:
        'An `http_proxy` route ending in `{.+}` whose prefix contains a `{param}` (`/users/{id}/{.+}`). The upstream gateway strips the prefix before proxying only when the request starts with it literally, which a `{param}` prefix never does, so the server receives the full request path. Upstream only: the bundled gateway (E.7) strips the prefix even when it contains parameters.',
      invalid: '{ "method": "ANY", "path": "/users/{id}/{.+}", "integration": { "type": "http_proxy", "server": "users" } }',
      valid: '{ "method": "ANY", "path": "/users/{.+}", "integration": { "type": "http_proxy", "server": "users" } }',
      fix: 'Make the prefix literal, or let the server expect the full path.',
    },
  },
  {
    code: 'SAG509',
    title: 'Path parameter the integration cannot see',
    severity: both('information'),
    docs: {
      summary:
        'The route declares a `{param}` that its integration cannot read. Under `upstream`, a `service` module is called as `fetch(request, env, ctx)` and never receives path parameters. Under `bundled`, an `http_proxy` route ending in `{.+}` has its whole wildcard prefix stripped before proxying, parameters included (E.7), and mappings have no path source (`$request.path.*` does not exist), so the server never sees the value (upstream forwards the full path there instead: SAG508). `service_binding` targets receive parameters in their context, bundled `service` modules in their fourth `fetch` argument, and other proxies in the forwarded path, so they are not reported.',
      invalid: '{ "method": "GET", "path": "/orders/{id}", "integration": { "type": "service", "binding": "orders" } }',
      valid: '{ "method": "GET", "path": "/orders/{id}", "integration": { "type": "service_binding", "binding": "orders", "function": "get" } }',
      fix: 'Parse `request.url` in the module, or use an integration that receives the parameters.',
    },
  },
  {
    code: 'SAG510',
    title: 'HEAD requests reach only ANY routes',
    severity: { upstream: 'information', bundled: null },
    docs: {
      summary:
        'The upstream gateway compares methods exactly, and `HEAD` is not in the method enum, so HEAD requests are served only by `ANY` routes: HEAD on a GET-only path answers 404 (uptime monitors and link checkers often send HEAD). Reported once per file, on the first GET route no `ANY` route covers, with the others listed. Upstream only: the bundled gateway falls back from HEAD to the GET route (E.2).',
      invalid: '"paths": [ { "method": "GET", "path": "/health", "response": { "ok": true } } ]',
      valid: '"paths": [ { "method": "ANY", "path": "/health", "response": { "ok": true } } ]',
      fix: 'Add or widen to an `ANY` route where clients send HEAD, or accept the 404.',
    },
  },
  {
    code: 'SAG511',
    title: 'Parameter route shadowed by a wildcard',
    severity: { upstream: 'error', bundled: null },
    docs: {
      summary:
        'Under the upstream precedence (SPEC C.3), a wildcard route `L/{.+}` whose prefix L is all literal is an "exact" match for every request exactly one segment deeper than L, and exact matches win before anything else. A `{param}` route of that depth (method equal, or the wildcard is `ANY`) therefore loses: it is an error when the route is exactly `L/{name}` (never served; the upstream sample config has `/api/v1/proxy/{parameter}` behind `ANY /api/v1/proxy/{.+}`), and a warning when only the requests whose segments equal L are stolen. Upstream only: the bundled gateway compares segments from the left, so a `{param}` always beats `{.+}` (E.2) and the problem does not exist there.',
      invalid: '"paths": [\n  { "method": "GET", "path": "/api/v1/proxy/{parameter}", "integration": { "type": "service", "binding": "p" } },\n  { "method": "ANY", "path": "/api/v1/proxy/{.+}", "integration": { "type": "http_proxy", "server": "api" } }\n]',
      valid: '"paths": [\n  { "method": "GET", "path": "/api/v1/item/{parameter}", "integration": { "type": "service", "binding": "p" } },\n  { "method": "ANY", "path": "/api/v1/proxy/{.+}", "integration": { "type": "http_proxy", "server": "api" } }\n]',
      fix: 'Make the last segment of the parameter route literal, move the wildcard one level deeper, or delete the parameter route. When the route is never served (error), the quick fix deletes it (not applied unattended).',
      severityNote: 'an error when the wildcard takes every request of the route (it is never served), a warning when it takes some',
    },
  },
];
