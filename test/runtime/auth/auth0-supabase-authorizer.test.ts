// The auth0 authorizer (inline and remote JWKS served by a real local server) and the supabase authorizer.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer, type Authorizer } from '../../../shared-runtime/src/auth/index';
import { closedPortHost, startFakeServer, type FakeServer } from './fake-server';
import { bearerRequest, hmacToken, jsonOf, now, rsaSigner, type RsaSigner } from './tokens';

let signer: RsaSigner;
let jwksServer: FakeServer;

before(async () => {
  signer = await rsaSigner();
  jwksServer = await startFakeServer({ '/.well-known/jwks.json': () => ({ json: signer.jwks }) });
});
after(() => jwksServer.close());

function build(config: Record<string, unknown>): Authorizer {
  const built = createAuthorizer(config);
  assert.ok(!('error' in built), JSON.stringify(built));
  return built;
}

async function rejection(authorizer: Authorizer, token: string): Promise<{ status: number; code: string; www: string | null }> {
  const result = await authorizer.verify(bearerRequest(token));
  assert.equal(result.ok, false);
  if (result.ok) throw new Error('unreachable');
  const body = (await jsonOf(result.response)) as { code: string };
  return { status: result.response.status, code: body.code, www: result.response.headers.get('WWW-Authenticate') };
}

const tenantClaims = (issuer: string) => ({ sub: 'auth0|42', iss: issuer, aud: 'https://api.example', exp: now() + 300 });

test('auth0 with an inline jwks string verifies an RS256 token issued by https://<domain>/', async () => {
  const authorizer = build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks: JSON.stringify(signer.jwks) });
  const result = await authorizer.verify(bearerRequest(await signer.sign(tenantClaims('https://tenant.eu.auth0.com/'))));
  assert.equal(result.ok, true);
  if (result.ok) assert.equal(result.payload.sub, 'auth0|42');
});

test('auth0 domain given as an https origin means the same issuer', async () => {
  const authorizer = build({ type: 'auth0', domain: 'https://tenant.eu.auth0.com/', jwks: JSON.stringify(signer.jwks) });
  assert.equal((await authorizer.verify(bearerRequest(await signer.sign(tenantClaims('https://tenant.eu.auth0.com/'))))).ok, true);
});

test('auth0 refuses a token from another issuer', async () => {
  const authorizer = build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks: JSON.stringify(signer.jwks) });
  const token = await signer.sign(tenantClaims('https://other.eu.auth0.com/'));
  assert.deepEqual(await rejection(authorizer, token), { status: 401, code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', www: 'Bearer error="invalid_token"' });
});

test('auth0 audience is checked only when configured (bundled runtime extension)', async () => {
  const token = await signer.sign(tenantClaims('https://tenant.eu.auth0.com/'));
  const jwks = JSON.stringify(signer.jwks);
  assert.equal((await build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks }).verify(bearerRequest(token))).ok, true);
  assert.equal((await build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks, audience: 'https://api.example' }).verify(bearerRequest(token))).ok, true);
  const other = await rejection(build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks, audience: 'https://other-api' }), token);
  assert.equal(other.code, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
});

test('auth0 refuses HMAC tokens even when the key set holds an oct key (no algorithm confusion)', async () => {
  const octSecret = 'shared-oct-secret-shared-oct-secret';
  const jwks = JSON.stringify({ keys: [{ kty: 'oct', k: Buffer.from(octSecret).toString('base64url'), alg: 'HS256' }] });
  const authorizer = build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks });
  const token = await hmacToken(octSecret, tenantClaims('https://tenant.eu.auth0.com/'));
  assert.equal((await rejection(authorizer, token)).code, 'ERR_JOSE_ALG_NOT_ALLOWED');
});

test('auth0 token whose kid is not in the key set gives ERR_JWKS_NO_MATCHING_KEY', async () => {
  const other = await rsaSigner('other-key');
  const authorizer = build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks: JSON.stringify(signer.jwks) });
  const token = await other.sign(tenantClaims('https://tenant.eu.auth0.com/'));
  assert.equal((await rejection(authorizer, token)).code, 'ERR_JWKS_NO_MATCHING_KEY');
});

test('auth0 token signed by a different key with the same kid fails the signature check', async () => {
  const impostor = await rsaSigner('test-key-1');
  const authorizer = build({ type: 'auth0', domain: 'tenant.eu.auth0.com', jwks: JSON.stringify(signer.jwks) });
  const token = await impostor.sign(tenantClaims('https://tenant.eu.auth0.com/'));
  assert.equal((await rejection(authorizer, token)).code, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
});

test('auth0 remote jwks_uri (real local server) is fetched once and cached across verifications and recompiles', async () => {
  const config = { type: 'auth0', domain: jwksServer.host, jwks_uri: `${jwksServer.origin}/.well-known/jwks.json` };
  const issuer = `${jwksServer.origin}/`;
  const token = await signer.sign(tenantClaims(issuer));
  const before = jwksServer.requests.length;
  for (let i = 0; i < 3; i++) {
    const result = await build(config).verify(bearerRequest(token));
    assert.equal(result.ok, true);
  }
  assert.equal(jwksServer.requests.length - before, 1);
  assert.equal(jwksServer.requests.at(-1)!.path, '/.well-known/jwks.json');
});

test('auth0 with an unreachable jwks_uri answers 503 JWKS_UNAVAILABLE, not 401', async () => {
  const host = await closedPortHost();
  const authorizer = build({ type: 'auth0', domain: host, jwks_uri: `http://${host}/.well-known/jwks.json` });
  const token = await signer.sign(tenantClaims(`http://${host}/`));
  const result = await rejection(authorizer, token);
  assert.deepEqual(result, { status: 503, code: 'JWKS_UNAVAILABLE', www: null });
});

test('auth0 with a jwks_uri that answers 500 also gives 503', async () => {
  const broken = await startFakeServer({ '/jwks': () => ({ status: 500, json: { error: 'boom' } }) });
  try {
    const authorizer = build({ type: 'auth0', domain: broken.host, jwks_uri: `${broken.origin}/jwks` });
    const result = await rejection(authorizer, await signer.sign(tenantClaims(`${broken.origin}/`)));
    assert.equal(result.status, 503);
  } finally {
    await broken.close();
  }
});

const SB_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const sbClaims = () => ({ sub: 'uuid-1', role: 'authenticated', aud: 'authenticated', iss: 'https://ref.supabase.co/auth/v1', exp: now() + 300 });

test('supabase verifies an HS256 token with the jwt_secret and checks issuer/audience when set', async () => {
  const authorizer = build({ type: 'supabase', jwt_secret: SB_SECRET, issuer: 'https://ref.supabase.co/auth/v1', audience: 'authenticated' });
  const result = await authorizer.verify(bearerRequest(await hmacToken(SB_SECRET, sbClaims())));
  assert.equal(result.ok, true);
  const wrongAud = await hmacToken(SB_SECRET, { ...sbClaims(), aud: 'anon' });
  assert.deepEqual(await rejection(authorizer, wrongAud), { status: 401, code: 'JWT_INVALID', www: 'Bearer error="invalid_token"' });
});

test('supabase keeps the upstream codes JWT_EXPIRED, JWT_NOT_ACTIVE and JWT_INVALID', async () => {
  const authorizer = build({ type: 'supabase', jwt_secret: SB_SECRET });
  assert.equal((await rejection(authorizer, await hmacToken(SB_SECRET, { ...sbClaims(), exp: now() - 600 }))).code, 'JWT_EXPIRED');
  assert.equal((await rejection(authorizer, await hmacToken(SB_SECRET, { ...sbClaims(), nbf: now() + 600 }))).code, 'JWT_NOT_ACTIVE');
  assert.equal((await rejection(authorizer, await hmacToken('wrong-secret-wrong-secret-wrong', sbClaims()))).code, 'JWT_INVALID');
  assert.equal((await rejection(authorizer, await hmacToken(SB_SECRET, sbClaims(), 'HS512'))).code, 'JWT_INVALID');
});

test('supabase missing token is the shared AUTH_ERROR', async () => {
  const authorizer = build({ type: 'supabase', jwt_secret: SB_SECRET });
  const result = await authorizer.verify(new Request('https://gw.example/x'));
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(await jsonOf(result.response), { error: 'No token provided or token format is invalid.', code: 'AUTH_ERROR' });
});
