// `npm run package`: the VSIX holds exactly the allow-list of .vscodeignore (bundles, the runtime `sag init` vendors, templates,
// schemas, grammar, docs files, icon) and nothing else: no node_modules, sources, tests or source maps; ≤ 2 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listZip, type ZipEntry } from './zip-listing';
// @ts-expect-error: an ESM script without type declarations
import { packageVsix } from '../../scripts/package-vsix.mjs';

const root = resolve(import.meta.dirname, '../..');
const SIZE_TARGET = 2 * 1024 * 1024;

const ALLOWED: RegExp[] = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/(client|server|sag)\.js$/,
  /^extension\/shared-runtime\/package\.json$/,
  /^extension\/shared-runtime\/dist\/index\.js$/,
  /^extension\/shared-runtime\/templates\/.+/,
  /^extension\/shared-runtime\/schemas\/[^/]+\.schema\.json$/,
  /^extension\/syntaxes\/[^/]+\.tmLanguage\.json$/,
];

const REQUIRED = [
  'extension/package.json',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/sag.js',
  'extension/images/icon.png',
  'extension/syntaxes/sag-expressions.injection.tmLanguage.json',
  'extension/shared-runtime/schemas/api-config.bundled.schema.json',
  'extension/shared-runtime/schemas/api-config.upstream.schema.json',
  'extension/shared-runtime/package.json',
  'extension/shared-runtime/dist/index.js',
  'extension/shared-runtime/templates/service-execution/api-config.json',
];

/** Why an entry outside the templates must never ship (clearer than "not allowed"). */
function forbiddenReason(name: string): string | undefined {
  if (name.includes('node_modules/')) return 'node_modules';
  if (name.endsWith('.map')) return 'a source map';
  if (name.startsWith('extension/shared-runtime/templates/')) return undefined;
  if (/\.(ts|tsx|mts|cts)$/.test(name)) return 'a TypeScript source or declaration';
  if (/(^|\/)(test|tests|src|scripts|client|server)\//.test(name.replace(/^extension\//, ''))) return 'sources or tests';
  return undefined;
}

let packaged: { file: string; bytes: number; entries: ZipEntry[] } | undefined;
function vsix() {
  if (!packaged) {
    const { file, bytes } = packageVsix({ typecheck: false, outDir: join(root, 'test-results', 'package') }) as { file: string; bytes: number };
    packaged = { file, bytes, entries: listZip(file) };
    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    const big = [...packaged.entries].sort((a, b) => b.compressedSize - a.compressedSize).slice(0, 5);
    process.stderr.write(`vsix: ${file}: ${kib(bytes)}, ${packaged.entries.length} files; largest (zipped): ${big.map((e) => `${e.name} ${kib(e.compressedSize)}`).join(', ')}\n`);
  }
  return packaged;
}

test('the VSIX is named serverless-api-gateway-tools-<version>.vsix', () => {
  const { version, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; name: string };
  assert.equal(name, 'serverless-api-gateway-tools');
  assert.ok(vsix().file.endsWith(`/${name}-${version}.vsix`), vsix().file);
});

test('the VSIX holds only allowed files (no node_modules, sources, tests or source maps)', () => {
  const { entries } = vsix();
  const forbidden = entries.map((e) => [e.name, forbiddenReason(e.name)]).filter(([, why]) => why);
  assert.deepEqual(forbidden, [], `forbidden entries:\n${forbidden.map(([n, why]) => `  ${n} (${why})`).join('\n')}`);
  const unexpected = entries.map((e) => e.name).filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
  assert.deepEqual(unexpected, [], `entries outside the allow-list:\n  ${unexpected.join('\n  ')}`);
});

test('the VSIX holds every file the extension needs at run time', () => {
  const names = new Set(vsix().entries.map((e) => e.name));
  const missing = REQUIRED.filter((name) => !names.has(name));
  assert.deepEqual(missing, []);
  assert.ok([...names].some((n) => /^extension\/readme\.md$/i.test(n)), 'README');
  assert.ok([...names].some((n) => /^extension\/changelog\.md$/i.test(n)), 'CHANGELOG');
  assert.ok([...names].some((n) => /^extension\/license(\.txt)?$/i.test(n)), 'LICENSE');
});

test('every path the manifest names is in the VSIX', () => {
  const names = new Set(vsix().entries.map((e) => e.name));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    main: string;
    icon: string;
    contributes?: { grammars?: { path: string }[]; jsonValidation?: { url: string }[] };
  };
  const inVsix = (path: string) => `extension/${path.replace(/^\.\//, '')}`;
  const paths = [manifest.main, manifest.icon, ...(manifest.contributes?.grammars ?? []).map((g) => g.path)];
  for (const v of manifest.contributes?.jsonValidation ?? []) if (!/^https?:/.test(v.url)) paths.push(v.url);
  for (const path of paths) assert.ok(names.has(inVsix(path)), `${path} is named in package.json but not packed`);
});

test(`the VSIX is at most 2 MB`, () => {
  const { bytes } = vsix();
  assert.ok(bytes <= SIZE_TARGET, `VSIX is ${(bytes / 1024 / 1024).toFixed(2)} MB`);
});
