// http / http_proxy against a real upstream on 127.0.0.1 (SPEC C.8 item 1, E.7, A.7 mapping with the E.7 removal rule).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway } from '../../shared-runtime/src/index';
import { startEchoServer, unusedPort, type EchoServer, type Received } from './support/echo-server';
import { captureLogs } from './support/capture-logs';

let upstream: EchoServer;
before(async () => {
  upstream = await startEchoServer((req) => (req.url?.startsWith('/v1/redirect') ? { status: 302, headers: { location: '/elsewhere' }, body: '' } : undefined));
});
after(() => upstream.close());

function gateway(paths: unknown[], extra: Record<string, unknown> = {}) {
  return createGateway({ config: { servers: [{ alias: 'api', url: `${upstream.origin}/v1/?dropped=1` }], paths, ...extra } });
}

async function received(response: Response): Promise<Received> {
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Received;
}

test('base path join, full path forwarded, incoming query kept, server query dropped', async () => {
  const gw = gateway([{ method: 'GET', path: '/users/{id}', integration: { type: 'http', server: 'api' } }]);
  const r = await received(await gw.fetch(new Request('http://gw.test/users/42?a=1&b=%20x')));
  assert.equal(r.url, '/v1/users/42?a=1&b=%20x');
});

test('wildcard prefix is stripped, including {param} prefixes; prefix alone gives /', async () => {
  const gw = gateway([
    { method: 'ANY', path: '/proxy/{.+}', integration: { type: 'http_proxy', server: 'api' } },
    { method: 'ANY', path: '/t/{tenant}/files/{.+}', integration: { type: 'http_proxy', server: 'api' } },
  ]);
  assert.equal((await received(await gw.fetch(new Request('http://gw.test/proxy/a/b?q=1')))).url, '/v1/a/b?q=1');
  assert.equal((await received(await gw.fetch(new Request('http://gw.test/proxy')))).url, '/v1/');
  assert.equal((await received(await gw.fetch(new Request('http://gw.test/t/acme/files/x/y.txt')))).url, '/v1/x/y.txt');
});

test('/api//admin is forwarded exactly as matched and never as /api/admin', async () => {
  const gw = gateway([
    { method: 'GET', path: '/api/admin', response: 'admin-only' },
    { method: 'ANY', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'api' } },
  ]);
  const r = await received(await gw.fetch(new Request('http://gw.test/api//admin')));
  assert.equal(r.url, '/v1//admin');
});

test('escaped unreserved characters are decoded before matching: /api/%61dmin is /api/admin, never the catch-all', async () => {
  const gw = gateway([
    { method: 'GET', path: '/api/admin', response: 'admin-only' },
    { method: 'ANY', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'api' } },
  ]);
  for (const path of ['/api/%61dmin', '/%61pi/admin', '/api/%61%64%6D%69%6E']) {
    const response = await gw.fetch(new Request(`http://gw.test${path}`));
    assert.equal(await response.text(), '"admin-only"', path);
  }
  // What the catch-all forwards is the path it matched: unreserved characters decoded, other escapes with
  // upper-case hex (an escaped slash stays escaped), the query as it came.
  const r = await received(await gw.fetch(new Request('http://gw.test/api/%7euser/a%2fb%20c?x=%61')));
  assert.equal(r.url, '/v1/~user/a%2Fb%20c?x=%61');
});

/**
 * A request as workerd hands one from the network to a Worker: `url` as the client wrote the target (`%2e%2e`, `\\`
 * and raw non-ASCII left as they are). A Request built here has been through the URL parser already.
 */
class NetworkRequest extends Request {
  constructor(private readonly written: string) {
    super('http://gw.test/');
  }
  override get url(): string {
    return this.written;
  }
}

test('dot segments written as %2e%2e or with a backslash, and raw non-ASCII, match what the proxy forwards: no route\'s auth is skipped', async () => {
  const gw = gateway(
    [
      { method: 'GET', path: '/api/admin', auth: true, integration: { type: 'http', server: 'api' } },
      { method: 'GET', path: '/über/admin', auth: true, integration: { type: 'http', server: 'api' } },
      { method: 'ANY', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'api' } },
      { method: 'ANY', path: '/{.+}', integration: { type: 'http_proxy', server: 'api' } },
    ],
    { authorizer: { type: 'jwt', secret: 'a-test-secret-of-some-length', algorithm: 'HS256' } },
  );
  for (const written of ['/api/%2e%2e/api/admin', '/api/x/%2E%2e/admin', '/api/x/..\\admin', '/api/x/.%2e/admin', '/assets/%2e%2e/%2e%2e/api/admin', '/über/admin', '/%C3%BCber/admin']) {
    const response = await gw.fetch(new NetworkRequest(`http://gw.test${written}`));
    assert.equal(response.status, 401, `${written}: ${await response.text()}`);
  }
  // The same request built in the Worker (parsed already) is judged the same.
  assert.equal((await gw.fetch(new Request('http://gw.test/api/%2e%2e/api/admin'))).status, 401);
  // An ordinary path with dots in names is forwarded as it was written.
  const r = await received(await gw.fetch(new NetworkRequest('http://gw.test/api/app.v2/file.min.js?x=1')));
  assert.equal(r.url, '/v1/app.v2/file.min.js?x=1');
  // A wildcard never climbs out of the server's base path: what it forwards is what it matched.
  const escaped = await received(await gw.fetch(new NetworkRequest('http://gw.test/api/a/%2e%2e/b')));
  assert.equal(escaped.url, '/v1/b');
});

test('method, body and headers are forwarded; hop-by-hop dropped; X-Forwarded-* set; upstream X-Powered-By removed', async () => {
  const gw = gateway([{ method: 'POST', path: '/echo', integration: { type: 'http_proxy', server: 'api' } }]);
  const response = await gw.fetch(
    new Request('http://gw.test/echo', {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'keep-alive': 'timeout=5', 'x-custom': 'yes', 'proxy-authorization': 'Basic abc', 'cf-connecting-ip': '203.0.113.9', 'x-forwarded-for': '198.51.100.1' },
    }),
  );
  assert.equal(response.headers.get('x-powered-by'), null);
  const r = await received(response);
  assert.equal(r.method, 'POST');
  assert.equal(r.body, '{"a":1}');
  assert.equal(r.headers['x-custom'], 'yes');
  assert.equal(r.headers['keep-alive'], undefined);
  assert.equal(r.headers['proxy-authorization'], undefined);
  assert.equal(r.headers['x-forwarded-for'], '198.51.100.1, 203.0.113.9');
  assert.equal(r.headers['x-forwarded-proto'], 'http');
  assert.equal(r.headers['x-forwarded-host'], 'gw.test');
  assert.equal(r.headers.host, new URL(upstream.origin).host);
});

test('redirects from the upstream are passed through, not followed', async () => {
  const gw = gateway([{ method: 'GET', path: '/redirect', integration: { type: 'http_proxy', server: 'api' } }]);
  const response = await gw.fetch(new Request('http://gw.test/redirect'));
  assert.equal(response.status, 302);
  assert.equal(response.headers.get('location'), '/elsewhere');
});

test('an unreachable upstream gives 502 {"message":"Bad gateway"} and a log naming the server', async () => {
  const port = await unusedPort();
  const gw = createGateway({ config: { servers: [{ alias: 'down', url: `http://127.0.0.1:${port}` }], paths: [{ method: 'GET', path: '/x', integration: { type: 'http', server: 'down' } }] } });
  const { result, lines } = await captureLogs(() => gw.fetch(new Request('http://gw.test/x')));
  assert.equal(result.status, 502);
  assert.deepEqual(await result.json(), { message: 'Bad gateway' });
  assert.match(lines.join('\n'), /upstream `down` unreachable/);
});

test('mapping: headers and query from header, query and $config; unresolved and constant values remove the name', async () => {
  const gw = gateway(
    [
      {
        method: 'GET',
        path: '/m',
        integration: { type: 'http_proxy', server: 'api' },
        variables: { tier: 'gold' },
        mapping: {
          headers: { 'x-from-header': '$request.header.x-in', 'x-user-id': '$request.jwt.sub', 'x-tier': 'prefix $config.tier', 'x-const': 'v1', 'x-global': '$config.region' },
          query: { q2: '$request.query.q', gone: '$request.query.absent' },
        },
      },
    ],
    { variables: { region: 'eu', tier: 'silver' } },
  );
  const r = await received(
    await gw.fetch(new Request('http://gw.test/m?q=hello&gone=client', { headers: { 'x-in': 'abc', 'x-user-id': 'spoofed', x_user_id: 'spoofed2', 'x-const': 'client', x_in: 'kept' } })),
  );
  assert.equal(r.headers['x-from-header'], 'abc');
  assert.equal(r.headers['x_in'], 'kept', 'only twins of mapped names go');
  assert.equal(r.headers['x-user-id'], undefined, 'a client-supplied identity header must not survive an unresolved jwt mapping');
  assert.equal(r.headers['x_user_id'], undefined, 'nor under the spelling CGI-style backends read as the same header');
  assert.equal(r.headers['x-tier'], 'gold', 'route variables shadow global ones; only the expression is used');
  assert.equal(r.headers['x-global'], 'eu');
  assert.equal(r.headers['x-const'], undefined);
  const query = new URL(r.url, 'http://x').searchParams;
  assert.equal(query.get('q2'), 'hello');
  assert.equal(query.get('gone'), null);
});

test('mapping.query sets its names and leaves every other byte of the incoming query as it was', async () => {
  const gw = gateway([{ method: 'GET', path: '/signed', integration: { type: 'http_proxy', server: 'api' }, mapping: { query: { tenant: '$request.header.x-tenant', uid: '$request.jwt.sub' } } }]);
  const r = await received(await gw.fetch(new Request('http://gw.test/signed?sig=a;b&flag&sp=%20&uid=spoofed&u%69d=spoofed2&expires=1', { headers: { 'x-tenant': 't 1&x' } })));
  // uid (in any spelling) is removed: no token; tenant is appended, form-encoded.
  assert.equal(r.url, '/v1/signed?sig=a;b&flag&sp=%20&expires=1&tenant=t+1%26x');
});

test('a mapping header name no header can have is left out (logged); the route still serves', async () => {
  const { result, lines } = await captureLogs(async () => {
    const gw = gateway([{ method: 'GET', path: '/bad', integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'X Tenant': '$request.query.tenant', 'x-tenant': '$request.query.tenant' } } }]);
    return gw.fetch(new Request('http://gw.test/bad?tenant=t1'));
  });
  const r = await received(result);
  assert.equal(r.headers['x-tenant'], 't1');
  assert.match(lines.join('\n'), /\/paths\/0\/mapping\/headers: "X Tenant" is not a header name; that mapping is left out/);
});
