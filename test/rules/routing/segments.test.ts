// SAG503 (malformed segments, AWS-style greedy names, non-final `{.+}`) and SAG506 (trailing slash, `//`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, positionOf, run, RUNTIMES } from './fixture-helpers';
import { classifySegment, splitPath } from 'serverless-api-gateway-runtime/routing';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { routeTable } from '../../../server/src/analysis/rules/routing/route-table';

for (const runtime of RUNTIMES) {
  test(`SAG503 on a final {proxy+}, anchored on the segment itself (${runtime})`, () => {
    const text = json({ paths: [{ method: 'ANY', path: '/api/{proxy+}', integration: { type: 'http_proxy', server: 'api' } }] });
    const finding = assertOneAt(run('SAG503', text, runtime), CONFIG, text, '{proxy+}');
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range.end, { line: finding.range.start.line, character: finding.range.start.character + '{proxy+}'.length });
    assert.match(finding.message, /AWS-style greedy name/);
    assert.equal(finding.fixes[0]!.safe, false);
    const fixed = applyFix(text, CONFIG, finding);
    assert.match(fixed, /"path": "\/api\/\{\.\+\}"/);
    assert.deepEqual(run('SAG503', fixed, runtime), []);
  });

  test(`SAG503 on a non-final {.+}, an unbalanced brace and an empty parameter (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/a/{.+}/b' }, { method: 'GET', path: '/c/{id' }, { method: 'GET', path: '/d/{}' }, { method: 'GET', path: '/e/{id}.json' }] });
    const findings = run('SAG503', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '{.+}'), positionOf(text, '{id'), positionOf(text, '{}'), positionOf(text, '{id}.json')]);
    assert.match(findings[0]!.message, runtime === 'upstream' ? /stops comparing there/ : /literal text `\{\.\+\}`/);
    assert.equal(applyFix(text, CONFIG, findings[1]!).includes('"/c/{id}"'), true);
  });

  test(`SAG503 on tangled braces from \`{\` to \`}\`: literal text for bundled, a strangely named parameter for upstream (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/files/{a}{b}' }, { method: 'GET', path: '/v/{id}}' }] });
    const findings = run('SAG503', text, runtime);
    assert.deepEqual(findings.map((f) => f.range.start), [positionOf(text, '{a}{b}'), positionOf(text, '{id}}')]);
    if (runtime === 'upstream') {
      assert.match(findings[0]!.message, /still reads as one parameter named `a\}\{b` that matches one segment/);
      assert.match(findings[1]!.message, /one parameter named `id\}`/);
    } else for (const f of findings) assert.match(f.message, /compared as literal text, not as a parameter/);
  });

  test(`SAG503 near miss: a final {.+}, whole-segment params, AWS-looking literal text (${runtime})`, () => {
    const text = json({ paths: [{ method: 'ANY', path: '/api/{.+}' }, { method: 'GET', path: '/u/{id}/x' }, { method: 'GET', path: '/plus+' }] });
    assert.deepEqual(run('SAG503', text, runtime), []);
  });

  test(`SAG506 on a trailing slash, with a normalising fix (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/health/', response: { ok: true } }] });
    const finding = assertOneAt(run('SAG506', text, runtime), CONFIG, text, '"/health/"');
    assert.equal(finding.severity, 'warning');
    assert.match(applyFix(text, CONFIG, finding), /"path": "\/health"/);
  });

  test(`SAG506 on a doubled slash; applying the fix next to an existing twin surfaces SAG501 (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/a/b' }, { method: 'GET', path: '/a//b' }] });
    const finding = assertOneAt(run('SAG506', text, runtime), CONFIG, text, '"/a//b"');
    assert.match(finding.message, /has an empty segment \(`\/\/`\)/);
    const fixed = applyFix(text, CONFIG, finding);
    assert.deepEqual(run('SAG506', fixed, runtime), []);
    assertOneAt(run('SAG501', fixed, runtime), CONFIG, fixed, '"/a/b"', 1);
  });

  test(`SAG506 near miss: the root route and clean paths (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/' }, { method: 'GET', path: '/health' }, { method: 'ANY', path: '/api/{.+}' }] });
    assert.deepEqual(run('SAG506', text, runtime), []);
  });
}

test('SAG506 wording follows the runtime: upstream {param} matches the empty segment, bundled never', () => {
  const text = json({ paths: [{ method: 'GET', path: '/users/' }] });
  assert.match(run('SAG506', text, 'upstream')[0]!.message, /`\/users\/\{id\}` also matches `\/users\/`/);
  assert.match(run('SAG506', text, 'bundled')[0]!.message, /never matches an empty segment/);
});

test('SAG503 with an escaped path string still anchors inside the value', () => {
  const text = '{\n  "paths": [\n    { "method": "ANY", "path": "\\/api/{proxy+}" }\n  ]\n}\n';
  const findings = run('SAG503', text, 'upstream');
  assert.equal(findings.length, 1);
  // Escapes make string offsets differ from text offsets, so the whole value is the anchor.
  assert.deepEqual(findings[0]!.range.start, positionOf(text, '"\\/api'));
});

test('route entries read path segments as the shared splitPath and classifySegment do, colliding slots included', () => {
  // Random paths over a small alphabet with braces and slashes (empty, repeated and malformed segments), and
  // enough distinct segments (more than the intern slots) that texts share slots and replace one another.
  const alphabet = ['a', 'b', '/', '{', '}', '.', '+', 'x'];
  let seed = 7;
  const next = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const paths: string[] = [];
  for (let i = 0; i < 3000; i++) paths.push('/' + Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]).join(''));
  for (let i = 0; i < 20_000; i++) paths.push(`/s${i}/{id}/t${i % 97}`);
  const doc = parseConfigDocument('/g/api-config.json', JSON.stringify({ paths: paths.map((path) => ({ method: 'GET', path })) }));
  const table = routeTable(doc);
  assert.equal(table.length, paths.length);
  for (const entry of table) {
    const parts = splitPath(entry.path!);
    assert.deepEqual(entry.segments, parts.map((text, i) => classifySegment(text, i === parts.length - 1)), entry.path);
  }
  // A second table (a fresh parse) finds the same texts in the slots again.
  const again = routeTable(parseConfigDocument('/g/api-config.json', JSON.stringify({ paths: paths.slice(0, 50).map((path) => ({ method: 'GET', path })) })));
  for (const entry of again) assert.deepEqual(entry.segments, table[entry.index]!.segments);
});
