// planFixes / applyFixes (the engine side of `--fix`): one fix per finding, safe only, first wins on overlap,
// identical edits once, all-or-nothing across files, never overwriting with a create.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, planFixes } from '../../server/src/analysis/check-workspace';
import type { FileEdit, Finding, Fix } from '../../server/src/analysis/findings';
import { MemoryFileHost } from '../../server/src/analysis/host';

const A = '/gw/a.json';
const B = '/gw/b.toml';

function edit(file: string, line: number, from: number, to: number, newText: string): FileEdit {
  return { file, range: { start: { line, character: from }, end: { line, character: to } }, newText };
}

function finding(code: string, ...fixes: Fix[]): Finding {
  return { code, severity: 'error', message: code, file: A, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, related: [], fixes };
}

const safe = (title: string, ...edits: FileEdit[]): Fix => ({ title, safe: true, edits });
const unsafe = (title: string, ...edits: FileEdit[]): Fix => ({ title, safe: false, edits });

function host(): MemoryFileHost {
  return new MemoryFileHost({ [A]: '{ "method": "get", "path": "x" }\r\n{ "b": 1 }\r\n', [B]: 'name = "gw" # keep\n' });
}

describe('planFixes', () => {
  it('applies non-overlapping safe fixes from several findings into one new text per file', () => {
    const files = applyFixes(host(), [
      finding('SAG104', safe('upper', edit(A, 0, 12, 17, '"GET"'))),
      finding('SAG105', safe('slash', edit(A, 0, 27, 30, '"/x"'))),
      finding('SAG309', safe('flag', edit(B, 0, 11, 11, '\ncompatibility_flags = ["nodejs_compat"]'))),
    ]);
    assert.deepEqual([...files.keys()].sort(), [A, B]);
    assert.equal(files.get(A), '{ "method": "GET", "path": "/x" }\r\n{ "b": 1 }\r\n');
    assert.equal(files.get(B), 'name = "gw"\ncompatibility_flags = ["nodejs_compat"] # keep\n');
  });

  it('skips unsafe fixes and fixes that create files unless safeOnly is false', () => {
    const findings = [
      finding('SAG201', unsafe('guess', edit(A, 0, 12, 17, '"PUT"'))),
      finding('SAG401', safe('create', { file: '/gw/services/hook.js', create: true, newText: 'export default class {}\n' })),
    ];
    assert.equal(applyFixes(host(), findings).size, 0);
    const all = applyFixes(host(), findings, { safeOnly: false });
    assert.equal(all.get(A), '{ "method": "PUT", "path": "x" }\r\n{ "b": 1 }\r\n');
    assert.equal(all.get('/gw/services/hook.js'), 'export default class {}\n');
  });

  it('takes only the first eligible fix of a finding (alternatives exclude each other)', () => {
    const files = applyFixes(host(), [finding('SAG120', unsafe('true', edit(A, 0, 12, 17, 'true')), safe('GET', edit(A, 0, 12, 17, '"GET"')), safe('ANY', edit(A, 0, 12, 17, '"ANY"')))]);
    assert.equal(files.get(A), '{ "method": "GET", "path": "x" }\r\n{ "b": 1 }\r\n');
  });

  it('first wins on overlapping edits; the later fix is deferred for the next round', () => {
    const plan = planFixes(host(), [
      finding('SAG104', safe('upper', edit(A, 0, 12, 17, '"GET"'))),
      finding('SAG106', safe('other', edit(A, 0, 14, 20, 'zz'))),
      finding('SAG107', safe('insert-a', edit(A, 0, 31, 31, ' '))),
      finding('SAG108', safe('insert-b', edit(A, 0, 31, 31, '  '))),
    ]);
    assert.deepEqual(plan.applied.map((p) => p.fix.title), ['upper', 'insert-a']);
    assert.deepEqual(plan.deferred.map((p) => p.fix.title), ['other', 'insert-b']);
    assert.equal(plan.files.get(A), '{ "method": "GET", "path": "x"  }\r\n{ "b": 1 }\r\n');
  });

  it('counts an identical edit from two findings once', () => {
    const same = edit(B, 0, 11, 11, '\n[[services]]');
    const plan = planFixes(host(), [finding('SAG301', safe('add', same)), finding('SAG301', safe('add', { ...same }))]);
    assert.equal(plan.applied.length, 2);
    assert.equal(plan.files.get(B), 'name = "gw"\n[[services]] # keep\n');
  });

  it('is all-or-nothing for a fix that edits two files', () => {
    const plan = planFixes(host(), [
      finding('SAG104', safe('upper', edit(A, 0, 12, 17, '"GET"'))),
      finding('SAG302', safe('both', edit(B, 0, 0, 4, 'title'), edit(A, 0, 13, 14, 'M'))),
    ]);
    assert.deepEqual(plan.deferred.map((p) => p.fix.title), ['both']);
    assert.equal(plan.files.has(B), false, 'the wrangler half was not applied alone');
  });

  it('ignores edits to missing files and never overwrites an existing file with a create edit', () => {
    const plan = planFixes(host(), [
      finding('SAG104', safe('ghost', edit('/gw/missing.json', 0, 0, 1, 'x'))),
      finding('SAG401', unsafe('create over', { file: A, create: true, newText: 'clobbered' })),
    ], { safeOnly: false });
    assert.equal(plan.files.size, 0);
    assert.equal(plan.applied.length + plan.deferred.length, 0);
  });

  it('returns nothing for no findings, and for fixes without edits', () => {
    assert.equal(applyFixes(host(), []).size, 0);
    assert.equal(applyFixes(host(), [finding('SAG307', { title: 'run wrangler secret put', safe: true, edits: [], command: 'wrangler secret put X' })]).size, 0);
  });

  it('fixes safe one by one that would write one key twice together: the later waits for the next round', () => {
    const C = '/gw/c.json';
    const text = '{ "preProcess": 1, "pre-process": 2, "x": { "A": 1 } }\n';
    const files = new MemoryFileHost({ [C]: text, [B]: 'name = "gw"\n' });
    const at = (needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];
    const rename = (from: string, to: string, also?: FileEdit): Fix => safe(`${from} -> ${to}`, edit(C, 0, ...at(`"${from}"`), `"${to}"`), ...(also ? [also] : []));
    const plan = planFixes(files, [
      finding('SAG108', rename('preProcess', 'pre_process')),
      // Its other edit, in another file, goes with it: a fix is all or nothing.
      finding('SAG108', rename('pre-process', 'pre_process', edit(B, 0, 11, 11, '\nmain = "x"'))),
      finding('SAG102', rename('A', 'a')),
    ]);
    assert.equal(plan.files.get(C), '{ "pre_process": 1, "pre-process": 2, "x": { "a": 1 } }\n', 'JSON.parse would have kept only the second pre_process');
    assert.equal(plan.files.has(B), false);
    assert.deepEqual(plan.applied.map((p) => p.fix.title), ['preProcess -> pre_process', 'A -> a']);
    assert.deepEqual(plan.deferred.map((p) => p.fix.title), ['pre-process -> pre_process']);
  });
});
