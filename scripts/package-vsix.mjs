#!/usr/bin/env node
// `npm run package` (VSIX part): minified build, then `vsce package --no-dependencies` offline into
// serverless-api-gateway-tools-<version>.vsix at the repository root; prints the file and its size.
// Flags: --no-build (package what dist/ holds), --no-typecheck (build without tsc), --out DIR.
// Importable: `packageVsix({ build, typecheck, outDir })` resolves to { file, bytes } (the e2e suite uses it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
}

export function vsixFileName() {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return `${name}-${version}.vsix`;
}

/**
 * One packaging at a time per checkout: the build rewrites dist/, and test files (run in parallel) package too.
 * The lock is a folder (mkdir is atomic); one older than 5 minutes is left over from a killed run and is taken over.
 */
function withLock(fn) {
  const lock = join(root, 'node_modules', '.cache', 'sag-package-vsix.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`package-vsix: ${lock} is held by another run`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function packageVsix(options = {}) {
  return withLock(() => packageUnlocked(options));
}

function packageUnlocked({ build = true, typecheck = true, outDir = root }) {
  if (build) run([join(root, 'scripts/build.mjs'), '--minify', ...(typecheck ? [] : ['--no-typecheck'])], 'build --minify');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, vsixFileName());
  // --no-dependencies: everything is bundled, and it keeps vsce from running `npm list` (no network either way).
  run([join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', file], 'vsce package');
  return { file, bytes: statSync(file).size };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  const { file, bytes } = packageVsix({
    build: !argv.includes('--no-build'),
    typecheck: !argv.includes('--no-typecheck'),
    outDir: outIndex >= 0 ? argv[outIndex + 1] : root,
  });
  console.log(`package: ${relative(process.cwd(), file) || file} (${(bytes / 1024).toFixed(0)} KiB${bytes > 2 * 1024 * 1024 ? ', OVER the 2 MB target' : ''})`);
}
