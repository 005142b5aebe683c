// Module loading and config sources in workerd (SPEC E.1, E.4): local service modules bundled statically into the
// entry, SAG_API_CONFIG_JSON and KV overriding the passed config, and the build-time validator refusing a bad config
// where `new Function` is forbidden.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkerdGateway, type WorkerdGateway } from '../support/workerd';

type KvPut = { put(key: string, value: string): Promise<void> };
const started: WorkerdGateway[] = [];
after(async () => {
  for (const gw of started) await gw.dispose();
});
async function start(spec: Parameters<typeof startWorkerdGateway>[0]) {
  const gw = await startWorkerdGateway(spec);
  started.push(gw);
  return gw;
}

const SERVICE_CLASS = `
import type { GatewayContext } from '@gateway';
export default class Orders {
  async fetch(request: Request, env: Record<string, unknown>, ctx: unknown, context: GatewayContext) {
    return Response.json({ kind: 'class', id: context.params.id, path: context.route.path, hasEnv: typeof env.GREETING, greeting: env.GREETING });
  }
}`;
const SERVICE_OBJECT = `
export default {
  async fetch(request: Request, env: Record<string, unknown>, ctx: unknown, context: { query: Record<string, string> }) {
    if (context.query.mode === 'object') return { message: 'hi', statusCode: 202, extra: 1 };
    if (context.query.mode === 'undefined') return undefined;
    if (context.query.mode === 'number') return 7;
    if (context.query.mode === 'throw') throw new Error('service failure with ' + env.GREETING);
    return 'plain string';
  },
};`;

const SERVICE_CONFIG = {
  services: [
    { alias: 'orders', entrypoint: './services/orders' },
    { alias: 'misc', entrypoint: './services/misc.ts' },
  ],
  paths: [
    { method: 'GET', path: '/orders/{id}', integration: { type: 'service', binding: 'orders' } },
    { method: 'POST', path: '/misc', integration: { type: 'service', binding: 'misc' } },
    { method: 'GET', path: '/misc', integration: { type: 'service', binding: 'misc' } },
  ],
};

test('service modules (class and object default exports) load in workerd and get env plus the context', async () => {
  const gw = await start({
    entry: `
import { createGateway } from '@gateway';
import * as orders from './orders';
import * as misc from './misc';
export default createGateway({ config: ${JSON.stringify(SERVICE_CONFIG)}, services: { orders, misc } });`,
    files: { 'orders.ts': SERVICE_CLASS, 'misc.ts': SERVICE_OBJECT },
    bindings: { GREETING: 'hello' },
  });
  const order = await gw.fetch('/orders/%C3%A9t%C3%A9');
  assert.equal(order.status, 200, order.text);
  assert.deepEqual(JSON.parse(order.text), { kind: 'class', id: 'été', path: '/orders/{id}', hasEnv: 'string', greeting: 'hello' });

  const plain = await gw.fetch('/misc');
  assert.equal(plain.status, 200);
  assert.equal(plain.text, 'plain string');
  assert.equal(plain.headers.get('content-type'), 'application/json');
  const object = await gw.fetch('/misc?mode=object');
  assert.equal(object.status, 202);
  assert.deepEqual(JSON.parse(object.text), { status: 'success', message: 'hi', data: { extra: 1 } });
  assert.equal((await gw.fetch('/misc?mode=undefined')).status, 204);
  assert.equal((await gw.fetch('/misc?mode=number')).status, 400);
  const thrown = await gw.fetch('/misc?mode=throw');
  assert.equal(thrown.status, 500);
  assert.ok(!thrown.text.includes('hello') && !thrown.text.includes('failure'));
});

test('a service body over SAG_MAX_BODY_BYTES answers 413 before the module runs', async () => {
  const gw = await start({
    entry: `
import { createGateway } from '@gateway';
import * as misc from './misc';
export default createGateway({ config: ${JSON.stringify(SERVICE_CONFIG)}, services: { misc, orders: misc } });`,
    files: { 'misc.ts': SERVICE_OBJECT },
    bindings: { SAG_MAX_BODY_BYTES: '1024' },
  });
  assert.equal((await gw.fetch('/misc', { method: 'POST', body: 'x'.repeat(1025) })).status, 413);
  assert.equal((await gw.fetch('/misc', { method: 'POST', body: 'x'.repeat(1000) })).status, 200);
});

const PASSED = { paths: [{ method: 'GET', path: '/which', response: 'passed' }] };
const INLINE = { paths: [{ method: 'GET', path: '/which', response: 'inline' }] };
const kvConfig = (label: string) => JSON.stringify({ paths: [{ method: 'GET', path: '/which', response: label }] });
const ENTRY_PASSED = `
import { createGateway } from '@gateway';
export default createGateway({ config: ${JSON.stringify(PASSED)} });`;

test('KV CONFIG overrides the passed config, is re-read after SAG_CONFIG_TTL, and SAG_API_CONFIG_JSON beats both', async () => {
  const gw = await start({ entry: ENTRY_PASSED, kvNamespaces: ['CONFIG'], bindings: { SAG_CONFIG_TTL: '1' } });
  assert.equal((await gw.fetch('/which')).text, '"passed"', 'no KV key yet: the passed config serves');
  const kv = (await gw.mf.getKVNamespace('CONFIG')) as unknown as KvPut;
  await kv.put('api-config.json', kvConfig('kv-1'));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal((await gw.fetch('/which')).text, '"kv-1"');
  await kv.put('api-config.json', kvConfig('kv-2'));
  assert.equal((await gw.fetch('/which')).text, '"kv-1"', 'within the TTL the cached compile serves');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal((await gw.fetch('/which')).text, '"kv-2"');

  const inline = await start({ entry: ENTRY_PASSED, kvNamespaces: ['CONFIG'], bindings: { SAG_API_CONFIG_JSON: JSON.stringify(INLINE) } });
  await ((await inline.mf.getKVNamespace('CONFIG')) as unknown as KvPut).put('api-config.json', kvConfig('kv'));
  assert.equal((await inline.fetch('/which')).text, '"inline"');
});

test('an invalid config is refused in workerd with the E.1 answer and one log line per error with its pointer', async () => {
  const bad = {
    servers: [{ alias: 'api', url: 'not a url' }],
    paths: [
      { method: 'GET', path: '/a', integration: { type: 'http', server: 'missing' } },
      { method: 'FETCH', path: 'no-slash' },
      { method: 'GET', path: '/b', pre_process: { binding: 'nobody', function: 'x' }, integration: { type: 'service_binding', binding: 'ghost' } },
    ],
  };
  const gw = await start({ entry: ENTRY_PASSED, bindings: { SAG_API_CONFIG_JSON: JSON.stringify(bad) } });
  for (const path of ['/a', '/which', '/anything']) {
    const r = await gw.fetch(path);
    assert.equal(r.status, 500);
    assert.deepEqual(JSON.parse(r.text), { message: 'Gateway configuration is invalid.' });
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const logs = gw.logs.join('\n');
  for (const pointer of ['/paths/0/integration/server', '/paths/1/method', '/paths/1/path', '/paths/2/pre_process/binding', '/paths/2/integration/binding']) {
    assert.ok(logs.includes(`config error at ${pointer}:`), `missing ${pointer} in\n${logs}`);
  }
  assert.ok(!/new Function|EvalError|code generation/i.test(logs), logs);
});

test('the default Worker (src/worker.ts) serves the api-config.json bundled beside it', async () => {
  const gw = await start({
    entryPath: require('node:path').resolve(__dirname, '../../../shared-runtime/src/worker.ts'),
    apiConfigJson: JSON.stringify({ paths: [{ method: 'GET', path: '/hello/{name}', response: { hi: true } }] }),
  });
  const r = await gw.fetch('/hello/you');
  assert.equal(r.status, 200);
  assert.equal(r.text, '{"hi":true}');
  assert.equal((await gw.fetch('/health')).status, 404, 'the placeholder config is replaced, not merged');
});
