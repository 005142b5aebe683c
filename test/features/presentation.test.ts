// hover(), documentSymbols(), codeLenses(), documentLinks() and semanticTokens() on the fixture workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeLenses } from '../../server/src/analysis/features/code-lens';
import { hover } from '../../server/src/analysis/features/hover';
import { documentLinks } from '../../server/src/analysis/features/links';
import { semanticTokens } from '../../server/src/analysis/features/semantic-tokens';
import { documentSymbols } from '../../server/src/analysis/features/symbols';
import { analyzeProject } from '../../server/src/analysis/analyze';
import { textAt } from '../support/ranges';
import { atCursor, workspaceWith, type CursorFixture } from './workspace';

const CONFIG = '/ws/gw/api-config.json';

function hoverText(f: CursorFixture): string | undefined {
  return hover(f.project, f.file, f.position, f.options)?.markdown;
}

test('hover on a serviceBindings alias use: the whole chain, per environment', () => {
  const f = workspaceWith(CONFIG, '"binding": "target"', '"binding": "tar$0get"');
  const result = hover(f.project, f.file, f.position, f.options)!;
  assert.equal(textAt(f.files[CONFIG]!, result.range), '"target"');
  assert.equal(
    result.markdown,
    [
      '**service binding `target`** — `serviceBindings[1]` → binding `TARGET`',
      '',
      '- top level: `TARGET` → Worker `sag-target` entrypoint `TargetEntrypoint` → ../target/src/index.ts class `TargetEntrypoint` (WorkerEntrypoint; methods: run, status)',
      '- env `staging`: `TARGET` → Worker `sag-target` entrypoint `TargetEntrypoint` → ../target/src/index.ts class `TargetEntrypoint` (WorkerEntrypoint; methods: run, status)',
    ].join('\n'),
  );
});

test('hover shows where the chain breaks: a binding missing in one environment, a Worker not in the workspace', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "pay", "binding": "PAY" }],
      "paths": [{ "method": "GET", "path": "/", "integration": { "type": "service_binding", "binding": "p$0ay", "function": "charge" } }] }
    //- /ws/gw/wrangler.toml
    name = "gw"
    services = [{ binding = "PAY", service = "payments" }]
    [env.prod]
    name = "gw-prod"
  `);
  assert.equal(
    hoverText(f),
    [
      '**service binding `pay`** — `serviceBindings[0]` → binding `PAY`',
      '',
      '- top level: `PAY` → Worker `payments` (its source is not in the workspace)',
      '- env `prod`: ⚠ `PAY` is not declared in wrangler.toml there, so `env.PAY` is undefined (500); bindings are not inherited',
    ].join('\n'),
  );
});

test('hover on function: whether the method exists on each environment\'s target', () => {
  const ok = workspaceWith(CONFIG, '"function": "run"', '"function": "r$0un"');
  assert.match(hoverText(ok)!, /- top level: .*class `TargetEntrypoint` \(WorkerEntrypoint; methods: run, status\) — `run` at line 3/);
  const missing = workspaceWith(CONFIG, '"function": "run"', '"function": "ru$0nn"');
  assert.match(hoverText(missing)!, /— ⚠ no public method `runn`/);
  const privateOne = workspaceWith(CONFIG, '"function": "run"', '"function": "sec$0ret"');
  assert.match(hoverText(privateOne)!, /⚠ no public method `secret`/);
});

test('hover on servers / services aliases, entrypoints, variables and env placeholders', () => {
  assert.equal(hoverText(workspaceWith(CONFIG, '"server": "api"', '"server": "a$0pi"')), '**server `api`** — `servers[0]` → `https://api.example.com/v1`');
  assert.equal(hoverText(workspaceWith(CONFIG, '"binding": "orders"', '"binding": "or$0ders"')), '**service `orders`** — `services[0]` → src/services/orders.js (upstream: `import(entrypoint + ".js")` from wrangler base_dir)');
  assert.equal(hoverText(workspaceWith(CONFIG, '"$config.tenant"', '"$config.te$0nant"')), '**`$config.tenant`** = `"acme"` (global `variables`)');
  const secret = hoverText(workspaceWith(CONFIG, '"$secrets.JWT_SECRET"', '"$secrets.JW$0T_SECRET"'))!;
  assert.match(secret, /- local: set in \.dev\.vars \(value hidden\)/);
  assert.doesNotMatch(secret, /dev-secret/, 'secret values are never shown');
  assert.match(hoverText(workspaceWith(CONFIG, '"$env.ISSUER"', '"$env.IS$0SUER"'))!, /- env `staging`: \[vars\] `"https:\/\/staging-issuer\.example\.com"`/);
  assert.match(hoverText(workspaceWith(CONFIG, '"binding": "target"', '"binding": "gh$0ost"'))!, /^⚠ `ghost` is not an alias in `serviceBindings` \(defined: hooks, target\)/);
});

test('hover on keys and integration types: the config model\'s documentation', () => {
  assert.equal(hoverText(workspaceWith(CONFIG, '"pre_process"', '"pre_$0process"')), '**`pre_process`** (optional)\n\nHook called on a bound Worker before the integration; it can short-circuit with a Response.');
  assert.match(hoverText(workspaceWith(CONFIG, '"type": "http_proxy"', '"type": "http_$0proxy"'))!, /^\*\*`http_proxy`\*\* — proxy to a `servers` origin/);
  assert.match(hoverText(workspaceWith(CONFIG, '"secret": ', '"sec$0ret": '))!, /^\*\*`secret`\*\* \(required\)\n\nHMAC key/);
});

test('hover from wrangler.toml and from the Worker source', () => {
  assert.match(hoverText(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS"', 'binding = "HO$0OKS"'))!, /^\*\*service binding `HOOKS`\*\* \(top level\) — used by alias `hooks`/);
  assert.equal(hoverText(workspaceWith('/ws/target/src/index.ts', 'async run', 'async r$0un')), '**method `run`** of `TargetEntrypoint`\n\nUsed by 1 `function` value.');
});

test('hover nowhere: undefined', () => {
  assert.equal(hoverText(workspaceWith(CONFIG, '"method": "POST"', '"method": "PO$0ST"')), undefined);
  assert.equal(hoverText(workspaceWith(CONFIG, '"paths": [', '"paths": [$0')), undefined);
  for (const text of ['$0', '{"paths": [{"method": 5$0}]}', '\u0000$0', '}}}}$0']) assert.equal(hoverText(atCursor(`//- /ws/gw/api-config.json\n${text}`)), undefined, text);
});

test('document symbols: sections with their entries, and the route table as an outline', () => {
  const f = workspaceWith(CONFIG, '"method": "POST"', '"method": "POST"$0');
  const symbols = documentSymbols(f.project, CONFIG, f.options);
  assert.deepEqual(symbols.map((s) => `${s.name} ${s.kind}${s.detail ? ` (${s.detail})` : ''}`), [
    '$schema key (./api-config.schema.json)',
    'servers section',
    'services section',
    'serviceBindings section',
    'variables section',
    'paths section (3 routes)',
    'authorizer authorizer (jwt)',
  ]);
  const paths = symbols.find((s) => s.name === 'paths')!;
  assert.deepEqual(paths.children!.map((c) => c.name), ['POST /orders → service_binding target.run', 'GET /proxy/{.+} → http_proxy api', 'GET /local → service orders']);
  assert.equal(textAt(f.files[CONFIG]!, paths.children![0]!.selectionRange), '"/orders"');
  assert.deepEqual(symbols.find((s) => s.name === 'serviceBindings')!.children!.map((c) => `${c.name} → ${c.detail}`), ['hooks → HOOKS', 'target → TARGET']);
  assert.deepEqual(documentSymbols(f.project, '/ws/gw/wrangler.toml', f.options), []);
  assert.deepEqual(documentSymbols(atCursor('//- /ws/gw/api-config.json\n[1,$0 2]').project, CONFIG), []);
});

test('hover on a use in the wrong section (SAG208) says so before the entry it names', () => {
  const f = atCursor(`//- /ws/gw/api-config.json
{
  "services": [{ "alias": "orders", "entrypoint": "./orders" }],
  "paths": [{ "method": "GET", "path": "/a", "integration": { "type": "service_binding", "binding": "ord$0ers", "function": "run" } }]
}`, 'upstream');
  const text = hoverText(f)!;
  assert.match(text, /^⚠ `orders` is not an alias in `serviceBindings`, which this integration reads \(the route answers 404\); it names the `services` entry below/);
  assert.match(text, /\*\*service `orders`\*\* — `services\[0\]`/);
});

test('document symbols never have an empty name (editors refuse one and drop the whole outline): blank ones quoted', () => {
  const f = atCursor(`//- /ws/gw/api-config.json
{
  "": 1,
  "serviceBindings": [{ "alias": "", "binding": "A" }, { "alias": "  ", "binding": "B" }, { "binding": "C" }],
  "variables": { "": "x" },
  "paths": []$0
}`);
  const symbols = documentSymbols(f.project, CONFIG, f.options);
  const names = (list: readonly { name: string; children?: readonly { name: string }[] }[]): string[] => list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
  assert.deepEqual(names(symbols), ['""', 'serviceBindings', '""', '"  "', '[2]', 'variables', '""', 'paths']);
});

test('code lens per route: where it resolves, the open-route command, and shadowing from the routing rules', () => {
  const f = workspaceWith(CONFIG, '"path": "/local"', '"path": "/orders$0"', 'upstream');
  const lenses = codeLenses(f.project, CONFIG, f.options);
  assert.deepEqual(lenses.map((l) => l.title), [
    '→ TARGET.run (sag-target)',
    '→ api (https://api.example.com/v1)',
    '→ ./services/orders (src/services/orders.js)',
  ]);
  assert.deepEqual(lenses[0]!.command, { id: 'sag.openRoute', arguments: [{ method: 'POST', path: '/orders', gateway: f.project.root }] });
  assert.equal(textAt(f.files[CONFIG]!, lenses[0]!.range), '"POST"');
  // A duplicate of the first route is shadowed (SAG501), with or without the server's findings.
  const dup = workspaceWith(CONFIG, '"method": "GET",\n      "path": "/local"', '"method": "POST",\n      "path": "/orders$0"');
  const alone = codeLenses(dup.project, CONFIG, dup.options);
  assert.deepEqual(alone.map((l) => l.shadowed), [false, false, true]);
  assert.match(alone[2]!.title, /· ⚠ shadowed \(SAG501\)$/);
  assert.match(alone[2]!.tooltip!, /duplicate route `POST \/orders`/);
  const findings = analyzeProject(dup.project, dup.modules, { runtime: 'upstream' });
  assert.deepEqual(codeLenses(dup.project, CONFIG, { ...dup.options, findings }).map((l) => l.shadowed), [false, false, true]);
  assert.deepEqual(codeLenses(dup.project, CONFIG, { ...dup.options, findings: [] }).map((l) => l.shadowed), [false, false, false]);
});

test('code lens: a wildcard shadowing a parameter route (SAG511) only under upstream precedence', () => {
  const text = (rt: string) => `
    //- /ws/gw/.sagrc.json
    { "runtime": "${rt}" }
    //- /ws/gw/api-config.json
    { "paths": [
      { "method": "GET", "path": "/api/{.+}", "response": "all" },
      { "method": "GET", "path": "/api/{id}", "response": "one$0" }
    ] }
  `;
  const up = atCursor(text('upstream'), undefined);
  assert.deepEqual(codeLenses(up.project, CONFIG, { host: up.host }).map((l) => l.title), ['→ static response', '→ static response · ⚠ shadowed (SAG511)']);
  const bundled = atCursor(text('bundled'), undefined);
  assert.deepEqual(codeLenses(bundled.project, CONFIG, { host: bundled.host }).map((l) => l.shadowed), [false, false]);
});

test('document links: entrypoints to their module, $schema, wrangler main', () => {
  const f = workspaceWith(CONFIG, '"$schema": "./api-config.schema.json"', '"$schema": "./api-config.schema.json"$0', 'upstream', '//- /ws/gw/api-config.schema.json\n{}\n');
  const links = documentLinks(f.project, CONFIG, f.options);
  assert.deepEqual(links.map((l) => `${textAt(f.files[CONFIG]!, l.range)} -> ${l.target}`), ['./services/orders -> /ws/gw/src/services/orders.js', './api-config.schema.json -> /ws/gw/api-config.schema.json']);
  const wrangler = documentLinks(f.project, '/ws/gw/wrangler.toml', f.options);
  assert.deepEqual(wrangler.map((l) => l.target), ['/ws/gw/src/index.js']);
  const noSchemaFile = workspaceWith(CONFIG, '"method": "POST"', '"method": "POST"$0');
  assert.deepEqual(documentLinks(noSchemaFile.project, CONFIG, noSchemaFile.options).map((l) => l.target), ['/ws/gw/src/services/orders.js'], 'a $schema file that does not exist gets no link');
});

test('semantic tokens: $config and $env names nothing declares', () => {
  const f = workspaceWith(CONFIG, '"x-user": "$request.jwt.sub"', '"x-user": "$config.nope", "x-host": "$env.HOST$0"');
  const tokens = semanticTokens(f.project, CONFIG, f.options);
  assert.deepEqual(tokens.map((t) => `${t.type} ${textAt(f.files[CONFIG]!, t.range)}`), ['unknownConfigVariable nope', 'unknownEnvVariable HOST']);
  assert.deepEqual(semanticTokens(f.project, '/ws/gw/wrangler.toml', f.options), []);
});
