// The engine's precompiled schema validators (generated/schema-validators.js): the committed module equals a fresh
// generation, and each validator gives exactly the error objects ajv compiled at run time gives (schema-error-map.ts
// reads instancePath, keyword, params and schemaPath), formats and inlined helpers included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSchema, type SchemaVariant } from 'serverless-api-gateway-runtime/config';
import { schemaValidatorArtifacts } from '../../../scripts/schemas/schema-validators';
import * as precompiled from '../../../server/src/analysis/rules/schema/generated/schema-validators';
import { CRLF_AUTH0, ERRORS_EVERYWHERE } from '../../perf/handwritten-workspaces';

const repoRoot = resolve(__dirname, '..', '..', '..');
const VARIANTS: SchemaVariant[] = ['bundled', 'upstream'];

test('the committed validators module equals a fresh generation (run `npm run gen` after editing the config model)', () => {
  const artifacts = schemaValidatorArtifacts();
  assert.deepEqual(artifacts.map((a) => a.path), [
    'server/src/analysis/rules/schema/generated/schema-validators.js',
    'server/src/analysis/rules/schema/generated/schema-validators.d.ts',
  ]);
  for (const artifact of artifacts) {
    const committed = readFileSync(resolve(repoRoot, artifact.path), 'utf8');
    assert.ok(committed === artifact.text, `${artifact.path} is stale: npm run gen (or npm run build)`);
  }
});

test('the module compiles nothing at run time and imports only ajv-formats\' format functions', () => {
  const code = readFileSync(resolve(repoRoot, 'server/src/analysis/rules/schema/generated/schema-validators.js'), 'utf8');
  assert.match(code, /^\/\/ GENERATED .*do not edit\.\n/);
  assert.ok(!/new Function|\beval\s*\(|\brequire\s*\(/.test(code));
  assert.deepEqual(code.match(/^import .*$/gm), ['import { fullFormats as sagFormats } from "ajv-formats/dist/formats";']);
  assert.deepEqual(Object.keys(precompiled).sort(), ['bundledRest', 'bundledRoute', 'upstreamRest', 'upstreamRoute']);
});

/** What the analysis compiled at run time before: the full schema (annotations kept) with `paths` items open. */
function runtimeCompiled(variant: SchemaVariant): { route: ValidateFunction; rest: ValidateFunction } {
  const schema = buildSchema(variant) as { $id: string; properties: Record<string, object> };
  const open = JSON.parse(JSON.stringify(schema)) as typeof schema;
  open.$id = `${schema.$id.replace(/\.json$/, '')}.rest.json`;
  open.properties.paths = { ...open.properties.paths, items: true };
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const rest = ajv.compile(open);
  return { route: ajv.compile({ $ref: `${open.$id}#/$defs/PathItem` }), rest };
}

const oracles = { bundled: runtimeCompiled('bundled'), upstream: runtimeCompiled('upstream') };
const generated = {
  bundled: { route: precompiled.bundledRoute, rest: precompiled.bundledRest },
  upstream: { route: precompiled.upstreamRoute, rest: precompiled.upstreamRest },
};

function assertSameErrors(variant: SchemaVariant, part: 'route' | 'rest', value: unknown): void {
  const oracle = oracles[variant][part];
  const mine = generated[variant][part];
  const expectedValid = oracle(value);
  assert.equal(mine(value), expectedValid, `${variant} ${part}: ${JSON.stringify(value)}`);
  assert.deepStrictEqual(expectedValid ? [] : mine.errors, expectedValid ? [] : oracle.errors, `${variant} ${part}: ${JSON.stringify(value)}`);
}

const ROUTES: unknown[] = [
  { method: 'GET', path: '/x', response: { ok: true } },
  { method: 'get', path: 'x' },
  { method: 'GET' },
  { method: 'POST', path: '/s', integration: { type: 'service_binding', binding: 'b' } },
  { method: 'POST', path: '/s', integration: { type: 'http_proxy' } },
  { method: 'GET', path: '/p', integration: { type: 'http', server: '' }, auth: 'yes' },
  { method: 'ANY', path: '/m', mapping: { headers: { a: '$request.jwt.sub' }, other: 1 } },
  { method: 'GET', path: '/h', pre_process: { binding: '', function: 1 }, post_process: [] },
  { method: 'GET', path: '/u', integration: { type: 'http', server: 'o', url: 'not a uri' }, extra: true },
  null,
  [],
  'text',
  7,
];

const RESTS: unknown[] = [
  { paths: [] },
  {},
  [],
  'text',
  { paths: {} },
  { paths: [null, null] },
  { servers: [{ alias: '', url: 'not a uri' }, { alias: 'ok', url: 'https://a.example/v1' }], paths: [] },
  // ajv-formats' full `uri` (the analysis' format) rejects a bad percent-escape that its fast pattern accepts.
  { servers: [{ alias: 'x', url: 'https://a.example/%zz' }, { alias: 'y', url: 'https://[bad' }], paths: [null] },
  { cors: { allow_origins: ['*', '*'], allow_methods: ['HEAD', 'GET', 'GET'], max_age: -1 }, paths: [] },
  { authorizer: { type: 'jwt', secret: 's', algorithm: 'HS512' }, paths: [] },
  { authorizer: { type: 'jwt', secret: 's', algorithm: 'RS256' }, paths: [] },
  { authorizer: { type: 'auth0', domain: 'd', redirect_uri: 'relative/cb' }, paths: [] },
  { authorizer: { type: 'nope' }, paths: [] },
  { serviceBindings: [{ alias: 'a' }], services: [{ alias: 'ü\u{1F600}', entrypoint: '' }], variables: { a: [1] }, paths: [] },
  { title: 1, unknownRoot: true, paths: [null] },
];

test('precompiled route and rest validators give the run-time compiled error objects, both variants', () => {
  for (const variant of VARIANTS) {
    for (const route of ROUTES) assertSameErrors(variant, 'route', route);
    for (const rest of RESTS) assertSameErrors(variant, 'rest', rest);
    for (const files of [ERRORS_EVERYWHERE, CRLF_AUTH0]) {
      const config = JSON.parse(files['/gw/api-config.json']!) as { paths: unknown[] };
      for (const route of config.paths) assertSameErrors(variant, 'route', route);
      assertSameErrors(variant, 'rest', { ...config, paths: config.paths.map(() => null) });
    }
  }
});

test('precompiled = run-time compiled on random path items and random config roots', () => {
  const strings = fc.oneof(fc.constantFrom('GET', 'get', 'ANY', '/a', 'a', '', 'http', 'service', 'https://x.example', 'not a uri', '$request.jwt.sub'), fc.string());
  const values = fc.oneof(strings, fc.integer(), fc.boolean(), fc.constant(null), fc.array(strings, { maxLength: 3 }));
  const keys = fc.constantFrom('method', 'path', 'integration', 'auth', 'response', 'mapping', 'pre_process', 'post_process', 'type', 'server', 'binding', 'function', 'url', 'x');
  const objects = fc.dictionary(keys, fc.oneof(values, fc.dictionary(keys, values, { maxKeys: 4 })), { maxKeys: 6 });
  const rootKeys = fc.constantFrom('servers', 'services', 'serviceBindings', 'cors', 'authorizer', 'variables', 'paths', 'title', 'other');
  const roots = fc.dictionary(rootKeys, fc.oneof(values, objects, fc.array(objects, { maxLength: 3 })), { maxKeys: 5 });
  fc.assert(
    fc.property(objects, roots, fc.constantFrom(...VARIANTS), (route, root, variant) => {
      assertSameErrors(variant, 'route', route);
      assertSameErrors(variant, 'rest', root);
    }),
    { numRuns: 400 },
  );
});
