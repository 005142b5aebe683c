// SAG507 (catch-all), SAG508 (upstream: `{param}` wildcard prefix not stripped), SAG509 (params the integration cannot see).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectRoute } from 'serverless-api-gateway-runtime/routing';
import { assertOneAt, CONFIG, json, run, RUNTIMES } from './fixture-helpers';

for (const runtime of RUNTIMES) {
  test(`SAG507 on ANY /{.+}, saying how its auth governs unmatched URLs (${runtime})`, () => {
    const text = json({ paths: [{ method: 'ANY', path: '/{.+}', integration: { type: 'http_proxy', server: 'legacy' } }] });
    const finding = assertOneAt(run('SAG507', text, runtime), CONFIG, text, '"/{.+}"');
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /no `auth`, so every request no other route takes is served without authentication: HEAD on the path of a `GET` route with `auth` too/);
    // What the message says is what the shared route precedence does: HEAD /admin goes to the catch-all.
    const routes = [{ method: 'GET', path: '/admin' }, { method: 'ANY', path: '/{.+}' }];
    assert.equal(selectRoute(routes, 'HEAD', '/admin', runtime).kind === 'match' && (selectRoute(routes, 'HEAD', '/admin', runtime) as { index: number }).index, 1);
    const guarded = json({ paths: [{ method: 'ANY', path: '/{.+}', auth: true, integration: { type: 'http_proxy', server: 'legacy' } }] });
    assert.match(run('SAG507', guarded, runtime)[0]!.message, /its `auth` setting protects every unmatched URL/);
  });

  test(`SAG507 near miss: a prefixed catch-all or a GET-only one (${runtime})`, () => {
    assert.deepEqual(run('SAG507', json({ paths: [{ method: 'ANY', path: '/legacy/{.+}' }, { method: 'GET', path: '/{.+}' }] }), runtime), []);
  });
}

test('SAG508 upstream: http_proxy wildcard with a {param} prefix', () => {
  const text = json({ paths: [{ method: 'ANY', path: '/users/{id}/{.+}', integration: { type: 'http', server: 'users' } }] });
  const finding = assertOneAt(run('SAG508', text, 'upstream'), CONFIG, text, '"/users/{id}/{.+}"');
  assert.equal(finding.severity, 'warning');
  assert.deepEqual(run('SAG508', text, 'bundled'), []); // bundled strips {param} prefixes too (E.7)
});

test('SAG508 near miss: literal prefix, or a service integration', () => {
  const text = json({ paths: [{ method: 'ANY', path: '/users/{.+}', integration: { type: 'http_proxy', server: 'users' } }, { method: 'ANY', path: '/t/{id}/{.+}', integration: { type: 'service', binding: 't' } }] });
  assert.deepEqual(run('SAG508', text, 'upstream'), []);
});

test('SAG509 upstream: a service module never receives path parameters; bundled passes them in context', () => {
  const text = json({ paths: [{ method: 'GET', path: '/orders/{id}', integration: { type: 'service', binding: 'orders' } }] });
  const finding = assertOneAt(run('SAG509', text, 'upstream'), CONFIG, text, '"/orders/{id}"');
  assert.equal(finding.severity, 'information');
  assert.deepEqual(run('SAG509', text, 'bundled'), []);
});

test('SAG509 bundled: a proxy wildcard prefix holding a {param} is stripped, so the server never sees it', () => {
  const text = json({ paths: [{ method: 'ANY', path: '/users/{id}/{.+}', integration: { type: 'http_proxy', server: 'users' } }] });
  const finding = assertOneAt(run('SAG509', text, 'bundled'), CONFIG, text, '"/users/{id}/{.+}"');
  assert.match(finding.message, /strips the wildcard prefix, parameters included/);
  assert.deepEqual(run('SAG509', text, 'upstream'), []); // upstream forwards the full path (SAG508 instead)
});

test('SAG509 near miss: service_binding sees params; a proxy without a wildcard forwards the path', () => {
  const text = json({
    paths: [
      { method: 'GET', path: '/orders/{id}', integration: { type: 'service_binding', binding: 'orders', function: 'get' } },
      { method: 'GET', path: '/items/{id}', integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-user': '$request.jwt.sub' } } },
      { method: 'ANY', path: '/files/{.+}', integration: { type: 'http_proxy', server: 'api' } },
    ],
  });
  for (const runtime of RUNTIMES) assert.deepEqual(run('SAG509', text, runtime), []);
});
