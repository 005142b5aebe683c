// Auth wiring in the core (SPEC C.4 order, E.6): auth runs before hooks and integrations, its payload reaches the context
// and `$request.jwt.*` mappings, and failures answer 401 with WWW-Authenticate. Verification itself is tested in auth/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { createGateway } from '../../shared-runtime/src/index';
import { startEchoServer, type EchoServer } from './support/echo-server';
import { captureLogs } from './support/capture-logs';

const SECRET = 'hs256-shared-secret-for-tests-0123456789';
let upstream: EchoServer;
before(async () => (upstream = await startEchoServer()));
after(() => upstream.close());

const sign = (claims: Record<string, unknown>, alg = 'HS256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));

function gateway(calls: unknown[]) {
  return createGateway({
    config: {
      authorizer: { type: 'jwt', secret: '$secret.JWT_SECRET', algorithm: 'HS256' },
      servers: [{ alias: 'api', url: upstream.origin }],
      services: [{ alias: 'who', entrypoint: './who' }],
      paths: [
        { method: 'GET', path: '/me', auth: true, integration: { type: 'service', binding: 'who' } },
        { method: 'GET', path: '/open', integration: { type: 'service', binding: 'who' } },
        { method: 'GET', path: '/proxy', auth: true, integration: { type: 'http', server: 'api' }, mapping: { headers: { 'x-user-id': '$request.jwt.sub' } } },
      ],
    },
    services: { who: { default: { fetch: (_r: Request, _e: unknown, _c: unknown, context: { jwt: unknown }) => (calls.push(context.jwt), { jwt: context.jwt }) } } },
  });
}
const env = { JWT_SECRET: SECRET };

test('no token, a bad token, alg none, HS512 against an HS256 config, an expired and a huge token all answer 401 before the integration', async () => {
  const calls: unknown[] = [];
  const gw = gateway(calls);
  const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'JWT' })).replace(/=/g, '')}.${btoa(JSON.stringify({ sub: 'x' })).replace(/=/g, '')}.`;
  const expired = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(new TextEncoder().encode(SECRET));
  for (const authorization of [undefined, 'Bearer', 'Bearer not.a.jwt', `Bearer ${none}`, `Bearer ${await sign({ sub: 'u' }, 'HS512')}`, `Bearer ${expired}`, `Bearer ${'a'.repeat(20_000)}`]) {
    const r = await gw.fetch(new Request('http://gw.test/me', { headers: authorization ? { authorization } : {} }), env);
    assert.equal(r.status, 401, String(authorization).slice(0, 80));
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
    const body = await r.json();
    assert.equal(typeof body.error, 'string');
    assert.equal(typeof body.code, 'string');
    assert.ok(r.headers.get('x-request-id'));
  }
  assert.equal(calls.length, 0);
});

test('a valid token reaches the service as context.jwt; a route without auth gets jwt null', async () => {
  const calls: unknown[] = [];
  const gw = gateway(calls);
  const ok = await gw.fetch(new Request('http://gw.test/me', { headers: { authorization: `Bearer ${await sign({ sub: 'user-7' })}` } }), env);
  assert.equal(ok.status, 200);
  assert.equal(((await ok.json()) as { data: { jwt: { sub: string } } }).data.jwt.sub, 'user-7');
  await gw.fetch(new Request('http://gw.test/open'), env);
  assert.equal(calls[1], null);
});

test('$request.jwt.sub sets x-user-id from the verified claim and overrides a spoofed header', async () => {
  const gw = gateway([]);
  const r = await gw.fetch(new Request('http://gw.test/proxy', { headers: { authorization: `Bearer ${await sign({ sub: 'real-user' })}`, 'x-user-id': 'spoofed' } }), env);
  const received = (await r.json()) as { headers: Record<string, string> };
  assert.equal(received.headers['x-user-id'], 'real-user');
});

test('auth with an unusable authorizer (secret missing from env) refuses the config instead of opening the route', async () => {
  const gw = gateway([]);
  const { result: r, lines } = await captureLogs(() => gw.fetch(new Request('http://gw.test/open'), {}));
  assert.ok(lines.some((l) => l.includes('config error at /paths/0/auth:')));
  assert.equal(r.status, 500);
  assert.deepEqual(await r.json(), { message: 'Gateway configuration is invalid.' });
});
