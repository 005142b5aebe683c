// The seed example in workerd (SPEC E.3): a HOOKS Worker with `before`/`after` and a TARGET Worker with `run`, both
// WorkerEntrypoint classes bound by service bindings; the target proves it never saw the gateway's secret.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startWorkerdGateway, type WorkerdGateway } from '../support/workerd';

const SECRET = 'sk-live-7f3a9c1e-never-leave-the-gateway';

const HOOKS = `
import { WorkerEntrypoint } from "cloudflare:workers";
export default class Hooks extends WorkerEntrypoint {
  async before(request, context) {
    const mode = request.headers.get("x-hook");
    if (mode === "stop") return new Response("stopped by hook " + context.route.path, { status: 418, headers: { "x-from": "hook" } });
    if (mode === "enrich") {
      const headers = new Headers(request.headers);
      headers.set("x-enriched-by", "hook:" + context.params.id);
      return new Request(request.url, { method: request.method, headers, body: request.body });
    }
    if (mode === "true") return true;
    if (mode === "null") return null;
    if (mode === "bad") return 42;
    if (mode === "throw") throw new Error("hook exploded");
    return undefined;
  }
  async after(response, request, context) {
    if (request.headers.get("x-post") === "replace") {
      const original = await response.text();
      return new Response("post:" + original, { status: 201, headers: { "x-post-saw": context.route.method } });
    }
    return undefined;
  }
  fetch() { return new Response("hooks worker"); }
}`;

const TARGET = `
import { WorkerEntrypoint } from "cloudflare:workers";
export default class Target extends WorkerEntrypoint {
  async run(request, ...rest) {
    const body = request.body ? await request.text() : null;
    const seen = { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body, argCount: 1 + rest.length, rest };
    return new Response(JSON.stringify(seen), { headers: { "content-type": "application/json" } });
  }
  async plain(request, context) { return { message: "made", order: context.params.id }; }
  async nothing() { return undefined; }
  async fetch(request) { return new Response("target fetch " + new URL(request.url).pathname + " args ok"); }
}`;

const CONFIG = {
  serviceBindings: [
    { alias: 'hooks', binding: 'HOOKS' },
    { alias: 'target', binding: 'TARGET' },
  ],
  variables: { apiKey: '$secret.API_SECRET' },
  authorizer: { type: 'jwt', secret: '$secret.API_SECRET', algorithm: 'HS256' },
  paths: [
    { method: 'POST', path: '/orders/{id}', pre_process: { binding: 'hooks', function: 'before' }, integration: { type: 'service_binding', binding: 'target', function: 'run', post_process: { binding: 'hooks', function: 'after' } } },
    { method: 'GET', path: '/made/{id}', integration: { type: 'service_binding', binding: 'target', function: 'plain' } },
    { method: 'GET', path: '/nothing', integration: { type: 'service_binding', binding: 'target', function: 'nothing' } },
    { method: 'GET', path: '/fetch/{.+}', integration: { type: 'service_binding', binding: 'target' } },
  ],
};

const ENTRY = `
import { createGateway } from "@gateway";
export default createGateway({ config: ${JSON.stringify(JSON.stringify(CONFIG))} });
`;

let gw: WorkerdGateway;
before(async () => {
  gw = await startWorkerdGateway({
    entry: ENTRY,
    bindings: { API_SECRET: SECRET },
    serviceBindings: { HOOKS: 'hooks', TARGET: 'target' },
    workers: { hooks: HOOKS, target: TARGET },
  });
});
after(() => gw?.dispose());

const post = (hook: string | null, extra: Record<string, string> = {}) =>
  gw.fetch('/orders/A%2F7?x=1&x=2', { method: 'POST', body: '{"qty":3}', headers: { 'content-type': 'application/json', ...(hook ? { 'x-hook': hook } : {}), ...extra } });

test('the hook continues on undefined; the target gets the request and the minimal context, never a secret', async () => {
  const r = await post(null);
  assert.equal(r.status, 200, r.text);
  assert.ok(!r.text.includes(SECRET), 'the secret value must not reach the target in any argument');
  const seen = JSON.parse(r.text);
  assert.equal(seen.argCount, 2);
  assert.equal(seen.method, 'POST');
  assert.equal(seen.body, '{"qty":3}');
  const context = seen.rest[0];
  assert.deepEqual(Object.keys(context).sort(), ['jwt', 'params', 'query', 'requestId', 'route']);
  assert.deepEqual(context.params, { id: 'A/7' });
  assert.deepEqual(context.query, { x: '1' });
  assert.equal(context.jwt, null);
  assert.deepEqual(context.route, { method: 'POST', path: '/orders/{id}' });
  assert.equal(context.requestId, r.headers.get('x-request-id'));
});

test('null and true also continue', async () => {
  assert.equal((await post('null')).status, 200);
  assert.equal((await post('true')).status, 200);
});

test('the hook short-circuits with its own Response (the target is not called)', async () => {
  const r = await post('stop');
  assert.equal(r.status, 418);
  assert.equal(r.text, 'stopped by hook /orders/{id}');
  assert.equal(r.headers.get('x-from'), 'hook');
  assert.ok(r.headers.get('x-request-id'));
});

test('the hook enriches with a Request that the target then receives (body intact)', async () => {
  const seen = JSON.parse((await post('enrich')).text);
  assert.equal(seen.headers['x-enriched-by'], 'hook:A/7');
  assert.equal(seen.body, '{"qty":3}');
});

test('a hook returning another value, or throwing, gives 500 with the request id and a log naming the hook', async () => {
  for (const mode of ['bad', 'throw']) {
    const r = await post(mode);
    assert.equal(r.status, 500);
    const body = JSON.parse(r.text);
    assert.equal(body.message, 'Internal server error');
    assert.equal(body.requestId, r.headers.get('x-request-id'));
    assert.ok(!r.text.includes('exploded') && !r.text.includes(SECRET));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(gw.logs.some((l) => l.includes('pre_process hook `hooks`') && l.includes('a number')), gw.logs.join('\n'));
});

test('post_process replaces the response when it returns one', async () => {
  const r = await post(null, { 'x-post': 'replace' });
  assert.equal(r.status, 201);
  assert.ok(r.text.startsWith('post:{'));
  assert.equal(r.headers.get('x-post-saw'), 'POST');
});

test('service_binding results: objects become the C.8 envelope, undefined gives 204, no function means fetch', async () => {
  const made = await gw.fetch('/made/9');
  assert.equal(made.status, 200);
  assert.deepEqual(JSON.parse(made.text), { status: 'success', message: 'made', data: { order: '9' } });
  const nothing = await gw.fetch('/nothing');
  assert.equal(nothing.status, 204);
  const viaFetch = await gw.fetch('/fetch/a/b');
  assert.equal(viaFetch.status, 200);
  assert.equal(viaFetch.text, 'target fetch /fetch/a/b args ok');
});
