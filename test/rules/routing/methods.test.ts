// SAG505 (with `cors`, OPTIONS never reaches ANY routes) and SAG510 (upstream: HEAD reaches only ANY routes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, run, RUNTIMES } from './fixture-helpers';

const cors = { allow_origins: ['https://app.example.com'], allow_methods: ['GET', 'POST'], allow_headers: ['Content-Type'], expose_headers: [], allow_credentials: false, max_age: 600 };
const proxyAll = { method: 'ANY', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'api' } };

for (const runtime of RUNTIMES) {
  test(`SAG505 on the ANY route's method when cors is set (${runtime})`, () => {
    const text = json({ servers: [{ alias: 'api', url: 'https://api.example.com' }], cors, paths: [proxyAll] });
    const finding = assertOneAt(run('SAG505', text, runtime), CONFIG, text, '"ANY"');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /OPTIONS requests never reach `ANY \/api\/\{\.\+\}`/);
    const fixed = applyFix(text, CONFIG, finding);
    const paths = (JSON.parse(fixed) as { paths: { method: string; path: string; integration?: unknown }[] }).paths;
    assert.deepEqual(paths[1], { method: 'OPTIONS', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'api' } });
    assert.deepEqual(run('SAG505', fixed, runtime), []);
  });

  test(`SAG505 on a route with auth or a hook: the fix says the OPTIONS route it adds is open to anyone (${runtime})`, () => {
    const guarded = { ...proxyAll, auth: true, pre_process: { binding: 'guard', function: 'check' } };
    const text = json({ servers: [{ alias: 'api', url: 'https://api.example.com' }], serviceBindings: [{ alias: 'guard', binding: 'GUARD' }], cors, paths: [guarded] });
    const finding = assertOneAt(run('SAG505', text, runtime), CONFIG, text, '"ANY"');
    assert.match(finding.message, /that route has no `auth` and `pre_process` \(preflights carry no credentials\), so the backend then answers OPTIONS requests from anyone$/);
    assert.equal(finding.fixes[0]!.title, 'Add an `OPTIONS /api/{.+}` route with the same integration, without `auth` and `pre_process` (open to anyone)');
    assert.equal(finding.fixes[0]!.safe, false, 'never applied by "Fix all"');
    const plain = json({ servers: [{ alias: 'api', url: 'https://api.example.com' }], cors, paths: [proxyAll] });
    const unguarded = assertOneAt(run('SAG505', plain, runtime), CONFIG, plain, '"ANY"');
    assert.doesNotMatch(unguarded.message, /from anyone/);
  });

  test(`SAG505 near misses: no cors, an OPTIONS route covers it, or a static ANY route (${runtime})`, () => {
    assert.deepEqual(run('SAG505', json({ paths: [proxyAll] }), runtime), []);
    assert.deepEqual(run('SAG505', json({ cors, paths: [proxyAll, { method: 'OPTIONS', path: '/api/{.+}', response: '' }] }), runtime), []);
    assert.deepEqual(run('SAG505', json({ cors, paths: [{ method: 'ANY', path: '/ping', response: 'pong' }] }), runtime), []);
  });
}

test('SAG510 upstream: one finding on the first GET route no ANY route covers, naming the others', () => {
  const text = json({
    paths: [
      { method: 'GET', path: '/files/{id}' },
      { method: 'ANY', path: '/files/{.+}' },
      { method: 'GET', path: '/health' },
      { method: 'GET', path: '/users/{id}' },
    ],
  });
  const finding = assertOneAt(run('SAG510', text, 'upstream'), CONFIG, text, '"GET"', 1);
  assert.equal(finding.severity, 'information');
  assert.match(finding.message, /HEAD on `GET \/health` and 1 other GET-only route answers 404/);
  assert.equal(finding.related.length, 1);
});

test('SAG510 is not reported under bundled (HEAD falls back to GET)', () => {
  assert.deepEqual(run('SAG510', json({ paths: [{ method: 'GET', path: '/health' }] }), 'bundled'), []);
});

test('SAG510 near miss: every GET route has an ANY route of the same shape', () => {
  const text = json({ paths: [{ method: 'GET', path: '/health' }, { method: 'ANY', path: '/health' }, { method: 'GET', path: '/u/{id}' }, { method: 'ANY', path: '/{.+}' }] });
  assert.deepEqual(run('SAG510', text, 'upstream'), []);
});
