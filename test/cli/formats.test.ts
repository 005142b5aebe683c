// `sag check` output formats, run as a child process: text lines and summary, the JSON v1 contract, SARIF 2.1.0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLEAN_GATEWAY, runSag, writeFixture } from './sag-process';

const BROKEN_CONFIG = `{
  "paths": [
    { "method": "get", "path": "/health", "response": { "status": "ok" } },
    { "method": "GET", "path": "/items", "response": { "items": [] } },
    { "method": "GET", "path": "/items", "response": { "items": [] } }
  ]
}
`;

/** 0-based position of the n-th (0-based) occurrence of `needle`. */
function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `fixture holds ${needle}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

const methodAt = positionOf(BROKEN_CONFIG, '"get"');
const laterPathAt = positionOf(BROKEN_CONFIG, '"/items"', 1);
const firstPathAt = positionOf(BROKEN_CONFIG, '"/items"', 0);

describe('sag check formats', () => {
  let fixture: ReturnType<typeof writeFixture>;
  before(() => {
    fixture = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': BROKEN_CONFIG });
  });
  after(() => fixture.dispose());

  it('text: one `file:line:col  severity  code  message` line per finding (1-based), then the summary; exit 1', () => {
    const run = runSag(['check', '--no-color'], fixture.dir);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    const method = lines.find((l) => l.includes('SAG104'));
    assert.ok(method, run.stdout);
    assert.equal(method.slice(0, method.indexOf('SAG104')), `gw/api-config.json:${methodAt.line + 1}:${methodAt.character + 1}  error    `);
    assert.match(method, /SAG104  \S/);
    const duplicate = lines.find((l) => l.includes('SAG501'));
    assert.ok(duplicate?.startsWith(`gw/api-config.json:${laterPathAt.line + 1}:${laterPathAt.character + 1}  warning  SAG501  `), duplicate);
    assert.match(lines[lines.length - 1]!, /^\d+ errors?, \d+ warnings?, \d+ infos? in 1 file \(1 gateway\)$/);
    assert.equal(lines[lines.length - 2], '', 'a blank line before the summary');
    assert.doesNotMatch(run.stdout, /\u001b\[/, 'no colour with --no-color');
  });

  it('text: colour only on request (FORCE_COLOR), never with NO_COLOR or --no-color', () => {
    assert.match(runSag(['check'], fixture.dir, { FORCE_COLOR: '1' }).stdout, /\u001b\[31merror/);
    assert.doesNotMatch(runSag(['check'], fixture.dir).stdout, /\u001b\[/, 'a pipe is not a TTY');
    assert.doesNotMatch(runSag(['check'], fixture.dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, /\u001b\[/);
    assert.doesNotMatch(runSag(['check', '--no-color'], fixture.dir, { FORCE_COLOR: '1' }).stdout, /\u001b\[/);
  });

  it('json: version 1, 0-based ranges, cwd-relative files, runtime, related and fixes as documented', () => {
    const run = runSag(['check', '--format', 'json', '--runtime', 'bundled'], fixture.dir);
    assert.equal(run.code, 1, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out), ['version', 'diagnostics']);
    assert.equal(out.version, 1);
    for (const d of out.diagnostics) {
      assert.deepEqual(Object.keys(d).filter((k) => k !== 'env' && k !== 'pointer'), ['file', 'code', 'severity', 'message', 'range', 'runtime', 'related', 'fixes']);
      if ('pointer' in d) assert.match(d.pointer, /^(\/[^/]*)*$/);
      assert.match(d.code, /^SAG\d{3}$/);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
      assert.equal(d.runtime, 'bundled');
      assert.ok(!d.file.startsWith('/') && !d.file.includes('\\'), d.file);
      for (const fix of d.fixes) {
        assert.deepEqual(Object.keys(fix), ['title', 'safe', 'edits']);
        for (const edit of fix.edits) assert.ok(edit.create === true ? !('range' in edit) : 'range' in edit && !('create' in edit));
      }
    }
    const method = out.diagnostics.find((d: { code: string }) => d.code === 'SAG104');
    assert.equal(method.file, 'gw/api-config.json');
    assert.equal(method.severity, 'error');
    assert.deepEqual(method.range, { start: methodAt, end: { line: methodAt.line, character: methodAt.character + '"get"'.length } });
    assert.equal(method.env, undefined, 'not environment-specific: no env key');
    const upper = method.fixes.find((f: { safe: boolean }) => f.safe);
    assert.ok(upper, 'uppercasing a method is a safe fix');
    assert.deepEqual(upper.edits, [{ file: 'gw/api-config.json', range: method.range, newText: '"GET"' }]);
    const duplicate = out.diagnostics.find((d: { code: string }) => d.code === 'SAG501');
    assert.deepEqual(duplicate.range.start, laterPathAt);
    assert.equal(duplicate.related[0].file, 'gw/api-config.json');
    assert.equal(duplicate.related[0].range.start.line, firstPathAt.line);
    assert.equal(typeof duplicate.related[0].message, 'string');
  });

  it('sarif: 2.1.0 with rules (help, helpUri to the docs anchor, level), results with 1-based regions and fingerprints', () => {
    const run = runSag(['check', '--format', 'sarif'], fixture.dir);
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    const [runObj] = sarif.runs;
    const driver = runObj.tool.driver;
    assert.equal(driver.name, 'sag');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    const ids = driver.rules.map((r: { id: string }) => r.id);
    assert.deepEqual(ids, [...ids].sort(), 'rules sorted by id');
    assert.equal(new Set(ids).size, ids.length, 'one rule per code');
    for (const rule of driver.rules) {
      assert.ok(rule.name && /^[A-Za-z0-9]+$/.test(rule.name), `rule name of ${rule.id}`);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
      assert.ok(rule.helpUri.endsWith(`/docs/diagnostics.md#${rule.id.toLowerCase()}`), rule.helpUri);
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(runObj.results.length >= 2);
    for (const result of runObj.results) {
      assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(typeof result.message.text, 'string');
      const loc = result.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1 && loc.region.endLine >= loc.region.startLine);
      assert.match(Object.values(result.partialFingerprints)[0] as string, /^[0-9a-f]{64}$/);
    }
    const method = runObj.results.find((r: { ruleId: string }) => r.ruleId === 'SAG104');
    assert.equal(method.level, 'error');
    assert.deepEqual(method.locations[0].physicalLocation, {
      artifactLocation: { uri: 'gw/api-config.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: methodAt.line + 1, startColumn: methodAt.character + 1, endLine: methodAt.line + 1, endColumn: methodAt.character + 6 },
    });
    const duplicate = runObj.results.find((r: { ruleId: string }) => r.ruleId === 'SAG501');
    assert.equal(duplicate.level, 'warning');
    assert.equal(duplicate.relatedLocations[0].physicalLocation.region.startLine, firstPathAt.line + 1);
    const fingerprints = runObj.results.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0]);
    assert.equal(new Set(fingerprints).size, fingerprints.length, 'distinct findings, distinct fingerprints');
  });

  it('sarif fingerprints do not change when a finding moves to another line', () => {
    const first = JSON.parse(runSag(['check', '--format', 'sarif'], fixture.dir).stdout).runs[0].results;
    const moved = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': `\n\n${BROKEN_CONFIG}` });
    try {
      const second = JSON.parse(runSag(['check', '--format', 'sarif'], moved.dir).stdout).runs[0].results;
      const method = (rs: { ruleId: string; partialFingerprints: object }[]) => rs.find((r) => r.ruleId === 'SAG104')!.partialFingerprints;
      assert.deepEqual(method(second), method(first));
    } finally {
      moved.dispose();
    }
  });

  it('a clean gateway: exit 0 in every format', () => {
    const clean = writeFixture(CLEAN_GATEWAY);
    try {
      const text = runSag(['check'], clean.dir);
      assert.equal(text.code, 0, text.stdout + text.stderr);
      assert.equal(text.stdout, '0 errors, 0 warnings, 0 infos in 0 files (1 gateway)\n');
      const json = runSag(['check', '--format', 'json'], clean.dir);
      assert.equal(json.code, 0);
      assert.deepEqual(JSON.parse(json.stdout), { version: 1, diagnostics: [] });
      const sarif = runSag(['check', '--format=sarif'], clean.dir);
      assert.equal(sarif.code, 0);
      assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results, []);
    } finally {
      clean.dispose();
    }
  });

  it('text: control characters from the config are written as escapes (no terminal codes, no forged finding lines)', () => {
    // A key with ESC sequences, BEL, CR/LF and a line that reads like a finding: SAG102 quotes the key.
    const key = 'x\u001b[2J\u001b]0;pwned\u0007\r\nfake.json:1:1  error  SAG999  forged\u2028';
    const f = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': JSON.stringify({ [key]: 1, paths: [] }, null, 2) });
    try {
      const run = runSag(['check', '--runtime', 'bundled', '--no-color'], f.dir);
      assert.equal(run.code, 0, run.stderr); // SAG102 is a warning
      assert.doesNotMatch(run.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028]/, 'no control character but newline and tab');
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.filter((l) => /^\S+:\d+:\d+ {2}/.test(l)).length, 1, run.stdout);
      assert.match(lines[0]!, /SAG102 {2}.*x\\u001b\[2J\\u001b\]0;pwned\\u0007\\r\\nfake\.json:1:1  error  SAG999  forged\\u2028/);
      // JSON keeps the message as it is (JSON.stringify escapes it).
      const json = JSON.parse(runSag(['check', '--runtime', 'bundled', '--format', 'json'], f.dir).stdout) as { diagnostics: { message: string }[] };
      assert.ok(json.diagnostics.some((d) => d.message.includes(key)));
    } finally {
      f.dispose();
    }
  });
});
