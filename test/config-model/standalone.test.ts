// The build-time standalone validator: self-contained ESM (no require, import, eval or new Function) that agrees with Ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSchema, type SchemaVariant } from 'serverless-api-gateway-runtime/config';
import { generateStandaloneValidator, STANDALONE_EXPORT } from '../../shared-runtime/src/config/build/index';

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; keyword: string }> | null };

const dir = mkdtempSync(join(tmpdir(), 'sag-standalone-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

async function load(variant: SchemaVariant): Promise<{ source: string; mod: Record<string, Validate> }> {
  const source = generateStandaloneValidator(variant);
  const file = join(dir, `validate-${variant}.mjs`);
  writeFileSync(file, source);
  return { source, mod: (await import(pathToFileURL(file).href)) as Record<string, Validate> };
}

const samples: unknown[] = [
  { paths: [] },
  {},
  [],
  null,
  'text',
  { paths: [], extra: 1 },
  { paths: [{ method: 'get', path: '/x' }] },
  { paths: [{ method: 'GET', path: 'x' }] },
  { paths: [{ method: 'GET', path: '/x', integration: { type: 'http' } }] },
  { paths: [{ method: 'GET', path: '/x', integration: { type: 'service_binding', binding: 'b' } }] },
  { paths: [{ method: 'GET', path: '/x', integration: { type: 'http_proxy', server: 'o', post_process: { binding: 'h' } } }] },
  { paths: [], cors: { allow_origins: ['*', 'https://*.example.com'], allow_methods: ['GET', 'GET'] } },
  { paths: [], cors: { allow_origins: ['not a uri'], max_age: -1 } },
  { paths: [], authorizer: { type: 'jwt', secret: 's', algorithm: 'HS384' } },
  { paths: [], authorizer: { type: 'auth0', domain: 'd', client_id: 'c', client_secret: 's', redirect_uri: 'https://a/cb', scope: 'o' } },
  { paths: [], servers: [{ alias: '', url: 'https://a' }], services: [{ alias: '𝒜', entrypoint: './s' }] },
  { paths: [], servers: [{ alias: 'o', url: 'nope' }] },
  { paths: [{ method: 'ANY', path: '/{.+}', pre_process: { binding: 'h', function: 'f' }, mapping: { headers: { a: '$request.jwt.sub' } } }] },
];

for (const variant of ['bundled', 'upstream'] as const) {
  test(`${variant}: generated module is self-contained ESM without code generation`, async () => {
    const { source, mod } = await load(variant);
    assert.doesNotMatch(source, /new Function|\beval\s*\(|\brequire\s*\(/);
    assert.doesNotMatch(source, /^\s*import\s/m);
    assert.equal(typeof mod[STANDALONE_EXPORT], 'function');
    assert.equal(mod.default, mod[STANDALONE_EXPORT]);
  });

  test(`${variant}: standalone validator agrees with Ajv + ajv-formats on every sample, with the same error pointers`, async () => {
    const { mod } = await load(variant);
    const validate = mod[STANDALONE_EXPORT];
    const ajv = new Ajv2020({ allErrors: true, strictRequired: false });
    addFormats(ajv);
    const reference = ajv.compile(buildSchema(variant));
    for (const sample of samples) {
      const expected = reference(sample);
      assert.equal(validate(sample), expected, JSON.stringify(sample));
      const pointers = (errs: Array<{ instancePath: string; keyword: string }> | null | undefined) =>
        (errs ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();
      assert.deepEqual(pointers(validate.errors), pointers(reference.errors), JSON.stringify(sample));
    }
  });
}

test('bundled module accepts a realistic config and reports a missing server with its pointer', async () => {
  const { mod } = await load('bundled');
  const validate = mod[STANDALONE_EXPORT];
  assert.equal(validate({ paths: [{ method: 'GET', path: '/a', integration: { type: 'http', server: 'o' } }], servers: [{ alias: 'o', url: 'https://x.dev' }] }), true);
  assert.equal(validate({ paths: [{ method: 'GET', path: '/a', integration: { type: 'http' } }] }), false);
  assert.ok(validate.errors?.some((e) => e.instancePath === '/paths/0/integration' && e.keyword === 'required'));
});

test('bundled module loads and validates inside workerd (Miniflare), where code generation is forbidden', async () => {
  const { Miniflare } = await import('miniflare');
  const root = join(dir, 'worker');
  const mf = new Miniflare({
    cf: false,
    modulesRoot: root,
    compatibilityDate: '2025-01-01',
    modules: [
      {
        type: 'ESModule',
        path: join(root, 'index.mjs'),
        contents: `import validate from './validate.mjs';
export default { async fetch(request) {
  const ok = validate(await request.json());
  return Response.json({ ok, errors: (validate.errors || []).map((e) => e.instancePath + ' ' + e.keyword) });
} };`,
      },
      { type: 'ESModule', path: join(root, 'validate.mjs'), contents: generateStandaloneValidator('bundled') },
    ],
  });
  try {
    const ask = async (body: unknown) => (await mf.dispatchFetch('http://gateway/', { method: 'POST', body: JSON.stringify(body) })).json();
    assert.deepEqual(await ask({ paths: [], unknownRootKey: true }), { ok: true, errors: [] });
    assert.deepEqual(await ask({ paths: [{ method: 'get', path: '/x' }] }), { ok: false, errors: ['/paths/0/method enum'] });
  } finally {
    await mf.dispose();
  }
});
