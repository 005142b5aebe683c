// SAG504 (equal precedence, declaration order decides) and SAG511 (upstream: `{param}` route shadowed by a
// literal-prefix wildcard), checked under the runtime where each applies and absent under the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertOneAt, CONFIG, json, run } from './fixture-helpers';

const crossTie = json({
  paths: [
    { method: 'GET', path: '/a/{x}/c', response: 'x' },
    { method: 'GET', path: '/a/b/{y}', response: 'y' },
  ],
});

test('SAG504 upstream: /a/{x}/c and /a/b/{y} tie on /a/b/c; reported on the later path', () => {
  const finding = assertOneAt(run('SAG504', crossTie, 'upstream'), CONFIG, crossTie, '"/a/b/{y}"');
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /ties with `GET \/a\/\{x\}\/c` \(line 5\) for requests like `GET \/a\/b\/c`/);
  assert.deepEqual(finding.related[0]!.range.start, { line: 4, character: 14 });
});

test('SAG504 bundled: literal beats {param} from the left, so the same pair does not tie', () => {
  assert.deepEqual(run('SAG504', crossTie, 'bundled'), []);
});

test('SAG504 near miss (upstream): a literal route never ties with a parameter route', () => {
  const text = json({ paths: [{ method: 'GET', path: '/a/{x}/c' }, { method: 'GET', path: '/a/b/c' }, { method: 'POST', path: '/a/b/{y}' }] });
  assert.deepEqual(run('SAG504', text, 'upstream'), []);
});

test('SAG504 upstream: two wildcards with compatible prefixes of one length tie on deeper requests', () => {
  const text = json({ paths: [{ method: 'ANY', path: '/{tenant}/{.+}' }, { method: 'ANY', path: '/api/{.+}' }] });
  const finding = assertOneAt(run('SAG504', text, 'upstream'), CONFIG, text, '"/api/{.+}"');
  assert.match(finding.message, /ties with `ANY \/\{tenant\}\/\{\.\+\}`/);
  assert.deepEqual(run('SAG504', text, 'bundled'), []);
});

test('SAG504 upstream: a generic /{a}/{b} declared first ties with every later two-segment parameter route', () => {
  const text = json({ paths: [{ method: 'GET', path: '/{a}/{b}' }, { method: 'GET', path: '/users/{id}' }, { method: 'GET', path: '/{org}/repos' }] });
  const findings = run('SAG504', text, 'upstream');
  assert.equal(findings.length, 2);
  assert.deepEqual(findings.map((f) => f.pointer), ['/paths/1/path', '/paths/2/path']);
});

// The upstream sample config: /api/v1/proxy/{parameter} is fully shadowed by ANY /api/v1/proxy/{.+}.
const sample = json({
  paths: [
    { method: 'GET', path: '/api/v1/proxy/{parameter}', integration: { type: 'service_binding', binding: 'endpoint1', function: 'run' } },
    { method: 'ANY', path: '/api/v1/proxy/{.+}', integration: { type: 'http_proxy', server: 'serverlessapigateway-api' } },
  ],
});

test('SAG511 upstream sample: /api/v1/proxy/{parameter} behind ANY /api/v1/proxy/{.+} is an error on the shadowed path', () => {
  const finding = assertOneAt(run('SAG511', sample, 'upstream'), CONFIG, sample, '"/api/v1/proxy/{parameter}"');
  assert.equal(finding.severity, 'error');
  assert.deepEqual(finding.range.start, { line: 4, character: 14 });
  assert.match(finding.message, /is never served: `ANY \/api\/v1\/proxy\/\{\.\+\}` \(line 14\) is an exact match/);
  assert.equal(finding.related[0]!.range.start.line, 13);
});

test('SAG511 does not exist under bundled ({param} beats {.+})', () => {
  assert.deepEqual(run('SAG511', sample, 'bundled'), []);
});

test('SAG511 holds whatever the declaration order (exactness is compared first)', () => {
  const reversed = json({ paths: [{ method: 'ANY', path: '/users/{.+}' }, { method: 'GET', path: '/users/{id}' }] });
  const finding = assertOneAt(run('SAG511', reversed, 'upstream'), CONFIG, reversed, '"/users/{id}"');
  assert.equal(finding.severity, 'error');
});

test('SAG511 partial (warning): a {param} facing the wildcard\'s literal prefix loses only those requests', () => {
  const text = json({ paths: [{ method: 'GET', path: '/{tenant}/profile' }, { method: 'GET', path: '/users/{.+}' }] });
  const finding = assertOneAt(run('SAG511', text, 'upstream'), CONFIG, text, '"/{tenant}/profile"');
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /e\.g\. `GET \/users\/profile`/);
});

test('SAG511 near misses: other method, deeper route, wildcard prefix with a {param}, literal route', () => {
  const text = json({
    paths: [
      { method: 'POST', path: '/users/{id}' }, // the wildcard is GET only
      { method: 'GET', path: '/users/{id}/orders' }, // deeper than the wildcard's exact depth
      { method: 'GET', path: '/users/{.+}' },
      { method: 'GET', path: '/users/me' }, // literal: exact as well, and non-wildcard wins
      { method: 'GET', path: '/teams/{id}' },
      { method: 'ANY', path: '/{org}/{.+}' }, // prefix has a param: never exact
    ],
  });
  assert.deepEqual(run('SAG511', text, 'upstream'), []);
});
