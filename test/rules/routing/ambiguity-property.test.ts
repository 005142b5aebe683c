// SAG504's trie walk must find exactly the ties an all-pairs comparison finds: random small route sets, every pair
// checked with the shared precedence (`comparePrecedence`) at every request depth, under both runtimes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparePrecedence, routeShapeKey, type RoutingRuntime } from 'serverless-api-gateway-runtime/routing';
import { checkFixture } from '../../support/engine';
import { CONFIG, json } from './fixture-helpers';

const segment = fc.constantFrom('a', 'b', '{x}', '{y}');
const route = fc.record({
  method: fc.constantFrom('GET', 'GET', 'ANY'),
  segments: fc.array(segment, { minLength: 1, maxLength: 3 }),
  wildcard: fc.boolean(),
});
const routeSet = fc.array(route, { minLength: 2, maxLength: 6 });

function bruteForceLaterTies(routes: { method: string; path: string }[], runtime: RoutingRuntime): number[] {
  const later = new Set<number>();
  for (let j = 0; j < routes.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [routes[i]!, routes[j]!];
      if (a.method === b.method && routeShapeKey(a.path) === routeShapeKey(b.path)) continue; // SAG501/SAG502
      for (let depth = 1; depth <= 7; depth++) {
        if (comparePrecedence(a, b, runtime, { depth })?.winner === 'tie') {
          later.add(j);
          break;
        }
      }
    }
  }
  return [...later].sort((x, y) => x - y);
}

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`SAG504 trie candidates equal the all-pairs ties (${runtime})`, () => {
    fc.assert(
      fc.property(routeSet, (generated) => {
        const routes = generated.map((r) => ({ method: r.method, path: '/' + [...r.segments, ...(r.wildcard ? ['{.+}'] : [])].join('/') }));
        const expected = bruteForceLaterTies(routes, runtime);
        const reported = checkFixture({ [CONFIG]: json({ paths: routes }) }, { runtime })
          .filter((f) => f.code === 'SAG504')
          .map((f) => Number(/^\/paths\/(\d+)\/path$/.exec(f.pointer ?? '')![1]));
        assert.deepEqual(reported, expected, JSON.stringify(routes));
      }),
      { numRuns: 400, seed: 504 },
    );
  });
}
