// SAG601 (auth without a usable authorizer), SAG607 (issuer/audience skipped), SAG608 (auth0 aud, upstream),
// SAG612 (auth0 login flow, upstream), SAG613 (jwks and jwks_uri).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, positionOf, run, RUNTIMES, WRANGLER } from '../routing/fixture-helpers';

const jwt = { type: 'jwt', secret: '$secrets.JWT_SECRET', algorithm: 'HS256', issuer: 'https://auth.example.com/', audience: 'https://api.example.com' };
const auth0 = {
  type: 'auth0',
  domain: 'tenant.eu.auth0.com',
  client_id: 'abc',
  client_secret: '$secrets.AUTH0_CLIENT_SECRET',
  redirect_uri: 'https://app.example.com/callback',
  jwks_uri: 'https://tenant.eu.auth0.com/.well-known/jwks.json',
  scope: 'openid',
};

for (const runtime of RUNTIMES) {
  test(`SAG601 on each truthy auth value when there is no authorizer (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/me', auth: true }, { method: 'GET', path: '/admin', auth: 'false' }, { method: 'GET', path: '/open', auth: false }] });
    const findings = run('SAG601', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, 'true'), positionOf(text, '"false"')]);
    assert.equal(findings[0]!.severity, 'error');
    assert.match(findings[0]!.message, runtime === 'upstream' ? /serves the route without authentication/ : /refuses the whole config/);
    const setFalse = findings[0]!.fixes.findIndex((f) => f.title.startsWith('Set `auth` to false'));
    assert.match(applyFix(text, CONFIG, findings[0]!, setFalse), /"auth": false,\n\s+"path"|"auth": false\n/);
    const withSkeleton = applyFix(text, CONFIG, findings[0]!, 0);
    assert.equal((JSON.parse(withSkeleton) as { authorizer: { type: string } }).authorizer.type, 'jwt');
    assert.deepEqual(run('SAG601', withSkeleton, runtime), []);
  });

  test(`SAG601 with an unknown authorizer type suggests the closest one (${runtime})`, () => {
    const text = json({ authorizer: { ...jwt, type: 'jwtt' }, paths: [{ method: 'GET', path: '/me', auth: true }] });
    const finding = assertOneAt(run('SAG601', text, runtime), CONFIG, text, 'true');
    assert.match(finding.message, /`jwtt`, not one of jwt, auth0, supabase; did you mean `jwt`\?/);
  });

  test(`SAG601 near miss: a jwt authorizer, or auth off (${runtime})`, () => {
    assert.deepEqual(run('SAG601', json({ authorizer: jwt, paths: [{ method: 'GET', path: '/me', auth: true }] }), runtime), []);
    assert.deepEqual(run('SAG601', json({ paths: [{ method: 'GET', path: '/me', auth: null }, { method: 'GET', path: '/x', auth: 0 }] }), runtime), []);
  });

  test(`SAG607 on an empty issuer and on a missing audience (${runtime})`, () => {
    const { audience: _dropped, ...noAudience } = jwt;
    const text = json({ authorizer: { ...noAudience, issuer: '' }, paths: [] });
    const findings = run('SAG607', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '"jwt"'), positionOf(text, '""')]);
    assert.match(findings[1]!.message, /`issuer` is empty, so the `iss` claim is never checked/);
    assert.match(findings[0]!.message, /`audience` is missing/);
  });

  test(`SAG607 on a $env placeholder declared in no wrangler environment, once per environment (${runtime})`, () => {
    const text = json({ authorizer: { ...jwt, audience: '$env.JWT_AUDIENCE' }, paths: [] });
    const wrangler = 'name = "gw"\nmain = "src/index.js"\n\n[vars]\nJWT_AUDIENCE = "https://api.example.com"\n\n[env.staging]\n\n[env.staging.vars]\nOTHER = "x"\n';
    const findings = run('SAG607', text, runtime, { [WRANGLER]: wrangler });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.env, 'staging');
    assert.deepEqual(findings[0]!.range.start, positionOf(text, '"$env.JWT_AUDIENCE"'));
    assert.match(findings[0]!.message, /resolves to "" \(env: staging\): `JWT_AUDIENCE` is in neither \[env\.staging\.vars\]/);
  });

  test(`SAG607 near miss: literal values, supabase with both, $env declared (${runtime})`, () => {
    assert.deepEqual(run('SAG607', json({ authorizer: jwt, paths: [] }), runtime), []);
    assert.deepEqual(run('SAG607', json({ authorizer: { type: 'supabase', jwt_secret: '$secrets.S', issuer: 'i', audience: 'a' }, paths: [] }), runtime), []);
    const wrangler = 'name = "gw"\n[vars]\nAUD = "api"\n';
    assert.deepEqual(run('SAG607', json({ authorizer: { ...jwt, audience: '$env.AUD' }, paths: [] }), runtime, { [WRANGLER]: wrangler }), []);
  });

  test(`SAG613 on the inline jwks when jwks_uri is set too (${runtime})`, () => {
    const text = json({ authorizer: { ...auth0, jwks: '{"keys":[]}' }, paths: [] });
    const finding = assertOneAt(run('SAG613', text, runtime), CONFIG, text, '"{\\"keys');
    assert.equal(finding.severity, 'information');
    const fixed = JSON.parse(applyFix(text, CONFIG, finding)) as { authorizer: Record<string, unknown> };
    assert.equal('jwks' in fixed.authorizer, false);
    assert.equal(fixed.authorizer['jwks_uri'], auth0.jwks_uri);
  });

  test(`SAG613 near miss: only jwks_uri, or an empty jwks (${runtime})`, () => {
    assert.deepEqual(run('SAG613', json({ authorizer: auth0, paths: [] }), runtime), []);
    assert.deepEqual(run('SAG613', json({ authorizer: { ...auth0, jwks: '' }, paths: [] }), runtime), []);
  });
}

test('SAG608 upstream: auth0 never checks aud, on the type value; not under bundled', () => {
  const text = json({ authorizer: auth0, paths: [] });
  const finding = assertOneAt(run('SAG608', text, 'upstream'), CONFIG, text, '"auth0"');
  assert.equal(finding.severity, 'information');
  assert.match(finding.message, /tenant `tenant\.eu\.auth0\.com`/);
  assert.deepEqual(run('SAG608', text, 'bundled'), []);
  assert.deepEqual(run('SAG608', json({ authorizer: jwt, paths: [] }), 'upstream'), []);
});

test('SAG612 upstream: on the auth0_callback and auth0_callback_redirect types; not under bundled', () => {
  const text = json({
    authorizer: auth0,
    paths: [
      { method: 'GET', path: '/callback', integration: { type: 'auth0_callback' } },
      { method: 'GET', path: '/login', integration: { type: 'auth0_callback_redirect' } },
      { method: 'GET', path: '/me', integration: { type: 'auth0_userinfo' } },
    ],
  });
  const findings = run('SAG612', text, 'upstream');
  assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '"auth0_callback"'), positionOf(text, '"auth0_callback_redirect"')]);
  assert.match(findings[0]!.message, /never checks the `state` parameter/);
  assert.deepEqual(run('SAG612', text, 'bundled'), []);
});
