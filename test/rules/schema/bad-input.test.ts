// The 1xx/2xx rules on hostile input: wrong types everywhere, empty, truncated, deep, and thousands of random
// mutations of a valid config. Never an exception (no SAG000), every range inside the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Finding } from '../../../server/src/analysis/findings';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { check } from './code-cases';

function assertSane(text: string, findings: Finding[]): void {
  const lines = new LineIndex(text);
  assert.deepEqual(findings.filter((f) => f.code === 'SAG000').map((f) => f.message), [], `internal error for ${JSON.stringify(text).slice(0, 200)}`);
  for (const f of findings) {
    if (f.file !== '/gw/api-config.json') continue;
    assert.ok(f.range.start.line < lines.lineCount && f.range.end.line < lines.lineCount, `${f.code} range outside the file`);
    assert.ok(lines.offsetAt(f.range.start) <= lines.offsetAt(f.range.end));
  }
}

const WRONG_TYPES = [
  '{"paths": {"method": "GET"}}',
  '{"paths": [1, "x", null, [], true]}',
  '{"paths": [{"method": ["GET"], "path": {"a": 1}, "integration": 5, "auth": [], "mapping": "m", "variables": 3, "pre_process": "p", "post_process": 1}]}',
  '{"paths": [{"method": "GET", "path": "/x", "integration": {"type": 7, "server": {}, "binding": [], "function": null, "post_process": "x"}}]}',
  '{"paths": [{"method": "GET", "path": "/x", "integration": {"type": "service_binding", "binding": 1, "post_process": {"type": 1, "binding": {}}}, "pre_process": {"binding": [], "function": 2}}]}',
  '{"paths": [{"method": "GET", "path": "/x", "mapping": {"headers": [], "query": {"a": 1, "b": null, "c": {}}}}]}',
  '{"servers": {"alias": "a"}, "services": "s", "serviceBindings": 1, "servicesBindings": {}, "cors": [], "authorizer": "jwt", "variables": [], "paths": []}',
  '{"servers": [1, null, {"alias": 2, "url": 3}, {"alias": "", "url": ""}], "services": [[]], "serviceBindings": [{"alias": null}], "paths": []}',
  '{"cors": {"allow_origins": "*", "allow_methods": [1, "get", "GET", "GET"], "allow_headers": {}, "expose_headers": 1, "allow_credentials": "yes", "max_age": 1.5, "x": 1}, "paths": []}',
  '{"authorizer": {"type": ["jwt"]}, "paths": []}',
  '{"authorizer": {"type": "auth0", "jwks_url": 5, "domain": 1}, "paths": [{"method": "GET", "path": "/cb", "integration": {"type": "auth0_callback"}}]}',
  '{"authorizer": {}, "paths": [{"method": "GET", "path": "/cb", "auth": "true", "integration": {"type": "auth0_refresh"}}]}',
  '[]',
  '"paths"',
  '42',
  'null',
  '',
  '   ',
  '{',
  '{"paths": [{"method": "GET", "path": "/x", "integration": {"type": "http_pro',
  '{"paths": [] // comment\n}',
  '\uFEFF{"paths": []}',
  `{"paths": ${'['.repeat(3000)}${']'.repeat(3000)}}`,
  `{"variables": ${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}, "paths": []}`,
  '{"paths": [{"method": "GET", "path": "/x", "response": "$env.", "integration": {"type": "http_proxy", "server": "$secret.A-B"}}], "servers": [{"alias": "$secret.A-B", "url": "$env."}]}',
];

test('wrong types everywhere, empty, truncated and deep input never throw', () => {
  for (const text of WRONG_TYPES) {
    for (const runtime of ['upstream', 'bundled'] as const) assertSane(text, check(text, runtime));
  }
});

const VALID = {
  servers: [{ alias: 'api', url: 'https://api.example.com/v1' }],
  services: [{ alias: 'endpoint1', entrypoint: './services/endpoint1' }],
  serviceBindings: [{ alias: 'hooks', binding: 'HOOKS' }],
  cors: { allow_origins: ['https://app.example.com'], allow_methods: ['GET'], allow_headers: ['Authorization'], expose_headers: [], allow_credentials: false, max_age: 60 },
  authorizer: { type: 'jwt', secret: '$secret.S', algorithm: 'HS256', issuer: 'i', audience: 'a' },
  variables: { v: '1' },
  paths: [
    { method: 'GET', path: '/a/{id}', auth: true, integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-user': '$request.jwt.sub', 'x-v': '$config.v' } } },
    { method: 'POST', path: '/b', pre_process: { binding: 'hooks', function: 'f' }, integration: { type: 'service_binding', binding: 'hooks', function: 'g' } },
    { method: 'ANY', path: '/c/{.+}', integration: { type: 'service', binding: 'endpoint1' } },
  ],
};

const JUNK = [null, 0, -1, 1.5, '', 'x', '$env.X/y', 'GET', 'http', [], {}, [1, 'a'], { type: 'jwt' }, true, false];

/** Replace the value at a random path of a JSON value with junk, or delete/rename a key. */
function mutate(value: unknown, choices: number[]): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  let node: unknown = copy;
  for (let i = 0; i < choices.length - 1; i++) {
    const c = choices[i]!;
    const next = Array.isArray(node) ? node[c % Math.max(1, node.length)] : node && typeof node === 'object' ? Object.values(node)[c % Math.max(1, Object.keys(node).length)] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') break;
    node = next;
  }
  const last = choices[choices.length - 1]!;
  if (Array.isArray(node)) node[last % Math.max(1, node.length)] = JUNK[last % JUNK.length];
  else if (node && typeof node === 'object') {
    const keys = Object.keys(node);
    const key = keys[last % Math.max(1, keys.length)] ?? 'k';
    const record = node as Record<string, unknown>;
    if (last % 3 === 0) delete record[key];
    else if (last % 3 === 1) {
      record[`${key}X`] = record[key];
      delete record[key];
    } else record[key] = JUNK[last % JUNK.length];
  }
  return copy;
}

test('thousands of random mutations of a valid config: no exception, ranges inside the file', () => {
  const valid = JSON.stringify(VALID, null, 2);
  assert.deepEqual(check(valid, 'upstream').filter((f) => f.code.startsWith('SAG1') || f.code.startsWith('SAG2')).map((f) => `${f.code} ${f.message}`), []);
  fc.assert(
    fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.nat(200), (choices, bundled, cut) => {
      const text = JSON.stringify(mutate(VALID, choices), null, 2);
      const truncated = cut < 20 ? text.slice(0, Math.floor((text.length * cut) / 20)) : text;
      assertSane(truncated, check(truncated, bundled ? 'bundled' : 'upstream'));
    }),
    { numRuns: 1500 },
  );
});
