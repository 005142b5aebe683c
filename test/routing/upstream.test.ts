// Upstream matching and precedence: every example of SPEC C.3 and A.7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchUpstream, rankRoutesUpstream, selectRouteUpstream, type RouteLike } from 'serverless-api-gateway-runtime/routing';

const r = (method: string, path: string): RouteLike => ({ method, path });
const pick = (routes: RouteLike[], method: string, path: string) => selectRouteUpstream(routes, method, path)?.index ?? null;

test('literal routes: segment count includes the leading empty segment', () => {
  assert.deepEqual(matchUpstream('/users', '/users'), { matched: true, exact: true, matchedCount: 2, wildcard: false, params: {} });
  assert.equal(matchUpstream('/users', '/Users').matched, false);
  assert.equal(matchUpstream('/health', '/health/').matched, false);
  assert.equal(matchUpstream('/health/', '/health/').matched, true);
  assert.equal(matchUpstream('users', '/users').matched, false); // no leading slash never matches
  assert.equal(matchUpstream('/caf%C3%A9', '/caf%C3%A9').matched, true);
  assert.equal(matchUpstream('/café', '/caf%C3%A9').matched, false); // not decoded
});

test('{param} matches exactly one segment, including an empty one, and clears exact', () => {
  assert.deepEqual(matchUpstream('/users/{id}', '/users/5'), { matched: true, exact: false, matchedCount: 3, wildcard: false, params: { id: '5' } });
  assert.deepEqual(matchUpstream('/users/{id}', '/users/').params, { id: '' });
  assert.equal(matchUpstream('/users/{id}', '/users').matched, false);
  assert.equal(matchUpstream('/users/{id}', '/users/5/x').matched, false);
  assert.deepEqual(matchUpstream('/f/{id}.json', '/f/{id}.json').params, {}); // partial segment is a literal
  assert.equal(matchUpstream('/f/{id}.json', '/f/5.json').matched, false);
  assert.deepEqual(matchUpstream('/p/{proxy+}', '/p/a').params, { 'proxy+': 'a' });
  assert.equal(matchUpstream('/p/{proxy+}', '/p/a/b').matched, false); // AWS greedy names are single-segment
  assert.equal(matchUpstream('/p/{%20}', '/p/%41').params['%20'], '%41'); // raw, never decoded
});

test('/api/{.+}: zero or more segments; exact for /api/x and /api/ only', () => {
  const at = (p: string) => matchUpstream('/api/{.+}', p);
  assert.deepEqual(at('/api/x'), { matched: true, exact: true, matchedCount: 3, wildcard: true, params: {} });
  assert.deepEqual(at('/api/'), { matched: true, exact: true, matchedCount: 3, wildcard: true, params: {} });
  assert.deepEqual(at('/api'), { matched: true, exact: false, matchedCount: 2, wildcard: true, params: {} });
  assert.deepEqual(at('/api/x/y'), { matched: true, exact: false, matchedCount: 3, wildcard: true, params: {} });
  assert.equal(at('/apix').matched, false);
  assert.equal(at('/').matched, false);
});

test('/{.+} is exact for / and /x', () => {
  assert.equal(matchUpstream('/{.+}', '/').exact, true);
  assert.equal(matchUpstream('/{.+}', '/x').exact, true);
  assert.equal(matchUpstream('/{.+}', '/x/y').exact, false);
  assert.equal(matchUpstream('/{.+}', '/x/y').matched, true);
});

test('a wildcard after a param: not exact, param still captured', () => {
  const m = matchUpstream('/users/{id}/{.+}', '/users/5/x');
  assert.deepEqual(m, { matched: true, exact: false, matchedCount: 4, wildcard: true, params: { id: '5' } });
  assert.equal(matchUpstream('/users/{id}/{.+}', '/users').matched, false); // the param needs a segment
  assert.equal(matchUpstream('/users/{id}/{.+}', '/users/5').matched, true);
});

test('middle {.+}: /a/{.+}/b matches /a/x/y (exact) but not /a/x/y/z', () => {
  assert.deepEqual(matchUpstream('/a/{.+}/b', '/a/x/y'), { matched: true, exact: true, matchedCount: 4, wildcard: false, params: {} });
  assert.equal(matchUpstream('/a/{.+}/b', '/a/x/y/z').matched, false);
  assert.equal(matchUpstream('/a/{.+}/b', '/a/x').matched, false);
});

test('GET /users/{id} vs ANY /users/{.+}: the wildcard wins /users/5 (param route unreachable)', () => {
  const routes = [r('GET', '/users/{id}'), r('ANY', '/users/{.+}')];
  assert.equal(pick(routes, 'GET', '/users/5'), 1);
  assert.equal(pick([routes[1], routes[0]], 'GET', '/users/5'), 0);
});

test('deeper requests go to parameter routes of that depth; longer wildcard prefix beats shorter', () => {
  const routes = [r('ANY', '/users/{.+}'), r('GET', '/users/{id}/{sub}')];
  assert.equal(pick(routes, 'GET', '/users/5/orders'), 1);
  const wild = [r('ANY', '/a/{.+}'), r('ANY', '/a/b/{.+}')];
  assert.equal(pick(wild, 'GET', '/a/b/c/d'), 1);
  assert.equal(pick(wild, 'GET', '/a/b/c'), 1);
  assert.equal(pick(wild, 'GET', '/a/c'), 0);
});

test('a literal route beats param and wildcard routes of the same depth', () => {
  const routes = [r('ANY', '/users/{.+}'), r('GET', '/users/{id}'), r('GET', '/users/me')];
  assert.equal(pick(routes, 'GET', '/users/me'), 2);
});

test('literal /api beats /api/{.+} on /api (exact vs not exact)', () => {
  assert.equal(pick([r('ANY', '/api/{.+}'), r('GET', '/api')], 'GET', '/api'), 1);
});

test('/a/{x}/c vs /a/b/{y}: declaration order decides /a/b/c', () => {
  assert.equal(pick([r('GET', '/a/{x}/c'), r('GET', '/a/b/{y}')], 'GET', '/a/b/c'), 0);
  assert.equal(pick([r('GET', '/a/b/{y}'), r('GET', '/a/{x}/c')], 'GET', '/a/b/c'), 0);
});

test('routes differing only in param names: the first declared wins', () => {
  assert.equal(pick([r('GET', '/u/{id}'), r('GET', '/u/{userId}')], 'GET', '/u/1'), 0);
});

test('exact method beats ANY only after exact/count/wildcard', () => {
  assert.equal(pick([r('ANY', '/x/{id}'), r('GET', '/x/{id}')], 'GET', '/x/1'), 1);
  assert.equal(pick([r('ANY', '/x/{id}'), r('GET', '/x/{id}')], 'POST', '/x/1'), 0);
  // wildcard vs non-wildcard with equal exact and count: the non-wildcard wins regardless of method
  assert.equal(pick([r('GET', '/x/{.+}'), r('ANY', '/x/{id}')], 'GET', '/x/1'), 0); // wildcard is exact, param is not
  assert.equal(pick([r('GET', '/{a}/{.+}'), r('ANY', '/{a}/{b}')], 'GET', '/p/q'), 1);
});

test('methods: exact compare, HEAD only via ANY, lower-case never matches', () => {
  const routes = [r('GET', '/h'), r('get', '/h')];
  assert.equal(pick(routes, 'HEAD', '/h'), null);
  assert.equal(pick([...routes, r('ANY', '/h')], 'HEAD', '/h'), 2);
  assert.equal(pick([r('get', '/h')], 'GET', '/h'), null);
  assert.equal(pick([r('GET', '/h')], 'POST', '/h'), null);
});

test('rankRoutesUpstream returns every candidate in upstream order', () => {
  const routes = [r('ANY', '/{.+}'), r('GET', '/a/{id}'), r('GET', '/a/b'), r('POST', '/a/b'), r('ANY', '/a/{.+}')];
  assert.deepEqual(
    rankRoutesUpstream(routes, 'GET', '/a/b').map((c) => c.index),
    [2, 4, 1, 0],
  );
  assert.deepEqual(rankRoutesUpstream([], 'GET', '/'), []);
});

test('bad input never throws', () => {
  const weird = [r('GET', ''), r('GET', '/'), r('', '/'), { method: 'GET', path: 5 as unknown as string }, r('GET', '{.+}')];
  assert.doesNotThrow(() => selectRouteUpstream(weird, 'GET', '/'));
  assert.equal(pick([r('GET', '/')], 'GET', '/'), 0);
  assert.equal(matchUpstream('', '').matched, true);
  assert.doesNotThrow(() => matchUpstream('/a/'.repeat(10000) + '{.+}', '/a'.repeat(10000)));
});
