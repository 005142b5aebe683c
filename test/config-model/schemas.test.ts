// The generated schemas: no drift from the model, they compile under Ajv 2020, and accept/reject configs as SPEC A / E.1 say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSchema, generatedConfigArtifacts, type SchemaVariant } from 'serverless-api-gateway-runtime/config';

const repoRoot = resolve(import.meta.dirname, '..', '..');

test('committed schemas and types equal a fresh generation (run scripts/gen-schemas.ts after editing the model)', () => {
  for (const artifact of generatedConfigArtifacts()) {
    const committed = readFileSync(resolve(repoRoot, artifact.path), 'utf8');
    assert.equal(committed, artifact.text, `${artifact.path} is stale: node --conditions=sag-source --import tsx scripts/gen-schemas.ts`);
  }
});

function validator(variant: SchemaVariant) {
  // strictRequired is off because if/then and anyOf branches name required keys declared on the parent, as intended.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(buildSchema(variant));
}
const upstream = validator('upstream');
const bundled = validator('bundled');
const errorsOf = (v: typeof upstream, data: unknown) => (v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`));

const fullCors = {
  allow_origins: ['https://app.example.com', 'https://*.example.com', '*'],
  allow_methods: ['GET', 'POST', 'OPTIONS'],
  allow_headers: ['Authorization', 'Content-Type'],
  expose_headers: [],
  allow_credentials: false,
  max_age: 600,
};
const sample = {
  $schema: './api-config.schema.json',
  title: 'demo',
  servers: [{ alias: 'origin', url: 'https://api.example.com/v1' }],
  services: [{ alias: 'hello', entrypoint: './services/hello' }],
  serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }],
  cors: fullCors,
  authorizer: { type: 'jwt', secret: '$secret.JWT', algorithm: 'HS256', audience: 'api', issuer: 'https://issuer' },
  variables: { tenant: 'acme' },
  paths: [
    { method: 'GET', path: '/health', response: { ok: true } },
    { method: 'ANY', path: '/api/{.+}', integration: { type: 'http', server: 'origin' }, auth: true, mapping: { headers: { 'x-user': '$request.jwt.sub' } } },
    { method: 'POST', path: '/hello', integration: { type: 'service', binding: 'hello' }, pre_process: { binding: 'hooks', function: 'check' } },
    { method: 'GET', path: '/rpc/{id}', integration: { type: 'service_binding', binding: 'hooks', function: 'get' }, auth: null },
  ],
};
const withPath = (item: object) => ({ paths: [{ method: 'GET', path: '/x', ...item }] });

test('both schemas compile under Ajv 2020 strict mode with ajv-formats, and accept the full sample', () => {
  assert.deepEqual(errorsOf(upstream, sample), []);
  assert.deepEqual(errorsOf(bundled, sample), []);
  assert.deepEqual(errorsOf(upstream, { paths: [] }), []);
});

test('root: paths required; unknown top-level keys rejected upstream, accepted bundled', () => {
  assert.deepEqual(errorsOf(upstream, {}), [' required']);
  assert.deepEqual(errorsOf(bundled, {}), [' required']);
  assert.deepEqual(errorsOf(upstream, { paths: 5 }), ['/paths type']);
  assert.deepEqual(errorsOf(upstream, { paths: [], serviceBinding: [] }), [' additionalProperties']);
  assert.deepEqual(errorsOf(bundled, { paths: [], serviceBinding: [] }), []);
  assert.deepEqual(errorsOf(upstream, []), [' type']);
  assert.deepEqual(errorsOf(upstream, { paths: [], servicesBindings: [{ alias: 'a', binding: 'B' }] }), []);
});

test('method enum is exact and upper case; path must start with /', () => {
  assert.deepEqual(errorsOf(upstream, withPath({ method: 'get' })), ['/paths/0/method enum']);
  assert.deepEqual(errorsOf(bundled, withPath({ method: 'HEAD' })), ['/paths/0/method enum']);
  assert.deepEqual(errorsOf(upstream, withPath({ path: 'x' })), ['/paths/0/path pattern']);
  assert.deepEqual(errorsOf(upstream, { paths: [{ path: '/x' }] }), ['/paths/0 required']);
  assert.deepEqual(errorsOf(upstream, withPath({ auth: 'false' })), ['/paths/0/auth type']);
});

test('path items and integrations allow unknown keys in both variants', () => {
  const typo = withPath({ preProcess: {}, integration: { type: 'http', server: 'o', functon: 'x' } });
  assert.deepEqual(errorsOf(upstream, typo), []);
  assert.deepEqual(errorsOf(bundled, typo), []);
});

test('per-type integration requirements', () => {
  assert.deepEqual(errorsOf(upstream, withPath({ integration: { type: 'http' } })), ['/paths/0/integration required', '/paths/0/integration if']);
  assert.deepEqual(errorsOf(bundled, withPath({ integration: { type: 'http_proxy' } })), [
    '/paths/0/integration required',
    '/paths/0/integration if',
  ]);
  assert.deepEqual(errorsOf(upstream, withPath({ integration: { type: 'service' } })), ['/paths/0/integration required', '/paths/0/integration if']);
  const noFunction = withPath({ integration: { type: 'service_binding', binding: 'b' } });
  assert.deepEqual(errorsOf(upstream, noFunction), ['/paths/0/integration required', '/paths/0/integration if']);
  assert.deepEqual(errorsOf(bundled, noFunction), []);
  assert.deepEqual(errorsOf(upstream, withPath({ integration: { type: 'auth0_userinfo' } })), []);
  assert.deepEqual(errorsOf(upstream, withPath({ integration: { type: 'http-proxy', server: 'o' } })), ['/paths/0/integration/type enum']);
  assert.deepEqual(errorsOf(upstream, withPath({ integration: { server: 'o' } })), ['/paths/0/integration required']);
});

test('integration.post_process: free upstream (not in the schema), shaped in bundled', () => {
  const ok = withPath({ integration: { type: 'auth0_callback', post_process: { type: 'service_binding', binding: 'h', function: 'f' } } });
  assert.deepEqual(errorsOf(upstream, ok), []);
  assert.deepEqual(errorsOf(bundled, ok), []);
  const noType = withPath({ integration: { type: 'http', server: 'o', post_process: { binding: 'h', function: 'f' } } });
  assert.deepEqual(errorsOf(bundled, noType), []);
  const bad = withPath({ integration: { type: 'http', server: 'o', post_process: { type: 'http', binding: 'h' } } });
  assert.deepEqual(errorsOf(upstream, bad), []);
  assert.deepEqual(errorsOf(bundled, bad), ['/paths/0/integration/post_process required', '/paths/0/integration/post_process/type const']);
});

test('pre_process: any object upstream, {binding, function} in bundled', () => {
  assert.deepEqual(errorsOf(upstream, withPath({ pre_process: {} })), []);
  assert.deepEqual(errorsOf(bundled, withPath({ pre_process: { binding: 'h' } })), ['/paths/0/pre_process required']);
  assert.deepEqual(errorsOf(upstream, withPath({ pre_process: 'h' })), ['/paths/0/pre_process type']);
});

test('cors: all six fields required upstream, optional bundled; types and enums checked in both', () => {
  const partial = { paths: [], cors: { allow_origins: ['*'] } };
  assert.equal(errorsOf(upstream, partial).filter((e) => e === '/cors required').length, 5);
  assert.deepEqual(errorsOf(bundled, partial), []);
  assert.deepEqual(errorsOf(bundled, { paths: [], cors: { max_age: -1 } }), ['/cors/max_age minimum']);
  assert.deepEqual(errorsOf(bundled, { paths: [], cors: { max_age: 1.5 } }), ['/cors/max_age type']);
  assert.deepEqual(errorsOf(bundled, { paths: [], cors: { allow_methods: ['HEAD'] } }), ['/cors/allow_methods/0 enum']);
  assert.deepEqual(errorsOf(bundled, { paths: [], cors: { allow_methods: ['GET', 'GET'] } }), ['/cors/allow_methods uniqueItems']);
  assert.deepEqual(errorsOf(bundled, { paths: [], cors: { allow_origin: ['*'] } }), ['/cors additionalProperties']);
  assert.ok(errorsOf(bundled, { paths: [], cors: { allow_origins: ['not a uri'] } }).includes('/cors/allow_origins/0 anyOf'));
  assert.deepEqual(errorsOf(upstream, { paths: [], cors: fullCors }), []);
});

test('jwt authorizer: upstream needs all fields and HS256; bundled needs only secret and allows HS384/HS512', () => {
  const minimal = { paths: [], authorizer: { type: 'jwt', secret: 's' } };
  assert.ok(errorsOf(upstream, minimal).length > 0);
  assert.deepEqual(errorsOf(bundled, minimal), []);
  const hs512 = { paths: [], authorizer: { type: 'jwt', secret: 's', algorithm: 'HS512', audience: 'a', issuer: 'i' } };
  assert.ok(errorsOf(upstream, hs512).length > 0);
  assert.deepEqual(errorsOf(bundled, hs512), []);
  assert.ok(errorsOf(bundled, { paths: [], authorizer: { type: 'jwt', secret: 's', algorithm: 'RS256' } }).length > 0);
  assert.ok(errorsOf(bundled, { paths: [], authorizer: { type: 'jwt', secret: 's', extra: 1 } }).length > 0);
});

test('auth0 authorizer: required fields plus jwks or jwks_uri; audience only in bundled', () => {
  const base = { type: 'auth0', domain: 't.auth0.com', client_id: 'c', client_secret: 's', redirect_uri: 'https://a/cb', scope: 'openid' };
  assert.ok(errorsOf(upstream, { paths: [], authorizer: base }).length > 0);
  assert.deepEqual(errorsOf(upstream, { paths: [], authorizer: { ...base, jwks_uri: 'https://t.auth0.com/.well-known/jwks.json' } }), []);
  assert.deepEqual(errorsOf(upstream, { paths: [], authorizer: { ...base, jwks: '{"keys":[]}', jwks_uri: 'https://t/j' } }), []);
  const withAudience = { paths: [], authorizer: { ...base, jwks: '{}', audience: 'api' } };
  assert.ok(errorsOf(upstream, withAudience).length > 0);
  assert.deepEqual(errorsOf(bundled, withAudience), []);
});

test('supabase authorizer and unknown authorizer types', () => {
  const minimal = { paths: [], authorizer: { type: 'supabase', jwt_secret: 's' } };
  assert.ok(errorsOf(upstream, minimal).length > 0);
  assert.deepEqual(errorsOf(bundled, minimal), []);
  assert.deepEqual(errorsOf(upstream, { paths: [], authorizer: { type: 'supabase', jwt_secret: 's', issuer: 'i', audience: 'a' } }), []);
  assert.ok(errorsOf(bundled, { paths: [], authorizer: { type: 'oauth', secret: 's' } }).length > 0);
});

test('servers, services and serviceBindings items are closed objects with non-empty aliases', () => {
  assert.deepEqual(errorsOf(upstream, { paths: [], servers: [{ alias: '', url: 'https://a' }] }), ['/servers/0/alias minLength']);
  assert.deepEqual(errorsOf(upstream, { paths: [], servers: [{ alias: 'a', url: 'not a url' }] }), ['/servers/0/url format']);
  assert.deepEqual(errorsOf(bundled, { paths: [], services: [{ alias: 'a', entrypoint: 'x', extra: 1 }] }), [
    '/services/0 additionalProperties',
  ]);
  assert.deepEqual(errorsOf(upstream, { paths: [], serviceBindings: [{ alias: 'a' }] }), ['/serviceBindings/0 required']);
});

test('mapping is closed ({headers, query}) with string expressions', () => {
  assert.deepEqual(errorsOf(upstream, withPath({ mapping: { header: {} } })), ['/paths/0/mapping additionalProperties']);
  assert.deepEqual(errorsOf(upstream, withPath({ mapping: { query: { a: 1 } } })), ['/paths/0/mapping/query/a type']);
});
