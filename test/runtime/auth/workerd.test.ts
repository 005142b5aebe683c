// The auth module inside real workerd (Miniflare): Web APIs only, remote JWKS and Supabase over fetch to 127.0.0.1.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { startFakeServer, type FakeServer } from './fake-server';
import { hmacToken, now, rsaSigner, unsecuredToken, type RsaSigner } from './tokens';

let mf: Miniflare;
let fake: FakeServer;
let signer: RsaSigner;
const SECRET = 'workerd-secret-workerd-secret-0123';

before(async () => {
  signer = await rsaSigner();
  fake = await startFakeServer({
    '/.well-known/jwks.json': () => ({ json: signer.jwks }),
    '/auth/v1/otp': () => ({ json: {} }),
  });
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('./workerd-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    write: false,
  });
  mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2025-01-01',
    bindings: { JWT_SECRET: SECRET, TENANT_HOST: fake.host, SUPABASE_URL: fake.origin, SUPABASE_SERVICE_ROLE_KEY: 'srk' },
  });
  await mf.ready;
});
after(async () => {
  await mf?.dispose();
  await fake?.close();
});

async function call(path: string, init: { headers?: Record<string, string>; method?: string; body?: string } = {}) {
  const response = await mf.dispatchFetch(`http://gateway.test${path}`, { ...init, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

test('workerd: HS256 token verifies; HS512 and alg none are refused with 401 and WWW-Authenticate', async () => {
  const ok = await call('/jwt', { headers: { Authorization: `Bearer ${await hmacToken(SECRET, { sub: 'w1', exp: now() + 60 })}` } });
  assert.equal(ok.status, 200);
  assert.equal(JSON.parse(ok.text).sub, 'w1');
  const hs512 = await call('/jwt', { headers: { Authorization: `Bearer ${await hmacToken(SECRET, { sub: 'w1' }, 'HS512')}` } });
  assert.equal(hs512.status, 401);
  assert.equal(JSON.parse(hs512.text).code, 'ERR_JOSE_ALG_NOT_ALLOWED');
  assert.equal(hs512.headers.get('WWW-Authenticate'), 'Bearer error="invalid_token"');
  const none = await call('/jwt', { headers: { Authorization: `Bearer ${unsecuredToken({ sub: 'w1' })}` } });
  assert.equal(none.status, 401);
});

test('workerd: auth0 remote JWKS is fetched from the local server once per isolate', async () => {
  const token = await signer.sign({ sub: 'auth0|w', iss: `${fake.origin}/`, exp: now() + 60 });
  const before = fake.requests.filter((request) => request.path === '/.well-known/jwks.json').length;
  for (let i = 0; i < 3; i++) {
    const response = await call('/auth0', { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200, response.text);
  }
  assert.equal(fake.requests.filter((request) => request.path === '/.well-known/jwks.json').length - before, 1);
});

test('workerd: login redirect is URL-encoded and sets the state cookie', async () => {
  const response = await call('/login');
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('Location')!);
  assert.equal(location.searchParams.get('scope'), 'openid profile');
  assert.match(response.headers.get('Set-Cookie')!, /^sag_auth_state=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/);
});

test('workerd: supabase OTP goes out through fetch with the service-role headers', async () => {
  const response = await call('/otp', { method: 'POST', body: JSON.stringify({ email: 'w@example.com' }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(response.status, 200, response.text);
  const otp = fake.requests.find((request) => request.path === '/auth/v1/otp')!;
  assert.equal(otp.headers.apikey, 'srk');
  assert.deepEqual(JSON.parse(otp.body), { email: 'w@example.com', create_user: true });
});
