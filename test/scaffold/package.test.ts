// `npm run package`: the tools tarball installs offline with `npm i -g`, and its `sag` scaffolds and checks a
// project on its own (templates, runtime and CLI come from the tarball, not this repository).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAG_VERSION } from '../../server/src/cli/version';
import { ensureBuilt, repoRoot, tempDir } from './project-fixture';

describe('npm run package: the tools tarball', { skip: process.platform === 'win32' ? 'bin shims differ on Windows' : false }, () => {
  const work = tempDir('sag-package-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('packs, installs offline with npm i -g, and its sag scaffolds a project that checks clean', () => {
    const out = join(work.dir, 'out');
    const packed = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--no-build', '--out', out], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
    assert.equal(tarball, `serverless-api-gateway-tools-${SAG_VERSION}.tgz`);

    const prefix = join(work.dir, 'prefix');
    const installed = spawnSync('npm', ['install', '-g', '--prefix', prefix, join(out, tarball!), '--offline', '--no-audit', '--no-fund'], { encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr);
    const bin = join(prefix, 'bin');
    assert.ok(existsSync(join(bin, 'sag')) && existsSync(join(bin, 'sag-language-server')), readdirSync(bin).join(', '));

    const version = spawnSync(join(bin, 'sag'), ['--version'], { encoding: 'utf8' });
    assert.equal(version.stdout, `${SAG_VERSION}\n`);
    const project = join(work.dir, 'project');
    const init = spawnSync(join(bin, 'sag'), ['init', project, '--template', 'service-execution', '--yes'], { encoding: 'utf8' });
    assert.equal(init.status, 0, init.stderr);
    assert.equal(readFileSync(join(project, '.gitignore'), 'utf8').split('\n')[0], 'node_modules/');
    assert.equal(readFileSync(join(project, 'vendor/sag/VERSION'), 'utf8'), `${SAG_VERSION}\n`);
    const check = spawnSync(join(bin, 'sag'), ['check', project], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /^0 errors, 0 warnings, 0 infos/m);
  });
});
