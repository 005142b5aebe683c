// The `jwt` authorizer against real jose-signed tokens: algorithm pinning, claims, tolerance, hostile headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer, type Authorizer } from '../../../shared-runtime/src/auth/index';
import { bearerRequest, hmacToken, jsonOf, now, rsaSigner, unsecuredToken } from './tokens';

const SECRET = 'a-test-secret-with-enough-length-0123456789';

function jwtAuthorizer(extra: Record<string, unknown> = {}): Authorizer {
  const built = createAuthorizer({ type: 'jwt', secret: SECRET, issuer: 'https://issuer.test/', audience: 'api://gateway', ...extra });
  assert.ok(!('error' in built), 'authorizer should build');
  return built;
}

const goodClaims = () => ({ sub: 'user-1', iss: 'https://issuer.test/', aud: 'api://gateway', exp: now() + 300 });

async function expectRejected(authorizer: Authorizer, request: Request, code: string, wwwAuthenticate = 'Bearer error="invalid_token"') {
  const result = await authorizer.verify(request);
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.response.status, 401);
  assert.equal(result.response.headers.get('WWW-Authenticate'), wwwAuthenticate);
  assert.equal(result.response.headers.get('Content-Type'), 'application/json');
  const body = (await jsonOf(result.response)) as { error: string; code: string };
  assert.equal(body.code, code);
  assert.equal(typeof body.error, 'string');
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error']);
  return body;
}

test('HS256 token with matching issuer and audience verifies and yields its payload', async () => {
  const result = await jwtAuthorizer().verify(bearerRequest(await hmacToken(SECRET, goodClaims())));
  assert.equal(result.ok, true);
  if (result.ok) assert.equal(result.payload.sub, 'user-1');
});

for (const alg of ['HS384', 'HS512'] as const) {
  test(`${alg} token verifies when the config pins ${alg}`, async () => {
    const result = await jwtAuthorizer({ algorithm: alg }).verify(bearerRequest(await hmacToken(SECRET, goodClaims(), alg)));
    assert.equal(result.ok, true);
  });
}

test('HS512 token against the default (HS256) config is refused: the algorithm is pinned', async () => {
  const token = await hmacToken(SECRET, goodClaims(), 'HS512');
  await expectRejected(jwtAuthorizer(), bearerRequest(token), 'ERR_JOSE_ALG_NOT_ALLOWED');
  await expectRejected(jwtAuthorizer({ algorithm: 'HS256' }), bearerRequest(token), 'ERR_JOSE_ALG_NOT_ALLOWED');
});

test('HS256 token against an HS384 config is refused', async () => {
  const token = await hmacToken(SECRET, goodClaims(), 'HS256');
  await expectRejected(jwtAuthorizer({ algorithm: 'HS384' }), bearerRequest(token), 'ERR_JOSE_ALG_NOT_ALLOWED');
});

test('alg "none" token is refused', async () => {
  await expectRejected(jwtAuthorizer(), bearerRequest(unsecuredToken(goodClaims())), 'ERR_JOSE_ALG_NOT_ALLOWED');
});

test('RS256 token is refused by an HMAC authorizer', async () => {
  const signer = await rsaSigner();
  await expectRejected(jwtAuthorizer(), bearerRequest(await signer.sign(goodClaims())), 'ERR_JOSE_ALG_NOT_ALLOWED');
});

test('token signed with another secret fails signature verification', async () => {
  const token = await hmacToken('another-secret-another-secret-another', goodClaims());
  const body = await expectRejected(jwtAuthorizer(), bearerRequest(token), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  assert.ok(!body!.error.includes(SECRET));
});

test('expired token (beyond the 30 s tolerance) gives ERR_JWT_EXPIRED', async () => {
  const token = await hmacToken(SECRET, { ...goodClaims(), exp: now() - 120 });
  const body = await expectRejected(jwtAuthorizer(), bearerRequest(token), 'ERR_JWT_EXPIRED');
  assert.equal(body!.error, 'Token has expired.');
});

test('token expired 10 s ago is still accepted (30 s clock tolerance)', async () => {
  const token = await hmacToken(SECRET, { ...goodClaims(), exp: now() - 10 });
  assert.equal((await jwtAuthorizer().verify(bearerRequest(token))).ok, true);
});

test('nbf two minutes ahead is refused; nbf 10 s ahead is tolerated', async () => {
  const future = await hmacToken(SECRET, { ...goodClaims(), nbf: now() + 120 });
  const body = await expectRejected(jwtAuthorizer(), bearerRequest(future), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  assert.equal(body!.error, 'Token is not active yet (nbf).');
  const nearly = await hmacToken(SECRET, { ...goodClaims(), nbf: now() + 10 });
  assert.equal((await jwtAuthorizer().verify(bearerRequest(nearly))).ok, true);
});

test('wrong issuer and wrong audience are refused with the claim named', async () => {
  const badIss = await hmacToken(SECRET, { ...goodClaims(), iss: 'https://evil.test/' });
  const iss = await expectRejected(jwtAuthorizer(), bearerRequest(badIss), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  assert.equal(iss!.error, 'Token issuer (iss) is not accepted.');
  const badAud = await hmacToken(SECRET, { ...goodClaims(), aud: 'api://other' });
  const aud = await expectRejected(jwtAuthorizer(), bearerRequest(badAud), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  assert.equal(aud!.error, 'Token audience (aud) is not accepted.');
});

test('empty issuer/audience (e.g. an unset $env) skip those checks, as upstream', async () => {
  const authorizer = jwtAuthorizer({ issuer: '', audience: '' });
  const token = await hmacToken(SECRET, { sub: 'x', iss: 'anyone', aud: 'anything' });
  assert.equal((await authorizer.verify(bearerRequest(token))).ok, true);
});

test('a token without exp is accepted (upstream semantics)', async () => {
  const token = await hmacToken(SECRET, { sub: 'x', iss: 'https://issuer.test/', aud: 'api://gateway' });
  assert.equal((await jwtAuthorizer().verify(bearerRequest(token))).ok, true);
});

test('missing Authorization header answers AUTH_ERROR with a bare Bearer challenge', async () => {
  const body = await expectRejected(jwtAuthorizer(), bearerRequest(undefined), 'AUTH_ERROR', 'Bearer');
  assert.equal(body!.error, 'No token provided or token format is invalid.');
});

for (const header of ['', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'Bearer "quoted"', 'Token abc.def.ghi', 'Bearer\tabc.def.ghi', 'Bearer abc,def']) {
  test(`malformed Authorization header ${JSON.stringify(header)} answers 401 AUTH_ERROR`, async () => {
    const request = new Request('https://gw.example/x', { headers: { Authorization: header } });
    await expectRejected(jwtAuthorizer(), request, 'AUTH_ERROR', 'Bearer');
  });
}

test('scheme is case-insensitive ("bearer")', async () => {
  const request = new Request('https://gw.example/x', { headers: { Authorization: `bearer ${await hmacToken(SECRET, goodClaims())}` } });
  assert.equal((await jwtAuthorizer().verify(request)).ok, true);
});

for (const garbage of ['abc', 'a.b.c', 'a.b', '....', 'eyJhbGciOiJIUzI1NiJ9.e30', 'eyJhbGciOiJIUzI1NiJ9.!!!.sig']) {
  test(`garbage token ${JSON.stringify(garbage)} is refused with a 401`, async () => {
    const result = await jwtAuthorizer().verify(new Request('https://gw.example/x', { headers: { Authorization: `Bearer ${garbage}` } }));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.response.status, 401);
      const body = (await jsonOf(result.response)) as { code: string };
      assert.ok(['AUTH_ERROR', 'ERR_JWS_INVALID', 'ERR_JWT_INVALID'].includes(body.code), body.code);
    }
  });
}

test('a huge token (100 KiB) is refused before parsing', async () => {
  const huge = `${'a'.repeat(50_000)}.${'b'.repeat(50_000)}.c`;
  const body = await expectRejected(jwtAuthorizer(), bearerRequest(huge), 'AUTH_ERROR');
  assert.match(body!.error, /too large/);
});

test('a valid signature over a huge payload just under the limit still verifies', async () => {
  const token = await hmacToken(SECRET, { ...goodClaims(), pad: 'x'.repeat(10_000) });
  assert.ok(token.length < 16 * 1024);
  assert.equal((await jwtAuthorizer().verify(bearerRequest(token))).ok, true);
});

test('the HMAC key is imported once per authorizer, then reused (also under concurrency)', async () => {
  const subtle = crypto.subtle as SubtleCrypto & { importKey: SubtleCrypto['importKey'] };
  const original = subtle.importKey;
  let imports = 0;
  subtle.importKey = ((...args: Parameters<SubtleCrypto['importKey']>) => {
    imports++;
    return (original as (...a: unknown[]) => Promise<CryptoKey>).apply(subtle, args);
  }) as SubtleCrypto['importKey'];
  try {
    const authorizer = jwtAuthorizer();
    const token = await hmacToken(SECRET, goodClaims());
    imports = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => authorizer.verify(bearerRequest(token))));
    await authorizer.verify(bearerRequest(token));
    assert.ok(results.every((result) => result.ok));
    assert.equal(imports, 1);
  } finally {
    subtle.importKey = original;
  }
});
