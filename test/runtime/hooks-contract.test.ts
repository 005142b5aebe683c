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
