// CORS of the bundled gateway (SPEC E.5, E.8): only allowed origins get headers, Vary appended, strict preflight,
// `*` never reflected with credentials, an explicit OPTIONS route wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createGateway } from '../../shared-runtime/src/index';
import { matchesWildcards } from '../../shared-runtime/src/cors/cors';
import { captureLogs } from './support/capture-logs';

const cors = (extra: Record<string, unknown> = {}) => ({
  allow_origins: ['https://app.example.com', 'https://*.example.org'],
  allow_methods: ['GET', 'POST'],
  allow_headers: ['Content-Type', 'Authorization'],
  expose_headers: ['X-Request-Id'],
  allow_credentials: true,
  max_age: 600,
  ...extra,
});
const gateway = (c: unknown, paths: unknown[] = [{ method: 'GET', path: '/r', response: 1 }]) => createGateway({ config: { cors: c, paths } });

test('an allowed exact origin gets ACAO, credentials, expose headers and Vary appended', async () => {
  const gw = gateway(cors(), [{ method: 'GET', path: '/r', integration: { type: 'service', binding: 's' } }]);
  const withVary = createGateway({
    config: { cors: cors(), services: [{ alias: 's', entrypoint: './s' }], paths: [{ method: 'GET', path: '/r', integration: { type: 'service', binding: 's' } }] },
    services: { s: { default: { fetch: () => new Response('x', { headers: { Vary: 'Accept-Encoding' } }) } } },
  });
  const r = await withVary.fetch(new Request('http://gw.test/r', { headers: { Origin: 'https://app.example.com' } }));
  assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
  assert.equal(r.headers.get('access-control-expose-headers'), 'X-Request-Id');
  assert.equal(r.headers.get('vary'), 'Accept-Encoding, Origin');
  assert.equal(r.headers.get('access-control-allow-methods'), null, 'preflight-only headers stay off normal responses');
  assert.ok(gw);
});

test('a pattern origin matches subdomains only as a pattern (dots are literal); other origins get no CORS headers', async () => {
  const gw = gateway(cors());
  const sub = await gw.fetch(new Request('http://gw.test/r', { headers: { Origin: 'https://a.b.example.org' } }));
  assert.equal(sub.headers.get('access-control-allow-origin'), 'https://a.b.example.org');
  for (const origin of ['https://evil.com', 'https://xexample.org', 'https://a.exampleXorg']) {
    const r = await gw.fetch(new Request('http://gw.test/r', { headers: { Origin: origin } }));
    assert.equal(r.headers.get('access-control-allow-origin'), null, origin);
  }
  const none = await gw.fetch(new Request('http://gw.test/r'));
  assert.equal(none.headers.get('access-control-allow-origin'), null);
  assert.equal(none.headers.get('vary'), null);
});

test('"*" with allow_credentials answers * without Access-Control-Allow-Credentials (never reflects)', async () => {
  const gw = gateway(cors({ allow_origins: ['*'] }));
  const r = await gw.fetch(new Request('http://gw.test/r', { headers: { Origin: 'https://anyone.test' } }));
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  assert.equal(r.headers.get('access-control-allow-credentials'), null);
});

test('preflight: 204 with CORS headers only for an allowed origin asking an allowed method', async () => {
  const gw = gateway(cors());
  const ok = await gw.fetch(new Request('http://gw.test/anything/at/all', { method: 'OPTIONS', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' } }));
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, POST');
  assert.equal(ok.headers.get('access-control-allow-headers'), 'Content-Type, Authorization');
  assert.equal(ok.headers.get('access-control-max-age'), '600');
  for (const headers of <Array<Record<string, string>>>[
    { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'DELETE' },
    { Origin: 'https://evil.com', 'Access-Control-Request-Method': 'GET' },
    { Origin: 'https://app.example.com' },
  ]) {
    const refused = await gw.fetch(new Request('http://gw.test/r', { method: 'OPTIONS', headers }));
    assert.equal(refused.status, 204);
    assert.equal(refused.headers.get('access-control-allow-origin'), null, JSON.stringify(headers));
    assert.equal(refused.headers.get('access-control-allow-methods'), null);
  }
});

test('an explicit OPTIONS route wins over the preflight; ANY does not; without cors OPTIONS routes normally', async () => {
  const gw = gateway(cors(), [
    { method: 'OPTIONS', path: '/own', response: 'own' },
    { method: 'ANY', path: '/any', response: 'any' },
  ]);
  const own = await gw.fetch(new Request('http://gw.test/own', { method: 'OPTIONS' }));
  assert.equal(await own.text(), '"own"');
  assert.equal((await gw.fetch(new Request('http://gw.test/any', { method: 'OPTIONS' }))).status, 204);
  const plain = gateway(undefined, [{ method: 'ANY', path: '/any', response: 'any' }]);
  assert.equal(await (await plain.fetch(new Request('http://gw.test/any', { method: 'OPTIONS' }))).text(), '"any"');
});

test('CORS headers are on errors too (404, 405) for allowed origins', async () => {
  const gw = gateway(cors());
  const missing = await gw.fetch(new Request('http://gw.test/nope', { headers: { Origin: 'https://app.example.com' } }));
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('access-control-allow-origin'), 'https://app.example.com');
  const wrong = await gw.fetch(new Request('http://gw.test/r', { method: 'POST', headers: { Origin: 'https://app.example.com' } }));
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get('access-control-allow-origin'), 'https://app.example.com');
});

test("a backend's own Access-Control-* headers never reach the client: the gateway's cors alone decides", async () => {
  // A backend (or service, or hook) that reflects every origin with credentials, as `cors({ origin: true, credentials: true })` does.
  const reflecting = (request: Request) =>
    new Response('data', {
      headers: {
        'Access-Control-Allow-Origin': request.headers.get('Origin') ?? '*',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'DELETE',
        'Access-Control-Expose-Headers': 'Set-Cookie',
        'Access-Control-Max-Age': '86400',
      },
    });
  const gw = createGateway({
    config: { cors: cors({ allow_credentials: false }), services: [{ alias: 's', entrypoint: './s' }], paths: [{ method: 'GET', path: '/data', integration: { type: 'service', binding: 's' } }] },
    services: { s: { default: { fetch: reflecting } } },
  });
  const evil = await gw.fetch(new Request('http://gw.test/data', { headers: { Origin: 'https://evil.example' } }));
  assert.equal(evil.status, 200);
  for (const name of ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-expose-headers', 'access-control-max-age']) {
    assert.equal(evil.headers.get(name), null, name);
  }
  const allowed = await gw.fetch(new Request('http://gw.test/data', { headers: { Origin: 'https://app.example.com' } }));
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.equal(allowed.headers.get('access-control-allow-credentials'), null, 'allow_credentials is false');
  assert.equal(allowed.headers.get('access-control-expose-headers'), 'X-Request-Id');
  assert.equal(allowed.headers.get('access-control-allow-methods'), null);
  const noOrigin = await gw.fetch(new Request('http://gw.test/data'));
  assert.equal(noOrigin.headers.get('access-control-allow-origin'), null);
  // Without `cors` the gateway does no CORS: the backend's headers are its own business.
  const plain = createGateway({
    config: { services: [{ alias: 's', entrypoint: './s' }], paths: [{ method: 'GET', path: '/data', integration: { type: 'service', binding: 's' } }] },
    services: { s: { default: { fetch: reflecting } } },
  });
  const passed = await plain.fetch(new Request('http://gw.test/data', { headers: { Origin: 'https://evil.example' } }));
  assert.equal(passed.headers.get('access-control-allow-origin'), 'https://evil.example');
});

test('cors header lists keep header names only: an entry with a line break is left out and logged, the rest still works', async () => {
  const { result, lines } = await captureLogs(async () => {
    const gw = gateway(cors({ expose_headers: ['X-Total\nCount', 'X-Request-Id'], allow_headers: ['Content Type', 'Authorization'] }));
    const r = await gw.fetch(new Request('http://gw.test/r', { headers: { Origin: 'https://app.example.com' } }));
    const pre = await gw.fetch(new Request('http://gw.test/r', { method: 'OPTIONS', headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' } }));
    return { r, pre };
  });
  assert.equal(result.r.status, 200);
  assert.equal(result.r.headers.get('access-control-expose-headers'), 'X-Request-Id');
  assert.equal(result.pre.headers.get('access-control-allow-headers'), 'Authorization');
  assert.match(lines.join('\n'), /cors\.expose_headers: 1 entry is not a header name/);
  assert.match(lines.join('\n'), /cors\.allow_headers: 1 entry is not a header name/);
});

test('origin patterns with several `*`: the same verdicts as the anchored regex of E.5, and a long Origin header is judged at once', async () => {
  const regexOf = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', '.', 'b', '*'), { maxLength: 8 }), fc.array(fc.constantFrom('a', '.', 'b'), { maxLength: 12 }), (pattern, origin) => {
      const p = pattern.join('');
      const o = origin.join('');
      assert.equal(matchesWildcards(p.split('*'), o), regexOf(p).test(o), `${p} ~ ${o}`);
    }),
    { numRuns: 3000 },
  );
  // Through the gateway: `https://*.*.*.example.com` against an 8 KB Origin of dots (as a regex: minutes).
  const gw = createGateway({ config: { cors: { allow_origins: ['https://*.*.*.example.com'], allow_methods: ['GET'] }, paths: [{ method: 'GET', path: '/x', response: 'ok' }] } });
  const long = await gw.fetch(new Request('http://gw.test/x', { headers: { origin: `https://${'.'.repeat(8000)}` } }));
  assert.equal(long.headers.get('access-control-allow-origin'), null);
  const good = await gw.fetch(new Request('http://gw.test/x', { headers: { origin: 'https://a.b.c.example.com' } }));
  assert.equal(good.headers.get('access-control-allow-origin'), 'https://a.b.c.example.com');
});
