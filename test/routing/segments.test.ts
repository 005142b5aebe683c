// Pattern splitting, segment classification and shape keys (SPEC A.7, E.8, SAG502/SAG503).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifySegment,
  isTailWildcard,
  paramNames,
  parsePattern,
  routeKey,
  routeShapeKey,
  splitPath,
  suspiciousSegments,
  wildcardPrefix,
} from 'serverless-api-gateway-runtime/routing';

test('splitPath follows E.8: after the leading slash, split on slash', () => {
  assert.deepEqual(splitPath('/api/'), ['api', '']);
  assert.deepEqual(splitPath('/'), ['']);
  assert.deepEqual(splitPath('/a//b'), ['a', '', 'b']);
  assert.deepEqual(splitPath('/users/{id}'), ['users', '{id}']);
  assert.deepEqual(splitPath('users'), ['users']);
  assert.deepEqual(splitPath(''), ['']);
});

test('classifySegment recognises literal, param, wildcard and each malformed form', () => {
  assert.deepEqual(classifySegment('users', false), { text: 'users', kind: 'literal' });
  assert.deepEqual(classifySegment('{id}', false), { text: '{id}', kind: 'param', name: 'id' });
  assert.deepEqual(classifySegment('{.+}', true), { text: '{.+}', kind: 'wildcard' });
  assert.equal(classifySegment('{.+}', false).malformed, 'non-final-wildcard');
  assert.equal(classifySegment('{}', true).malformed, 'empty-param');
  assert.equal(classifySegment('{id', true).malformed, 'unbalanced-brace');
  assert.equal(classifySegment('id}', true).malformed, 'unbalanced-brace');
  assert.equal(classifySegment('{a{b}', true).malformed, 'unbalanced-brace');
  assert.equal(classifySegment('{id}.json', true).malformed, 'partial-param');
  assert.equal(classifySegment('v{n}', true).malformed, 'partial-param');
  const proxy = classifySegment('{proxy+}', true);
  assert.equal(proxy.kind, 'param');
  assert.equal(proxy.name, 'proxy+');
  assert.equal(proxy.greedyLookalike, true);
  assert.equal(classifySegment('{path*}', true).greedyLookalike, true);
  assert.equal(classifySegment('{+}', true).greedyLookalike, undefined);
});

test('parsePattern and suspiciousSegments report SAG503 material with indexes', () => {
  assert.deepEqual(
    parsePattern('/a/{.+}/b').map((s) => s.kind),
    ['literal', 'malformed', 'literal'],
  );
  assert.deepEqual(
    suspiciousSegments('/a/{.+}/{proxy+}/{x').map((s) => [s.index, s.segment.malformed ?? 'greedy']),
    [
      [1, 'non-final-wildcard'],
      [2, 'greedy'],
      [3, 'unbalanced-brace'],
    ],
  );
  assert.deepEqual(suspiciousSegments('/a/{id}/{.+}'), []);
});

test('tail wildcard helpers', () => {
  assert.equal(isTailWildcard('/api/{.+}'), true);
  assert.equal(isTailWildcard('/{.+}'), true);
  assert.equal(isTailWildcard('/a/{.+}/b'), false);
  assert.equal(isTailWildcard('/api/x{.+}'), false);
  assert.equal(wildcardPrefix('/api/v1/{.+}'), '/api/v1');
  assert.equal(wildcardPrefix('/{.+}'), '');
  assert.equal(wildcardPrefix('/api'), null);
});

test('shape keys collide only for parameter renames', () => {
  assert.equal(routeShapeKey('/u/{id}'), '/u/{}');
  assert.equal(routeShapeKey('/u/{id}'), routeShapeKey('/u/{userId}'));
  assert.notEqual(routeShapeKey('/u/{id}'), routeShapeKey('/u/{.+}'));
  assert.notEqual(routeShapeKey('/u/{id}'), routeShapeKey('/u/{id}/'));
  assert.equal(routeShapeKey('/a/{.+}/b'), '/a/{.+}/b');
  assert.equal(routeShapeKey('/a/{}'), '/a/{}'); // malformed keeps its text (it happens to look the same)
  assert.equal(routeKey('GET', '/u/{id}'), 'GET /u/{id}');
  assert.equal(routeKey('GET', '/u/{id}', 'shape'), 'GET /u/{}');
  assert.deepEqual(paramNames('/a/{x}/b/{y}/{x}'), ['x', 'y', 'x']);
});
