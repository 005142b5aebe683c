// SAG100–SAG120, SAG122: one triggering config and one near-miss per code, exact start positions, both runtimes
// where the code applies to both (severity per runtime checked where it differs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertCase, check, type CodeCase } from './code-cases';

const SERVERS = '"servers": [{ "alias": "api", "url": "https://api.example.com" }],';
const route = (body: string) => `{\n  ${SERVERS}\n  "paths": [\n    ${body}\n  ]\n}\n`;
const OK = '{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" } }';

const CASES: CodeCase[] = [
  { code: 'SAG100', config: '{\n  "paths": [],\n}\n', at: '}', nth: 0, nearMiss: '{\n  "paths": []\n}\n', severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG101', config: '{\n  "title": "x"\n}\n', at: '{', nearMiss: '{\n  "title": "x",\n  "paths": []\n}\n', severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG101', config: '{\n  "paths": {}\n}\n', at: '{}', nearMiss: '{\n  "paths": []\n}\n' },
  { code: 'SAG101', config: '{\n  "servers": [{ "url": "https://a.example.com" }],\n  "paths": []\n}\n', at: '{ "url"', nearMiss: '{\n  "servers": [{ "alias": "a", "url": "https://a.example.com" }],\n  "paths": []\n}\n' },
  { code: 'SAG102', config: '{\n  "serviceBinding": [],\n  "paths": []\n}\n', at: '"serviceBinding"', nearMiss: '{\n  "serviceBindings": [],\n  "paths": []\n}\n', severity: { upstream: 'warning', bundled: 'warning' } },
  { code: 'SAG103', config: '{\n  "servicesBindings": [{ "alias": "h", "binding": "H" }],\n  "paths": [{ "method": "GET", "path": "/x", "pre_process": { "binding": "h", "function": "f" }, "response": 1 }]\n}\n', at: '"servicesBindings"', nearMiss: '{\n  "serviceBindings": [{ "alias": "h", "binding": "H" }],\n  "paths": [{ "method": "GET", "path": "/x", "pre_process": { "binding": "h", "function": "f" }, "response": 1 }]\n}\n', severity: { upstream: 'information' } },
  { code: 'SAG104', config: route('{ "method": "get", "path": "/x", "response": 1 }'), at: '"get"', nearMiss: route('{ "method": "GET", "path": "/x", "response": 1 }'), severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG104', config: route('{ "method": 5, "path": "/x", "response": 1 }'), at: '5', nearMiss: route('{ "method": "ANY", "path": "/x", "response": 1 }') },
  { code: 'SAG105', config: route('{ "method": "GET", "path": "x", "response": 1 }'), at: '"x"', nearMiss: route('{ "method": "GET", "path": "/x", "response": 1 }'), severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG106', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http-proxy", "server": "api" } }'), at: '"http-proxy"', nearMiss: route(OK) },
  { code: 'SAG106', config: route('{ "method": "GET", "path": "/x", "integration": "http_proxy" }'), at: '"http_proxy"', nearMiss: route(OK) },
  { code: 'SAG107', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy" } }'), at: '"http_proxy"', nearMiss: route(OK), severity: { upstream: 'error', bundled: 'error' } },
  {
    code: 'SAG107',
    runtimes: ['upstream'],
    config: route('{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "t" } }').replace('"paths"', '"serviceBindings": [{ "alias": "t", "binding": "T" }],\n  "paths"'),
    at: '"service_binding"',
    nearMiss: route('{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "t", "function": "run" } }').replace('"paths"', '"serviceBindings": [{ "alias": "t", "binding": "T" }],\n  "paths"'),
  },
  { code: 'SAG108', config: route('{ "method": "GET", "path": "/x", "integrations": { "type": "http_proxy", "server": "api" } }'), at: '"integrations"', nearMiss: route(OK) },
  { code: 'SAG108', config: '{\n  "serviceBindings": [{ "alias": "h", "binding": "H", "bindng": "X" }],\n  "paths": []\n}\n', at: '"bindng"', nearMiss: '{\n  "serviceBindings": [{ "alias": "h", "binding": "H" }],\n  "paths": []\n}\n' },
  { code: 'SAG108', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api", "functon": "x" } }'), at: '"functon"', nearMiss: route(OK) },
  { code: 'SAG109', config: route('{ "method": "GET", "path": "/x", "pre_process": { "type": "service_binding" }, "integration": { "type": "http_proxy", "server": "api" } }'), at: '"pre_process"', nearMiss: route('{ "method": "GET", "path": "/x", "pre_process": { "binding": "h", "function": "f" }, "integration": { "type": "http_proxy", "server": "api" } }'), severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG110', config: route('{ "method": "GET", "path": "/x", "post_process": { "binding": "h", "function": "f" }, "integration": { "type": "http_proxy", "server": "api" } }'), at: '"post_process"', nearMiss: route(OK), severity: { upstream: 'warning', bundled: 'warning' } },
  {
    code: 'SAG110',
    runtimes: ['upstream'],
    config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api", "post_process": { "type": "service_binding", "binding": "h", "function": "f" } } }'),
    at: '"post_process"',
    nearMiss: route('{ "method": "GET", "path": "/x", "integration": { "type": "auth0_callback", "post_process": { "type": "service_binding", "binding": "h", "function": "f" } } }'),
  },
  {
    code: 'SAG111',
    config: '{\n  "cors": { "allow_origins": ["https://a.example.com"], "max_age": -5 },\n  "paths": []\n}\n',
    at: '-5',
    severity: { upstream: 'warning', bundled: 'error' },
    nearMiss: '{\n  "cors": { "allow_origins": ["https://a.example.com"], "allow_methods": ["GET"], "allow_headers": [], "expose_headers": [], "allow_credentials": false, "max_age": 5 },\n  "paths": []\n}\n',
  },
  { code: 'SAG111', runtimes: ['upstream'], config: '{\n  "cors": { "allow_origins": ["*"] },\n  "paths": []\n}\n', at: '"cors"', nearMiss: '{\n  "paths": []\n}\n', severity: { upstream: 'warning' } },
  { code: 'SAG112', config: '{\n  "authorizer": { "type": "JWT", "secret": "$secret.S" },\n  "paths": []\n}\n', at: '"JWT"', nearMiss: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG112', config: '{\n  "authorizer": { "type": "auth0", "domain": "t.auth0.com", "client_id": "c", "client_secret": "$secret.C", "redirect_uri": "https://a.example.com/cb", "scope": "openid" },\n  "paths": []\n}\n', at: '"authorizer"', nearMiss: '{\n  "authorizer": { "type": "auth0", "domain": "t.auth0.com", "client_id": "c", "client_secret": "$secret.C", "redirect_uri": "https://a.example.com/cb", "jwks_uri": "https://t.auth0.com/.well-known/jwks.json", "scope": "openid" },\n  "paths": []\n}\n' },
  { code: 'SAG113', config: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "RS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', at: '"RS256"', nearMiss: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', severity: { upstream: 'warning', bundled: 'error' } },
  // HS512 is verified by the bundled gateway, ignored (so misleading) upstream.
  { code: 'SAG113', runtimes: ['upstream'], config: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS512", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n', at: '"HS512"', nearMiss: '{\n  "authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },\n  "paths": []\n}\n' },
  { code: 'SAG114', config: route('{ "method": "GET", "path": "/x", "auth": true, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "authorization": "Bearer $request.jwt.sub" } } }'), at: '"Bearer', nearMiss: route('{ "method": "GET", "path": "/x", "auth": true, "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "x-user": "$request.jwt.sub" } } }').replace('"paths"', '"authorizer": { "type": "jwt", "secret": "$secret.S", "algorithm": "HS256", "issuer": "i", "audience": "a" },\n  "paths"') },
  // A header name that no header can have (a space): on the key, not the value.
  { code: 'SAG114', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "X Tenant": "$request.query.tenant" } } }'), at: '"X Tenant"', nearMiss: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "X-Tenant": "$request.query.tenant" } } }') },
  { code: 'SAG115', config: route('{ "method": "GET", "path": "/x", "response": 1, "mapping": { "query": { "q": "$request.query.q" } } }'), at: '"mapping"', nearMiss: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "query": { "q": "$request.query.q" } } }') },
  { code: 'SAG116', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "response": {} }'), at: '"response"', nearMiss: route(OK), severity: { upstream: 'information' } },
  { code: 'SAG117', config: '{\n  "servers": [{ "alias": "api", "url": "https://$env.HOST/v1" }],\n  "paths": []\n}\n', at: '"https://$env', nearMiss: '{\n  "servers": [{ "alias": "api", "url": "$env.API_URL" }],\n  "paths": []\n}\n' },
  // Inside a route (scanned per route): a `$secrets.` prefix after other text.
  { code: 'SAG117', config: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "authorization": "Bearer $secrets.TOKEN" } } }'), at: '"Bearer', nearMiss: route('{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "authorization": "$secrets.TOKEN" } } }') },
  { code: 'SAG118', config: '{\n  "servers": [{ "alias": "api", "url": "api.example.com" }],\n  "paths": []\n}\n', at: '"api.example.com"', nearMiss: '{\n  "servers": [{ "alias": "api", "url": "https://api.example.com" }],\n  "paths": []\n}\n', severity: { upstream: 'error', bundled: 'error' } },
  { code: 'SAG119', config: '{\n  "servers": [{ "alias": "api", "url": "https://api.example.com/v1?key=1" }],\n  "paths": []\n}\n', at: '"https://api', nearMiss: '{\n  "servers": [{ "alias": "api", "url": "https://api.example.com/v1" }],\n  "paths": []\n}\n' },
  { code: 'SAG120', config: route('{ "method": "GET", "path": "/x", "auth": "false", "response": 1 }'), at: '"false"', nearMiss: route('{ "method": "GET", "path": "/x", "auth": false, "response": 1 }'), severity: { upstream: 'warning', bundled: 'error' } },
  { code: 'SAG122', config: route('{ "method": "GET", "path": "/x", "pre_process": { "binding": "h", "function": "f" }, "response": 1 }'), at: '"pre_process"', nearMiss: route('{ "method": "GET", "path": "/x", "pre_process": { "binding": "h", "function": "f" }, "integration": { "type": "http_proxy", "server": "api" } }') },
];

for (const c of CASES) {
  test(`${c.code}: ${c.at} triggers, near-miss does not`, () => assertCase(c));
}

test('SAG108 in an alias section entry: the direct check says what the gateway does with the key', () => {
  const config = '{\n  "serviceBindings": [{ "alias": "h", "binding": "H", "bindng": "X" }, { "alias": "g", "bnding": "G" }],\n  "paths": []\n}\n';
  const messages = check(config, 'upstream')
    .filter((f) => f.code === 'SAG108')
    .map((f) => f.message);
  assert.deepEqual(messages, [
    'unknown key `bindng` in serviceBindings[0] is ignored by the gateway',
    'unknown key `bnding` in serviceBindings[1] is ignored by the gateway; did you mean `binding`?',
  ]);
});

test('SAG117 in one route among many without any `$`: found, at its place (each route searched within its own text)', () => {
  const plain = '{ "method": "GET", "path": "/p", "integration": { "type": "http_proxy", "server": "api" } }';
  const mixed = '{ "method": "GET", "path": "/m", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "headers": { "authorization": "Bearer $secrets.TOKEN" } } }';
  const config = route([plain, plain, mixed, plain, plain].join(',\n    '));
  const found = check(config, 'bundled').filter((f) => f.code === 'SAG117');
  assert.deepEqual(found.map((f) => f.pointer), ['/paths/2/mapping/headers/authorization']);
  assert.equal(found[0]!.range.start.line, config.slice(0, config.indexOf('"Bearer')).split('\n').length - 1);
});

test('SAG101 for a missing `paths` is one finding on each runtime, not the direct check and the schema error both', () => {
  for (const runtime of ['upstream', 'bundled'] as const) {
    const found = check('{}\n', runtime).filter((f) => f.code === 'SAG101');
    assert.deepEqual(found.map((f) => [f.severity, f.message.slice(0, 20)]), [['error', '`paths` is missing: ']], runtime);
  }
});

test('SAG101 beside a `Paths` written in another case: no "add paths" fix (SAG102\'s rename keeps the routes; an empty paths beside them would not)', () => {
  const found = check('{\n  "Paths": [{ "method": "GET", "path": "/a", "response": 1 }]\n}\n', 'upstream');
  const missing = found.find((f) => f.code === 'SAG101');
  assert.match(missing?.message ?? '', /`Paths` is not it: keys are case-sensitive/);
  assert.deepEqual(missing?.fixes, []);
  assert.deepEqual(found.find((f) => f.code === 'SAG102')?.fixes.map((f) => [f.title, f.safe]), [['Rename `Paths` to `paths`', true]]);
});

test('SAG110 path-level post_process: the move under `integration` is offered where the hook would then run, not on upstream for an http_proxy', () => {
  const body = '{ "method": "GET", "path": "/x", "post_process": { "binding": "h", "function": "f" }, "integration": { "type": "http_proxy", "server": "api" } }';
  const moveOffered = (runtime: 'upstream' | 'bundled'): boolean => check(route(body), runtime).find((f) => f.code === 'SAG110')!.fixes.some((f) => /^Move/.test(f.title));
  assert.equal(moveOffered('bundled'), true);
  assert.equal(moveOffered('upstream'), false, 'upstream runs integration.post_process on auth0_callback only');
});
