#!/usr/bin/env node
// `npm run package`: the npm tarball of the tools (bins `sag` and `sag-language-server`), installable offline with
// `npm i -g ./serverless-api-gateway-tools-<version>.tgz`. A small package.json is generated into a staging folder
// (.package/tools/) with the bundles, the built runtime, its schemas and the project templates; no dependencies:
// `sag dev` uses the Miniflare that a project's wrangler installs. (The VSIX is packaged separately.)
// Options: --no-build (use the current dist/), --allow-missing-server (no language-server bundle yet), --out DIR.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const has = (flag) => argv.includes(flag);
const outIndex = argv.indexOf('--out');
const outDir = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]) : root;

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

if (!has('--no-build')) {
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--minify'], { stdio: 'inherit', cwd: root });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtimePackage = JSON.parse(readFileSync(join(root, 'shared-runtime/package.json'), 'utf8'));
const required = ['dist/sag.js', 'shared-runtime/dist/index.js', 'shared-runtime/dist/config.js', 'shared-runtime/dist/routing.js', 'shared-runtime/templates'];
for (const file of required) if (!existsSync(join(root, file))) fail(`${file} is missing; run \`npm run build\` first`);
const hasServer = existsSync(join(root, 'dist/server.js'));
if (!hasServer && !has('--allow-missing-server')) fail('dist/server.js (the language server bundle) is missing; build server/src/lsp/main.ts, or pass --allow-missing-server');

const stage = join(root, '.package', 'tools');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
const copy = (from, to = from) => cpSync(join(root, from), join(stage, to), { recursive: true });

copy('dist/sag.js');
if (hasServer) copy('dist/server.js');
for (const file of ['index.js', 'config.js', 'routing.js']) copy(`shared-runtime/dist/${file}`);
copy('shared-runtime/schemas');
copy('shared-runtime/templates');
writeFileSync(
  join(stage, 'shared-runtime/package.json'),
  `${JSON.stringify(
    {
      name: runtimePackage.name,
      version: runtimePackage.version,
      private: true,
      type: 'module',
      main: './dist/index.js',
      exports: { '.': './dist/index.js', './config': './dist/config.js', './routing': './dist/routing.js', './package.json': './package.json' },
    },
    null,
    2,
  )}\n`,
);
const bin = { sag: 'dist/sag.js', ...(hasServer ? { 'sag-language-server': 'dist/server.js' } : {}) };
writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify(
    {
      name: rootPackage.name,
      version: rootPackage.version,
      description: 'The `sag` CLI (check, init, build, dev) and language server for Serverless API Gateway configs.',
      license: rootPackage.license,
      engines: { node: '>=20' },
      bin,
      files: ['dist', 'shared-runtime', 'README.md'],
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(stage, 'README.md'),
  `# serverless-api-gateway-tools ${rootPackage.version}

\`npm i -g ./serverless-api-gateway-tools-${rootPackage.version}.tgz\`, then:

    sag init my-gateway --template service-execution
    cd my-gateway && npm install && npm run dev
    sag check .

\`sag-language-server --stdio\` serves the same checks to any LSP client.
`,
);

mkdirSync(outDir, { recursive: true });
const packed = runNpm(['pack', '--pack-destination', outDir, '--json'], stage);
if (packed.status !== 0) fail(`npm pack failed:\n${packed.stderr}`);
const [info] = JSON.parse(packed.stdout);
console.log(`package: ${join(outDir, info.filename)} (${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KiB)${hasServer ? '' : ' WITHOUT sag-language-server'}`);

/**
 * npm with these arguments, as they are: through npm's own script when npm runs this (`npm run package`), so no
 * shell splits a folder with a space (`C:\Users\Jane Doe`); else `npm`, which Windows only finds as npm.cmd
 * through a shell, with each argument quoted for it.
 */
function runNpm(args, cwd) {
  const npmScript = process.env.npm_execpath;
  if (npmScript && /\.c?js$/.test(npmScript)) return spawnSync(process.execPath, [npmScript, ...args], { cwd, encoding: 'utf8' });
  if (process.platform !== 'win32') return spawnSync('npm', args, { cwd, encoding: 'utf8' });
  return spawnSync('npm', args.map((a) => `"${a.replace(/"/g, '\\"')}"`), { cwd, encoding: 'utf8', shell: true });
}
