#!/usr/bin/env node
// `npm test`: build the bundles the protocol tests spawn, then run every test file under test/
// (node:test through tsx; Node 20's --test does not expand globs, so the list is made here).
// `node scripts/test.mjs test/rules` runs one folder; `--no-build` skips the build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const noBuild = argv.includes('--no-build');
const folders = argv.filter((a) => !a.startsWith('--'));

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.mjs')) out.push(path);
  }
  return out;
}

if (!noBuild) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const files = (folders.length ? folders : ['test'])
  .flatMap((f) => {
    const abs = join(root, f);
    return statSync(abs).isDirectory() ? collect(abs, []) : [abs];
  })
  .sort()
  .map((f) => relative(root, f));

if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const result = spawnSync(process.execPath, ['--conditions=sag-source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  cwd: root,
  // No findings cache (the language server's, host/findings-cache.ts) unless a test sets its own folder: every
  // server a test starts checks what it is given, as on a first start.
  env: { ...process.env, SAG_TEST: '1', SAG_CACHE_DIR: 'off' },
});
process.exit(result.status ?? 1);
