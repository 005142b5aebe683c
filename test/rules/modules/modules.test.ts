// SAG401–SAG410 under both runtimes: entrypoint resolution (upstream: base_dir + ".js"; bundled: from the folder
// of api-config.json, with or without extension), upload rules, and the default export's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuntimeTarget } from '../../../server/src/analysis/findings';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from '../wrangler/position-of';

const config = (entrypoint: string): string => `{
  "services": [{ "alias": "orders", "entrypoint": ${JSON.stringify(entrypoint)} }],
  "paths": [{ "method": "GET", "path": "/orders", "integration": { "type": "service", "binding": "orders" } }]
}
`;
const UPLOADING = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]\n';
const GOOD = 'export default class Orders {\n  async fetch(request, env, ctx) {\n    return new Response("ok");\n  }\n}\n';

function gw(entrypoint: string, files: Record<string, string>, wrangler = UPLOADING): Record<string, string> {
  return { '/gw/api-config.json': config(entrypoint), '/gw/wrangler.toml': wrangler, '/gw/src/index.js': 'export default {};\n', ...files };
}

const CODES = /^SAG4\d\d$/;
function fourxx(files: Record<string, string>, runtime: RuntimeTarget) {
  return checkFixture(files, { runtime }).filter((f) => CODES.test(f.code));
}
const at = (entrypoint: string) => positionOf(config(entrypoint), JSON.stringify(entrypoint));

test('near miss: the upstream layout (src/services/orders.js, uploaded by rule) and the bundled layout are clean', () => {
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }), 'upstream'), []);
  assert.deepEqual(fourxx(gw('./services/orders.ts', { '/gw/services/orders.ts': GOOD }), 'bundled'), []);
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.ts': GOOD }), 'bundled'), []);
  const objectExport = 'export default { async fetch(request) { return new Response("ok"); } };\n';
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.js': objectExport }), 'bundled'), []);
});

test('SAG401: upstream resolves from base_dir (folder of main), not from api-config.json; create-file fix', () => {
  const findings = fourxx(gw('./services/orders', { '/gw/services/orders.js': GOOD }), 'upstream');
  assert.deepEqual(findings.map((f) => [f.code, f.file, f.range.start]), [['SAG401', '/gw/api-config.json', at('./services/orders')]]);
  assert.match(findings[0]!.message, /src\/services\/orders\.js does not exist/);
  const fix = findings[0]!.fixes[0]!;
  assert.equal(fix.safe, false);
  assert.equal(fix.edits[0]!.file, '/gw/src/services/orders.js');
  assert.ok('create' in fix.edits[0]! && fix.edits[0].newText.includes('export default class OrdersService'));
});

test('SAG401: bundled tries .ts, .js and .mjs from the folder of api-config.json', () => {
  const findings = fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }), 'bundled');
  assert.deepEqual(findings.map((f) => f.code), ['SAG401']);
  assert.match(findings[0]!.message, /services\/orders\.ts \/ services\/orders\.js \/ services\/orders\.mjs does not exist/);
});

test('SAG401: bundled, an entrypoint naming a .jsx/.tsx/.mts file that is there says the extension is the problem', () => {
  for (const ext of ['.jsx', '.tsx', '.mts']) {
    const findings = fourxx(gw(`./services/orders${ext}`, { [`/gw/services/orders${ext}`]: GOOD }), 'bundled');
    assert.deepEqual(findings.map((f) => f.code), ['SAG401'], ext);
    assert.match(findings[0]!.message, new RegExp(`services/orders\\${ext} exists, but the bundled gateway loads only \\.js, \\.mjs and \\.ts modules \\(SPEC E\\.4\\): rename it`));
    assert.doesNotMatch(findings[0]!.message, /did you mean/);
  }
});

test('SAG402: not uploaded without find_additional_modules and a matching rule; safe fix adds both', () => {
  const wrangler = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n';
  const findings = fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }, wrangler), 'upstream');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start]), [['SAG402', at('./services/orders')]]);
  assert.match(findings[0]!.message, /no ESModule or CommonJS rule glob .* matches `services\/orders\.js`.*find_additional_modules is not true/);
  const fix = findings[0]!.fixes[0]!;
  assert.equal(fix.safe, true);
  assert.equal(fix.edits[0]!.newText, '\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]');
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.js': GOOD }, wrangler), 'bundled'), []);
});

test('SAG402: `*` is one level deep for wrangler, and a later ESModule rule is ignored without fallthrough', () => {
  const deep = UPLOADING.replace('["services/*.js"]', '["*.js"]');
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }, deep), 'upstream').map((f) => f.code), ['SAG402']);
  const shadowed = UPLOADING.replace('rules = [{ type = "ESModule", globs = ["services/*.js"] }]', 'rules = [{ type = "ESModule", globs = ["lib/*.js"] }, { type = "ESModule", globs = ["services/*.js"] }]');
  const findings = fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }, shadowed), 'upstream');
  assert.deepEqual(findings.map((f) => f.code), ['SAG402']);
  assert.equal(findings[0]!.fixes[0]!.edits[0]!.newText, ', "services/*.js"');
  const globstar = UPLOADING.replace('["services/*.js"]', '["**/*.js"]');
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }, globstar), 'upstream'), []);
});

test('SAG403: an extension (upstream only), with a safe fix dropping it', () => {
  const files = gw('./services/orders.js', { '/gw/src/services/orders.js': GOOD });
  const findings = fourxx(files, 'upstream');
  assert.deepEqual(findings.map((f) => [f.code, f.range.start]), [['SAG403', at('./services/orders.js')]]);
  assert.deepEqual(findings[0]!.fixes.map((x) => [x.safe, x.edits[0]!.newText]), [[true, '"./services/orders"']]);
  assert.deepEqual(fourxx(gw('./services/orders.js', { '/gw/services/orders.js': GOOD }), 'bundled'), []);
});

test('SAG404 / SAG405 / SAG406: the default export against each runtime', () => {
  const named = 'export class Orders { async fetch() { return new Response(""); } }\n';
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': named }), 'upstream').map((f) => f.code), ['SAG404']);
  const object = 'export default { async fetch() { return new Response(""); } };\n';
  const upstream = fourxx(gw('./services/orders', { '/gw/src/services/orders.js': object }), 'upstream');
  assert.deepEqual(upstream.map((f) => [f.code, f.range.start]), [['SAG405', at('./services/orders')]]);
  assert.equal(upstream[0]!.related[0]!.file, '/gw/src/services/orders.js');
  const arrow = 'export default async () => new Response("");\n';
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.js': arrow }), 'bundled').map((f) => f.code), ['SAG405']);
  const noFetch = 'export default class Orders { async handle() { return new Response(""); } }\n';
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': noFetch }), 'upstream').map((f) => f.code), ['SAG406']);
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.js': 'export default { handle() {} };\n' }), 'bundled').map((f) => f.code), ['SAG406']);
});

test('SAG407: bare specifier (safe `./` fix) and escaping base_dir (upstream only)', () => {
  const bare = fourxx(gw('services/orders', { '/gw/src/services/orders.js': GOOD }), 'upstream');
  assert.deepEqual(bare.map((f) => f.code), ['SAG407']);
  assert.deepEqual(bare[0]!.fixes.map((x) => [x.safe, x.edits[0]!.newText]), [[true, '"./services/orders"']]);
  const up = fourxx(gw('../lib/orders', { '/gw/lib/orders.js': GOOD }), 'upstream');
  assert.deepEqual(up.map((f) => f.code).sort(), ['SAG402', 'SAG407']);
  assert.deepEqual(fourxx(gw('services/orders', { '/gw/services/orders.js': GOOD }), 'bundled'), []);
});

test('SAG407: backslashes between folders (a Windows path), with a safe fix to slashes; bundled builds it as it is', () => {
  for (const written of ['.\\services\\orders', 'services\\orders']) {
    const found = fourxx(gw(written, { '/gw/src/services/orders.js': GOOD }), 'upstream');
    assert.deepEqual(found.map((f) => f.code), ['SAG407'], written);
    assert.match(found[0]!.message, /separates folders with backslashes/);
    assert.deepEqual(found[0]!.fixes.map((x) => [x.safe, x.edits[0]!.newText]), [[true, '"./services/orders"']]);
  }
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': GOOD }), 'upstream'), [], 'near miss: slashes');
});

test('SAG408: npm and extensionless imports in an unbundled module (upstream only)', () => {
  const mod = "import { nanoid } from 'nanoid';\nimport { price } from './pricing';\nimport { tax } from './tax.js';\nexport default class { async fetch() { return new Response(nanoid()); } }\n";
  const files = gw('./services/orders', { '/gw/src/services/orders.js': mod, '/gw/src/services/tax.js': 'export const tax = 1;\n' });
  const findings = fourxx(files, 'upstream');
  assert.deepEqual(findings.map((f) => f.code), ['SAG408']);
  assert.match(findings[0]!.message, /npm package `nanoid`.*`\.\/pricing` without an extension/);
  assert.equal(findings[0]!.related.length, 2);
  assert.deepEqual(fourxx({ ...files, '/gw/services/orders.js': mod }, 'bundled'), []);
});

test('SAG409: fetch returning a boolean or nothing; SAG410: a WorkerEntrypoint service (upstream)', () => {
  const odd = 'export default class { async fetch(request) { if (request.body) return false; } }\n';
  const up = fourxx(gw('./services/orders', { '/gw/src/services/orders.js': odd }), 'upstream');
  assert.deepEqual(up.map((f) => [f.code, f.severity]), [['SAG409', 'information']]);
  assert.match(up[0]!.message, /boolean gives 400.*returning nothing gives 400/);
  const bundled = fourxx(gw('./services/orders', { '/gw/services/orders.js': odd }), 'bundled');
  assert.deepEqual(bundled.map((f) => f.code), ['SAG409']);
  assert.doesNotMatch(bundled[0]!.message, /returning nothing/);
  const rpc = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class extends WorkerEntrypoint {\n  async fetch() { return new Response(''); }\n}\n";
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/src/services/orders.js': rpc }), 'upstream').map((f) => f.code), ['SAG410']);
  assert.deepEqual(fourxx(gw('./services/orders', { '/gw/services/orders.js': rpc }), 'bundled'), []);
});

test('without a wrangler config: upstream cannot know base_dir (SAG314 reports it), bundled still resolves', () => {
  const files = { '/gw/api-config.json': config('./services/orders') };
  assert.deepEqual(fourxx(files, 'upstream'), []);
  assert.deepEqual(fourxx(files, 'bundled').map((f) => f.code), ['SAG401']);
});
