// The security family keeps per-route facts between analyses (called aliases, auth routes, `$secret` strings,
// cached SAG610 reports): edits aimed at exactly those spots must leave incremental = fresh analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AnalysisOptions } from '../../server/src/analysis/analyze';
import type { TextChange } from '../../server/src/analysis/parse/incremental-config';
import type { ConfigDocument } from '../../server/src/analysis/model';
import { changeFor, EditSession, editSpec } from './edit-session';

/** Security findings in many routes and outside `paths`: SAG602, 603, 604, 605, 606, 607, 609, 610, 611, 613. */
const SECURITY_SPOTS: Record<string, string> = {
  '/gw/api-config.json': `{
  "servers": [
    { "alias": "plain", "url": "http://api.example.com" },
    { "alias": "tls", "url": "https://api.example.com" },
    { "alias": "local", "url": "http://localhost:8080" }
  ],
  "serviceBindings": [
    { "alias": "HOOKS", "binding": "HOOKS" },
    { "alias": "TARGET", "binding": "TARGET" },
    { "alias": "AUDIT", "binding": "AUDIT" },
    { "alias": "SPARE", "binding": "SPARE" }
  ],
  "servicesBindings": [ { "alias": "LEGACY", "binding": "LEGACY" }, { "alias": "HOOKS", "binding": "OTHER" } ],
  "variables": { "api_key": "$secrets.API_TOKEN", "token": "sk_live_0123456789abcdefghijklmnop", "plain": "$secret.JWT_SECRET" },
  "cors": { "allow_origins": ["*", "https://*example.com"], "allow_headers": ["*"], "allow_credentials": true },
  "authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "issuer": "", "audience": "$env.AUDIENCE" },
  "paths": [
    { "method": "GET", "path": "/a", "integration": { "type": "http_proxy", "server": "plain" }, "auth": true },
    { "method": "GET", "path": "/b", "integration": { "type": "http_proxy", "server": "plain" }, "auth": true, "variables": { "k": "$secrets.API_TOKEN" } },
    { "method": "GET", "path": "/c", "integration": { "type": "http", "server": "local" }, "auth": true },
    { "method": "POST", "path": "/d", "integration": { "type": "service_binding", "binding": "TARGET", "function": "run" } },
    { "method": "POST", "path": "/e", "integration": { "type": "http_proxy", "server": "tls" }, "pre_process": { "binding": "HOOKS", "function": "check" } },
    { "method": "PUT", "path": "/f", "integration": { "type": "http_proxy", "server": "tls", "post_process": { "binding": "LEGACY" } }, "auth": true },
    { "method": "GET", "path": "/g", "response": { "s": "$secret.JWT_SECRET", "t": "$secrets.NOT_A_VAR" }, "pre_process": { "binding": "NOHOOK" } },
    "$secrets.JWT_SECRET",
    { "method": "GET", "path": "/h", "integration": { "type": "http_proxy", "server": "plain" }, "auth": "yes", "mapping": { "headers": { "x-key": "ghp_abcdefghijklmnopqrstuvwxyz0123456789" } } },
    { "method": "DELETE", "path": "/i", "integration": { "type": "service_binding", "binding": "AUDIT" }, "variables": { "nested": { "x": "$secrets.API_TOKEN" } } },
    { "method": "GET", "path": "/j", "integration": { "type": "http_proxy", "server": "plain", "post_process": {} }, "auth": false },
    { "method": "GET", "path": "/k", "integration": { "type": "service", "binding": "SPARE" } }
  ]
}
`,
  '/gw/wrangler.toml': `name = "gw"
main = "src/index.js"
compatibility_date = "2025-01-01"

[vars]
JWT_SECRET = "plaintext-secret-value-1234567890"
API_TOKEN = "also-plaintext"

[[services]]
binding = "HOOKS"
service = "hooks"

[[services]]
binding = "TARGET"
service = "target"

[env.staging]
name = "gw-staging"

[env.staging.vars]
API_TOKEN = "staging-token"

[[env.staging.services]]
binding = "HOOKS"
service = "hooks"
`,
  '/gw/src/index.js': `export default { async fetch() { return new Response('ok'); } };\n`,
};

/** Values the security rules read; each replaces one security-relevant string, keyword or number. */
const TOKENS = [
  '"$secrets.JWT_SECRET"', '"$secret.API_TOKEN"', '"$secrets.NOT_A_VAR"', '"$env.AUDIENCE"', '"sk_live_abcdefghijklmnop0123"', '"plain words"',
  '"HOOKS"', '"TARGET"', '"AUDIT"', '"SPARE"', '"LEGACY"', '"NOHOOK"', '"plain"', '"tls"', '"local"', '"http://x.example.com"', '"https://x.example.com"',
  '"*"', '"https://*.example.com"', '"http_proxy"', '"service_binding"', '"auth0"', 'true', 'false', '""', '{}',
  '{ "binding": "HOOKS" }', '{ "binding": "SPARE" }', '{ "x": "$secrets.API_TOKEN" }', '"$secrets.API_TOKEN", "$secret.JWT_SECRET"',
];
/** Strings, keywords and small objects: the spots an edit above can replace. */
const SPOT = /"(?:[^"\\\n]|\\.)*"|\btrue\b|\bfalse\b|\{\}|\{ "binding": "[A-Z]+"[^}]*\}/g;

function securityChange(doc: ConfigDocument, spot: number, token: string, newlineAbove: boolean): TextChange {
  const spots = [...doc.text.matchAll(SPOT)];
  if (spots.length === 0) return { start: 0, end: 0, newText: ' ' };
  const m = spots[spot % spots.length]!;
  const start = m.index!;
  // Optionally also push the spot down a line (positions of everything after it move).
  return { start, end: start + m[0].length, newText: newlineAbove ? `\n${token}` : token };
}

const optionsArb: fc.Arbitrary<AnalysisOptions> = fc.constantFrom<AnalysisOptions>(
  { runtime: 'upstream' },
  { runtime: 'bundled' },
  { runtime: 'upstream', env: 'staging' },
);

/** Security spot edits, with now and then a random one-line edit (which may break and mend the JSON). */
const editArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ spot: fc.nat(), token: fc.constantFrom(...TOKENS), newlineAbove: fc.boolean() }) },
  { weight: 1, arbitrary: editSpec },
);

test('edits at $secret values, hook bindings, servers and cors fields: incremental = fresh', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 10 }), optionsArb, (edits, options) => {
      const session = new EditSession(SECURITY_SPOTS);
      session.analyze(options);
      edits.forEach(([edit, analyzeNow], i) => {
        session.edit('spot' in edit ? securityChange(session.doc, edit.spot, edit.token, edit.newlineAbove) : changeFor(session.doc, edit));
        if (!analyzeNow && i < edits.length - 1) return;
        assert.deepStrictEqual(session.analyze(options), session.fresh(options), `after edit ${i + 1} of ${edits.length}`);
      });
    }),
    { numRuns: 120 },
  );
});

test('the starting workspace has the security findings the edits above play with', () => {
  const session = new EditSession(SECURITY_SPOTS);
  const codes = new Set(session.analyze({ runtime: 'upstream' }).map((f) => f.code));
  for (const code of ['SAG602', 'SAG603', 'SAG604', 'SAG605', 'SAG606', 'SAG607', 'SAG609', 'SAG610', 'SAG611']) assert.ok(codes.has(code), `${code} missing`);
});

test('a `$secret` value typed into one route, moved down a line, then removed: SAG603 follows it', () => {
  const session = new EditSession(SECURITY_SPOTS);
  const sag603 = (): string[] =>
    session
      .analyze({ runtime: 'upstream' })
      .filter((f) => f.code === 'SAG603' && f.env === '')
      .map((f) => `${f.range.start.line}:${f.range.start.character}`);
  const before = sag603();
  const at = session.doc.text.indexOf('"path": "/d"');
  session.edit({ start: at, end: at, newText: '"variables": { "v": "$secret.API_TOKEN" }, ' });
  const added = sag603();
  assert.equal(added.length, before.length + 1);
  assert.deepStrictEqual(session.analyze({ runtime: 'upstream' }), session.fresh({ runtime: 'upstream' }));
  const line = session.doc.text.indexOf('\n', session.doc.text.indexOf('"servers"'));
  session.edit({ start: line, end: line, newText: '\n' });
  const moved = sag603();
  assert.equal(moved.length, added.length);
  assert.notDeepStrictEqual(moved, added);
  const v = session.doc.text.indexOf('"variables": { "v"');
  session.edit({ start: v, end: v + '"variables": { "v": "$secret.API_TOKEN" }, '.length, newText: '' });
  assert.equal(sag603().length, before.length);
  assert.deepStrictEqual(session.analyze({ runtime: 'upstream' }), session.fresh({ runtime: 'upstream' }));
});

test('a hook alias starts and stops being called, an auth route joins a cleartext server: incremental = fresh at each step', () => {
  const session = new EditSession(SECURITY_SPOTS);
  const replace = (needle: string, by: string): void => {
    const at = session.doc.text.indexOf(needle);
    assert.ok(at >= 0, needle);
    session.edit({ start: at, end: at + needle.length, newText: by });
  };
  const spareReports = (): number => session.analyze({ runtime: 'upstream' }).filter((f) => f.code === 'SAG610' && f.message.includes('alias `SPARE`')).length;
  assert.equal(spareReports(), 0);
  const steps: [string, string, number][] = [
    ['"type": "service", "binding": "SPARE"', '"type": "service_binding", "binding": "SPARE"', 1],
    ['"post_process": {} }, "auth": false', '"post_process": { "binding": "SPARE" } }, "auth": false', 1],
    ['"type": "service_binding", "binding": "SPARE"', '"type": "service", "binding": "SPARE"', 1],
    ['"binding": "SPARE" } }, "auth": false', '"binding": "SPARE" } }, "auth": true', 1],
    ['"post_process": { "binding": "SPARE" } }', '"post_process": {} }', 0],
  ];
  for (const [needle, by, expected] of steps) {
    replace(needle, by);
    assert.equal(spareReports(), expected, by);
    for (const options of [{ runtime: 'upstream' as const }, { runtime: 'upstream' as const, env: 'staging' }]) {
      assert.deepStrictEqual(session.analyze(options), session.fresh(options), by);
    }
  }
});
