// Property tests: bundled selection is sound and order-independent; literal beats param; synthetic requests are complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareSpecificity,
  matchBundled,
  matchUpstream,
  selectRouteBundled,
  syntheticRequestFor,
  type RouteLike,
} from 'serverless-api-gateway-runtime/routing';

const literal = fc.constantFrom('a', 'b', '');
const patternSegment = fc.oneof(literal, fc.constantFrom('{p}', '{q}'));
const pattern = fc
  .tuple(fc.array(patternSegment, { minLength: 0, maxLength: 3 }), fc.boolean())
  .map(([segs, wild]) => '/' + (wild ? [...segs, '{.+}'] : segs.length ? segs : ['']).join('/'));
const method = fc.constantFrom('GET', 'POST', 'ANY');
const route = fc.record({ method, path: pattern });
const requestPath = fc.array(fc.constantFrom('a', 'b', 'c', ''), { minLength: 1, maxLength: 4 }).map((s) => '/' + s.join('/'));
const requestMethod = fc.constantFrom('GET', 'POST', 'PUT', 'HEAD');

test('bundled: the winner matches, accepts the method, and nothing accepting is more specific', () => {
  fc.assert(
    fc.property(fc.array(route, { maxLength: 8 }), requestMethod, requestPath, (routes, m, path) => {
      const s = selectRouteBundled(routes, m, path);
      if (s.kind !== 'match') return;
      const chosen = routes[s.index];
      const effective = s.viaGetFallback ? 'GET' : m;
      assert.ok(chosen.method === effective || chosen.method === 'ANY');
      const best = matchBundled(chosen.path, path);
      assert.ok(best);
      routes.forEach((other, i) => {
        const om = matchBundled(other.path, path);
        if (!om || !(other.method === effective || other.method === 'ANY')) return;
        const order = compareSpecificity(om.specificity, best.specificity);
        assert.ok(order >= 0, `route ${i} ${other.path} is more specific than ${chosen.path}`);
        if (order !== 0) return;
        const rank = (x: string) => (x === 'ANY' ? 1 : 0);
        assert.ok(rank(other.method) >= rank(chosen.method), 'exact method beats ANY');
        if (rank(other.method) === rank(chosen.method)) assert.ok(i >= s.index, 'declaration order');
      });
    }),
    { numRuns: 500 },
  );
});

test('bundled: reversing the routes changes the winner only on a full tie (same shape, same method rank)', () => {
  fc.assert(
    fc.property(fc.array(route, { maxLength: 8 }), requestMethod, requestPath, (routes, m, path) => {
      const forward = selectRouteBundled(routes, m, path);
      const reversed = [...routes].reverse();
      const backward = selectRouteBundled(reversed, m, path);
      assert.equal(forward.kind, backward.kind);
      if (forward.kind !== 'match' || backward.kind !== 'match') return;
      const a = routes[forward.index];
      const b = reversed[backward.index];
      assert.deepEqual(matchBundled(a.path, path)?.specificity, matchBundled(b.path, path)?.specificity);
      assert.equal(a.method === 'ANY', b.method === 'ANY');
    }),
    { numRuns: 500 },
  );
});

test('bundled: at the first differing position a literal beats a param, whatever the declaration order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', 'b', '{p}'), { maxLength: 3 }),
      fc.constantFrom('x', 'y'),
      fc.array(fc.constantFrom('a', '{q}'), { maxLength: 2 }),
      fc.boolean(),
      (prefix, lit, suffix, literalFirst) => {
        const literalRoute = { method: 'GET', path: '/' + [...prefix, lit, ...suffix].join('/') };
        const paramRoute = { method: 'GET', path: '/' + [...prefix, '{id}', ...suffix.map(() => '{z}')].join('/') };
        const request = '/' + [...prefix.map((s) => (s === '{p}' ? 'v' : s)), lit, ...suffix.map((s) => (s === '{q}' ? 'w' : s))].join('/');
        const routes = literalFirst ? [literalRoute, paramRoute] : [paramRoute, literalRoute];
        const s = selectRouteBundled(routes, 'GET', request);
        assert.equal(s.kind, 'match');
        assert.equal(s.kind === 'match' && routes[s.index], literalRoute);
      },
    ),
    { numRuns: 300 },
  );
});

test('syntheticRequestFor is sound and complete at each depth (both runtimes)', () => {
  fc.assert(
    fc.property(pattern, pattern, requestPath, fc.constantFrom('upstream' as const, 'bundled' as const), (a, b, path, runtime) => {
      const matches = (p: string, req: string) => (runtime === 'upstream' ? matchUpstream(p, req).matched : matchBundled(p, req) !== null);
      const depth = runtime === 'upstream' ? path.split('/').length : path.split('/').length - 1;
      const synthetic = syntheticRequestFor(a, b, { runtime, depth });
      if (synthetic !== null) assert.ok(matches(a, synthetic) && matches(b, synthetic), `${synthetic} must match ${a} and ${b}`);
      // completeness: the filler `x` is not in the request alphabet, so any witness implies the helper finds one
      if (matches(a, path) && matches(b, path)) assert.notEqual(synthetic, null, `${path} matches ${a} and ${b} at depth ${depth}`);
    }),
    { numRuns: 1000 },
  );
});
