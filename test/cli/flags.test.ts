// `sag check --runtime`, `--max-warnings` and `--env`, run as a child process on fixture folders.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN_GATEWAY, runSag, sagNodeArgs, writeFixture } from './sag-process';

// `"auth": 0` is SAG120: a warning for upstream (0 simply disables auth), an error for bundled (config refused).
const AUTH_ZERO = `{
  "paths": [
    { "method": "ANY", "path": "/health", "auth": 0, "response": { "status": "ok" } }
  ]
}
`;

// HOOKS is declared at the top level and in [env.production], not in [env.staging]: SAG302 for staging only.
const ENV_CONFIG = `{
  "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],
  "paths": [
    { "method": "ANY", "path": "/orders", "integration": { "type": "service_binding", "binding": "hooks", "function": "run" } }
  ]
}
`;
const ENV_WRANGLER = `name = "gw"
main = "src/index.js"
compatibility_date = "2025-01-01"
compatibility_flags = ["nodejs_compat"]

[[services]]
binding = "HOOKS"
service = "hooks"

[env.staging]
name = "gw-staging"

[env.production]
name = "gw-production"
services = [{ binding = "HOOKS", service = "hooks" }]
`;

interface JsonDiagnostic {
  code: string;
  severity: string;
  runtime: string;
  env?: string;
  range: { start: { line: number; character: number } };
}

function diagnostics(stdout: string): JsonDiagnostic[] {
  return JSON.parse(stdout).diagnostics;
}

describe('sag check --runtime and --max-warnings', () => {
  let fixture: ReturnType<typeof writeFixture>;
  before(() => {
    fixture = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': AUTH_ZERO });
  });
  after(() => fixture.dispose());

  it('--runtime upstream: SAG120 is a warning, exit 0; --runtime bundled: an error, exit 1', () => {
    const upstream = runSag(['check', '--format', 'json', '--runtime', 'upstream'], fixture.dir);
    assert.equal(upstream.code, 0, upstream.stdout);
    const [u] = diagnostics(upstream.stdout).filter((d) => d.code === 'SAG120');
    assert.equal(u?.severity, 'warning');
    assert.equal(u?.runtime, 'upstream');
    assert.deepEqual(u?.range.start, { line: 2, character: AUTH_ZERO.split('\n')[2]!.indexOf('0,') });

    const bundled = runSag(['check', '--format', 'json', '--runtime', 'bundled'], fixture.dir);
    assert.equal(bundled.code, 1);
    const [b] = diagnostics(bundled.stdout).filter((d) => d.code === 'SAG120');
    assert.equal(b?.severity, 'error');
    assert.equal(b?.runtime, 'bundled');
  });

  it('--max-warnings N: exit 1 only when the warnings exceed N', () => {
    const over = runSag(['check', '--runtime', 'upstream', '--max-warnings', '0'], fixture.dir);
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'sag: 1 warning, more than --max-warnings 0\n');
    assert.match(over.stdout, /warning  SAG120/);
    const within = runSag(['check', '--runtime', 'upstream', '--max-warnings=1'], fixture.dir);
    assert.equal(within.code, 0);
    assert.equal(within.stderr, '');
  });

  it('.sagrc.json "runtime" applies when no --runtime is given, and --runtime beats it', () => {
    const withRc = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': AUTH_ZERO, 'gw/.sagrc.json': '{ "runtime": "bundled" }\n' });
    try {
      assert.equal(runSag(['check'], withRc.dir).code, 1);
      assert.equal(runSag(['check', '--runtime', 'upstream'], withRc.dir).code, 0);
    } finally {
      withRc.dispose();
    }
  });
});

describe('sag check --env', () => {
  let fixture: ReturnType<typeof writeFixture>;
  before(() => {
    fixture = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': ENV_CONFIG, 'gw/wrangler.toml': ENV_WRANGLER });
  });
  after(() => fixture.dispose());

  const bindingAt = { line: 1, character: ENV_CONFIG.split('\n')[1]!.indexOf('"HOOKS"') };

  it('without --env: every environment is checked; the finding names its environment', () => {
    const run = runSag(['check', '--format', 'json'], fixture.dir);
    assert.equal(run.code, 1);
    const missing = diagnostics(run.stdout).filter((d) => d.code === 'SAG302');
    assert.deepEqual(missing.map((d) => [d.env, d.range.start]), [['staging', bindingAt]]);
    const text = runSag(['check', '--no-color'], fixture.dir);
    assert.match(text.stdout, new RegExp(`^gw/api-config\\.json:2:${bindingAt.character + 1}  error    SAG302  .*\\(env: staging\\)$`, 'm'));
  });

  it('--env staging reports it; --env production (which declares HOOKS) does not', () => {
    const staging = runSag(['check', '--format', 'json', '--env', 'staging'], fixture.dir);
    assert.equal(staging.code, 1);
    assert.deepEqual(diagnostics(staging.stdout).filter((d) => d.code === 'SAG302').map((d) => d.env), ['staging']);
    const production = runSag(['check', '--format', 'json', '--env', 'production'], fixture.dir);
    assert.deepEqual(diagnostics(production.stdout).filter((d) => d.code.startsWith('SAG30')), []);
    assert.equal(production.code, 0, production.stdout);
  });
});

describe('sag check output that cannot be written', () => {
  const broken = (): ReturnType<typeof writeFixture> =>
    writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': '{ "paths": [ { "method": "get", "path": "/x", "response": 1 } ] }\n' });

  it('a reader that leaves early (`sag check | true`) does not change the exit code: 1 for errors', (t) => {
    // A pipe whose reader is gone before the report is written: what a shell pipeline gives (PIPESTATUS reads it).
    if (!existsSync('/bin/bash')) return t.skip('no bash here');
    const f = broken();
    try {
      const quoted = [process.execPath, ...sagNodeArgs(['check', '--runtime', 'bundled'])].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      for (let i = 0; i < 3; i++) {
        const run = spawnSync('/bin/bash', ['-c', `${quoted} | true; echo "status=\${PIPESTATUS[0]}"`], { cwd: f.dir, encoding: 'utf8' });
        assert.match(run.stdout, /^status=1$/m, run.stdout + run.stderr);
      }
    } finally {
      f.dispose();
    }
  });

  it('a full disk is a failure of sag, exit 2 with one line, not findings and not a stack trace', (t) => {
    if (!existsSync('/dev/full')) return t.skip('no /dev/full here');
    const f = writeFixture(CLEAN_GATEWAY);
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, sagNodeArgs(['check', '--format', 'sarif']), { cwd: f.dir, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stderr, 'sag: cannot write its output (ENOSPC)\n');
    } finally {
      closeSync(full);
      f.dispose();
    }
  });
});

describe('sag check roots', () => {
  it('a folder named twice, once through a symlink, is checked once', (t) => {
    const f = writeFixture({ ...CLEAN_GATEWAY, 'gw/api-config.json': '{ "paths": [ { "method": "get", "path": "/x", "response": 1 } ] }\n' });
    try {
      try {
        symlinkSync(join(f.dir, 'gw'), join(f.dir, 'link'), 'dir');
      } catch {
        return t.skip('no symlinks here');
      }
      const run = runSag(['check', '--runtime', 'bundled', '--no-color', 'gw', 'link'], f.dir);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /\(1 gateway\)\n$/);
      assert.equal(run.stdout.split('\n').filter((l) => /SAG104/.test(l)).length, 1);
    } finally {
      f.dispose();
    }
  });
});
