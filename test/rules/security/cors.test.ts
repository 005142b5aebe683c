// SAG604 (`*` origin with credentials; E upstream, W bundled), SAG605 (`*` allow_headers), SAG606 (broad origin patterns).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, positionOf, run, RUNTIMES } from '../routing/fixture-helpers';

const cors = (over: Record<string, unknown>) => ({
  cors: { allow_origins: ['https://app.example.com'], allow_methods: ['GET'], allow_headers: ['Content-Type'], expose_headers: [], allow_credentials: false, max_age: 600, ...over },
  paths: [],
});

test('SAG604 is an error under upstream (Origin reflected with credentials) and a warning under bundled', () => {
  const text = json(cors({ allow_origins: ['https://app.example.com', '*'], allow_credentials: true }));
  const upstream = assertOneAt(run('SAG604', text, 'upstream'), CONFIG, text, '"*"');
  assert.equal(upstream.severity, 'error');
  assert.match(upstream.message, /reflects the request's Origin/);
  assert.deepEqual(upstream.related[0]!.range.start, positionOf(text, 'true'));
  const bundled = assertOneAt(run('SAG604', text, 'bundled'), CONFIG, text, '"*"');
  assert.equal(bundled.severity, 'warning');
  assert.match(bundled.message, /answers `\*` without `Access-Control-Allow-Credentials`/);
  const fixed = applyFix(text, CONFIG, upstream);
  assert.match(fixed, /"allow_credentials": false/);
  assert.deepEqual(run('SAG604', fixed, 'upstream'), []);
});

for (const runtime of RUNTIMES) {
  test(`SAG604 near miss: "*" without credentials, credentials with explicit origins (${runtime})`, () => {
    assert.deepEqual(run('SAG604', json(cors({ allow_origins: ['*'] })), runtime), []);
    assert.deepEqual(run('SAG604', json(cors({ allow_credentials: true })), runtime), []);
  });

  test(`SAG605 on "*" in allow_headers with credentials; fix lists the headers (${runtime})`, () => {
    const text = json(cors({ allow_headers: ['*', 'Content-Type'], allow_credentials: true }));
    const finding = assertOneAt(run('SAG605', text, runtime), CONFIG, text, '"*"');
    assert.equal(finding.severity, 'warning');
    assert.deepEqual((JSON.parse(applyFix(text, CONFIG, finding)) as { cors: { allow_headers: string[] } }).cors.allow_headers, ['Authorization', 'Content-Type']);
  });

  test(`SAG605 on "*" without Authorization when routes use auth (${runtime})`, () => {
    const text = json({ ...cors({ allow_headers: ['*'] }), paths: [{ method: 'GET', path: '/me', auth: true }] });
    const finding = assertOneAt(run('SAG605', text, runtime), CONFIG, text, '"*"');
    assert.match(finding.message, /never let `\*` cover `Authorization`/);
  });

  test(`SAG605 near miss: "*" with no credentials and no auth routes; explicit Authorization (${runtime})`, () => {
    assert.deepEqual(run('SAG605', json(cors({ allow_headers: ['*'] })), runtime), []);
    assert.deepEqual(run('SAG605', json({ ...cors({ allow_headers: ['*', 'authorization'] }), paths: [{ method: 'GET', path: '/me', auth: true }] }), runtime), []);
  });

  test(`SAG606 on unanchored, scheme and TLD wildcards, and http origins with credentials (${runtime})`, () => {
    const text = json(cors({ allow_origins: ['https://*example.com', '*.example.com', 'https://*.com', 'http://app.example.com'], allow_credentials: true }));
    const findings = run('SAG606', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [
      positionOf(text, '"https://*example.com"'),
      positionOf(text, '"*.example.com"'),
      positionOf(text, '"https://*.com"'),
      positionOf(text, '"http://app.example.com"'),
    ]);
    assert.match(findings[0]!.message, /also accepts hosts such as `evilexample\.com`/);
    assert.match(applyFix(text, CONFIG, findings[0]!), /"https:\/\/\*\.example\.com"/);
    assert.match(applyFix(text, CONFIG, findings[1]!), /"https:\/\/\*\.example\.com"/);
    assert.deepEqual(findings[2]!.fixes, []);
  });

  test(`SAG606: the message's example is the fix's pattern (\`a*b\` becomes \`a*.b\`, not \`*.b\`) (${runtime})`, () => {
    const text = json(cors({ allow_origins: ['https://a*b.example.com'] }));
    const [finding] = run('SAG606', text, runtime);
    assert.match(finding!.message, /e\.g\. `https:\/\/a\*\.b\.example\.com`$/);
    assert.equal(finding!.fixes[0]!.title, 'Replace with `https://a*.b.example.com`');
  });

  test(`SAG606 near miss: dot-anchored wildcard, localhost over http, http without credentials (${runtime})`, () => {
    const text = json(cors({ allow_origins: ['https://*.example.com', 'https://app-*.example.com', 'http://localhost:5173', 'https://*.example.com:8443'], allow_credentials: true }));
    assert.deepEqual(run('SAG606', text, runtime), []);
    assert.deepEqual(run('SAG606', json(cors({ allow_origins: ['http://app.example.com'] })), runtime), []);
  });
}
