#!/usr/bin/env node
// One build: regenerate the schema-derived artefacts, type-check, then bundle every entry that exists (CLI, language
// server, VS Code client, gateway runtime). `--no-typecheck` skips tsc (used by `npm start` after a fresh build),
// `--minify` for packaging.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from './node-bundle-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const minify = args.has('--minify');

// Schema-derived artefacts first (schemas, types, the engine's precompiled validators): type-check and bundles use
// them, and a build never ships a validator older than the config model. Files already up to date stay untouched.
const gen = spawnSync(process.execPath, ['--conditions=sag-source', '--import', 'tsx', join(root, 'scripts/gen-schemas.ts')], { stdio: 'inherit', cwd: root });
if (gen.status !== 0) process.exit(gen.status ?? 1);

if (!args.has('--no-typecheck')) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

const common = nodeBundleOptions({ minify });

const entries = [
  { in: 'server/src/cli/main.ts', out: 'dist/sag.js', banner: '#!/usr/bin/env node' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];

for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) continue;
  await build({
    ...common,
    entryPoints: [join(root, entry.in)],
    outfile: join(root, entry.out),
    external: entry.external ?? [],
    banner: entry.banner ? { js: entry.banner } : undefined,
  });
}

const runtimeBuild = join(root, 'scripts/build-runtime.mjs');
if (existsSync(runtimeBuild)) {
  const result = spawnSync(process.execPath, [runtimeBuild, ...(minify ? ['--minify'] : [])], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log(`build: done${minify ? ' (minified)' : ''}`);
