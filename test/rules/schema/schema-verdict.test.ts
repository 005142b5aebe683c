// The tree-level PathItem verdict (schema-verdict.ts) that lets a route skip JSON.parse + ajv: whenever it decides,
// it agrees with the precompiled ajv route validator on the JSON.parse'd value (duplicate keys, `__proto__`, huge
// numbers, surrogate pairs included), and it decides the common route shapes (else it would save nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SchemaVariant } from 'serverless-api-gateway-runtime/config';
import { parseConfigDocument, type JsonNode } from '../../../server/src/analysis/parse/config-document';
import * as precompiled from '../../../server/src/analysis/rules/schema/generated/schema-validators';
import { pathItemVerdict } from '../../../server/src/analysis/rules/schema/schema-validation';
import { INVALID, UNKNOWN, VALID } from '../../../server/src/analysis/rules/schema/schema-verdict';
import { CRLF_AUTH0, ERRORS_EVERYWHERE } from '../../perf/handwritten-workspaces';

const VARIANTS: SchemaVariant[] = ['bundled', 'upstream'];
const AJV = { bundled: precompiled.bundledRoute, upstream: precompiled.upstreamRoute };

/** The path item node of `{"paths":[<routeText>]}`, parsed as the analysis parses it. */
function routeNode(routeText: string): JsonNode {
  const doc = parseConfigDocument('/gw/api-config.json', `{"paths":[${routeText}]}`);
  assert.equal(doc.syntaxErrors.length, 0, routeText);
  return doc.root!.children![0]!.children![1]!.children![0]!;
}

/** The verdict, after checking it against ajv whenever it decides. */
function checkedVerdict(variant: SchemaVariant, routeText: string): number {
  const verdict = pathItemVerdict(variant)(routeNode(routeText));
  if (verdict !== UNKNOWN) assert.equal(AJV[variant](JSON.parse(routeText)), verdict === VALID, `${variant}: ${routeText}`);
  return verdict;
}

test('common route shapes are decided VALID under both runtimes', () => {
  const routes = [
    '{"method":"DELETE","path":"/api/v1/users/{key}","integration":{"type":"service_binding","binding":"b","function":"create"},"auth":true}',
    '{"method":"GET","path":"/api/v1/orders","integration":{"type":"http_proxy","server":"accounts-api"},"auth":null}',
    '{"method":"POST","path":"/m","response":"static response 50","auth":false}',
    '{"method":"GET","path":"/x","integration":{"type":"http","server":"s"},"mapping":{"headers":{"a":"$request.jwt.sub"},"query":{}},"variables":{"k":[1,{"a":2}]}}',
    '{"method":"ANY","path":"/p","integration":{"type":"service","binding":"svc"},"pre_process":{"binding":"HOOKS","function":"check"}}',
    '{"method":"GET","path":"/\u{1F600}","integration":{"type":"auth0_callback"},"response":{"nested":[1e400]}}',
  ];
  for (const variant of VARIANTS) for (const route of routes) assert.equal(checkedVerdict(variant, route), VALID, `${variant}: ${route}`);
});

test('rejections and edge cases agree with ajv', () => {
  const decided = (variant: SchemaVariant, route: string, expected: number) => assert.equal(checkedVerdict(variant, route), expected, `${variant}: ${route}`);
  for (const variant of VARIANTS) {
    decided(variant, '{"method":"get","path":"/x"}', INVALID);
    decided(variant, '{"method":"GET","path":"x"}', INVALID);
    decided(variant, '{"path":"/x"}', INVALID);
    decided(variant, '[]', INVALID);
    decided(variant, '{"method":"GET","path":"/x","integration":{"type":"http_proxy"}}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","integration":"http"}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","integration":{"type":"nope"}}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","auth":"yes"}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","mapping":{"body":{}}}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","pre_process":{"binding":"","function":"f"}}', INVALID);
    // JSON.parse keeps the last of duplicate keys: so does the verdict.
    decided(variant, '{"method":"get","method":"GET","path":"/x"}', VALID);
    decided(variant, '{"method":"GET","method":"get","path":"/x"}', INVALID);
    decided(variant, '{"method":"GET","path":"/x","integration":{"type":"http","type":"service","binding":"b"}}', VALID);
    decided(variant, '{"method":"GET","path":"/x","integration":{"type":"service","binding":"b","type":"http"}}', INVALID);
    // An own `__proto__` key is just another key.
    decided(variant, '{"method":"GET","path":"/x","__proto__":{"method":1}}', VALID);
    decided(variant, '{"method":"GET","path":"/x","mapping":{"__proto__":{}}}', INVALID);
    // A surrogate pair is one character for minLength.
    decided(variant, '{"method":"GET","path":"/x","pre_process":{"binding":"\\ud83d\\ude00","function":"f"}}', VALID);
    // Non-finite numbers are left to ajv.
    assert.equal(pathItemVerdict(variant)(routeNode('{"method":"GET","path":"/x","auth":1e400}')), UNKNOWN);
  }
});

test('the routes of the handwritten workspaces: every decided verdict agrees with ajv', () => {
  for (const files of [ERRORS_EVERYWHERE, CRLF_AUTH0]) {
    const text = files['/gw/api-config.json']!;
    const doc = parseConfigDocument('/gw/api-config.json', text);
    const paths = doc.root!.children!.find((p) => p.children![0]!.value === 'paths')!.children![1]!;
    for (const node of paths.children!) for (const variant of VARIANTS) checkedVerdict(variant, text.slice(node.offset, node.offset + node.length));
  }
});

test('random path items (duplicate keys, nested objects, odd values): every decided verdict agrees with ajv', () => {
  const keys = fc.constantFrom('method', 'path', 'integration', 'auth', 'response', 'mapping', 'variables', 'pre_process', 'post_process', 'type', 'server', 'binding', 'function', 'headers', 'query', '__proto__', 'x');
  const scalars = fc.oneof(
    fc.constantFrom('"GET"', '"get"', '"ANY"', '"/a"', '"a"', '""', '"http"', '"http_proxy"', '"service"', '"service_binding"', '"auth0_callback"', '"$request.jwt.sub"', '"\\ud83d\\ude00"', 'true', 'false', 'null', '0', '1.5', '-3', '1e400'),
    fc.string().map((s) => JSON.stringify(s)),
  );
  const value: fc.Arbitrary<string> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalars, tie('object'), tie('array')),
    object: fc.array(fc.tuple(keys, tie('value')), { maxLength: 5 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    array: fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  })).value as fc.Arbitrary<string>;
  const route = fc.array(fc.tuple(keys, value), { maxLength: 7 }).map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  fc.assert(
    fc.property(route, fc.constantFrom(...VARIANTS), (text, variant) => {
      checkedVerdict(variant, text);
    }),
    { numRuns: 2000 },
  );
});
