// SAG201–SAG212 and SAG121 (needs the bound Worker's source): one triggering config and one near-miss per
// code, exact start positions, severities per runtime where they differ.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertCase, check, positionOf, type CodeCase } from '../schema/code-cases';

const SB = '"serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }, { "alias": "target", "binding": "TARGET" }],';
const JWT = '"authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },';
const AUTH0 = '"authorizer": { "type": "auth0", "domain": "t.auth0.com", "client_id": "c", "client_secret": "$secret.C", "redirect_uri": "https://app.example.com/auth/callback", "jwks_uri": "https://t.auth0.com/.well-known/jwks.json", "scope": "openid" },';
const cfg = (sections: string, ...routes: string[]) => `{\n  ${sections}\n  "paths": [\n    ${routes.join(',\n    ')}\n  ]\n}\n`;
const SERVERS = '"servers": [{ "alias": "api", "url": "https://api.example.com" }],';
const SERVICES = '"services": [{ "alias": "endpoint1", "entrypoint": "./services/endpoint1" }],';
const SB_ROUTE = '{ "method": "POST", "path": "/orders", "integration": { "type": "service_binding", "binding": "target", "function": "run" }, "pre_process": { "binding": "hooks", "function": "before" } }';

const CASES: CodeCase[] = [
  { code: 'SAG201', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "apii" } }'), at: '"apii"', nearMiss: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }'), severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG202', config: cfg(SERVICES, '{ "method": "GET", "path": "/x", "integration": { "type": "service", "binding": "endpoint2" } }'), at: '"endpoint2"', nearMiss: cfg(SERVICES, '{ "method": "GET", "path": "/x", "integration": { "type": "service", "binding": "endpoint1" } }') },
  { code: 'SAG203', config: cfg(SB, SB_ROUTE.replace('"binding": "target"', '"binding": "TARGET"')), at: '"TARGET"', nth: 1, nearMiss: cfg(SB, SB_ROUTE) },
  { code: 'SAG204', config: cfg(SB, SB_ROUTE.replace('"binding": "hooks"', '"binding": "hook"')), at: '"hook"', nearMiss: cfg(SB, SB_ROUTE), severity: { upstream: 'error', bundled: 'error' } },
  {
    code: 'SAG205',
    config: cfg(SB + AUTH0, '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "audit", "function": "after" } } }', SB_ROUTE),
    at: '"audit"',
    nearMiss: cfg(SB + AUTH0, '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "hooks", "function": "after" } } }', SB_ROUTE),
  },
  {
    code: 'SAG206',
    config: cfg('"servers": [{ "alias": "api", "url": "https://a.example.com" }, { "alias": "api", "url": "https://b.example.com" }],', '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }'),
    at: '"api"',
    nth: 1,
    nearMiss: cfg('"servers": [{ "alias": "api", "url": "https://a.example.com" }, { "alias": "api2", "url": "https://b.example.com" }],', '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }'),
  },
  { code: 'SAG207', config: cfg(SERVERS, '{ "method": "GET", "path": "/x", "response": 1 }'), at: '"api"', nearMiss: cfg(SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }'), severity: { upstream: 'information' } },
  { code: 'SAG208', config: cfg(SB, '{ "method": "GET", "path": "/x", "integration": { "type": "service", "binding": "target" } }', SB_ROUTE), at: '"target"', nth: 1, nearMiss: cfg(SB, '{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "target", "function": "get" } }', SB_ROUTE), severity: { upstream: 'warning', bundled: 'error' } },
  {
    code: 'SAG209',
    config: cfg(SERVERS + '"variables": { "api_version": "v1" },', '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-v": "$config.apiVersion" } } }'),
    at: '"$config.apiVersion"',
    nearMiss: cfg(SERVERS + '"variables": { "api_version": "v1" },', '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "variables": { "apiVersion": "v2" }, "mapping": { "headers": { "x-v": "$config.apiVersion" } } }'),
  },
  {
    code: 'SAG210',
    config: cfg(SERVERS + JWT, '{ "method": "GET", "path": "/me", "auth": false, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }'),
    at: '"$request.jwt.sub"',
    nearMiss: cfg(SERVERS + JWT, '{ "method": "GET", "path": "/me", "auth": true, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }'),
  },
  { code: 'SAG211', config: cfg(JWT, '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback" } }'), at: '"auth0_callback"', nearMiss: cfg(AUTH0, '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback" } }'), severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG212', config: cfg(AUTH0, '{ "method": "GET", "path": "/callback", "integration": { "type": "auth0_callback" } }'), at: '"/callback"', nearMiss: cfg(AUTH0, '{ "method": "GET", "path": "/auth/callback", "integration": { "type": "auth0_callback" } }') },
];

for (const c of CASES) test(`${c.code}: ${c.at} triggers, near-miss does not`, () => assertCase(c));

test('SAG203 suggests the alias whose wrangler binding was written', () => {
  const config = cfg(SB, SB_ROUTE.replace('"binding": "target"', '"binding": "TARGET"'));
  const f = check(config, 'upstream').find((x) => x.code === 'SAG203')!;
  assert.match(f.message, /wrangler binding of alias `target`/);
  assert.equal(f.fixes[0]!.title, 'Change to `target`');
});

test('SAG210 says what a client-sent value of the name does, per runtime (upstream lets it through, bundled removes it)', () => {
  const config = cfg(SERVERS + JWT, '{ "method": "GET", "path": "/me", "auth": false, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" }, "query": { "uid": "$request.jwt.sub" } } }');
  const messages = (runtime: 'upstream' | 'bundled') => check(config, runtime).filter((x) => x.code === 'SAG210').map((x) => x.message);
  assert.deepEqual(messages('upstream').map((m) => m.replace(/^.*\(/, '(')), ['(a client-sent header of that name may pass through)', '(a client-sent query parameter of that name may pass through)']);
  assert.deepEqual(messages('bundled').map((m) => m.replace(/^.*\(/, '(')), ['(the bundled gateway removes a client-sent header of that name)', '(the bundled gateway removes a client-sent query parameter of that name)']);
});

test('SAG207 and the other section: an integration use counts for the entry it means (SAG208), a hook use does not', () => {
  const unused = (config: string): string[] => check(config, 'upstream').filter((f) => f.code === 'SAG207').map((f) => f.message.match(/`(\w+)` alias `(\w+)`/)?.slice(1).join(' ') ?? f.message);
  const both = '"services": [{ "alias": "shared", "entrypoint": "./services/s" }], "serviceBindings": [{ "alias": "shared", "binding": "S" }],';
  // Only service_binding routes name `shared`: they reach the serviceBindings entry; the services entry is unused.
  assert.deepEqual(unused(cfg(both, '{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "shared", "function": "f" } }')), ['services shared']);
  // A services-only alias named by a service_binding route (SAG208): the route means it, so it is used.
  assert.deepEqual(unused(cfg('"services": [{ "alias": "only", "entrypoint": "./services/s" }],', '{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "only", "function": "f" } }')), []);
  // Named by a pre_process only: hooks read serviceBindings, never services (SAG204 there): unused.
  assert.deepEqual(unused(cfg('"services": [{ "alias": "only", "entrypoint": "./services/s" }],', '{ "method": "GET", "path": "/x", "response": "ok", "pre_process": { "binding": "only", "function": "f" } }')), ['services only']);
  // A post_process beside `integration` (SAG110 moves it in): its alias is not one to remove.
  assert.deepEqual(unused(cfg(SB, SB_ROUTE, '{ "method": "GET", "path": "/y", "integration": { "type": "service_binding", "binding": "target", "function": "run" }, "post_process": { "binding": "hooks", "function": "after" } }').replace(', "pre_process": { "binding": "hooks", "function": "before" }', '')), []);
});

test('SAG205 upstream: post_process on a non-auth0_callback integration is SAG110, not SAG205', () => {
  const config = cfg(SB + SERVERS, '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api", "post_process": { "type": "service_binding", "binding": "nope", "function": "f" } } }', SB_ROUTE);
  assert.deepEqual(check(config, 'upstream').filter((f) => f.code === 'SAG205'), []);
  assert.equal(check(config, 'bundled').filter((f) => f.code === 'SAG205').length, 1);
});

// ---------------------------------------------------------------- SAG121: the bound Worker's hook method

const HOOKS_WORKER = {
  '/hooks/wrangler.toml': 'name = "hooks-worker"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
  '/hooks/src/index.js': [
    'import { WorkerEntrypoint } from "cloudflare:workers";',
    'export default class Hooks extends WorkerEntrypoint {',
    '  async before(request) {',
    '    if (!request.headers.get("x-key")) return new Response("no", { status: 401 });',
    '  }',
    '  async checked(request) {',
    '    if (!request.headers.get("x-key")) return new Response("no", { status: 401 });',
    '    return true;',
    '  }',
    '}',
    '',
  ].join('\n'),
  '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n\n[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n\n[[services]]\nbinding = "TARGET"\nservice = "target-worker"\n',
};

test('SAG121: hook that falls off its end is reported on `function` (upstream only), with the method as related', () => {
  const config = cfg(SB, SB_ROUTE);
  const upstream = check(config, 'upstream', HOOKS_WORKER).filter((f) => f.code === 'SAG121');
  assert.equal(upstream.length, 1);
  assert.deepEqual(upstream[0]!.range.start, positionOf(config, '"before"'));
  assert.equal(upstream[0]!.severity, 'warning');
  assert.equal(upstream[0]!.related[0]!.file, '/hooks/src/index.js');
  assert.equal(upstream[0]!.related[0]!.range.start.line, 2);
  assert.deepEqual(check(config, 'bundled', HOOKS_WORKER).filter((f) => f.code === 'SAG121'), []);
  const fixed = cfg(SB, SB_ROUTE.replace('"before"', '"checked"'));
  assert.deepEqual(check(fixed, 'upstream', HOOKS_WORKER).filter((f) => f.code === 'SAG121'), []);
});

test('SAG121 follows the hook class the Worker re-exports (`export { default } from`, and a named `entrypoint`)', () => {
  const hooksClass = HOOKS_WORKER['/hooks/src/index.js'];
  const reExported = { ...HOOKS_WORKER, '/hooks/src/index.js': "export { default } from './hooks.js';\n", '/hooks/src/hooks.js': hooksClass };
  const named = {
    ...HOOKS_WORKER,
    '/gw/wrangler.toml': HOOKS_WORKER['/gw/wrangler.toml'].replace('service = "hooks-worker"', 'service = "hooks-worker"\nentrypoint = "Hooks"'),
    '/hooks/src/index.js': "export { Hooks } from './hooks.js';\nexport default { fetch() { return new Response('hooks'); } };\n",
    '/hooks/src/hooks.js': hooksClass!.replace('export default class Hooks', 'export class Hooks'),
  };
  for (const [label, files] of [['default', reExported], ['entrypoint', named]] as const) {
    const config = cfg(SB, SB_ROUTE);
    const found = check(config, 'upstream', files).filter((f) => f.code === 'SAG121');
    assert.equal(found.length, 1, label);
    assert.deepEqual(found[0]!.range.start, positionOf(config, '"before"'), label);
    assert.equal(found[0]!.related[0]!.file, '/hooks/src/hooks.js', `${label}: the method where the class is declared`);
    assert.deepEqual(check(cfg(SB, SB_ROUTE.replace('"before"', '"checked"')), 'upstream', files).filter((f) => f.code === 'SAG121'), [], label);
    assert.deepEqual(check(config, 'bundled', files).filter((f) => f.code === 'SAG121'), [], label);
  }
});
