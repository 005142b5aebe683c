// Config loading and validation (SPEC E.1, A.8, A.9): sources, lazy compile once, substitution, refusal with pointers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway, compileConfig } from '../../shared-runtime/src/index';
import { captureLogs } from './support/capture-logs';

const cfg = (label: string) => ({ paths: [{ method: 'GET', path: '/which', response: label }] });
const which = async (gw: ReturnType<typeof createGateway>, env: Record<string, unknown> = {}) => (await gw.fetch(new Request('http://gw.test/which'), env)).text();

test('createGateway never throws for a bad config, and compiles lazily on the first request', async () => {
  for (const config of [undefined, null, 42, '', '{"paths": [', '[]', { paths: 'no' }, { paths: [{ method: 'GET' }] }]) {
    const gw = createGateway({ config });
    const { result } = await captureLogs(() => gw.fetch(new Request('http://gw.test/')));
    assert.equal(result.status, 500, JSON.stringify(config));
    assert.deepEqual(await result.json(), { message: 'Gateway configuration is invalid.' });
  }
});

test('the config may be passed as JSON text; SAG_API_CONFIG_JSON overrides it; KV CONFIG sits between', async () => {
  const gw = createGateway({ config: JSON.stringify(cfg('passed')) });
  assert.equal(await which(gw), '"passed"');
  const kv = { get: async (key: string) => (key === 'api-config.json' ? JSON.stringify(cfg('kv')) : null) };
  assert.equal(await which(createGateway({ config: cfg('passed') }), { CONFIG: kv }), '"kv"');
  assert.equal(await which(createGateway({ config: cfg('passed') }), { CONFIG: kv, SAG_API_CONFIG_JSON: JSON.stringify(cfg('inline')) }), '"inline"');
  assert.equal(await which(createGateway({ config: cfg('passed') }), { SAG_API_CONFIG_JSON: '   ' }), '"passed"', 'a blank inline config is ignored');
});

test('KV is read at most once per SAG_CONFIG_TTL and a compile is reused while the text is unchanged', async () => {
  let reads = 0;
  let text = JSON.stringify(cfg('one'));
  const env = { CONFIG: { get: async () => (reads++, text) }, SAG_CONFIG_TTL: '3600' };
  const gw = createGateway({});
  assert.deepEqual(await Promise.all([which(gw, env), which(gw, env), which(gw, env)]), ['"one"', '"one"', '"one"']);
  assert.equal(await which(gw, env), '"one"');
  assert.equal(reads, 1);
  const before = reads;
  text = JSON.stringify(cfg('two'));
  assert.equal(await which(gw, env), '"one"');
  assert.equal(reads, before);
  const fresh = { ...env, SAG_CONFIG_TTL: '0' };
  assert.equal(await which(gw, fresh), '"two"');
});

test('the compile runs once per config text, not per request', async () => {
  let reads = 0;
  const config = cfg('x');
  const watched = new Proxy(config, { get: (t, k) => (k === 'paths' && reads++, Reflect.get(t, k)) });
  const gw = createGateway({ config: watched });
  await Promise.all(Array.from({ length: 10 }, () => which(gw)));
  for (let i = 0; i < 10; i++) await which(gw);
  assert.equal(reads, 1);
});

test('$env/$secret/$secrets substitute whole values; missing names are logged once by name, never values', async () => {
  const gw = createGateway({
    config: {
      servers: [{ alias: 'api', url: '$env.MISSING_URL' }],
      variables: { a: '$env.A', b: '$secret.B', c: '$secrets.C', mid: 'x $env.A', gone: '$env.NOPE' },
      paths: [{ method: 'GET', path: '/which', response: 'ok' }],
    },
  });
  const env = { A: 'value-a', B: 'value-b', C: 'value-c' };
  const { lines } = await captureLogs(async () => {
    await which(gw, env);
    await which(gw, env);
  });
  const warnings = lines.filter((l) => l.includes('do not exist'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /MISSING_URL, NOPE/);
  assert.ok(!lines.join('\n').includes('value-'));

  const compiled = compileConfig({ source: { variables: { a: '$env.A', mid: 'x $env.A', n: '$env.NUM' }, paths: [] }, env: { A: 'va', NUM: 5 }, services: {} });
  assert.ok(compiled.ok);
  assert.deepEqual(compiled.gateway.variables, { a: 'va', mid: 'x $env.A', n: 5 });
});

test('normalisation: http becomes http_proxy; servicesBindings merges with serviceBindings winning', async () => {
  const result = compileConfig({
    source: {
      serviceBindings: [{ alias: 'a', binding: 'A1' }],
      servicesBindings: [{ alias: 'a', binding: 'A2' }, { alias: 'b', binding: 'B' }],
      servers: [{ alias: 's', url: 'https://up.test' }],
      paths: [
        { method: 'GET', path: '/p', integration: { type: 'http', server: 's' } },
        { method: 'GET', path: '/a', integration: { type: 'service_binding', binding: 'a', function: 'f' } },
        { method: 'GET', path: '/b', integration: { type: 'service_binding', binding: 'b', function: 'f' } },
      ],
    },
    env: {},
    services: {},
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  const [p, a, b] = result.gateway.routes;
  assert.equal(p.integration?.type, 'http_proxy');
  assert.deepEqual(a.integration, { type: 'service_binding', target: { alias: 'a', binding: 'A1', function: 'f' } });
  assert.deepEqual(b.integration, { type: 'service_binding', target: { alias: 'b', binding: 'B', function: 'f' } });
});

test('reference checks refuse unknown aliases, unusable auth and missing service modules, each with its pointer', () => {
  const result = compileConfig({
    source: {
      services: [{ alias: 'svc', entrypoint: './svc' }, { alias: 'arrow', entrypoint: './arrow' }],
      paths: [
        { method: 'GET', path: '/a', auth: true, response: 1 },
        { method: 'GET', path: '/b', integration: { type: 'service', binding: 'svc' } },
        { method: 'GET', path: '/c', integration: { type: 'service', binding: 'arrow' } },
        { method: 'GET', path: '/d', integration: { type: 'service_binding', binding: 'x', post_process: { binding: 'y', function: 'after' } } },
        { method: 'GET', path: '/e', integration: { type: 'auth0_userinfo' } },
      ],
    },
    env: {},
    services: { arrow: { default: () => 1 } },
  });
  assert.equal(result.ok, false);
  const byPointer = new Map(!result.ok ? result.errors.map((e) => [e.pointer, e.message]) : []);
  assert.match(byPointer.get('/paths/0/auth') ?? '', /no `authorizer`/);
  assert.match(byPointer.get('/services/0/entrypoint') ?? '', /has no module: pass it to createGateway/);
  assert.match(byPointer.get('/services/1/entrypoint') ?? '', /function without a `fetch` method/);
  assert.match(byPointer.get('/paths/3/integration/binding') ?? '', /service binding `x` is not in serviceBindings/);
  assert.match(byPointer.get('/paths/3/integration/post_process/binding') ?? '', /`y`/);
  assert.match(byPointer.get('/paths/4/integration/type') ?? '', /auth0_userinfo cannot work/);
});

test('schema errors carry the JSON pointer of the bad value', () => {
  const result = compileConfig({ source: { paths: [{ method: 'GET', path: '/x', integration: { type: 'smtp' } }] }, env: {}, services: {} });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.errors.some((e) => e.pointer === '/paths/0/integration/type'), JSON.stringify(!result.ok && result.errors));
});

test('20,000 routes naming unknown aliases: one error each, naming the first aliases defined', () => {
  const n = 20_000;
  const config = {
    servers: Array.from({ length: n }, (_, i) => ({ alias: `srv${i}`, url: `https://e${i}.example.com` })),
    paths: Array.from({ length: n }, (_, i) => ({ method: 'GET', path: `/p${i}`, integration: { type: 'http_proxy', server: `srx${i}` } })),
  };
  const result = compileConfig({ source: JSON.stringify(config), env: {}, services: {} });
  assert.equal(result.ok, false);
  const errors = (result as { errors: { pointer: string; message: string }[] }).errors;
  assert.equal(errors.length, n);
  // The list is cut at eight names (it was built from all 20,000 for every error: seconds of work at startup).
  assert.match(errors[0]!.message, /defined: srv0, srv1, srv2, srv3, srv4, srv5, srv6, srv7\b/);
  assert.doesNotMatch(errors[0]!.message, /srv8/);
});
