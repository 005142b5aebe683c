// auth0_* integrations against a fake Auth0 tenant (real HTTP server on 127.0.0.1): bodies sent upstream and answers.
import { test, after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer, type Authorizer } from '../../../shared-runtime/src/auth/index';
import { handleAuth0 } from '../../../shared-runtime/src/integrations/auth0';
import { closedPortHost, startFakeServer, type FakeServer } from './fake-server';
import { jsonOf, now, rsaSigner, type RsaSigner } from './tokens';

let signer: RsaSigner;
let tenant: FakeServer;
let authorizer: Record<string, unknown>;
let verifier: Authorizer;

before(async () => {
  signer = await rsaSigner();
  tenant = await startFakeServer({ '/.well-known/jwks.json': () => ({ json: signer.jwks }) });
  authorizer = {
    type: 'auth0',
    domain: tenant.host,
    client_id: 'client-abc',
    client_secret: 'CLIENT-SECRET-VALUE',
    redirect_uri: 'https://app.example/callback',
    scope: 'openid profile email offline_access',
    jwks_uri: `${tenant.origin}/.well-known/jwks.json`,
  };
  const built = createAuthorizer(authorizer);
  assert.ok(!('error' in built));
  verifier = built;
});
after(() => tenant.close());
beforeEach(() => {
  tenant.requests.length = 0;
  for (const path of ['/oauth/token', '/userinfo']) tenant.routes.delete(path);
});

const issuer = () => `${tenant.origin}/`;
const idToken = (claims: Record<string, unknown> = {}) => signer.sign({ sub: 'auth0|1', iss: issuer(), aud: 'client-abc', exp: now() + 300, ...claims });
const accessToken = (claims: Record<string, unknown> = {}) => signer.sign({ sub: 'auth0|1', iss: issuer(), aud: 'https://api', exp: now() + 300, ...claims });
const tokenRequests = () => tenant.requests.filter((request) => request.path === '/oauth/token');

async function body(response: Response): Promise<Record<string, unknown>> {
  return (await jsonOf(response)) as Record<string, unknown>;
}

test('auth0_callback exchanges the code, verifies the id_token and answers the whole token JSON', async () => {
  const tokens = { access_token: 'at-1', id_token: await idToken(), refresh_token: 'rt-1', token_type: 'Bearer', expires_in: 86400 };
  tenant.routes.set('/oauth/token', () => ({ json: tokens }));
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/callback?code=AUTH%26CODE'), { authorizer, verifier });
  assert.equal(response.status, 200);
  assert.deepEqual(await body(response), tokens);
  assert.equal(response.headers.get('Cache-Control'), 'no-store');
  const [sent] = tokenRequests();
  assert.equal(sent!.method, 'POST');
  assert.equal(sent!.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.deepEqual(Object.fromEntries(new URLSearchParams(sent!.body)), {
    grant_type: 'authorization_code',
    client_id: 'client-abc',
    client_secret: 'CLIENT-SECRET-VALUE',
    code: 'AUTH&CODE',
    redirect_uri: 'https://app.example/callback',
  });
});

test('auth0_callback runs post_process and its Response replaces the answer', async () => {
  const cachedIdToken = await idToken();
  tenant.routes.set('/oauth/token', () => ({ json: { id_token: cachedIdToken, access_token: 'at' } }));
  let seen: unknown;
  const runPostProcess = async (response: Response) => {
    seen = await response.clone().json();
    return new Response('replaced', { status: 201 });
  };
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), { authorizer, verifier, runPostProcess });
  assert.equal(response.status, 201);
  assert.equal(await response.text(), 'replaced');
  assert.deepEqual(seen, { id_token: cachedIdToken, access_token: 'at' });
});

test('auth0_callback refuses an id_token whose audience is not the client_id', async () => {
  const foreign = await idToken({ aud: 'another-client' });
  tenant.routes.set('/oauth/token', () => ({ json: { id_token: foreign } }));
  let hookRan = false;
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), {
    authorizer, verifier, runPostProcess: async (r) => { hookRan = true; return r; },
  });
  assert.equal(response.status, 401);
  assert.equal((await body(response)).code, 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  assert.equal(hookRan, false);
});

test('auth0_callback without an id_token in the answer is a 502 naming the missing openid scope', async () => {
  tenant.routes.set('/oauth/token', () => ({ json: { access_token: 'at' } }));
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), { authorizer, verifier });
  assert.equal(response.status, 502);
  assert.deepEqual(await body(response), { error: 'Auth0 answered without an id_token; include "openid" in authorizer.scope.', code: 'AUTH0_UPSTREAM_ERROR' });
});

test('auth0_callback without code answers 400 and calls nothing upstream', async () => {
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb'), { authorizer, verifier });
  assert.equal(response.status, 400);
  assert.equal((await body(response)).code, 'missing_code');
  assert.equal(tokenRequests().length, 0);
});

test('auth0_callback passes Auth0 error statuses through as AUTH0_UPSTREAM_ERROR without leaking the client secret', async () => {
  tenant.routes.set('/oauth/token', () => ({ status: 403, json: { error: 'invalid_grant', error_description: 'Invalid authorization code' } }));
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=bad'), { authorizer, verifier });
  assert.equal(response.status, 403);
  const answer = await body(response);
  assert.deepEqual(answer, { error: 'Auth0 token endpoint answered 403: invalid_grant: Invalid authorization code', code: 'AUTH0_UPSTREAM_ERROR' });
});

test('auth0_callback with an unreachable tenant answers 502 AUTH0_NETWORK_ERROR', async () => {
  const host = await closedPortHost();
  const offline = { ...authorizer, domain: host };
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), { authorizer: offline, verifier });
  assert.equal(response.status, 502);
  assert.equal((await body(response)).code, 'AUTH0_NETWORK_ERROR');
});

test('auth0_callback with a non-JSON 200 answer is a 502', async () => {
  tenant.routes.set('/oauth/token', () => ({ text: '<html>hi</html>' }));
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), { authorizer, verifier });
  assert.equal(response.status, 502);
  assert.equal((await body(response)).code, 'AUTH0_UPSTREAM_ERROR');
});

test('auth0_callback_redirect URL-encodes every parameter, even hostile ones, and sets the state cookie', async () => {
  const hostile = {
    ...authorizer,
    client_id: 'abc&redirect_uri=https://evil.example',
    redirect_uri: 'https://app.example/cb?next=/a b&x=ü',
    scope: 'openid profile email ünïcødé #frag',
    audience: 'https://api.example/?a=1&b=2',
  };
  const response = await handleAuth0('auth0_callback_redirect', new Request('https://gw.example/login?state=client-state'), { authorizer: hostile, verifier });
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('Location')!);
  assert.equal(`${location.origin}${location.pathname}`, `${tenant.origin}/authorize`);
  assert.equal(location.hash, '');
  const params = [...location.searchParams.keys()];
  assert.deepEqual(params, ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'audience']);
  assert.equal(location.searchParams.get('response_type'), 'code');
  assert.equal(location.searchParams.get('client_id'), hostile.client_id);
  assert.equal(location.searchParams.get('redirect_uri'), hostile.redirect_uri);
  assert.equal(location.searchParams.get('scope'), hostile.scope);
  assert.equal(location.searchParams.get('audience'), hostile.audience);
  const state = location.searchParams.get('state')!;
  assert.match(state, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(state, 'client-state');
  assert.equal(response.headers.get('Set-Cookie'), `sag_auth_state=${state}; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Lax`);
  const second = await handleAuth0('auth0_callback_redirect', new Request('https://gw.example/login'), { authorizer, verifier });
  assert.notEqual(new URL(second.headers.get('Location')!).searchParams.get('state'), state);
});

test('auth0_callback with the state cookie requires a matching state and clears the cookie', async () => {
  const tokens = { id_token: await idToken(), access_token: 'at' };
  tenant.routes.set('/oauth/token', () => ({ json: tokens }));
  const redirect = await handleAuth0('auth0_callback_redirect', new Request('https://gw.example/login'), { authorizer, verifier });
  const state = new URL(redirect.headers.get('Location')!).searchParams.get('state')!;
  const cookie = `other=1; sag_auth_state=${state}`;
  const cleared = 'sag_auth_state=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax';

  for (const query of ['?code=c&state=forged', '?code=c']) {
    const mismatch = await handleAuth0('auth0_callback', new Request(`https://gw.example/cb${query}`, { headers: { Cookie: cookie } }), { authorizer, verifier });
    assert.equal(mismatch.status, 400, query);
    assert.equal((await body(mismatch)).code, 'INVALID_STATE');
    assert.equal(mismatch.headers.get('Set-Cookie'), cleared);
  }
  assert.equal(tokenRequests().length, 0);

  const ok = await handleAuth0('auth0_callback', new Request(`https://gw.example/cb?code=c&state=${state}`, { headers: { Cookie: cookie } }), { authorizer, verifier });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('Set-Cookie'), cleared);
});

test('auth0_callback without the state cookie proceeds (login not started by our redirect) and sets no cookie', async () => {
  const token = await idToken();
  tenant.routes.set('/oauth/token', () => ({ json: { id_token: token } }));
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c&state=anything'), { authorizer, verifier });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('Set-Cookie'), null);
});

test('auth0_userinfo forwards X-Access-Token (preferred) or the Bearer token to /userinfo', async () => {
  tenant.routes.set('/userinfo', (request) => ({ json: { sub: 'auth0|1', via: request.headers.authorization } }));
  const viaHeader = await handleAuth0('auth0_userinfo', new Request('https://gw.example/me', { headers: { 'X-Access-Token': 'opaque-at', Authorization: 'Bearer other' } }), { authorizer, verifier });
  assert.equal(viaHeader.status, 200);
  assert.deepEqual(await body(viaHeader), { sub: 'auth0|1', via: 'Bearer opaque-at' });
  const viaBearer = await handleAuth0('auth0_userinfo', new Request('https://gw.example/me', { headers: { Authorization: 'Bearer bearer-at' } }), { authorizer, verifier });
  assert.deepEqual(await body(viaBearer), { sub: 'auth0|1', via: 'Bearer bearer-at' });
  assert.deepEqual(tenant.requests.map((request) => `${request.method} ${request.path}`), ['GET /userinfo', 'GET /userinfo']);
});

test('auth0_userinfo without a token is 401 missing_access_token; an Auth0 401 passes through', async () => {
  const missing = await handleAuth0('auth0_userinfo', new Request('https://gw.example/me'), { authorizer, verifier });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get('WWW-Authenticate'), 'Bearer');
  assert.equal((await body(missing)).code, 'missing_access_token');
  tenant.routes.set('/userinfo', () => ({ status: 401, text: 'Unauthorized' }));
  const rejected = await handleAuth0('auth0_userinfo', new Request('https://gw.example/me', { headers: { 'X-Access-Token': 'x' } }), { authorizer, verifier });
  assert.equal(rejected.status, 401);
  assert.deepEqual(await body(rejected), { error: 'Auth0 userinfo endpoint answered 401', code: 'AUTH0_UPSTREAM_ERROR' });
});

test('auth0_refresh needs a refresh token (header or JSON body) before anything else', async () => {
  const missing = await handleAuth0('auth0_refresh', new Request('https://gw.example/refresh', { method: 'POST' }), { authorizer, verifier });
  assert.equal(missing.status, 400);
  assert.equal((await body(missing)).code, 'missing_refresh_token');
  const notJson = await handleAuth0('auth0_refresh', new Request('https://gw.example/refresh', { method: 'POST', body: '{"refresh_token":' }), { authorizer, verifier });
  assert.equal(notJson.status, 400);
  assert.equal((await body(notJson)).code, 'INVALID_JSON');
  const noBearer = await handleAuth0('auth0_refresh', new Request('https://gw.example/refresh', { headers: { 'X-Refresh-Token': 'rt' } }), { authorizer, verifier });
  assert.equal(noBearer.status, 401);
  assert.equal((await body(noBearer)).code, 'AUTH_ERROR');
});

test('auth0_refresh answers token_still_valid while the bearer verifies, without calling Auth0', async () => {
  const request = new Request('https://gw.example/refresh', { headers: { 'X-Refresh-Token': 'rt', Authorization: `Bearer ${await accessToken()}` } });
  const response = await handleAuth0('auth0_refresh', request, { authorizer, verifier });
  assert.equal(response.status, 200);
  assert.deepEqual(await body(response), { message: 'Token is still valid', code: 'token_still_valid' });
  assert.equal(tokenRequests().length, 0);
});

test('auth0_refresh runs the refresh_token grant once the bearer has expired', async () => {
  tenant.routes.set('/oauth/token', () => ({ json: { access_token: 'new-at', expires_in: 3600 } }));
  const expired = await accessToken({ exp: now() - 3600 });
  const request = new Request('https://gw.example/refresh', {
    method: 'POST',
    headers: { Authorization: `Bearer ${expired}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: 'rt-from-body' }),
  });
  const response = await handleAuth0('auth0_refresh', request, { authorizer, verifier });
  assert.equal(response.status, 200);
  assert.deepEqual(await body(response), { access_token: 'new-at', expires_in: 3600 });
  assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequests()[0]!.body)), {
    grant_type: 'refresh_token',
    client_id: 'client-abc',
    client_secret: 'CLIENT-SECRET-VALUE',
    refresh_token: 'rt-from-body',
  });
});

test('auth0_refresh with a forged bearer (bad signature) is 401 and no grant is attempted', async () => {
  const forger = await rsaSigner('test-key-1');
  const forged = await forger.sign({ iss: issuer(), exp: now() - 3600 });
  const request = new Request('https://gw.example/refresh', { headers: { 'X-Refresh-Token': 'rt', Authorization: `Bearer ${forged}` } });
  const response = await handleAuth0('auth0_refresh', request, { authorizer, verifier });
  assert.equal(response.status, 401);
  assert.equal((await body(response)).code, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  assert.equal(tokenRequests().length, 0);
});

test('auth0_* with an authorizer missing what the flow needs answers 500 AUTH_CONFIG_ERROR without details', async () => {
  const incomplete = { type: 'auth0', domain: tenant.host, jwks_uri: `${tenant.origin}/.well-known/jwks.json` };
  const response = await handleAuth0('auth0_callback', new Request('https://gw.example/cb?code=c'), { authorizer: incomplete, verifier });
  assert.equal(response.status, 500);
  assert.deepEqual(await body(response), { error: 'The auth0 authorizer is not configured for this route.', code: 'AUTH_CONFIG_ERROR' });
  const wrongType = await handleAuth0('auth0_userinfo', new Request('https://gw.example/me'), { authorizer: { type: 'jwt', secret: 's' }, verifier });
  assert.equal(wrongType.status, 500);
});
