import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFixture } from '../../support/engine';

const config = (jwksUri: string) =>
  JSON.stringify(
    {
      authorizer: { type: 'auth0', domain: 'tenant.eu.auth0.com', client_id: 'abc', client_secret: '$secrets.AUTH0_SECRET', redirect_uri: 'https://app.example.com/callback', jwks_uri: jwksUri, scope: 'openid' },
      paths: [{ method: 'GET', path: '/me', auth: true, integration: { type: 'auth0_userinfo' } }],
    },
    null,
    2,
  );

for (const runtime of ['bundled', 'upstream'] as const) {
  test(`an $env placeholder in a uri field is not a format error (${runtime})`, () => {
    const files = { '/gw/api-config.json': config('$env.JWKS_URI'), '/gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\n[vars]\nJWKS_URI = "https://tenant.eu.auth0.com/.well-known/jwks.json"\n' };
    const codes = checkFixture(files, { runtime }).map((f) => f.code);
    assert.ok(!codes.includes('SAG112'), codes.join(' '));
  });

  test(`a literal that is not a uri is still reported (${runtime})`, () => {
    const files = { '/gw/api-config.json': config('not a uri'), '/gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\n' };
    const finding = checkFixture(files, { runtime }).find((f) => f.code === 'SAG112' || f.code === 'SAG111' || f.pointer === '/authorizer/jwks_uri');
    assert.ok(finding, 'expected a finding on jwks_uri');
    assert.equal(finding.pointer, '/authorizer/jwks_uri');
  });
}
