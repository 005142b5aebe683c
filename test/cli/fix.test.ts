// `sag check --fix`, run as a child process: safe fixes written (formatting, CRLF and comments kept), unsafe ones
// left alone, the re-check reported, and what changed printed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN_GATEWAY, runSag, writeFixture } from './sag-process';

// Checked with --runtime bundled throughout: upstream adds findings about serviceBindings (SAG610) that no fix removes.
// CRLF and tabs on purpose: the fixes must keep both. `get` and `health` have safe fixes (SAG104, SAG105);
// the duplicate `/orders` (SAG501) only an unsafe one (deleting a route), which --fix must not apply.
const CONFIG =
  '{\r\n' +
  '\t"serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\r\n' +
  '\t"paths": [\r\n' +
  '\t\t{ "method": "get", "path": "health", "response": { "status": "ok" } },\r\n' +
  '\t\t{ "method": "ANY", "path": "/orders", "integration": { "type": "service_binding", "binding": "hooks", "function": "run" } },\r\n' +
  '\t\t{ "method": "ANY", "path": "/orders", "response": { "status": "never" } }\r\n' +
  '\t]\r\n' +
  '}\r\n';

const FIXED_CONFIG = CONFIG.replace('"method": "get", "path": "health"', '"method": "GET", "path": "/health"');

// HOOKS is missing from [env.staging] (SAG302): its safe fix copies the entry into [[env.staging.services]].
const WRANGLER = `# The gateway Worker
name = "gw"
main = "src/index.js" # entry module
compatibility_date = "2025-01-01"
compatibility_flags = ["nodejs_compat"]

# hooks live in their own Worker
[[services]]
binding = "HOOKS" # the hook Worker
service = "hooks"

[env.staging]
name = "gw-staging" # staging Worker
`;

function fixture() {
  return writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': CONFIG, 'gw/wrangler.toml': WRANGLER });
}

describe('sag check --fix', () => {
  it('applies the safe fixes, keeps formatting and comments, and reports what remains', () => {
    const f = fixture();
    try {
      const before = JSON.parse(runSag(['check', '--runtime', 'bundled', '--format', 'json'], f.dir).stdout).diagnostics.map((d: { code: string }) => d.code);
      for (const code of ['SAG104', 'SAG105', 'SAG302', 'SAG501']) assert.ok(before.includes(code), `fixture triggers ${code}: ${before}`);

      const run = runSag(['check', '--runtime', 'bundled', '--fix', '--no-color'], f.dir);
      assert.equal(run.stderr, '');
      const lines = run.stdout.split('\n');
      assert.ok(lines.includes('fixed  SAG104  Change the method to `GET`  (gw/api-config.json)'), run.stdout);
      assert.ok(lines.some((l) => /^fixed  SAG105  .*\(gw\/api-config\.json\)$/.test(l)), run.stdout);
      assert.ok(lines.some((l) => /^fixed  SAG302  .*\(gw\/wrangler\.toml\)$/.test(l)), run.stdout);
      assert.ok(lines.includes('applied 3 fixes in 2 files'), run.stdout);
      assert.equal(lines.filter((l) => l.startsWith('fixed  SAG501')).length, 0, 'unsafe fix not applied');
      // What remains is reported after the fixes: the duplicate route, a warning, so exit 0.
      const report = run.stdout.slice(run.stdout.indexOf('\n\n') + 2);
      assert.match(report, /^gw\/api-config\.json:6:\d+  warning  SAG501  /m);
      assert.doesNotMatch(report, /SAG10[45]|SAG302/);
      assert.equal(run.code, 0);

      assert.equal(f.read('gw/api-config.json'), FIXED_CONFIG, 'byte for byte: CRLF, tabs and the unsafe-fix route untouched');
      const toml = f.read('gw/wrangler.toml');
      for (const line of WRANGLER.split('\n')) assert.ok(toml.includes(line), `kept: ${line}`);
      assert.match(toml, /\[\[env\.staging\.services\]\]\nbinding = "HOOKS"\nservice = "hooks"/);

      const again = runSag(['check', '--runtime', 'bundled', '--format', 'json'], f.dir);
      assert.deepEqual(JSON.parse(again.stdout).diagnostics.map((d: { code: string }) => d.code), ['SAG501']);
    } finally {
      f.dispose();
    }
  });

  it('with --format json: the change log goes to stderr and stdout stays one JSON document', () => {
    const f = fixture();
    try {
      const run = runSag(['check', '--runtime', 'bundled', '--fix', '--format', 'json', '--max-warnings', '0'], f.dir);
      assert.match(run.stderr, /^fixed  SAG302 /m);
      assert.match(run.stderr, /applied 3 fixes in 2 files\n/);
      const out = JSON.parse(run.stdout);
      assert.ok(out.diagnostics.some((d: { code: string }) => d.code === 'SAG501'));
      assert.equal(run.code, 1, 'the remaining warning is over --max-warnings 0');
    } finally {
      f.dispose();
    }
  });

  it('two findings fixed by one edit count as one fix, and the second says so', () => {
    // Two aliases of HOOKS, which [env.staging] lacks: a SAG302 each, and the same copy of the binding for both.
    const config = CONFIG.replace('[{ "alias": "hooks", "binding": "HOOKS" }]', '[{ "alias": "hooks", "binding": "HOOKS" }, { "alias": "audit", "binding": "HOOKS" }]').replace(
      '"path": "/orders", "response"',
      '"path": "/audit", "integration": { "type": "service_binding", "binding": "audit", "function": "run" }, "x": { "status": "never" }, "y"',
    );
    const f = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': config, 'gw/wrangler.toml': WRANGLER });
    try {
      const before = JSON.parse(runSag(['check', '--runtime', 'bundled', '--format', 'json'], f.dir).stdout).diagnostics.filter((d: { code: string }) => d.code === 'SAG302');
      assert.equal(before.length, 2, 'fixture: one SAG302 per alias');
      const run = runSag(['check', '--runtime', 'bundled', '--fix', '--no-color'], f.dir);
      const lines = run.stdout.split('\n');
      assert.deepEqual(lines.filter((l) => l.startsWith('fixed  SAG302')), [
        'fixed  SAG302  Copy binding `HOOKS` into [[env.staging.services]]  (gw/wrangler.toml)',
        'fixed  SAG302  Copy binding `HOOKS` into [[env.staging.services]]  (gw/wrangler.toml, by the edit above)',
      ]);
      assert.ok(lines.includes('applied 3 fixes for 4 findings in 2 files'), run.stdout);
      assert.equal(f.read('gw/wrangler.toml').split('[[env.staging.services]]').length, 2, 'the binding is copied once');
    } finally {
      f.dispose();
    }
  });

  it('keeps a UTF-8 byte order mark, and says so when there is nothing safe to fix', () => {
    const f = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': `\ufeff${CONFIG}`, 'gw/wrangler.toml': WRANGLER });
    try {
      runSag(['check', '--runtime', 'bundled', '--fix'], f.dir);
      assert.equal(f.read('gw/api-config.json'), `\ufeff${FIXED_CONFIG}`);
      const second = runSag(['check', '--runtime', 'bundled', '--fix', '--no-color'], f.dir);
      assert.match(second.stdout, /^no safe fixes to apply\n/);
    } finally {
      f.dispose();
    }
  });

  it('leaves a file that is not valid UTF-8 byte for byte as it was, says why, and still fixes the others', () => {
    const f = fixture();
    try {
      // A Latin-1 comment: decoded, it would be written back as U+FFFD.
      const toml = Buffer.concat([Buffer.from('# r'), Buffer.from([0xe9]), Buffer.from(`sum\u00e9 of the gateway\n${WRANGLER}`)]);
      writeFileSync(join(f.dir, 'gw/wrangler.toml'), toml);
      const run = runSag(['check', '--runtime', 'bundled', '--fix', '--no-color'], f.dir);
      assert.ok(readFileSync(join(f.dir, 'gw/wrangler.toml')).equals(toml), 'wrangler.toml unchanged');
      assert.match(run.stdout, /^not fixed {2}gw\/wrangler\.toml: the file is not valid UTF-8; its fixes were left out$/m);
      assert.doesNotMatch(run.stdout, /fixed {2}SAG302/);
      assert.equal(f.read('gw/api-config.json'), FIXED_CONFIG);
      assert.match(run.stdout, /SAG302/, 'the finding is still reported');
    } finally {
      f.dispose();
    }
  });

  it('a file it cannot write keeps its fixes out (a fix across files is all or nothing) and is named, not an internal error', (t) => {
    const f = fixture();
    const toml = join(f.dir, 'gw/wrangler.toml');
    // root writes read-only files: make it immutable instead, where chattr works.
    const asRoot = process.getuid?.() === 0;
    const lock = (on: boolean): boolean => (asRoot ? spawnSync('chattr', [on ? '+i' : '-i', toml]).status === 0 : (chmodSync(toml, on ? 0o444 : 0o644), true));
    try {
      if (!lock(true)) return t.skip('cannot make a file unwritable here (root without chattr)');
      const run = runSag(['check', '--runtime', 'bundled', '--fix', '--no-color'], f.dir);
      assert.equal(run.code, 1, run.stderr);
      assert.doesNotMatch(run.stderr, /internal error/);
      assert.match(run.stdout, /^not fixed {2}gw\/wrangler\.toml: it cannot be written \((EPERM|EACCES)\); its fixes were left out$/m);
      assert.equal(f.read('gw/wrangler.toml'), WRANGLER);
      assert.equal(f.read('gw/api-config.json'), FIXED_CONFIG);
      assert.match(run.stdout, /applied 2 fixes in 1 file/);
    } finally {
      lock(false);
      f.dispose();
    }
  });
});
