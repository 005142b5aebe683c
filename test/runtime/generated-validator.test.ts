// The build-time validator (SPEC E.1) must agree with the bundled schema it was generated from: a stale file is a bug.
// Fresh ajv (code generation is fine in Node) is the oracle; regenerate with `node scripts/build-runtime.mjs --validator-only`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import generated from '../../shared-runtime/src/generated/bundled-config-validator';

const schemaPath = resolve(__dirname, '../../shared-runtime/schemas/api-config.bundled.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const oracle = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

const samples: unknown[] = [
  { paths: [] },
  { paths: [{ method: 'GET', path: '/x', response: 1 }] },
  { paths: [{ method: 'get', path: 'x' }] },
  {},
  [],
  'text',
  { servers: [{ alias: '', url: 'not a uri' }], paths: [] },
  { cors: { allow_origins: ['*', '*'], allow_methods: ['HEAD'] }, paths: [] },
  { authorizer: { type: 'jwt', secret: 's', algorithm: 'HS512' }, paths: [] },
  { authorizer: { type: 'jwt', secret: 's', algorithm: 'RS256' }, paths: [] },
  { authorizer: { type: 'auth0', domain: 'd' }, paths: [] },
  { paths: [{ method: 'POST', path: '/s', integration: { type: 'service_binding', binding: 'b' } }] },
  { paths: [{ method: 'POST', path: '/s', integration: { type: 'http_proxy' } }] },
  { paths: [{ method: 'ANY', path: '/m', mapping: { headers: { a: '$request.jwt.sub' }, other: 1 } }] },
  { serviceBindings: [{ alias: 'a' }], paths: [{ method: 'GET', path: '/', auth: 'yes' }] },
];

test('the generated validator accepts and rejects exactly what ajv compiled from the bundled schema does', () => {
  for (const sample of samples) {
    const expected = oracle(sample);
    assert.equal(generated(sample), expected, JSON.stringify(sample));
    const paths = (errors: Array<{ instancePath: string; keyword: string }> | null | undefined) => (errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();
    assert.deepEqual(paths(generated.errors), paths(oracle.errors), JSON.stringify(sample));
  }
});

test('the generated validator contains no runtime code generation and no imports (runs in workerd)', () => {
  const code = readFileSync(resolve(__dirname, '../../shared-runtime/src/generated/bundled-config-validator.js'), 'utf8');
  assert.ok(!/new Function|\beval\s*\(/.test(code));
  assert.ok(!/^\s*import\s/m.test(code) && !/\brequire\(\s*[a-z]/.test(code.replace(/'require\("[^"]*"\)[^']*'/g, '')));
});
