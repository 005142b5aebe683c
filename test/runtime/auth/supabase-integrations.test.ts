// supabase_passwordless_* against a fake Supabase Auth (GoTrue) server on 127.0.0.1: requests sent and answers.
import { test, after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { handleSupabase } from '../../../shared-runtime/src/integrations/supabase';
import { closedPortHost, startFakeServer, type FakeServer } from './fake-server';
import { jsonOf } from './tokens';

const KEY = 'SERVICE-ROLE-KEY-VALUE';
let gotrue: FakeServer;
let env: Record<string, unknown>;

before(async () => {
  gotrue = await startFakeServer();
  env = { SUPABASE_URL: `${gotrue.origin}/`, SUPABASE_SERVICE_ROLE_KEY: KEY };
});
after(() => gotrue.close());
beforeEach(() => {
  gotrue.requests.length = 0;
  gotrue.routes.clear();
});

function post(body: unknown): Request {
  return new Request('https://gw.example/auth/otp', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await jsonOf(response)) as Record<string, unknown>;
}

const sent = () => gotrue.requests.map((request) => ({ method: request.method, path: request.path, body: JSON.parse(request.body || 'null') as unknown }));

test('missing SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY answers 500 SUPABASE_ENV_MISSING naming only the variables', async () => {
  const response = await handleSupabase('supabase_passwordless_auth', post({ email: 'a@b.co' }), { SUPABASE_URL: '', SUPABASE_SERVICE_ROLE_KEY: KEY });
  assert.equal(response.status, 500);
  assert.deepEqual(await body(response), { error: 'Supabase is not configured: SUPABASE_URL is not set.', code: 'SUPABASE_ENV_MISSING' });
  const both = await handleSupabase('supabase_passwordless_verify', post({}), {});
  assert.deepEqual(await body(both), { error: 'Supabase is not configured: SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are not set.', code: 'SUPABASE_ENV_MISSING' });
});

test('a plain-http SUPABASE_URL outside loopback is refused (the service-role key would travel in clear)', async () => {
  const response = await handleSupabase('supabase_passwordless_auth', post({ email: 'a@b.co' }), { SUPABASE_URL: 'http://ref.supabase.co', SUPABASE_SERVICE_ROLE_KEY: KEY });
  assert.equal(response.status, 500);
  const answer = await body(response);
  assert.equal(answer.code, 'SUPABASE_ENV_INVALID');
  assert.ok(!JSON.stringify(answer).includes(KEY));
});

for (const [label, raw] of [['truncated JSON', '{"email": "a@'], ['not JSON', 'email=a@b.co'], ['a JSON array', '["a@b.co"]'], ['a JSON string', '"a@b.co"']] as const) {
  test(`a body that is ${label} answers 400 INVALID_JSON, not 500`, async () => {
    const response = await handleSupabase('supabase_passwordless_auth', post(raw), env);
    assert.equal(response.status, 400);
    assert.equal((await body(response)).code, 'INVALID_JSON');
    assert.equal(gotrue.requests.length, 0);
  });
}

test('an empty body answers 400 EMPTY_BODY and an oversized one 413', async () => {
  const empty = await handleSupabase('supabase_passwordless_auth', new Request('https://gw.example/x', { method: 'POST' }), env);
  assert.equal(empty.status, 400);
  assert.equal((await body(empty)).code, 'EMPTY_BODY');
  const huge = await handleSupabase('supabase_passwordless_auth', post({ email: 'a@b.co', pad: 'x'.repeat(100_000) }), env);
  assert.equal(huge.status, 413);
  assert.equal((await body(huge)).code, 'BODY_TOO_LARGE');
});

test('missing or ill-typed fields answer 400 MISSING_FIELDS / INVALID_FIELD', async () => {
  const cases: [string, unknown, string][] = [
    ['supabase_passwordless_auth', {}, 'MISSING_FIELDS'],
    ['supabase_passwordless_auth', { email: 42 }, 'MISSING_FIELDS'],
    ['supabase_passwordless_auth', { email: '   ' }, 'MISSING_FIELDS'],
    ['supabase_passwordless_auth', { email: 'not-an-email' }, 'INVALID_FIELD'],
    ['supabase_passwordless_auth', { phone: 'call me' }, 'INVALID_FIELD'],
    ['supabase_passwordless_verify', { email: 'a@b.co' }, 'MISSING_FIELDS'],
    ['supabase_passwordless_verify', { token: '123456' }, 'MISSING_FIELDS'],
    ['supabase_passwordless_auth_alt', { phone: '+4915112345678' }, 'MISSING_FIELDS'],
  ];
  for (const [type, payload, code] of cases) {
    const response = await handleSupabase(type as 'supabase_passwordless_auth', post(payload), env);
    assert.equal(response.status, 400, `${type} ${JSON.stringify(payload)}`);
    assert.equal((await body(response)).code, code, `${type} ${JSON.stringify(payload)}`);
  }
  assert.equal(gotrue.requests.length, 0);
});

test('email OTP: POST /auth/v1/otp with apikey and Bearer service-role headers', async () => {
  gotrue.routes.set('/auth/v1/otp', () => ({ json: {} }));
  const response = await handleSupabase('supabase_passwordless_auth', post({ email: ' user@example.com ' }), env);
  assert.equal(response.status, 200);
  assert.deepEqual(await body(response), { message: 'Verification code sent.', channel: 'email' });
  assert.deepEqual(sent(), [{ method: 'POST', path: '/auth/v1/otp', body: { email: 'user@example.com', create_user: true } }]);
  const headers = gotrue.requests[0]!.headers;
  assert.equal(headers.apikey, KEY);
  assert.equal(headers.authorization, `Bearer ${KEY}`);
  assert.equal(headers['content-type'], 'application/json');
});

test('email OTP failure falls back to an admin magic link, which is never returned to the caller', async () => {
  gotrue.routes.set('/auth/v1/otp', () => ({ status: 500, json: { msg: 'Error sending magic link' } }));
  gotrue.routes.set('/auth/v1/admin/generate_link', () => ({ json: { action_link: 'https://ref.supabase.co/auth/v1/verify?token=SECRET-LINK', email_otp: '999999' } }));
  const response = await handleSupabase('supabase_passwordless_auth', post({ email: 'user@example.com' }), env);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.deepEqual(JSON.parse(text), { message: 'Magic link generated.', channel: 'email', method: 'magiclink' });
  assert.ok(!text.includes('SECRET-LINK') && !text.includes('999999'));
  assert.deepEqual(sent().map((request) => request.path), ['/auth/v1/otp', '/auth/v1/admin/generate_link']);
  assert.deepEqual(sent()[1]!.body, { type: 'magiclink', email: 'user@example.com' });
});

test('phone OTP failure passes the Supabase status through (no magic-link fallback for phones)', async () => {
  gotrue.routes.set('/auth/v1/otp', () => ({ status: 429, json: { code: 429, error_code: 'over_sms_send_rate_limit', msg: 'SMS rate limit exceeded' } }));
  const response = await handleSupabase('supabase_passwordless_auth', post({ phone: '+4915112345678' }), env);
  assert.equal(response.status, 429);
  assert.deepEqual(await body(response), { error: 'Supabase otp answered 429: over_sms_send_rate_limit: SMS rate limit exceeded', code: 'SUPABASE_UPSTREAM_ERROR' });
  assert.deepEqual(sent(), [{ method: 'POST', path: '/auth/v1/otp', body: { phone: '+4915112345678', create_user: true } }]);
});

test('verify: POST /auth/v1/verify and answer the session JSON', async () => {
  const session = { access_token: 'jwt', refresh_token: 'r', token_type: 'bearer', expires_in: 3600, user: { id: 'u1' } };
  gotrue.routes.set('/auth/v1/verify', () => ({ json: session }));
  const byEmail = await handleSupabase('supabase_passwordless_verify', post({ email: 'user@example.com', token: '123456' }), env);
  assert.equal(byEmail.status, 200);
  assert.deepEqual(await body(byEmail), session);
  const byPhone = await handleSupabase('supabase_passwordless_verify', post({ phone: '+4915112345678', token: '654321' }), env);
  assert.equal(byPhone.status, 200);
  assert.deepEqual(sent().map((request) => request.body), [
    { type: 'email', token: '123456', email: 'user@example.com' },
    { type: 'sms', token: '654321', phone: '+4915112345678' },
  ]);
});

test('verify with a wrong code passes the Supabase 403 through', async () => {
  gotrue.routes.set('/auth/v1/verify', () => ({ status: 403, json: { code: 403, error_code: 'otp_expired', msg: 'Token has expired or is invalid' } }));
  const response = await handleSupabase('supabase_passwordless_verify', post({ email: 'user@example.com', token: '000000' }), env);
  assert.equal(response.status, 403);
  assert.equal((await body(response)).code, 'SUPABASE_UPSTREAM_ERROR');
});

test('auth_alt: sign-up with a random password; the answer carries no session or password', async () => {
  gotrue.routes.set('/auth/v1/signup', () => ({ json: { access_token: 'SESSION-TOKEN', user: { id: 'u1' } } }));
  const response = await handleSupabase('supabase_passwordless_auth_alt', post({ email: 'new@example.com' }), env);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.deepEqual(JSON.parse(text), { message: 'Sign-up email sent.', channel: 'email' });
  const signup = sent()[0]!;
  assert.equal(signup.path, '/auth/v1/signup');
  const payload = signup.body as { email: string; password: string };
  assert.equal(payload.email, 'new@example.com');
  assert.match(payload.password, /^[A-Za-z0-9_-]{64}$/);
  assert.ok(!text.includes(payload.password) && !text.includes('SESSION-TOKEN'));
});

test('an unreachable Supabase answers 502 SUPABASE_NETWORK_ERROR', async () => {
  const host = await closedPortHost();
  const response = await handleSupabase('supabase_passwordless_verify', post({ email: 'a@b.co', token: '1' }), { SUPABASE_URL: `http://${host}`, SUPABASE_SERVICE_ROLE_KEY: KEY });
  assert.equal(response.status, 502);
  assert.deepEqual(await body(response), { error: 'Supabase verify could not be reached.', code: 'SUPABASE_NETWORK_ERROR' });
});

test('SUPABASE_URL with a path prefix (self-hosted) keeps the prefix', async () => {
  gotrue.routes.set('/base/auth/v1/otp', () => ({ json: {} }));
  const response = await handleSupabase('supabase_passwordless_auth', post({ email: 'a@b.co' }), { ...env, SUPABASE_URL: `${gotrue.origin}/base//` });
  assert.equal(response.status, 200);
  assert.equal(gotrue.requests[0]!.path, '/base/auth/v1/otp');
});
