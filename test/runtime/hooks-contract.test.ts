// Hook contract details in Node with plain-object bindings (SPEC E.3): post_process on integrations other than
// service_binding, what a missing env binding gives, and that hooks see only the minimal context. RPC itself is
// exercised in workerd (workerd/hooks-and-bindings.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../shared-runtime/src/index';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { captureLogs } from './support/capture-logs';

let upstream: EchoServer;
before(async () => (upstream = await startEchoServer()));
after(() => upstream.close());

const calls: unknown[][] = [];
const HOOKS = {
  async after(response: Response, request: Request, context: unknown) {
    calls.push([await response.clone().text(), request.method, context]);
    return request.headers.get('x-replace') ? new Response('replaced', { status: 299 }) : undefined;
  },
  async before(_request: Request, context: unknown) {
    calls.push(['before', context]);
    return undefined;
  },
};

function gateway() {
  return createGateway({
    config: {
      servers: [{ alias: 'api', url: upstream.origin }],
      services: [{ alias: 'svc', entrypoint: './svc' }],
      serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }, { alias: 'gone', binding: 'NOT_BOUND' }],
      paths: [
        { method: 'GET', path: '/proxy', integration: { type: 'http_proxy', server: 'api', post_process: { binding: 'hooks', function: 'after' } } },
        { method: 'POST', path: '/svc', pre_process: { binding: 'hooks', function: 'before' }, integration: { type: 'service', binding: 'svc', post_process: { type: 'service_binding', binding: 'hooks', function: 'after' } } },
        { method: 'GET', path: '/gone', integration: { type: 'service_binding', binding: 'gone', function: 'x' } },
        { method: 'GET', path: '/static', pre_process: { binding: 'hooks', function: 'before' }, response: 's' },
      ],
    },
    services: { svc: { default: { fetch: async (request: Request) => `svc saw ${await request.text()}` } } },
  });
}

test('post_process runs on http_proxy and service integrations; undefined keeps, a Response replaces', async () => {
  const gw = gateway();
  calls.length = 0;
  const kept = await gw.fetch(new Request('http://gw.test/proxy'), { HOOKS, SECRET: 'zzz' });
  assert.equal(kept.status, 200);
  assert.match(await kept.text(), /"url":"\/proxy"/);
  assert.equal(calls.length, 1);
  assert.match(String(calls[0][0]), /"url":"\/proxy"/, 'the hook saw the upstream body, and the client still got it');

  const replaced = await gw.fetch(new Request('http://gw.test/svc', { method: 'POST', body: 'payload', headers: { 'x-replace': '1' } }), { HOOKS });
  assert.equal(replaced.status, 299);
  assert.equal(await replaced.text(), 'replaced');
  const [, post] = calls.slice(-2);
  assert.equal(post[0], 'svc saw payload');
  assert.ok(!JSON.stringify(calls).includes('zzz'));
});

test('the context a hook receives has exactly params, query, jwt, route and requestId', async () => {
  calls.length = 0;
  await gateway().fetch(new Request('http://gw.test/svc?a=1', { method: 'POST', body: 'x' }), { HOOKS });
  const context = calls[0][1] as Record<string, unknown>;
  assert.deepEqual(Object.keys(context).sort(), ['jwt', 'params', 'query', 'requestId', 'route']);
  assert.deepEqual(context.query, { a: '1' });
});

test('static routes skip pre_process (as upstream)', async () => {
  calls.length = 0;
  const r = await gateway().fetch(new Request('http://gw.test/static'), { HOOKS });
  assert.equal(await r.text(), '"s"');
  assert.equal(calls.length, 0);
});

test('a service binding missing from env gives 500 and a log naming the binding and the fix', async () => {
  const { result, lines } = await captureLogs(() => gateway().fetch(new Request('http://gw.test/gone'), { HOOKS }));
  assert.equal(result.status, 500);
  assert.match(lines.join('\n'), /service binding `NOT_BOUND` \(alias `gone`\) is not bound in env; declare it under \[\[services\]\] in wrangler.toml/);
});

test('a Request from pre_process carries its query on: the proxied query, `$request.query.*` and the context', async () => {
  const seen: unknown[] = [];
  const ENRICH = {
    async before(request: Request) {
      const url = new URL(request.url);
      url.searchParams.set('tenant', 'acme');
      url.pathname = '/elsewhere'; // a hook does not re-route: the matched path is proxied
      return new Request(url, request);
    },
    async keep(request: Request) {
      return new Request(request.url, { headers: { 'x-kept': 'yes' } });
    },
    async target(_request: Request, context: { query: unknown }) {
      seen.push(context.query);
      return { ok: true };
    },
  };
  const gw = createGateway({
    config: {
      servers: [{ alias: 'api', url: upstream.origin }],
      serviceBindings: [{ alias: 'enrich', binding: 'ENRICH' }],
      paths: [
        { method: 'GET', path: '/p/{id}', pre_process: { binding: 'enrich', function: 'before' }, integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-tenant': '$request.query.tenant' } } },
        { method: 'GET', path: '/same', pre_process: { binding: 'enrich', function: 'keep' }, integration: { type: 'http_proxy', server: 'api' } },
        { method: 'GET', path: '/b', pre_process: { binding: 'enrich', function: 'before' }, integration: { type: 'service_binding', binding: 'enrich', function: 'target' } },
      ],
    },
  });
  const proxied = await gw.fetch(new Request('http://gw.test/p/7?a=1'), { ENRICH });
  assert.equal(proxied.status, 200, await proxied.clone().text());
  const got = (await proxied.json()) as { url: string; headers: Record<string, string> };
  assert.equal(got.url, '/p/7?a=1&tenant=acme');
  assert.equal(got.headers['x-tenant'], 'acme');

  const same = (await (await gw.fetch(new Request('http://gw.test/same?q=2'), { ENRICH })).json()) as { url: string; headers: Record<string, string> };
  assert.equal(same.url, '/same?q=2', 'the same query stays');
  assert.equal(same.headers['x-kept'], 'yes');

  assert.equal((await gw.fetch(new Request('http://gw.test/b?a=1'), { ENRICH })).status, 200);
  assert.deepEqual(seen, [{ a: '1', tenant: 'acme' }]);
});

test('a hook that throws gives 500 with the request id only, and a log line naming the hook (pre_process and post_process)', async () => {
  const THROWING = {
    async before() {
      throw new Error('hook exploded');
    },
    async after() {
      throw new TypeError('post exploded');
    },
  };
  const gw = createGateway({
    config: {
      servers: [{ alias: 'api', url: upstream.origin }],
      serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }],
      paths: [
        { method: 'GET', path: '/pre', pre_process: { binding: 'hooks', function: 'before' }, integration: { type: 'http_proxy', server: 'api' } },
        { method: 'GET', path: '/post', integration: { type: 'http_proxy', server: 'api', post_process: { type: 'service_binding', binding: 'hooks', function: 'after' } } },
      ],
    },
  });
  for (const [path, expected] of [
    ['/pre', /pre_process hook `hooks` \(binding HOOKS, function before\) threw Error: hook exploded/],
    ['/post', /post_process hook `hooks` \(binding HOOKS, function after\) threw TypeError: post exploded/],
  ] as const) {
    const { result, lines } = await captureLogs(() => gw.fetch(new Request(`http://gw.test${path}`), { HOOKS: THROWING }));
    assert.equal(result.status, 500, path);
    const body = await result.text();
    assert.doesNotMatch(body, /exploded|HOOKS/, 'nothing of the hook reaches the client');
    assert.ok(lines.some((l) => expected.test(l)), `${path}: ${lines.join('\n')}`);
  }
});
