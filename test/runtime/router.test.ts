// Router precedence and hostile paths through the whole gateway (SPEC E.2, E.8): literal > {param} > {.+}, method
// backtracking, 405 + Allow, HEAD fallback, decoding, `//`, traversal, unicode, 10,000 routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGateway, compileRouter, matchBundled, selectRouteBundled } from '../../shared-runtime/src/index';

const r = (method: string, path: string, label = `${method} ${path}`) => ({ method, path, response: label });

async function call(gw: ReturnType<typeof createGateway>, method: string, path: string) {
  const response = await gw.fetch(new Request(`http://gw.test${path}`, { method }));
  return { status: response.status, allow: response.headers.get('allow'), body: await response.text() };
}

test('a {param} route is not shadowed by a wildcard of the same prefix (upstream SAG511)', async () => {
  const gw = createGateway({ config: { paths: [r('ANY', '/users/{.+}'), r('GET', '/users/{id}'), r('GET', '/users/me')] } });
  assert.equal((await call(gw, 'GET', '/users/5')).body, '"GET /users/{id}"');
  assert.equal((await call(gw, 'GET', '/users/me')).body, '"GET /users/me"');
  assert.equal((await call(gw, 'GET', '/users/5/x')).body, '"ANY /users/{.+}"');
  assert.equal((await call(gw, 'GET', '/users')).body, '"ANY /users/{.+}"', '{.+} matches zero segments');
});

test('method backtracking: a less specific shape serves a method the specific one lacks; otherwise 405 with Allow', async () => {
  const gw = createGateway({ config: { paths: [r('POST', '/a/b'), r('GET', '/a/{x}'), r('DELETE', '/a/b')] } });
  assert.equal((await call(gw, 'GET', '/a/b')).body, '"GET /a/{x}"');
  const put = await call(gw, 'PUT', '/a/b');
  assert.equal(put.status, 405);
  assert.equal(put.allow, 'GET, HEAD, POST, DELETE');
  assert.deepEqual(JSON.parse(put.body), { message: 'Method not allowed.' });
});

test('exact method beats ANY on the same shape, then declaration order', async () => {
  const gw = createGateway({ config: { paths: [r('ANY', '/x', 'any'), r('GET', '/x', 'get-1'), r('GET', '/x', 'get-2')] } });
  assert.equal((await call(gw, 'GET', '/x')).body, '"get-1"');
  assert.equal((await call(gw, 'POST', '/x')).body, '"any"');
});

test('HEAD falls back to the GET route and drops the body; ANY serves HEAD first', async () => {
  const gw = createGateway({ config: { paths: [r('GET', '/h'), r('ANY', '/any')] } });
  const head = await gw.fetch(new Request('http://gw.test/h', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  assert.equal(head.headers.get('content-type'), 'application/json');
  assert.equal((await call(gw, 'HEAD', '/any')).status, 200);
});

test('{param} needs a non-empty segment and is percent-decoded (bad escapes kept raw)', async () => {
  const router = compileRouter([{ method: 'GET', path: '/f/{name}' }]);
  assert.equal(router.match('GET', '/f/').kind, 'none');
  const decoded = router.match('GET', '/f/a%2Fb%20c');
  assert.ok(decoded.kind === 'match' && decoded.params.name === 'a/b c');
  const raw = router.match('GET', '/f/%E0%A4%A');
  assert.ok(raw.kind === 'match' && raw.params.name === '%E0%A4%A');
});

test('patterns and paths compare after percent-encoding normalisation, in the trie and in the reference alike', () => {
  const routes = [{ method: 'GET', path: '/api/admin' }, { method: 'GET', path: '/files/a%2fb' }, { method: 'ANY', path: '/{.+}' }];
  const router = compileRouter(routes);
  for (const [path, index] of [['/api/%61dmin', 0], ['/%61pi/%61%64min', 0], ['/files/a%2Fb', 1], ['/files/a%2fb', 1], ['/api/%2561dmin', 2]] as const) {
    const match = router.match('GET', path);
    assert.ok(match.kind === 'match' && match.index === index, `${path}: ${JSON.stringify(match)}`);
    const reference = selectRouteBundled(routes, 'GET', path);
    assert.ok(reference.kind === 'match' && reference.index === index, `reference, ${path}`);
  }
  assert.ok(matchBundled('/api/%7Euser', '/api/~user'), 'an escaped ~ in a pattern is a ~');
});

test('trailing slashes are significant; /api//admin never reaches /api/admin', async () => {
  const gw = createGateway({ config: { paths: [r('GET', '/health'), r('GET', '/api/admin'), r('GET', '/api/{section}')] } });
  assert.equal((await call(gw, 'GET', '/health/')).status, 404);
  assert.equal((await call(gw, 'GET', '/api//admin')).status, 404);
  const spelled = createGateway({ config: { paths: [r('GET', '/api//admin')] } });
  assert.equal((await call(spelled, 'GET', '/api//admin')).body, '"GET /api//admin"');
});

test('percent-encoded traversal is resolved by URL parsing before matching, never into a param', async () => {
  const gw = createGateway({ config: { paths: [r('GET', '/a/{x}/b'), r('GET', '/b')] } });
  assert.equal((await call(gw, 'GET', '/a/%2e%2e/b')).body, '"GET /b"');
  assert.equal((await call(gw, 'GET', '/a/%2E%2E/%2e%2e/b')).body, '"GET /b"');
  assert.equal((await call(gw, 'GET', '/a/..%2Fb/b')).body, '"GET /a/{x}/b"');
});

test('unicode literals in the config match the percent-encoded request path; unicode params decode', async () => {
  const gw = createGateway({ config: { paths: [r('GET', '/café/menü'), r('GET', '/städte/{name}')] } });
  assert.equal((await call(gw, 'GET', '/café/menü')).body, '"GET /café/menü"');
  assert.equal((await call(gw, 'GET', '/caf%C3%A9/men%C3%BC')).body, '"GET /café/menü"');
  const city = compileRouter([{ method: 'GET', path: '/städte/{name}' }]).match('GET', '/st%C3%A4dte/%E6%9D%B1%E4%BA%AC');
  assert.equal(city.kind, 'none', 'the bare router compares raw text; the gateway encodes config literals');
  const viaGateway = createGateway({
    config: { paths: [{ method: 'GET', path: '/städte/{name}', integration: { type: 'service', binding: 'echo' } }], services: [{ alias: 'echo', entrypoint: './echo' }] },
    services: { echo: { default: { fetch: (_q: Request, _e: unknown, _c: unknown, ctx: { params: Record<string, string> }) => ctx.params.name } } },
  });
  assert.equal((await call(viaGateway, 'GET', '/städte/東京')).body, '東京');
});

test('a 10,000-route config compiles once and matches first, last and 404 correctly', async () => {
  const paths = [];
  for (let i = 0; i < 10_000; i++) {
    const kind = i % 3;
    paths.push(kind === 0 ? r('GET', `/s${i}/items`) : kind === 1 ? r('GET', `/p${i}/{id}`) : r('ANY', `/w${i}/{.+}`));
  }
  const gw = createGateway({ config: { paths } });
  assert.equal((await call(gw, 'GET', '/s0/items')).body, '"GET /s0/items"');
  assert.equal((await call(gw, 'GET', '/p9997/abc')).body, '"GET /p9997/{id}"');
  assert.equal((await call(gw, 'DELETE', '/w9998/a/b/c')).body, '"ANY /w9998/{.+}"');
  assert.equal((await call(gw, 'GET', '/nothing/here')).status, 404);
});
