// Bundled reference selection (SPEC E.2, E.8): specificity from the left, method backtracking, 405 and HEAD fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowList, matchBundled, selectRouteBundled, type RouteLike } from 'serverless-api-gateway-runtime/routing';

const r = (method: string, path: string): RouteLike => ({ method, path });
const pick = (routes: RouteLike[], method: string, path: string) => {
  const s = selectRouteBundled(routes, method, path);
  return s.kind === 'match' ? s.index : s.kind;
};

test('segments per E.8: {param} needs a non-empty segment; trailing slash significant', () => {
  assert.deepEqual(matchBundled('/users/{id}', '/users/5'), { params: { id: '5' }, wildcardSegments: null, specificity: [0, 1] });
  assert.equal(matchBundled('/users/{id}', '/users/'), null);
  assert.equal(matchBundled('/users/{id}', '/users'), null);
  assert.equal(matchBundled('/health', '/health/'), null);
  assert.notEqual(matchBundled('/health/', '/health/'), null);
  assert.notEqual(matchBundled('/', '/'), null);
  assert.equal(matchBundled('users', '/users'), null);
  assert.equal(matchBundled('/users', 'users'), null);
});

test('{param} values are percent-decoded; undecodable values stay raw and still match', () => {
  assert.deepEqual(matchBundled('/u/{name}', '/u/caf%C3%A9')?.params, { name: 'café' });
  assert.deepEqual(matchBundled('/u/{name}', '/u/a%2Fb')?.params, { name: 'a/b' });
  assert.deepEqual(matchBundled('/u/{name}', '/u/%E0%A4%A')?.params, { name: '%E0%A4%A' });
  assert.equal(matchBundled('/café', '/caf%C3%A9'), null); // literals compare raw
});

test('final {.+} matches zero or more segments, empty ones included', () => {
  assert.deepEqual(matchBundled('/api/{.+}', '/api')?.wildcardSegments, []);
  assert.deepEqual(matchBundled('/api/{.+}', '/api/')?.wildcardSegments, ['']);
  assert.deepEqual(matchBundled('/api/{.+}', '/api/a/b')?.wildcardSegments, ['a', 'b']);
  assert.deepEqual(matchBundled('/api/{.+}', '/api//admin')?.wildcardSegments, ['', 'admin']);
  assert.deepEqual(matchBundled('/{.+}', '/')?.wildcardSegments, ['']);
  assert.equal(matchBundled('/api/{.+}', '/apix'), null);
});

test('malformed segments compare literally', () => {
  assert.equal(matchBundled('/a/{.+}/b', '/a/x/b'), null);
  assert.notEqual(matchBundled('/a/{.+}/b', '/a/{.+}/b'), null);
  assert.equal(matchBundled('/a/{}', '/a/x'), null);
  assert.equal(matchBundled('/f/{id}.json', '/f/1.json'), null);
});

test('literal beats param beats wildcard, decided from the left', () => {
  const routes = [r('ANY', '/users/{.+}'), r('GET', '/users/{id}'), r('GET', '/users/me')];
  assert.equal(pick(routes, 'GET', '/users/me'), 2);
  assert.equal(pick(routes, 'GET', '/users/5'), 1); // no SAG511 problem in bundled
  assert.equal(pick(routes, 'GET', '/users/5/x'), 0);
  assert.equal(pick(routes, 'GET', '/users/'), 0); // empty segment: only the wildcard accepts it
  assert.equal(pick([r('GET', '/a/{x}/c'), r('GET', '/a/b/{y}')], 'GET', '/a/b/c'), 1);
  assert.equal(pick([r('GET', '/{x}/b/c'), r('GET', '/a/{y}/{z}')], 'GET', '/a/b/c'), 1);
});

test('a route that ends beats a wildcard that consumed nothing', () => {
  assert.equal(pick([r('ANY', '/api/{.+}'), r('GET', '/api')], 'GET', '/api'), 1);
  assert.equal(pick([r('ANY', '/api/{.+}'), r('GET', '/api')], 'GET', '/api/'), 0);
  assert.equal(pick([r('ANY', '/{.+}'), r('ANY', '/api/{.+}')], 'GET', '/api/x'), 1);
});

test('exact method beats ANY at the same shape; then declaration order', () => {
  assert.equal(pick([r('ANY', '/x/{id}'), r('GET', '/x/{id}')], 'GET', '/x/1'), 1);
  assert.equal(pick([r('ANY', '/x/{id}'), r('GET', '/x/{id}')], 'POST', '/x/1'), 0);
  assert.equal(pick([r('GET', '/u/{id}'), r('GET', '/u/{userId}')], 'GET', '/u/1'), 0);
  // shape before method: a more specific ANY route beats a less specific exact-method route
  assert.equal(pick([r('GET', '/x/{id}'), r('ANY', '/x/1')], 'GET', '/x/1'), 1);
});

test('method backtracking: a less specific shape serves a method the specific one lacks', () => {
  const routes = [r('GET', '/users/me'), r('POST', '/users/{id}'), r('ANY', '/{.+}')];
  assert.equal(pick(routes, 'GET', '/users/me'), 0);
  assert.equal(pick(routes, 'POST', '/users/me'), 1);
  assert.equal(pick(routes, 'DELETE', '/users/me'), 2);
});

test('405 with an Allow list when only other methods match the path', () => {
  const routes = [r('GET', '/users/{id}'), r('DELETE', '/users/{id}'), r('POST', '/users'), r('get', '/users/{id}')];
  assert.deepEqual(selectRouteBundled(routes, 'PUT', '/users/1'), { kind: 'method-not-allowed', allow: ['GET', 'HEAD', 'DELETE'] });
  assert.deepEqual(selectRouteBundled(routes, 'PUT', '/nothing'), { kind: 'none' });
  assert.deepEqual(selectRouteBundled([r('get', '/a')], 'PUT', '/a'), { kind: 'none' }); // invalid methods never count
  assert.deepEqual(allowList(['POST', 'OPTIONS', 'GET', 'POST']), ['GET', 'HEAD', 'POST', 'OPTIONS']);
});

test('HEAD: ANY routes first, then falls back to GET routes', () => {
  assert.deepEqual(selectRouteBundled([r('GET', '/h')], 'HEAD', '/h'), {
    kind: 'match',
    index: 0,
    params: {},
    wildcardSegments: null,
    viaGetFallback: true,
  });
  assert.equal(pick([r('GET', '/h'), r('ANY', '/{.+}')], 'HEAD', '/h'), 1);
  assert.deepEqual(selectRouteBundled([r('POST', '/h')], 'HEAD', '/h'), { kind: 'method-not-allowed', allow: ['POST'] });
});

test('params of the selected route are reported', () => {
  const s = selectRouteBundled([r('GET', '/orders/{id}/items/{item}')], 'GET', '/orders/7/items/a%20b');
  assert.equal(s.kind, 'match');
  assert.deepEqual(s.kind === 'match' && s.params, { id: '7', item: 'a b' });
});

test('bad input never throws', () => {
  const weird = [r('GET', ''), { method: 1 as unknown as string, path: '/' }, { method: 'GET', path: null as unknown as string }, r('GET', '{.+}')];
  assert.doesNotThrow(() => selectRouteBundled(weird, 'GET', '/'));
  assert.deepEqual(selectRouteBundled([], 'GET', '/'), { kind: 'none' });
  assert.equal(pick([r('GET', '/a')], 'GET', ''), 'none');
  const deep = '/a'.repeat(20000);
  assert.equal(pick([r('GET', deep), r('ANY', '/{.+}')], 'GET', deep), 0);
});
