// Property test: the compiled trie router picks exactly what the reference `selectRouteBundled` picks (SPEC E.2, E.8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectRouteBundled } from 'serverless-api-gateway-runtime/routing';
import { compileRouter } from '../../shared-runtime/src/router/route-trie';

// Small alphabets make collisions (and so precedence decisions) frequent.
const literal = fc.constantFrom('a', 'b', 'api', 'users', '', '%41', 'caf%C3%A9', '{x', '{}', 'x}');
const param = fc.constantFrom('{id}', '{name}', '{proxy+}', '{id}');
const patternSegment = fc.oneof({ weight: 3, arbitrary: literal }, { weight: 2, arbitrary: param }, { weight: 1, arbitrary: fc.constant('{.+}') });
const pattern = fc
  .array(patternSegment, { minLength: 1, maxLength: 4 })
  .chain((segments) => fc.boolean().map((wild) => '/' + (wild ? [...segments, '{.+}'] : segments).join('/')));
const method = fc.constantFrom('GET', 'POST', 'PUT', 'ANY', 'OPTIONS', 'get', 'DELETE');
const route = fc.record({ method, path: fc.oneof({ weight: 20, arbitrary: pattern }, { weight: 1, arbitrary: fc.constant('no-slash') }) });
const requestSegment = fc.constantFrom('a', 'b', 'api', 'users', '', '%41', 'caf%C3%A9', '{x', '%E0%A4%A', 'zzz', '{id}', '{.+}');
const requestPath = fc.array(requestSegment, { minLength: 0, maxLength: 6 }).map((s) => '/' + s.join('/'));
const requestMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS');

function normalise(sel: ReturnType<typeof selectRouteBundled>) {
  if (sel.kind === 'match') {
    return { kind: sel.kind, index: sel.index, params: { ...sel.params }, wildcard: sel.wildcardSegments ? [...sel.wildcardSegments] : null, viaGet: sel.viaGetFallback };
  }
  if (sel.kind === 'method-not-allowed') return { kind: sel.kind, allow: [...sel.allow] };
  return { kind: sel.kind };
}

test('trie router agrees with selectRouteBundled on random route sets and requests', () => {
  fc.assert(
    fc.property(fc.array(route, { minLength: 0, maxLength: 25 }), fc.array(fc.tuple(requestMethod, requestPath), { minLength: 1, maxLength: 20 }), (routes, requests) => {
      const router = compileRouter(routes);
      for (const [m, p] of requests) {
        const expected = normalise(selectRouteBundled(routes, m, p));
        const actual = router.match(m, p);
        const got =
          actual.kind === 'match'
            ? { kind: actual.kind, index: actual.index, params: actual.params, wildcard: actual.wildcardSegments, viaGet: actual.viaGetFallback }
            : actual.kind === 'method-not-allowed'
              ? { kind: actual.kind, allow: actual.allow }
              : { kind: actual.kind };
        assert.deepEqual(got, expected, `${m} ${p} over ${JSON.stringify(routes)}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test('requests derived from the route patterns themselves agree too (dense hits)', () => {
  const fill = fc.constantFrom('a', 'x', '', 'users', '%2F');
  fc.assert(
    fc.property(fc.array(route, { minLength: 1, maxLength: 15 }), fc.nat(), fill, requestMethod, (routes, pick, filler, m) => {
      const source = routes[pick % routes.length].path;
      const p = source.replace(/\{\.\+\}/g, `${filler}/${filler}`).replace(/\{[^/]*\}/g, filler || 'v');
      const router = compileRouter(routes);
      const expected = normalise(selectRouteBundled(routes, m, p));
      const actual = router.match(m, p);
      if (expected.kind === 'match' && actual.kind === 'match') {
        assert.equal(actual.index, expected.index, `${m} ${p}`);
        assert.deepEqual(actual.params, expected.params);
        assert.deepEqual(actual.wildcardSegments, expected.wildcard);
      } else {
        assert.equal(actual.kind, expected.kind, `${m} ${p} over ${JSON.stringify(routes)}`);
      }
    }),
    { numRuns: 3000 },
  );
});
