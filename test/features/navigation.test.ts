// definition(), references() and rename()/prepareRename() across api-config.json, the wrangler config (every
// environment), .dev.vars and the bound Workers' sources. Results are asserted as file + the text they cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definition } from '../../server/src/analysis/features/definition';
import { references } from '../../server/src/analysis/features/references';
import { prepareRename, rename } from '../../server/src/analysis/features/rename';
import { applyTextEdits } from '../../server/src/analysis/fixes/json-edits';
import { LineIndex } from '../../server/src/analysis/text/line-index';
import { r } from '../support/ranges';
import { atCursor, envMainWorkspace, shown, workspaceWith, type CursorFixture } from './workspace';

const CONFIG = '/ws/gw/api-config.json';
const WRANGLER = '/ws/gw/wrangler.toml';

test('definition: alias references go to the entry that wins the alias', () => {
  const f = workspaceWith(CONFIG, '"binding": "target"', '"binding": "tar$0get"');
  const found = definition(f.project, f.file, f.position, f.options);
  assert.deepEqual(shown(f, found), [`${CONFIG}:11 "target"`]);
  assert.deepEqual(found[0]!.range, r(10, 15, 10, 23));
  const server = workspaceWith(CONFIG, '"server": "api"', '"server": "a$0pi"');
  assert.deepEqual(shown(server, definition(server.project, server.file, server.position, server.options)), [`${CONFIG}:4 "api"`]);
  const hook = workspaceWith(CONFIG, '"binding": "hooks"', '"binding": "$0hooks"');
  assert.deepEqual(shown(hook, definition(hook.project, hook.file, hook.position, hook.options)), [`${CONFIG}:10 "hooks"`]);
});

test('definition: serviceBindings[].binding goes to the wrangler declaration of every environment', () => {
  const f = workspaceWith(CONFIG, '"binding": "TARGET"', '"binding": "TAR$0GET"');
  assert.deepEqual(shown(f, definition(f.project, f.file, f.position, f.options)), [`${WRANGLER}:7 "TARGET"`, `${WRANGLER}:19 "TARGET"`]);
});

test('definition: entrypoint -> module file (upstream base_dir; bundled config folder)', () => {
  const f = workspaceWith(CONFIG, '"./services/orders"', '"./services/or$0ders"');
  assert.deepEqual(definition(f.project, f.file, f.position, f.options), [{ file: '/ws/gw/src/services/orders.js', range: r(0, 0, 0, 0) }]);
  const bundled = workspaceWith(CONFIG, '"./services/orders"', '"./src/services/or$0ders"', 'bundled');
  assert.deepEqual(definition(bundled.project, bundled.file, bundled.position, bundled.options).map((l) => l.file), ['/ws/gw/src/services/orders.js']);
  const missing = workspaceWith(CONFIG, '"./services/orders"', '"./services/gone$0"');
  assert.deepEqual(definition(missing.project, missing.file, missing.position, missing.options), []);
});

test('definition: function -> the method in the bound Worker (named entrypoint, or default export class)', () => {
  const f = workspaceWith(CONFIG, '"function": "run"', '"function": "r$0un"');
  const found = definition(f.project, f.file, f.position, f.options);
  assert.deepEqual(shown(f, found), ['/ws/target/src/index.ts:3 async run(request: Request) { return new Response(\'run\'); }']);
  const hook = workspaceWith(CONFIG, '"function": "before"', '"function": "bef$0ore"');
  assert.deepEqual(shown(hook, definition(hook.project, hook.file, hook.position, hook.options)), ['/ws/hooks/src/index.js:3 async before(request) { return undefined; }']);
  const none = workspaceWith(CONFIG, '"function": "run"', '"function": "nope$0"');
  assert.deepEqual(definition(none.project, none.file, none.position, none.options), []);
  const statik = workspaceWith(CONFIG, '"function": "run"', '"function": "create$0"');
  assert.equal(definition(statik.project, statik.file, statik.position, statik.options).length, 1, 'a static method is still where the name points');
});

test('definition: $config.X -> route variables first, then global; $env.X -> [vars] of each env; $secrets.X -> .dev.vars', () => {
  const global = workspaceWith(CONFIG, '"$config.tenant"', '"$config.ten$0ant"');
  assert.deepEqual(shown(global, definition(global.project, global.file, global.position, global.options)), [`${CONFIG}:13 "tenant"`]);
  const local = workspaceWith(CONFIG, '"mapping": { "headers": { "x-tenant": "$config.tenant"', '"variables": { "tenant": "beta" }, "mapping": { "headers": { "x-tenant": "$config.ten$0ant"');
  assert.deepEqual(shown(local, definition(local.project, local.file, local.position, local.options)), [`${CONFIG}:25 "tenant"`]);
  const env = workspaceWith(CONFIG, '"$env.ISSUER"', '"$env.ISS$0UER"');
  assert.deepEqual(shown(env, definition(env.project, env.file, env.position, env.options)), [`${WRANGLER}:11 ISSUER`, `${WRANGLER}:24 ISSUER`]);
  const secret = workspaceWith(CONFIG, '"$secrets.JWT_SECRET"', '"$secrets.JWT$0_SECRET"');
  assert.deepEqual(shown(secret, definition(secret.project, secret.file, secret.position, secret.options)), ['/ws/gw/.dev.vars:1 JWT_SECRET']);
});

test('definition from wrangler.toml: service -> the target Worker, entrypoint -> its class', () => {
  const f = workspaceWith(WRANGLER, 'service = "sag-target", entrypoint', 'service = "sag-$0target", entrypoint');
  assert.deepEqual(shown(f, definition(f.project, f.file, f.position, f.options)), ['/ws/target/wrangler.toml:1 "sag-target"']);
  const cls = workspaceWith(WRANGLER, 'entrypoint = "TargetEntrypoint" }', 'entrypoint = "Target$0Entrypoint" }');
  assert.deepEqual(shown(cls, definition(cls.project, cls.file, cls.position, cls.options)), ['/ws/target/src/index.ts:2 class TargetEntrypoint extends WorkerEntrypoint {']);
});

test('definition: nowhere and garbage answer nothing', () => {
  const f = workspaceWith(CONFIG, '"method": "POST"', '"me$0thod": "POST"');
  assert.deepEqual(definition(f.project, f.file, f.position, f.options), []);
  const unknownAlias = workspaceWith(CONFIG, '"binding": "target"', '"binding": "nobody$0"');
  assert.deepEqual(definition(unknownAlias.project, unknownAlias.file, unknownAlias.position, unknownAlias.options), []);
  for (const text of ['$0', '{"paths": [$0', '\u0000\u0001$0', '{"serviceBindings": [{"alias": 1, "binding": {"x": "$0"}}]}']) {
    const g = atCursor(`//- /ws/gw/api-config.json\n${text}`);
    assert.deepEqual(definition(g.project, g.file, g.position, g.options), [], text);
    assert.deepEqual(definition(g.project, '/nowhere/at/all.txt', { line: 99, character: 99 }, g.options), []);
  }
});

test('references: an alias from its entry or from any use, with and without the declaration', () => {
  const f = workspaceWith(CONFIG, '"alias": "target"', '"alias": "tar$0get"');
  assert.deepEqual(shown(f, references(f.project, f.file, f.position, f.options)), [`${CONFIG}:19 "target"`]);
  assert.deepEqual(shown(f, references(f.project, f.file, f.position, { ...f.options, includeDeclaration: true })), [`${CONFIG}:11 "target"`, `${CONFIG}:19 "target"`]);
  const use = workspaceWith(CONFIG, '"binding": "hooks"', '"binding": "ho$0oks"');
  assert.deepEqual(shown(use, references(use.project, use.file, use.position, { ...use.options, includeDeclaration: true })), [`${CONFIG}:10 "hooks"`, `${CONFIG}:18 "hooks"`]);
});

test('references: a wrangler binding declaration finds the serviceBindings entries; a method finds its function values', () => {
  const f = workspaceWith(WRANGLER, 'binding = "TARGET"\nservice', 'binding = "TAR$0GET"\nservice');
  assert.deepEqual(shown(f, references(f.project, f.file, f.position, { ...f.options, includeDeclaration: true })), [`${WRANGLER}:7 "TARGET"`, `${WRANGLER}:19 "TARGET"`, `${CONFIG}:11 "TARGET"`]);
  const m = workspaceWith('/ws/target/src/index.ts', 'async run', 'async r$0un');
  assert.deepEqual(shown(m, references(m.project, m.file, m.position, m.options)), [`${CONFIG}:19 "run"`]);
  const v = workspaceWith('/ws/gw/.dev.vars', 'JWT_SECRET', 'JWT$0_SECRET');
  assert.deepEqual(shown(v, references(v.project, v.file, v.position, v.options)), [`${CONFIG}:33 "$secrets.JWT_SECRET"`]);
});

test('references from a method inherited from a local base class nothing exports: the function values that land on it', () => {
  const f = workspaceWith(
    '/ws/hooks/src/index.js',
    'export default class Hooks extends WorkerEntrypoint {\n  async before',
    'class Base extends WorkerEntrypoint {\n  async bef$0ore(request) { return undefined; }\n}\nexport default class Hooks extends Base {\n  async other',
  );
  const found = shown(f, references(f.project, f.file, f.position, f.options));
  assert.ok(found.length > 0 && found.every((l) => l.startsWith(`${CONFIG}:`) && l.endsWith('"before"')), JSON.stringify(found));
});

test('definition and references of a `function` when the target deploys as <name>-<env> with that environment\'s own main', () => {
  const files = envMainWorkspace('stag$0ingOnly', 'services = [ { binding = "T", service = "tw-staging" } ]');
  const f = atCursor(files);
  assert.deepEqual(shown(f, definition(f.project, f.file, f.position, f.options)), ['/ws/t/src/staging.js:3 stagingOnly() {}']);
  const back = atCursor(files.replace('stag$0ingOnly', 'stagingOnly').replace('  stagingOnly() {}', '  stagin$0gOnly() {}'));
  assert.deepEqual(shown(back, references(back.project, back.file, back.position, back.options)), ['/ws/gw/api-config.json:3 "stagingOnly"']);
});

test('references of an alias nothing defines: its other uses', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    { "paths": [
      { "method": "GET", "path": "/a", "pre_process": { "binding": "gh$0ost", "function": "f" } },
      { "method": "GET", "path": "/b", "integration": { "type": "service_binding", "binding": "ghost", "function": "f" } }
    ] }
  `);
  assert.deepEqual(shown(f, references(f.project, f.file, f.position, f.options)), [`${CONFIG}:2 "ghost"`, `${CONFIG}:3 "ghost"`]);
});

function applied(f: CursorFixture, edits: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[], file: string): string {
  const text = f.host.readFile(file)!;
  return applyTextEdits(text, new LineIndex(text), edits.filter((e) => e.file === file));
}

test('rename an alias: every entry and every use, nothing else', () => {
  const f = workspaceWith(CONFIG, '"binding": "target"', '"binding": "tar$0get"');
  assert.deepEqual(prepareRename(f.project, f.file, f.position, f.options), { range: r(18, 62, 18, 68), placeholder: 'target' });
  const result = rename(f.project, f.file, f.position, 'orders-target', f.options);
  assert.ok('edits' in result);
  assert.deepEqual(result.edits.map((e) => `${e.file}:${e.range.start.line + 1}`), [`${CONFIG}:11`, `${CONFIG}:19`]);
  const after = applied(f, result.edits, CONFIG);
  assert.match(after, /\{ "alias": "orders-target", "binding": "TARGET" \}/);
  assert.match(after, /"binding": "orders-target", "function": "run"/);
  assert.equal((after.match(/orders-target/g) ?? []).length, 2);
});

test('rename and references carry a path-level post_process and a use in the wrong section (SAG208) along', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    {
      "serviceBindings": [{ "alias": "hoo$0ks", "binding": "HOOKS" }],
      "services": [{ "alias": "orders", "entrypoint": "./orders" }],
      "paths": [
        { "method": "GET", "path": "/a", "integration": { "type": "service", "binding": "orders" }, "post_process": { "binding": "hooks", "function": "after" } },
        { "method": "GET", "path": "/b", "integration": { "type": "service_binding", "binding": "orders", "function": "run" } }
      ]
    }
  `);
  assert.deepEqual(shown(f, references(f.project, f.file, f.position, { ...f.options, includeDeclaration: false })), [`${CONFIG}:5 "hooks"`]);
  const renamed = rename(f.project, f.file, f.position, 'guard', f.options);
  assert.ok('edits' in renamed);
  assert.equal((applied(f, renamed.edits, CONFIG).match(/"guard"/g) ?? []).length, 2, 'the entry and the path-level post_process');
  // `services` alias `orders`, named by a service_binding integration (SAG208: it meant this entry).
  const at = f.host.readFile(CONFIG)!.split('\n');
  const line = at.findIndex((l) => l.includes('"type": "service_binding", "binding": "orders"'));
  const use = { line, character: at[line]!.indexOf('"orders"') + 2 };
  assert.deepEqual(shown(f, definition(f.project, CONFIG, use, f.options)), [`${CONFIG}:3 "orders"`]);
  const orders = rename(f.project, CONFIG, use, 'order-service', f.options);
  assert.ok('edits' in orders);
  assert.equal((applied(f, orders.edits, CONFIG).match(/"order-service"/g) ?? []).length, 3, 'the entry and both uses');
});

test('rename refuses a name under which a route would call another entry than before', () => {
  const gateway = (services: string, bindings: string, route: string): CursorFixture =>
    atCursor(`
    //- /ws/gw/api-config.json
    {
      "services": [${services}],
      "serviceBindings": [${bindings}],
      "paths": [ { "method": "GET", "path": "/a", "integration": ${route} } ]
    }
  `);
  // services `a`, named by a service_binding route (SAG208): renamed to `b`, the route would call HOOKS.
  const swapped = gateway('{ "alias": "a$0", "entrypoint": "./orders" }', '{ "alias": "b", "binding": "HOOKS" }', '{ "type": "service_binding", "binding": "a", "function": "run" }');
  assert.match((rename(swapped.project, swapped.file, swapped.position, 'b', swapped.options) as { error: string }).error, /^route 0 names this entry through `serviceBindings`, where `b` is already `serviceBindings\[0\]`/);
  assert.ok('edits' in rename(swapped.project, swapped.file, swapped.position, 'c', swapped.options));
  // The reverse: a service route naming serviceBindings `x`; services already has `y`.
  const reverse = gateway('{ "alias": "y", "entrypoint": "./orders" }', '{ "alias": "x$0", "binding": "HOOKS" }', '{ "type": "service", "binding": "x" }');
  assert.match((rename(reverse.project, reverse.file, reverse.position, 'y', reverse.options) as { error: string }).error, /through `services`, where `y` is already `services\[0\]`/);
  // Capture: the route names `a` meaning services `a`; serviceBindings `h` renamed to `a` would take the route over.
  const capture = gateway('{ "alias": "a", "entrypoint": "./orders" }', '{ "alias": "h$0", "binding": "HOOKS" }', '{ "type": "service_binding", "binding": "a", "function": "run" }');
  assert.match((rename(capture.project, capture.file, capture.position, 'a', capture.options) as { error: string }).error, /^route 0 names `a` meaning `services\[0\]` \(its integration reads `serviceBindings` first\): after the rename it would call this entry instead/);
});

test('rename a binding: serviceBindings and the wrangler declaration of every environment', () => {
  const f = workspaceWith(WRANGLER, 'binding = "HOOKS"\nservice = "sag-hooks"', 'binding = "HO$0OKS"\nservice = "sag-hooks"');
  const result = rename(f.project, f.file, f.position, 'AUTH_HOOKS', f.options);
  assert.ok('edits' in result);
  assert.deepEqual(result.edits.map((e) => `${e.file}:${e.range.start.line + 1}`), [`${CONFIG}:10`, `${WRANGLER}:6`, `${WRANGLER}:15`]);
  const toml = applied(f, result.edits, WRANGLER);
  assert.match(toml, /\{ binding = "AUTH_HOOKS", service = "sag-hooks" \}/);
  assert.match(toml, /\[\[env\.staging\.services\]\]\nbinding = "AUTH_HOOKS"/);
  assert.match(applied(f, result.edits, CONFIG), /\{ "alias": "hooks", "binding": "AUTH_HOOKS" \}/);
});

test('rename refuses names that would break: taken alias, taken binding (any kind), non-identifier binding, empty', () => {
  const alias = workspaceWith(CONFIG, '"binding": "target"', '"binding": "tar$0get"');
  assert.deepEqual(rename(alias.project, alias.file, alias.position, 'hooks', alias.options), { error: '`hooks` is already an alias in `serviceBindings[0]`; renaming would merge two entries (the first one wins). Pick another name.' });
  assert.match((rename(alias.project, alias.file, alias.position, '', alias.options) as { error: string }).error, /cannot be empty/);
  assert.match((rename(alias.project, alias.file, alias.position, 'a"b', alias.options) as { error: string }).error, /quote/);
  const binding = workspaceWith(CONFIG, '"binding": "TARGET"', '"binding": "TAR$0GET"');
  assert.match((rename(binding.project, binding.file, binding.position, 'HOOKS', binding.options) as { error: string }).error, /already a service binding in wrangler\.toml \(the top level\)/);
  assert.match((rename(binding.project, binding.file, binding.position, 'ISSUER', binding.options) as { error: string }).error, /already a `vars` binding/);
  assert.match((rename(binding.project, binding.file, binding.position, 'my-target', binding.options) as { error: string }).error, /not a valid binding name.*e\.g\. `MY_TARGET`/);
  assert.deepEqual(rename(binding.project, binding.file, binding.position, 'TARGET', binding.options), { edits: [] });
});

test('rename elsewhere: refused with a message, never a throw', () => {
  const f = workspaceWith(CONFIG, '"$config.tenant"', '"$config.ten$0ant"');
  assert.match((prepareRename(f.project, f.file, f.position, f.options) as { error: string }).error, /Only aliases/);
  assert.match((rename(f.project, f.file, f.position, 'x', f.options) as { error: string }).error, /Only aliases/);
  const g = atCursor('//- /ws/gw/api-config.json\n{"servers": [{"alias": $0');
  assert.ok('error' in prepareRename(g.project, g.file, g.position, g.options));
});

test('rename a binding declared in wrangler.jsonc keeps its comments and form', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "t", "binding": "T$0GT" }], "paths": [] }
    //- /ws/gw/wrangler.jsonc
    {
      "name": "gw",
      // the order service
      "services": [{ "binding": "TGT", "service": "orders" },],
      "env": { "prod": { "services": [{ "binding": "TGT", "service": "orders-prod" }] } }
    }
  `);
  const result = rename(f.project, f.file, f.position, 'ORDERS', f.options);
  assert.ok('edits' in result);
  assert.equal(
    applied(f, result.edits, '/ws/gw/wrangler.jsonc'),
    '{\n  "name": "gw",\n  // the order service\n  "services": [{ "binding": "ORDERS", "service": "orders" },],\n  "env": { "prod": { "services": [{ "binding": "ORDERS", "service": "orders-prod" }] } }\n}\n',
  );
  assert.equal(applied(f, result.edits, CONFIG), '{ "serviceBindings": [{ "alias": "t", "binding": "ORDERS" }], "paths": [] }\n');
});
