// SAG511's trie walk must find exactly the parameter routes that some literal-prefix wildcard beats under the upstream
// precedence: random small route sets, every (parameter route, wildcard) pair checked with `comparePrecedence`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparePrecedence } from 'serverless-api-gateway-runtime/routing';
import { checkFixture } from '../../support/engine';
import { CONFIG, json } from './fixture-helpers';

const route = fc.record({
  method: fc.constantFrom('GET', 'POST', 'ANY'),
  segments: fc.array(fc.constantFrom('a', 'b', '{x}', '{y}', ''), { minLength: 0, maxLength: 3 }),
  wildcard: fc.boolean(),
});

const isParam = (s: string) => s.startsWith('{');

test('SAG511 (upstream) reports exactly the parameter routes a literal-prefix wildcard beats', () => {
  fc.assert(
    fc.property(fc.array(route, { minLength: 2, maxLength: 7 }), (generated) => {
      const routes = generated
        .filter((r) => r.wildcard || r.segments.length > 0)
        .map((r) => ({ method: r.method, segments: r.segments, wildcard: r.wildcard, path: '/' + [...r.segments, ...(r.wildcard ? ['{.+}'] : [])].join('/') }));
      const expected: number[] = [];
      routes.forEach((p, i) => {
        if (p.wildcard || !p.segments.some(isParam)) return;
        const shadowed = routes.some(
          (w) =>
            w.wildcard &&
            !w.segments.some(isParam) &&
            (w.method === p.method || w.method === 'ANY') &&
            comparePrecedence(p, w, 'upstream', { depth: p.segments.length + 1 })?.winner === 'b',
        );
        if (shadowed) expected.push(i);
      });
      const reported = checkFixture({ [CONFIG]: json({ paths: routes.map(({ method, path }) => ({ method, path })) }) }, { runtime: 'upstream' })
        .filter((f) => f.code === 'SAG511')
        .map((f) => Number(/^\/paths\/(\d+)\/path$/.exec(f.pointer ?? '')![1]));
      assert.deepEqual(reported, expected, JSON.stringify(routes.map(({ method, path }) => `${method} ${path}`)));
    }),
    { numRuns: 600, seed: 511 },
  );
});
