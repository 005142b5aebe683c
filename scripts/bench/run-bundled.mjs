#!/usr/bin/env node
// Runs an engine benchmark as the engine ships: the script and the engine bundled by esbuild with the options of
// dist/ (scripts/node-bundle-options.mjs), then run by plain node. Under tsx the figures would include tsx's own
// module wrappers (keepNames helpers, re-export getters) on every call.
//   node scripts/bench/run-bundled.mjs scripts/bench/check.ts [args...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from '../node-bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/bench/run-bundled.mjs <script.ts> [args...]');
  process.exit(2);
}
// Two folders below the repository, so a script's `resolve(__dirname, '..', '..')` is the repository as before.
const outfile = join(root, '.bench-work', 'bundled', basename(entry).replace(/\.ts$/, '.cjs'));
await build({ ...nodeBundleOptions(), sourcemap: false, entryPoints: [join(root, entry)], outfile });
const result = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
