// SAG602 (secret material in api-config.json) and SAG603 (`$secret.X` resolving from a plaintext wrangler var).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, positionOf, run, RUNTIMES, WRANGLER } from '../routing/fixture-helpers';

const jwt = (secret: string) => ({ type: 'jwt', secret, algorithm: 'HS256', issuer: 'https://auth.example.com/', audience: 'api' });

for (const runtime of RUNTIMES) {
  test(`SAG602 on a plaintext authorizer secret, fixed with $secrets.NAME and the wrangler command (${runtime})`, () => {
    const text = json({ authorizer: jwt('my-signing-key'), paths: [] });
    const finding = assertOneAt(run('SAG602', text, runtime), CONFIG, text, '"my-signing-key"');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /`authorizer\.secret` holds the secret itself/);
    const fix = finding.fixes[0]!;
    assert.equal(fix.safe, false);
    assert.equal(fix.command, 'wrangler secret put JWT_SECRET');
    const fixed = applyFix(text, CONFIG, finding);
    assert.match(fixed, /"secret": "\$secrets\.JWT_SECRET"/);
    assert.deepEqual(run('SAG602', fixed, runtime), []);
  });

  test(`SAG602 names the secret after the field: supabase jwt_secret, auth0 client_secret (${runtime})`, () => {
    const supabase = json({ authorizer: { type: 'supabase', jwt_secret: 'super-secret-jwt-token-with-at-least-32-characters', issuer: 'i', audience: 'a' }, paths: [] });
    assert.equal(assertOneAt(run('SAG602', supabase, runtime), CONFIG, supabase, '"super-secret').fixes[0]!.command, 'wrangler secret put SUPABASE_JWT_SECRET');
    const auth0 = json({ authorizer: { type: 'auth0', domain: 't.auth0.com', client_id: 'id', client_secret: 'xyz', redirect_uri: 'https://a/cb', jwks_uri: 'https://t.auth0.com/jwks', scope: 'openid' }, paths: [] });
    assert.equal(assertOneAt(run('SAG602', auth0, runtime), CONFIG, auth0, '"xyz"').fixes[0]!.command, 'wrangler secret put AUTH0_CLIENT_SECRET');
  });

  test(`SAG602 on key-like literals in variables and mapping (${runtime})`, () => {
    const text = json({
      variables: { stripe_key: 'sk_live_51HqLyjWDarjtT1zdp7dcXYZ12', upstream_token: 'q8Zr2LpX0vN5mK7tB3cW9yH1jF4sD6gA' },
      paths: [{ method: 'GET', path: '/x', integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-api-key': 'AKIAIOSFODNN7EXAMPLE' } } }],
    });
    const findings = run('SAG602', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '"sk_live'), positionOf(text, '"q8Zr'), positionOf(text, '"AKIA')]);
    assert.match(findings[0]!.message, /looks like a Stripe secret key/);
    assert.equal(findings[1]!.fixes[0]!.command, 'wrangler secret put UPSTREAM_TOKEN');
    assert.match(findings[2]!.message, /a mapping cannot send a constant anyway/);
    assert.deepEqual(findings[2]!.fixes, []);
  });

  test(`SAG602 near misses: placeholders, URLs, aliases, short words, ids, generated benchmark values (${runtime})`, () => {
    const text = json({
      authorizer: { type: 'auth0', domain: 'tenant.auth0.com', client_id: 'abc', client_secret: '$secret.AUTH0_CLIENT_SECRET', redirect_uri: 'https://a.example.com/cb', jwks_uri: 'https://tenant.auth0.com/.well-known/jwks.json', scope: 'openid' },
      variables: {
        api_key: 'KEY_123',
        global_variable: 'global_variable_value',
        upstream: 'https://api.example.com/v1?key=abcdef0123456789abcdef',
        tenant_id: '550e8400-e29b-41d4-a716-446655440000',
        banner: 'HelloWorldFromTheGateway2024',
        host: 'api.v2.example.com',
        secret_ref: '$env.UPSTREAM_SECRET',
      },
      paths: [{ method: 'GET', path: '/x', mapping: { headers: { 'x-user': '$request.jwt.sub' }, query: { v: '$config.api_key' } } }],
    });
    assert.deepEqual(run('SAG602', text, runtime), []);
  });

  test(`SAG603 when $secrets.X is a plaintext [vars] entry, per environment, with a fix that deletes the line (${runtime})`, () => {
    const text = json({ authorizer: jwt('$secrets.JWT_SECRET'), paths: [] });
    const wrangler = 'name = "gw"\n\n[vars]\n# signing key\nJWT_SECRET = "s3cr3t" # do not commit\nMODE = "prod"\n\n[env.staging]\n[env.staging.vars]\nMODE = "staging"\n';
    const findings = run('SAG603', text, runtime, { [WRANGLER]: wrangler });
    const finding = assertOneAt(findings, CONFIG, text, '"$secrets.JWT_SECRET"');
    assert.equal(finding.env, '');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.related[0]!.range.start, { line: 4, character: 0 });
    assert.equal(finding.fixes[0]!.command, 'wrangler secret put JWT_SECRET');
    assert.equal(applyFix(wrangler, WRANGLER, finding), 'name = "gw"\n\n[vars]\n# signing key\nMODE = "prod"\n\n[env.staging]\n[env.staging.vars]\nMODE = "staging"\n');
  });

  test(`SAG603 names --env for a named environment and edits wrangler.json without losing the rest (${runtime})`, () => {
    const text = json({ authorizer: jwt('$secret.JWT_SECRET'), paths: [] });
    const wranglerJson = '{\n  // gateway\n  "name": "gw",\n  "env": { "prod": { "vars": { "JWT_SECRET": "x", "A": "b" } } }\n}\n';
    const findings = run('SAG603', text, runtime, { '/gw/wrangler.jsonc': wranglerJson });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.env, 'prod');
    assert.equal(findings[0]!.fixes[0]!.command, 'wrangler secret put JWT_SECRET --env prod');
    const fixed = applyFix(wranglerJson, '/gw/wrangler.jsonc', findings[0]!);
    assert.match(fixed, /\/\/ gateway/);
    assert.doesNotMatch(fixed, /JWT_SECRET/);
    assert.match(fixed, /"A": "b"/);
  });

  test(`SAG603 near miss: the secret lives only in .dev.vars, or the var is read with $env (${runtime})`, () => {
    const wrangler = 'name = "gw"\n[vars]\nISSUER = "https://auth.example.com/"\n';
    const files = { [WRANGLER]: wrangler, '/gw/.dev.vars': 'JWT_SECRET=local\n' };
    assert.deepEqual(run('SAG603', json({ authorizer: { ...jwt('$secrets.JWT_SECRET'), issuer: '$env.ISSUER' }, paths: [] }), runtime, files), []);
  });
}
