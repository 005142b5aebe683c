// Pairwise helpers for SAG502/SAG504/SAG511: a common request, and who wins it per runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparePrecedence, competingMethod, syntheticRequestFor } from 'serverless-api-gateway-runtime/routing';

test('syntheticRequestFor builds a request both patterns match (bundled)', () => {
  assert.equal(syntheticRequestFor('/a/{x}/c', '/a/b/{y}'), '/a/b/c');
  assert.equal(syntheticRequestFor('/users/{id}', '/users/{.+}'), '/users/x');
  assert.equal(syntheticRequestFor('/users/{id}', '/users/{.+}', { filler: '42' }), '/users/42');
  assert.equal(syntheticRequestFor('/a/{.+}', '/{.+}'), '/a');
  assert.equal(syntheticRequestFor('/a', '/b'), null);
  assert.equal(syntheticRequestFor('/a/{x}', '/a'), null);
  assert.equal(syntheticRequestFor('/a/{x}', '/a/'), null); // bundled params need a non-empty segment
  assert.equal(syntheticRequestFor('/a/{.+}', '/a/b/c', { depth: 3 }), '/a/b/c');
  assert.equal(syntheticRequestFor('/a/{.+}', '/b/{.+}'), null);
  assert.equal(syntheticRequestFor('/a/{.+}', '/a/{.+}', { depth: 3 }), '/a/x/x');
  assert.equal(syntheticRequestFor('a', 'a'), null);
});

test('syntheticRequestFor under upstream counts the leading empty segment and lets params match empty', () => {
  assert.equal(syntheticRequestFor('/a/{x}', '/a/', { runtime: 'upstream' }), '/a/');
  assert.equal(syntheticRequestFor('/api/v1/proxy/{parameter}', '/api/v1/proxy/{.+}', { runtime: 'upstream' }), '/api/v1/proxy/x');
  assert.equal(syntheticRequestFor('/a/{.+}/b', '/a/x/y', { runtime: 'upstream' }), '/a/x/y');
  assert.equal(syntheticRequestFor('/a/{.+}/b', '/a/x/y/z', { runtime: 'upstream' }), null);
  assert.equal(syntheticRequestFor('/a/{.+}', '/a/b/c', { runtime: 'upstream', depth: 4 }), '/a/b/c');
  assert.equal(syntheticRequestFor('/a/{.+}', '/a/b/c', { runtime: 'upstream', depth: 3 }), null);
  assert.equal(syntheticRequestFor('users', 'users', { runtime: 'upstream' }), null);
  assert.equal(syntheticRequestFor('', '', { runtime: 'upstream' }), null);
});

test('competingMethod', () => {
  assert.equal(competingMethod('GET', 'GET'), 'GET');
  assert.equal(competingMethod('ANY', 'POST'), 'POST');
  assert.equal(competingMethod('POST', 'ANY'), 'POST');
  assert.equal(competingMethod('ANY', 'ANY'), 'GET');
  assert.equal(competingMethod('GET', 'POST'), null);
});

test('SAG511 under upstream: the wildcard steals the parameter route; not under bundled', () => {
  const param = { method: 'GET', path: '/api/v1/proxy/{parameter}' };
  const wild = { method: 'ANY', path: '/api/v1/proxy/{.+}' };
  assert.deepEqual(comparePrecedence(param, wild, 'upstream'), { method: 'GET', path: '/api/v1/proxy/x', winner: 'b' });
  assert.deepEqual(comparePrecedence(param, wild, 'bundled'), { method: 'GET', path: '/api/v1/proxy/x', winner: 'a' });
});

test('SAG504: /a/{x}/c vs /a/b/{y} tie upstream, literal wins bundled', () => {
  const a = { method: 'GET', path: '/a/{x}/c' };
  const b = { method: 'GET', path: '/a/b/{y}' };
  assert.deepEqual(comparePrecedence(a, b, 'upstream'), { method: 'GET', path: '/a/b/c', winner: 'tie' });
  assert.deepEqual(comparePrecedence(a, b, 'bundled'), { method: 'GET', path: '/a/b/c', winner: 'b' });
});

test('SAG502: parameter renames tie under both runtimes; methods that never compete give null', () => {
  const a = { method: 'ANY', path: '/u/{id}' };
  const b = { method: 'ANY', path: '/u/{userId}' };
  assert.equal(comparePrecedence(a, b, 'upstream')?.winner, 'tie');
  assert.equal(comparePrecedence(a, b, 'bundled')?.winner, 'tie');
  assert.equal(comparePrecedence({ method: 'GET', path: '/u/{id}' }, { method: 'POST', path: '/u/{id}' }, 'bundled'), null);
  assert.equal(comparePrecedence({ method: 'GET', path: '/u/{id}' }, { method: 'ANY', path: '/u/{id}' }, 'bundled')?.winner, 'a');
  assert.equal(comparePrecedence({ method: 'GET', path: '/u' }, { method: 'GET', path: '/v' }, 'upstream'), null);
});

test('upstreamWildcardShadow classifies SAG511 full and partial shadowing', async () => {
  const { upstreamWildcardShadow } = await import('serverless-api-gateway-runtime/routing');
  const wild = { method: 'ANY', path: '/api/v1/proxy/{.+}' };
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/v1/proxy/{parameter}' }, wild), 'full');
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/{v}/proxy/{parameter}' }, wild), 'partial');
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/{a}/v1/proxy/items' }, wild), 'partial');
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/v1/proxy/items' }, wild), null); // literal route is exact
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/v2/proxy/{p}' }, wild), null); // never compete
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/v1/{p}' }, wild), null); // other depth
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/api/v1/proxy/{p}' }, { method: 'POST', path: '/api/v1/proxy/{.+}' }), null);
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '/u/{id}/{x}' }, { method: 'GET', path: '/u/{id}/{.+}' }), null); // wildcard has a param
  assert.equal(upstreamWildcardShadow({ method: 'ANY', path: '/users/{id}' }, { method: 'ANY', path: '/users/{.+}' }), 'full');
  assert.equal(upstreamWildcardShadow({ method: 'GET', path: '' }, { method: 'GET', path: '' }), null);
});
