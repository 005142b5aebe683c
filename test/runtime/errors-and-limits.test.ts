// Errors and headers (SPEC E.7): request id, powered-by, 500 without leaks, 431 / 413 limits, hostile bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../shared-runtime/src/index';
import { captureLogs } from './support/capture-logs';

const SECRET = 'very-secret-value-42';

function serviceGateway(handler: (request: Request) => unknown, env: Record<string, unknown> = {}) {
  const gw = createGateway({
    config: { services: [{ alias: 'svc', entrypoint: './svc' }], variables: { key: '$secret.TOKEN' }, paths: [{ method: 'ANY', path: '/svc', integration: { type: 'service', binding: 'svc' } }, { method: 'GET', path: '/static', response: { ok: true } }] },
    services: { svc: { default: { fetch: handler } } },
  });
  return (request: Request) => gw.fetch(request, { TOKEN: SECRET, ...env });
}

test('X-Request-Id: echoed when safe, cf-ray next, else generated; unsafe ids replaced', async () => {
  const fetch = serviceGateway(() => null);
  assert.equal((await fetch(new Request('http://gw.test/static', { headers: { 'x-request-id': 'abc-123' } }))).headers.get('x-request-id'), 'abc-123');
  assert.equal((await fetch(new Request('http://gw.test/static', { headers: { 'cf-ray': '8f00aa-AMS' } }))).headers.get('x-request-id'), '8f00aa-AMS');
  const generated = (await fetch(new Request('http://gw.test/static', { headers: { 'x-request-id': 'evil id <script>' } }))).headers.get('x-request-id');
  assert.match(generated ?? '', /^[0-9a-f]{16}-[0-9a-z]+$/);
  const next = (await fetch(new Request('http://gw.test/missing'))).headers.get('x-request-id') ?? '';
  assert.match(next, /^[0-9a-f]{16}-[0-9a-z]+$/);
  assert.notEqual(next, generated);
});

test('X-Powered-By only when SAG_POWERED_BY is set, and only as a header value can be (a line break is left out, logged)', async () => {
  assert.equal((await serviceGateway(() => null)(new Request('http://gw.test/static'))).headers.get('x-powered-by'), null);
  const named = serviceGateway(() => null, { SAG_POWERED_BY: 'acme-gw' });
  assert.equal((await named(new Request('http://gw.test/static'))).headers.get('x-powered-by'), 'acme-gw');
  const broken = serviceGateway(() => null, { SAG_POWERED_BY: 'acme\nv2' });
  const { result, lines } = await captureLogs(() => broken(new Request('http://gw.test/static')));
  assert.equal(result.status, 200);
  assert.equal(result.headers.get('x-powered-by'), null);
  assert.match(lines.join('\n'), /SAG_POWERED_BY is not a header value/);
});

test('a response the gateway cannot finish (Response.error() from a service) is its own 500 with the request id', async () => {
  const fetch = serviceGateway(() => Response.error());
  const { result, lines } = await captureLogs(() => fetch(new Request('http://gw.test/svc', { headers: { 'x-request-id': 'req-err' } })));
  assert.equal(result.status, 500);
  assert.equal(result.headers.get('x-request-id'), 'req-err');
  assert.deepEqual(await result.json(), { message: 'Internal server error', requestId: 'req-err' });
  assert.match(lines.join('\n'), /req-err GET \/svc: RangeError/);
});

test('an unexpected error gives 500 with the request id only: no stack, env value or secret; the log has the message', async () => {
  const fetch = serviceGateway(() => {
    throw new Error(`db down, token ${SECRET}`);
  });
  const { result, lines } = await captureLogs(() => fetch(new Request('http://gw.test/svc', { headers: { 'x-request-id': 'req-1' } })));
  assert.equal(result.status, 500);
  assert.deepEqual(await result.json(), { message: 'Internal server error', requestId: 'req-1' });
  assert.match(lines.join('\n'), /req-1 GET \/svc: Error: db down/);
});

test('request headers over 32 KiB answer 431 (a 64 KiB header), before any routing', async () => {
  const fetch = serviceGateway(() => null);
  const big = await fetch(new Request('http://gw.test/static', { headers: { 'x-big': 'a'.repeat(64 * 1024) } }));
  assert.equal(big.status, 431);
  assert.ok(big.headers.get('x-request-id'));
  const many: Record<string, string> = {};
  for (let i = 0; i < 40; i++) many[`x-h${i}`] = 'b'.repeat(1000);
  assert.equal((await fetch(new Request('http://gw.test/static', { headers: many }))).status, 431);
  assert.equal((await fetch(new Request('http://gw.test/static', { headers: { 'x-ok': 'c'.repeat(20 * 1024) } }))).status, 200);
});

test('a body over SAG_MAX_BODY_BYTES answers 413 with or without Content-Length; the service never runs', async () => {
  let calls = 0;
  const fetch = serviceGateway(async (request) => {
    calls++;
    return (await request.text()).length;
  }, { SAG_MAX_BODY_BYTES: '2048' });
  assert.equal((await fetch(new Request('http://gw.test/svc', { method: 'POST', body: 'x'.repeat(4096) }))).status, 413);
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(512)));
      controller.close();
    },
  });
  const chunked = await fetch(new Request('http://gw.test/svc', { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
  assert.equal(chunked.status, 413);
  assert.equal(calls, 0);
  const small = await fetch(new Request('http://gw.test/svc', { method: 'POST', body: 'z'.repeat(100) }));
  assert.equal(small.status, 400, 'a number result is C.8 item 9: 400');
  assert.equal(calls, 1);
});

test('the default body limit is 10 MiB', async () => {
  const fetch = serviceGateway(async (request) => String((await request.arrayBuffer()).byteLength));
  assert.equal((await fetch(new Request('http://gw.test/svc', { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) }))).status, 413);
  const ok = await fetch(new Request('http://gw.test/svc', { method: 'POST', body: new Uint8Array(1024 * 1024) }));
  assert.equal(await ok.text(), String(1024 * 1024));
});

test('malformed and huge JSON bodies reach a service as bytes; a service that parses them fails safely', async () => {
  const fetch = serviceGateway(async (request) => ({ parsed: await request.json() }));
  const { result } = await captureLogs(() => fetch(new Request('http://gw.test/svc', { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } })));
  assert.equal(result.status, 500);
  assert.equal((await result.json()).message, 'Internal server error');
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepResult = await captureLogs(() => fetch(new Request('http://gw.test/svc', { method: 'POST', body: deep })));
  assert.ok([200, 500].includes(deepResult.result.status));
  const fine = await fetch(new Request('http://gw.test/svc', { method: 'POST', body: '{"a":1}' }));
  assert.deepEqual(await fine.json(), { status: 'success', data: { parsed: { a: 1 } } });
});

test('result conversion (C.8 item 9, E.3): string, null, undefined, error object, Response', async () => {
  const cases: Array<[unknown, number, string]> = [
    ['text', 200, 'text'],
    [null, 200, ''],
    [undefined, 204, ''],
    [{ error: 'nope', message: 'bad' }, 500, '{"status":"error","message":"bad","error":"nope"}'],
    [{ statusCode: 404, error: 'missing' }, 404, '{"status":"error","error":"missing"}'],
    [new Response('raw', { status: 209 }), 209, 'raw'],
    [true, 400, ''],
    // Statuses without a body: the status is the answer (a JSON body would make the Response throw).
    [{ statusCode: 204, message: 'deleted 9' }, 204, ''],
    [{ statusCode: 205 }, 205, ''],
    [{ statusCode: 304, data: 1 }, 304, ''],
  ];
  for (const [value, status, body] of cases) {
    const response = await serviceGateway(() => value)(new Request('http://gw.test/svc'));
    assert.equal(response.status, status, JSON.stringify(value));
    assert.equal(await response.text(), body);
  }
});
