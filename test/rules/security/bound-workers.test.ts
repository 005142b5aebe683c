// SAG609 (upstream: route whose only access control is a hook that cannot run), SAG610 (upstream: bound Workers get
// the whole env) and SAG611 (auth route proxied over http://).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, positionOf, run, RUNTIMES, WRANGLER } from '../routing/fixture-helpers';

const hooked = (alias: string, auth?: boolean) =>
  json({
    servers: [{ alias: 'api', url: 'https://api.example.com' }],
    serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }],
    paths: [{ method: 'POST', path: '/orders', ...(auth === undefined ? {} : { auth }), pre_process: { binding: alias, function: 'authorize' }, integration: { type: 'http_proxy', server: 'api' } }],
  });

test('SAG609 upstream: hook alias missing from serviceBindings, route without auth', () => {
  const text = hooked('hook');
  const finding = assertOneAt(run('SAG609', text, 'upstream'), CONFIG, text, '"hook"');
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /`hook` is not an alias in `serviceBindings`; did you mean `hooks`\?: the upstream gateway silently skips the hook/);
  assert.deepEqual(run('SAG609', text, 'bundled'), []);
});

test('SAG609 upstream: hook binding missing from one wrangler environment', () => {
  const text = hooked('hooks');
  const wrangler = 'name = "gw"\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n\n[env.staging]\nname = "gw-staging"\n';
  const finding = assertOneAt(run('SAG609', text, 'upstream', { [WRANGLER]: wrangler }), CONFIG, text, '"hooks"', 1);
  assert.equal(finding.env, 'staging');
  assert.match(finding.message, /binding `HOOKS` is not declared in the wrangler config \(env: staging\)/);
});

test('SAG609 near miss: auth on, or the hook resolves everywhere', () => {
  assert.deepEqual(run('SAG609', hooked('hook', true), 'upstream'), []);
  const wrangler = 'name = "gw"\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n';
  assert.deepEqual(run('SAG609', hooked('hooks'), 'upstream', { [WRANGLER]: wrangler }), []);
});

test('SAG610 upstream: once per used serviceBindings entry, on its binding; unused entries and bundled are quiet', () => {
  const text = json({
    serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }, { alias: 'unused', binding: 'UNUSED' }, { alias: 'target', binding: 'TARGET' }],
    paths: [
      { method: 'POST', path: '/a', pre_process: { binding: 'hooks', function: 'before' }, integration: { type: 'service_binding', binding: 'target', function: 'run' } },
      { method: 'POST', path: '/b', integration: { type: 'service_binding', binding: 'target', function: 'run' } },
    ],
  });
  const findings = run('SAG610', text, 'upstream');
  assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '"HOOKS"'), positionOf(text, '"TARGET"')]);
  assert.match(findings[0]!.message, /with `JSON\.stringify\(env\)`/);
  assert.deepEqual(run('SAG610', text, 'bundled'), []);
});

for (const runtime of RUNTIMES) {
  test(`SAG611 on an http:// server used by an auth route (${runtime})`, () => {
    const text = json({
      authorizer: { type: 'jwt', secret: '$secrets.S', algorithm: 'HS256', issuer: 'i', audience: 'a' },
      servers: [{ alias: 'api', url: 'http://api.example.com/v1' }],
      paths: [{ method: 'GET', path: '/me', auth: true, integration: { type: 'http', server: 'api' } }, { method: 'GET', path: '/you', auth: true, integration: { type: 'http_proxy', server: 'api' } }],
    });
    const finding = assertOneAt(run('SAG611', text, runtime), CONFIG, text, '"http://api.example.com/v1"');
    assert.match(finding.message, /`GET \/me` \(and 1 more route\) with `auth`/);
    assert.equal(finding.related.length, 2);
    assert.match(applyFix(text, CONFIG, finding), /"url": "https:\/\/api\.example\.com\/v1"/);
  });

  test(`SAG611 near miss: localhost, https, or no auth route (${runtime})`, () => {
    const paths = [{ method: 'GET', path: '/me', auth: true, integration: { type: 'http_proxy', server: 'api' } }];
    assert.deepEqual(run('SAG611', json({ servers: [{ alias: 'api', url: 'http://localhost:8787' }], paths }), runtime), []);
    assert.deepEqual(run('SAG611', json({ servers: [{ alias: 'api', url: 'http://127.0.0.1:8787' }], paths }), runtime), []);
    assert.deepEqual(run('SAG611', json({ servers: [{ alias: 'api', url: 'https://api.example.com' }], paths }), runtime), []);
    assert.deepEqual(run('SAG611', json({ servers: [{ alias: 'api', url: 'http://api.example.com' }], paths: [{ ...paths[0], auth: false }] }), runtime), []);
  });
}
