// createAuthorizer refuses unusable authorizers with an actionable { error } and never throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auth0IntegrationConfigError, createAuthorizer } from '../../../shared-runtime/src/auth/index';

function errorOf(config: unknown): string {
  const built = createAuthorizer(config);
  assert.ok('error' in built, `expected a config error for ${JSON.stringify(config)}`);
  return built.error;
}

const RSA_JWKS = JSON.stringify({ keys: [{ kty: 'RSA', n: 'sXch', e: 'AQAB', kid: 'k1' }] });

test('builds each supported type', () => {
  for (const config of [
    { type: 'jwt', secret: 's3cret' },
    { type: 'jwt', secret: 's3cret', algorithm: 'HS512', issuer: 'i', audience: 'a' },
    { type: 'auth0', domain: 'tenant.eu.auth0.com', jwks_uri: 'https://tenant.eu.auth0.com/.well-known/jwks.json' },
    { type: 'auth0', domain: 'tenant.eu.auth0.com', jwks: RSA_JWKS, audience: 'https://api' },
    { type: 'supabase', jwt_secret: 'sb-secret', issuer: '', audience: 'authenticated' },
  ]) {
    const built = createAuthorizer(config);
    assert.ok(!('error' in built), JSON.stringify(built));
    assert.equal(built.type, config.type);
  }
});

test('non-object authorizers are refused', () => {
  for (const config of [undefined, null, 'jwt', 42, [], [{ type: 'jwt' }]]) {
    assert.match(errorOf(config), /authorizer must be an object/);
  }
});

test('unknown or missing type names the supported types', () => {
  assert.equal(errorOf({ type: 'oauth2' }), 'authorizer.type is "oauth2"; supported types: jwt, auth0, supabase.');
  assert.equal(errorOf({ secret: 'x' }), 'authorizer.type is missing; supported types: jwt, auth0, supabase.');
  assert.equal(errorOf({ type: 7 }), 'authorizer.type is not a string; supported types: jwt, auth0, supabase.');
});

test('jwt without a usable secret is refused with the fix', () => {
  for (const secret of [undefined, null, '']) {
    assert.match(errorOf({ type: 'jwt', secret }), /^authorizer\.secret is required for an authorizer of type "jwt" but is missing or empty; set "secret": "\$secret\.JWT_SECRET"/);
  }
  assert.match(errorOf({ type: 'jwt', secret: { from: 'kv' } }), /^authorizer\.secret \(type jwt\) must be a string, got a object/);
});

test('jwt algorithm outside HS256/HS384/HS512 is refused', () => {
  assert.match(errorOf({ type: 'jwt', secret: 's', algorithm: 'RS256' }), /^authorizer\.algorithm "RS256" is not supported for type "jwt" \(supported: HS256, HS384, HS512\)/);
  assert.match(errorOf({ type: 'jwt', secret: 's', algorithm: 'none' }), /"none" is not supported/);
  assert.match(errorOf({ type: 'jwt', secret: 's', algorithm: 'hs256' }), /"hs256" is not supported/);
});

test('jwt issuer/audience of a non-string type are refused', () => {
  assert.match(errorOf({ type: 'jwt', secret: 's', audience: ['a', 'b'] }), /authorizer\.audience \(type jwt\) must be a string, got an array/);
});

test('auth0 without a domain, or with a domain that smuggles a path or credentials, is refused', () => {
  assert.match(errorOf({ type: 'auth0', jwks_uri: 'https://t/.well-known/jwks.json' }), /^authorizer\.domain is required/);
  for (const domain of ['evil.com/x', 'user@tenant.auth0.com', 'tenant.auth0.com?x=1', 'ten ant.auth0.com', 'https://tenant.auth0.com/path', 'http://tenant.auth0.com', 'ftp://tenant.auth0.com']) {
    assert.match(errorOf({ type: 'auth0', domain, jwks_uri: 'https://t.example/jwks.json' }), /^authorizer\.domain /, domain);
  }
});

test('auth0 without jwks and jwks_uri is refused and suggests the tenant JWKS URL', () => {
  assert.equal(
    errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks: '', jwks_uri: '' }),
    'authorizer of type "auth0" needs "jwks_uri" (usually "https://tenant.auth0.com/.well-known/jwks.json") or an inline "jwks"; both are missing or empty.',
  );
});

test('auth0 inline jwks that is not JSON, or not a key set, is refused', () => {
  assert.match(errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks: '{"keys": [' }), /^authorizer\.jwks is not valid JSON/);
  assert.match(errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks: '{"nokeys": true}' }), /^authorizer\.jwks is not a JSON Web Key Set/);
  assert.match(errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks: '[1,2]' }), /^authorizer\.jwks is not a JSON Web Key Set/);
});

test('auth0 jwks_uri must be https (http only on loopback)', () => {
  assert.match(errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks_uri: 'http://tenant.auth0.com/jwks' }), /^authorizer\.jwks_uri must use https:\/\//);
  assert.match(errorOf({ type: 'auth0', domain: 'tenant.auth0.com', jwks_uri: 'not a url' }), /^authorizer\.jwks_uri is not an absolute URL/);
  assert.ok(!('error' in createAuthorizer({ type: 'auth0', domain: '127.0.0.1:9', jwks_uri: 'http://127.0.0.1:9/jwks' })));
});

test('supabase without jwt_secret is refused with the dashboard hint', () => {
  assert.match(errorOf({ type: 'supabase', issuer: 'x' }), /^authorizer\.jwt_secret is required for an authorizer of type "supabase".*JWT secret/);
});

test('config errors never echo secret values', () => {
  const secret = 'TOP-SECRET-VALUE';
  for (const config of [
    { type: 'jwt', secret, algorithm: 'RS256' },
    { type: 'auth0', domain: 'tenant.auth0.com', client_secret: secret },
    { type: 'supabase', jwt_secret: '', audience: secret.length },
  ]) {
    const built = createAuthorizer(config);
    if ('error' in built) assert.ok(!built.error.includes(secret), built.error);
  }
});

test('never throws, whatever the authorizer object holds', () => {
  const field = fc.oneof(fc.constant(undefined), fc.string(), fc.anything());
  fc.assert(
    fc.property(
      fc.record({ type: fc.oneof(fc.constantFrom('jwt', 'auth0', 'supabase'), fc.anything()), secret: field, jwt_secret: field, domain: field, jwks: field, jwks_uri: field, algorithm: field, issuer: field, audience: field }),
      (config) => {
        const built = createAuthorizer(config);
        assert.ok('error' in built ? typeof built.error === 'string' : typeof built.verify === 'function');
      },
    ),
    { numRuns: 500 },
  );
});

test('auth0IntegrationConfigError names what each auth0_* route needs, and never throws on unknown types', () => {
  const base = { type: 'auth0', domain: 'tenant.auth0.com', jwks_uri: 'https://tenant.auth0.com/.well-known/jwks.json' };
  assert.equal(
    auth0IntegrationConfigError('auth0_callback', base),
    'integration "auth0_callback" needs authorizer.client_id, authorizer.client_secret, authorizer.redirect_uri; add them to the auth0 authorizer (secrets as "$secret.NAME").',
  );
  assert.equal(auth0IntegrationConfigError('auth0_userinfo', base), null);
  assert.equal(auth0IntegrationConfigError('auth0_refresh', { ...base, client_id: 'c', client_secret: 's' }), null);
  assert.match(auth0IntegrationConfigError('auth0_userinfo', { type: 'jwt', secret: 's' })!, /needs an authorizer of type "auth0"/);
  assert.match(auth0IntegrationConfigError('auth0_logout' as 'auth0_userinfo', base)!, /"auth0_logout" is not an auth0 integration/);
});
