// SAG501 (duplicate route) and SAG502 (same shape, other parameter names): both runtimes, anchored on the later path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertOneAt, CONFIG, json, run, RUNTIMES } from './fixture-helpers';

const duplicate = json({
  paths: [
    { method: 'GET', path: '/users', response: 'first' },
    { method: 'POST', path: '/users', response: 'create' },
    { method: 'GET', path: '/users', response: 'second' },
  ],
});

for (const runtime of RUNTIMES) {
  test(`SAG501 on the later duplicate's path value (${runtime})`, () => {
    const finding = assertOneAt(run('SAG501', duplicate, runtime), CONFIG, duplicate, '"/users"', 2);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /duplicate route `GET \/users`: `GET \/users` \(line 5\)/);
    assert.equal(finding.related.length, 1);
    assert.equal(finding.related[0]!.range.start.line, 4);
    assert.equal(finding.pointer, '/paths/2/path');
  });

  test(`SAG501 near miss: same path, other method (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/users' }, { method: 'POST', path: '/users' }, { method: 'ANY', path: '/users' }] });
    assert.deepEqual(run('SAG501', text, runtime), []);
  });

  test(`SAG502 on the later route that differs only in parameter names (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/u/{id}' }, { method: 'ANY', path: '/u/{a}' }, { method: 'ANY', path: '/u/{b}' }, { method: 'GET', path: '/u/{userId}' }] });
    const findings = run('SAG502', text, runtime);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.map((f) => f.range.start), [
      { line: 12, character: 14 }, // "/u/{b}" (ANY vs ANY)
      { line: 16, character: 14 }, // "/u/{userId}"
    ]);
    assert.match(findings[1]!.message, /`GET \/u\/\{userId\}` matches exactly the same requests as `GET \/u\/\{id\}` \(line 5\)/);
    assert.equal(run('SAG501', text, runtime).length, 0);
  });

  test(`SAG502 near miss: different depth or literal segment (${runtime})`, () => {
    const text = json({ paths: [{ method: 'GET', path: '/u/{id}' }, { method: 'GET', path: '/u/{id}/x' }, { method: 'GET', path: '/u/me' }, { method: 'POST', path: '/u/{uid}' }] });
    assert.deepEqual(run('SAG502', text, runtime), []);
  });
}

test('SAG501 fix deletes the later route and leaves valid JSON with the first one', () => {
  const finding = run('SAG501', duplicate, 'upstream')[0]!;
  assert.equal(finding.fixes[0]!.safe, false);
  const fixed = applyFix(duplicate, CONFIG, finding);
  const parsed = JSON.parse(fixed) as { paths: { response: string }[] };
  assert.deepEqual(parsed.paths.map((p) => p.response), ['first', 'create']);
  assert.deepEqual(run('SAG501', fixed, 'upstream'), []);
});

test('SAG502 under upstream also counts `{}` as a parameter (upstream matches any `{...}` segment)', () => {
  const text = json({ paths: [{ method: 'GET', path: '/u/{id}' }, { method: 'GET', path: '/u/{}' }] });
  assert.equal(run('SAG502', text, 'upstream').length, 1);
  assert.equal(run('SAG502', text, 'bundled').length, 0); // bundled compares `{}` literally
});

test('SAG501 fix of a duplicate in the middle of many: deletes exactly that route (found by binary search among its siblings)', () => {
  const many = json({ paths: Array.from({ length: 41 }, (_, i) => ({ method: 'GET', path: i % 20 === 0 ? '/dup' : `/r${i}`, response: `r${i}` })) });
  const findings = run('SAG501', many, 'bundled');
  assert.deepEqual(findings.map((f) => f.pointer), ['/paths/20/path', '/paths/40/path']);
  const fixed = JSON.parse(applyFix(many, CONFIG, findings[0]!)) as { paths: { response: string }[] };
  assert.equal(fixed.paths.length, 40);
  assert.ok(!fixed.paths.some((p) => p.response === 'r20'));
  assert.deepEqual([fixed.paths[19]!.response, fixed.paths[20]!.response], ['r19', 'r21']);
});
