// hover()'s "Used by" counts over a definition that several gateways read: a Worker's method that two gateways call,
// a binding, a var and a .dev.vars key of a wrangler config two gateways share (SPEC B.0). Each gateway counts its
// own uses; hover adds those of the others (`otherGateways`, which the language server fills as references do).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../server/src/analysis/features/hover';
import type { FeatureContext } from '../../server/src/analysis/features/types';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { loadFixture } from '../support/engine';
import { fixture } from '../support/fixture';

const route = (path: string, hook: string, fn: string): string =>
  `{ "method": "POST", "path": "${path}", "integration": { "type": "service_binding", "binding": "${hook}", "function": "${fn}" } }`;

const gatewayConfig = (alias: string, functions: string[], extra = ''): string =>
  `{\n  "serviceBindings": [ { "alias": "${alias}", "binding": "HOOKS" } ],\n  "paths": [\n    ${functions.map((fn, i) => route(`/${alias}/${i}`, alias, fn)).join(',\n    ')}\n  ]${extra}\n}`;

const HOOKS_WORKER = `//- /ws/hooks/wrangler.toml
name = "hooks-worker"
main = "src/index.js"
//- /ws/hooks/src/index.js
import { WorkerEntrypoint } from 'cloudflare:workers';
export default class Hooks extends WorkerEntrypoint {
  before() { return true; }
  run() { return new Response('x'); }
  unused() { return 0; }
}`;

/** api calls `before` twice and `run` once, admin `before` once: the Worker's hover in api's index alone said 2. */
const TWO_GATEWAYS_ONE_WORKER = `//- /ws/api/api-config.json
${gatewayConfig('api-hooks', ['before', 'before', 'run'])}
//- /ws/api/wrangler.toml
name = "api"
main = "index.js"
services = [ { binding = "HOOKS", service = "hooks-worker" } ]
//- /ws/api/index.js
export default {};
//- /ws/admin/api-config.json
${gatewayConfig('admin-hooks', ['before'])}
//- /ws/admin/wrangler.toml
name = "admin"
main = "index.js"
services = [ { binding = "HOOKS", service = "hooks-worker" } ]
//- /ws/admin/index.js
export default {};
${HOOKS_WORKER}`;

/** Gateways a and b below one wrangler config (its lookup walks up, SPEC B.0), with its [vars] and .dev.vars. */
const SHARED_WRANGLER = `//- /ws/gw/wrangler.toml
name = "gw"
main = "src/index.js"
services = [ { binding = "HOOKS", service = "hooks-worker" } ]

[vars]
ISSUER = "https://issuer.example.com"
UNSET = "x"
//- /ws/gw/.dev.vars
JWT_SECRET=dev-secret
//- /ws/gw/src/index.js
export default {};
//- /ws/gw/src/a/api-config.json
${gatewayConfig('a', ['before'], ',\n  "variables": { "issuer": "$env.ISSUER" }')}
//- /ws/gw/src/b/api-config.json
${gatewayConfig('b', ['before'], ',\n  "variables": { "issuer": "$env.ISSUER", "again": "$env.ISSUER", "secret": "$secrets.JWT_SECRET" }')}
${HOOKS_WORKER}`;

/** The fixture's gateways as the language server holds them: one host and parse cache, the whole tree as workspace. */
function gateways(text: string, configs: string[]): FeatureContext[] {
  const files = fixture(text).files;
  const first = loadFixture(files, { configFile: configs[0]! });
  return configs.map((configFile, i) => ({
    project: i === 0 ? first.project : loadProject(first.host, configFile, first.cache, { workspaceRoots: ['/'] }),
    options: { runtime: 'upstream' as const, host: first.host },
  }));
}

function positionIn(text: string, needle: string, delta: number): { line: number; character: number } {
  assert.ok(text.includes(needle), `${needle} not in the text`);
  const before = text.slice(0, text.indexOf(needle) + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** `gateway`'s hover over the first `needle` in `file` (cursor `delta` characters into it), told of the others. */
function hoverFrom(all: FeatureContext[], gateway: number, file: string, needle: string, delta = 1): string | undefined {
  const self = all[gateway]!;
  const position = positionIn(self.options.host!.readFile(file)!, needle, delta);
  const otherGateways = (): FeatureContext[] => all.filter((c) => c !== self);
  return hover(self.project, file, position, { ...self.options, otherGateways })?.markdown;
}

const WORKER_SOURCE = '/ws/hooks/src/index.js';

test('a Worker method two gateways call: its uses in both, and which gateways, whichever gateway answers', () => {
  const all = gateways(TWO_GATEWAYS_ONE_WORKER, ['/ws/api/api-config.json', '/ws/admin/api-config.json']);
  for (const [answering, order] of [[0, 'api, admin'], [1, 'admin, api']] as const) {
    assert.equal(hoverFrom(all, answering, WORKER_SOURCE, 'before()'), `**method \`before\`** of \`Hooks\`\n\nUsed by 3 \`function\` values in 2 gateways (${order}).`);
    assert.equal(hoverFrom(all, answering, WORKER_SOURCE, 'run()'), '**method `run`** of `Hooks`\n\nUsed by 1 `function` value in gateway api.');
    assert.equal(hoverFrom(all, answering, WORKER_SOURCE, 'unused()'), `**method \`unused\`** of \`Hooks\`\n\nNot used by any \`function\` value in gateways ${order}.`);
  }
});

test('one gateway alone, no other gateway given, or none that sees the definition: the count and text as before', () => {
  const all = gateways(TWO_GATEWAYS_ONE_WORKER, ['/ws/api/api-config.json', '/ws/admin/api-config.json']);
  assert.equal(hoverFrom(all.slice(0, 1), 0, WORKER_SOURCE, 'before()'), '**method `before`** of `Hooks`\n\nUsed by 2 `function` values.');
  const self = all[1]!;
  const position = positionIn(self.options.host!.readFile(WORKER_SOURCE)!, 'before()', 1);
  assert.equal(hover(self.project, WORKER_SOURCE, position, self.options)?.markdown, '**method `before`** of `Hooks`\n\nUsed by 1 `function` value.');
  // admin reads api's wrangler config (api is a Worker of the workspace to it) but declares nothing there.
  assert.match(hoverFrom(all, 0, '/ws/api/wrangler.toml', '"HOOKS"')!, /^\*\*service binding `HOOKS`\*\* \(top level\) — used by alias `api-hooks`\n/);
});

test('a wrangler config two gateways share: its binding, [vars] and .dev.vars keys count the uses of both', () => {
  const all = gateways(SHARED_WRANGLER, ['/ws/gw/src/a/api-config.json', '/ws/gw/src/b/api-config.json']);
  const wrangler = '/ws/gw/wrangler.toml';
  assert.match(hoverFrom(all, 0, wrangler, '"HOOKS"')!, /^\*\*service binding `HOOKS`\*\* \(top level\) — used by alias `a`, `b` in 2 gateways \(a, b\)\n/);
  assert.equal(hoverFrom(all, 0, wrangler, 'ISSUER'), '**`ISSUER`** ([vars], top level)\n\nUsed by 3 `$env`/`$secrets` placeholders in 2 gateways (a, b).');
  assert.equal(hoverFrom(all, 0, wrangler, 'UNSET'), '**`UNSET`** ([vars], top level)\n\nNot used by any `$env`/`$secrets` placeholder in gateways a, b.');
  assert.equal(hoverFrom(all, 0, '/ws/gw/.dev.vars', 'JWT_SECRET'), '**`JWT_SECRET`** (local secret)\n\nUsed by 1 `$env`/`$secrets` placeholder in gateway b.');
  // The Worker both call through the shared binding.
  assert.equal(hoverFrom(all, 1, WORKER_SOURCE, 'before()'), '**method `before`** of `Hooks`\n\nUsed by 2 `function` values in 2 gateways (b, a).');
});

test('hovering in a gateway\'s own api-config.json never asks for the other gateways (no other gateway reads it)', () => {
  const all = gateways(TWO_GATEWAYS_ONE_WORKER, ['/ws/api/api-config.json', '/ws/admin/api-config.json']);
  const self = all[0]!;
  const position = positionIn(self.options.host!.readFile('/ws/api/api-config.json')!, '"api-hooks"', 2);
  const markdown = hover(self.project, '/ws/api/api-config.json', position, { ...self.options, otherGateways: () => assert.fail('asked for the other gateways') })?.markdown;
  assert.match(markdown ?? '', /Used by 3 routes or hooks\.$/);
});

test('gateways are named by as many trailing folders as tell them apart', () => {
  const text = TWO_GATEWAYS_ONE_WORKER.replaceAll('/ws/api/', '/ws/eu/gw/').replaceAll('/ws/admin/', '/ws/us/gw/');
  const all = gateways(text, ['/ws/eu/gw/api-config.json', '/ws/us/gw/api-config.json']);
  assert.equal(hoverFrom(all, 0, WORKER_SOURCE, 'before()'), '**method `before`** of `Hooks`\n\nUsed by 3 `function` values in 2 gateways (eu/gw, us/gw).');
});
