// completion(): aliases by integration type and hook, wrangler binding names, the bound Worker's methods,
// expression names, entrypoint paths per runtime, methods, integration types, keys, snippets, wrangler values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completion } from '../../server/src/analysis/features/completion';
import type { CompletionEntry } from '../../server/src/analysis/features/types';
import { textAt } from '../support/ranges';
import { atCursor, envMainWorkspace, workspaceWith, type CursorFixture } from './workspace';

const CONFIG = '/ws/gw/api-config.json';

function complete(f: CursorFixture): CompletionEntry[] {
  return completion(f.project, f.file, f.position, f.options);
}

const labels = (items: CompletionEntry[]) => items.map((i) => i.label);

test('service_binding integration binding: serviceBindings aliases only, replacing the string content', () => {
  const f = workspaceWith(CONFIG, '"binding": "target"', '"binding": "ta$0rget"');
  const items = complete(f);
  assert.deepEqual(labels(items), ['hooks', 'target']);
  assert.equal(textAt(f.files[CONFIG]!, items[1]!.range!), 'target');
  assert.equal(items[1]!.insertText, 'target');
  assert.equal(items[1]!.detail, '→ binding TARGET → Worker sag-target');
});

test('service integration binding: services aliases; http_proxy server: servers aliases', () => {
  assert.deepEqual(labels(complete(workspaceWith(CONFIG, '"binding": "orders"', '"binding": "or$0ders"'))), ['orders']);
  const server = complete(workspaceWith(CONFIG, '"server": "api"', '"server": "$0api"'));
  assert.deepEqual(labels(server), ['api']);
  assert.equal(server[0]!.detail, '→ https://api.example.com/v1');
});

test('unknown integration type: both binding sections are offered, serviceBindings first', () => {
  const f = workspaceWith(CONFIG, '"type": "service", "binding": "orders"', '"type": "servise", "binding": "$0"');
  assert.deepEqual(labels(complete(f)), ['hooks', 'target', 'orders']);
});

test('pre_process and post_process bindings take serviceBindings aliases', () => {
  assert.deepEqual(labels(complete(workspaceWith(CONFIG, '"binding": "hooks"', '"binding": "h$0ooks"'))), ['hooks', 'target']);
  const post = workspaceWith(CONFIG, '"function": "run" }', '"function": "run", "post_process": { "binding": "$0" } }');
  assert.deepEqual(labels(complete(post)), ['hooks', 'target']);
});

test('inside an unterminated string at the end of a line', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    {
      "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],
      "paths": [
        { "method": "GET", "path": "/a", "pre_process": { "binding": "ho$0
      ]
    }
  `);
  const items = complete(f);
  assert.deepEqual(labels(items), ['hooks']);
  assert.equal(textAt(f.files[CONFIG]!, items[0]!.range!), 'ho');
  assert.equal(items[0]!.insertText, 'hooks');
});

test('after a bare colon the value comes with its quotes', () => {
  const f = workspaceWith(CONFIG, '"binding": "target"', '"binding": $0');
  const items = complete(f);
  assert.deepEqual(labels(items), ['hooks', 'target']);
  assert.equal(items[0]!.insertText, '"hooks"');
});

test('serviceBindings[].binding: binding names declared in the wrangler config, with the envs that declare them', () => {
  const f = workspaceWith(CONFIG, '"binding": "TARGET"', '"binding": "$0"', 'upstream', `//- /ws/gw/extra.txt\n`);
  const items = complete(f);
  assert.deepEqual(labels(items), ['HOOKS', 'TARGET']);
  assert.equal(items[1]!.detail, 'service sag-target (top level, staging)');
  assert.equal(items[1]!.documentation, undefined);
});

test('a binding missing in one environment is flagged in its documentation', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "a", "binding": "$0" }], "paths": [] }
    //- /ws/gw/wrangler.toml
    name = "gw"
    services = [{ binding = "ONLY_TOP", service = "x" }]
    [env.prod]
    name = "gw-prod"
  `);
  const items = complete(f);
  assert.deepEqual(labels(items), ['ONLY_TOP']);
  assert.match(items[0]!.documentation ?? '', /Not declared in env `prod`/);
});

test('function: public, non-static methods of the entrypoint class the binding selects', () => {
  const items = complete(workspaceWith(CONFIG, '"function": "run"', '"function": "$0"'));
  assert.deepEqual(labels(items), ['run', 'status']);
  assert.equal(items[0]!.detail, 'TargetEntrypoint.run — sag-target (../target/src/index.ts)');
  assert.deepEqual(labels(complete(workspaceWith(CONFIG, '"function": "before"', '"function": "$0"'))), ['before', 'after']);
});

test('function of a binding whose Worker exports a plain object: only fetch', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "t", "binding": "T" }],
      "paths": [{ "method": "GET", "path": "/", "integration": { "type": "service_binding", "binding": "t", "function": "$0" } }] }
    //- /ws/gw/wrangler.toml
    name = "gw"
    services = [{ binding = "T", service = "plain" }]
    //- /ws/plain/wrangler.toml
    name = "plain"
    main = "index.js"
    //- /ws/plain/index.js
    export default { async fetch() { return new Response(''); } };
  `);
  assert.deepEqual(labels(complete(f)), ['fetch']);
});

test('mapping values: sources first, then names from what is declared; no load-time substitutions (SAG114)', () => {
  const heads = complete(workspaceWith(CONFIG, '"$request.jwt.sub"', '"$0"'));
  assert.deepEqual(labels(heads), ['$request.header.', '$request.jwt.', '$request.query.', '$config.']);
  assert.deepEqual(complete(workspaceWith(CONFIG, '"$request.jwt.sub"', '"$env.$0"')), []);
  assert.deepEqual(complete(workspaceWith(CONFIG, '"$request.jwt.sub"', '"$secrets.$0"')), []);
  assert.ok(heads.every((h) => h.retrigger));
  assert.deepEqual(labels(complete(workspaceWith(CONFIG, '"$config.tenant"', '"$config.$0"'))), ['$config.tenant']);
  const claims = labels(complete(workspaceWith(CONFIG, '"$request.jwt.sub"', '"$request.jwt.$0"')));
  assert.ok(['$request.jwt.sub', '$request.jwt.iss', '$request.jwt.aud', '$request.jwt.email'].every((c) => claims.includes(c)));
  assert.ok(labels(complete(workspaceWith(CONFIG, '"$request.jwt.sub"', '"$request.header.$0"'))).includes('$request.header.authorization'));
});

test('route variables shadow and join the global ones for $config', () => {
  const f = workspaceWith(CONFIG, '"mapping": { "headers": { "x-tenant": "$config.tenant"', '"variables": { "region": "eu" }, "mapping": { "headers": { "x-tenant": "$config.$0"');
  const items = complete(f);
  assert.deepEqual(items.map((i) => `${i.label} (${i.detail})`), ['$config.region (route variables)', '$config.tenant (global variables)']);
});

test('$env. and $secrets. anywhere but in mapping values: [vars] of every env and .dev.vars', () => {
  const env = complete(workspaceWith(CONFIG, '"$env.ISSUER"', '"$env.$0"'));
  assert.deepEqual(env.map((i) => `${i.label} (${i.detail})`), ['$env.ISSUER ([vars], [env.staging.vars])', '$env.JWT_SECRET (.dev.vars)']);
  const secrets = complete(workspaceWith(CONFIG, '"$secrets.JWT_SECRET"', '"$secrets.J$0"'));
  assert.deepEqual(labels(secrets), ['$secrets.JWT_SECRET', '$secrets.ISSUER']);
});

test('entrypoint paths from disk: upstream from base_dir without extension, bundled from the config folder', () => {
  const upstream = complete(workspaceWith(CONFIG, '"./services/orders"', '"./services/$0"'));
  assert.deepEqual(labels(upstream), ['./services/orders', './services/users']);
  assert.equal(upstream[0]!.detail, 'src/services/orders.js');
  const top = complete(workspaceWith(CONFIG, '"./services/orders"', '"$0"'));
  assert.deepEqual(labels(top), ['./services/'], 'the main module src/index.js is not offered');
  const bundled = complete(workspaceWith(CONFIG, '"./services/orders"', '"./src/services/$0"', 'bundled'));
  assert.deepEqual(labels(bundled), ['./src/services/orders', './src/services/users']);
  // Both orders.js and orders.ts: the item names the file the build resolves (.ts first), as hover and the checks do.
  const dual = complete(workspaceWith(CONFIG, '"./services/orders"', '"./src/services/$0"', 'bundled', '//- /ws/gw/src/services/orders.ts\nexport default class Orders { async fetch() { return new Response(); } }\n'));
  assert.equal(dual.find((i) => i.label === './src/services/orders')?.detail, 'src/services/orders.ts');
  // Upstream: a module no rule glob uploads is still offered, last, and says so (choosing it is SAG402).
  const util = complete(workspaceWith(CONFIG, '"./services/orders"', '"$0"', 'upstream', '//- /ws/gw/src/util.js\nexport default class Util {}\n'));
  const item = util.find((i) => i.label === './util');
  assert.match(String(item?.documentation), /Not uploaded as the wrangler config stands:\*\* no ESModule or CommonJS rule glob matches `util\.js`/);
  assert.equal(item?.sortText, '~./util');
  assert.equal(upstream[0]!.sortText, undefined, 'services/orders.js is uploaded (services/*.js)');
});

test('HTTP methods and integration types (with descriptions)', () => {
  const methods = complete(workspaceWith(CONFIG, '"method": "GET"', '"method": "$0'));
  assert.deepEqual(labels(methods), ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'ANY']);
  const types = complete(workspaceWith(CONFIG, '"type": "http_proxy"', '"type": "h$0"'));
  assert.equal(types.length, 11);
  assert.equal(types.find((t) => t.label === 'service_binding')?.detail, 'call a bound Worker (`serviceBindings`)');
});

test('enum values from the model elsewhere (authorizer.type)', () => {
  assert.deepEqual(labels(complete(workspaceWith(CONFIG, '"type": "jwt"', '"type": "$0"'))), ['jwt', 'auth0', 'supabase']);
});

test('keys of a route not yet present, and hook snippets', () => {
  const f = workspaceWith(CONFIG, '"integration": { "type": "service", "binding": "orders" }', '"integration": { "type": "service", "binding": "orders" },\n      $0');
  const items = complete(f);
  assert.deepEqual(labels(items), ['auth', 'mapping', 'variables', 'response', 'pre_process', 'pre_process hook']);
  assert.equal(items[0]!.insertText, '"auth": ');
  assert.equal(items[5]!.snippet, true);
  const inKey = complete(workspaceWith(CONFIG, '{ "type": "service", "binding": "orders" }', '{ "type": "service", "binding": "orders", "fu$0" }'));
  assert.deepEqual(labels(inKey), ['server', 'function'], 'upstream: post_process is not an integration key of its schema');
  assert.equal(inKey[1]!.insertText, 'function');
  const bundled = complete(workspaceWith(CONFIG, '{ "type": "service", "binding": "orders" }', '{ "type": "service", "binding": "orders", "fu$0" }', 'bundled'));
  assert.deepEqual(labels(bundled), ['server', 'function', 'post_process']);
});

test('a new route in paths: route snippets', () => {
  const items = complete(workspaceWith(CONFIG, '"paths": [', '"paths": [\n    $0'));
  assert.deepEqual(labels(items), ['route → service_binding', 'route → http_proxy', 'route → service', 'route with pre_process hook', 'route → static response']);
  assert.ok(items.every((i) => i.kind === 'snippet' && i.snippet));
});

test('function: a method only some environments\' targets have says where choosing it is SAG304', () => {
  const f = atCursor(envMainWorkspace('$0', 'services = [ { binding = "T", service = "tw" } ]\n[env.staging]\nservices = [ { binding = "T", service = "tw-staging" } ]'));
  const items = complete(f);
  const doc = (name: string): unknown => items.find((i) => i.label === name)?.documentation;
  assert.deepEqual(labels(items).sort(), ['prodOnly', 'shared', 'stagingOnly']);
  assert.equal(doc('shared'), undefined);
  assert.equal(doc('prodOnly'), 'Not on the target of env `staging`: choosing it is SAG304 there.');
  assert.equal(doc('stagingOnly'), 'Not on the target of the top level: choosing it is SAG304 there.');
});

test('a new route typed before another: the snippet brings the comma that keeps the JSON valid', () => {
  const items = complete(workspaceWith(CONFIG, '"paths": [', '"paths": [\n    $0'));
  assert.ok(items.every((i) => i.insertText!.endsWith('},')), items.map((i) => i.insertText).join('\n'));
});

test('keys of a route just opened (`{|}`): the snippets go inside the braces, none replaces the `{`', () => {
  const f = workspaceWith(CONFIG, '"paths": [', '"paths": [\n    {$0},');
  const snippets = complete(f).filter((i) => i.kind === 'snippet');
  assert.ok(snippets.length > 0);
  for (const item of snippets) assert.deepEqual(item.range, { start: f.position, end: f.position }, item.label);
});

test('an expression head after a bare colon ends with the cursor inside its quotes (the names are asked for there)', () => {
  const items = complete(workspaceWith(CONFIG, '"x-user": "$request.jwt.sub"', '"x-user": $0'));
  const head = items.find((i) => i.label === '$request.header.');
  assert.equal(head?.insertText, '"\\$request.header.$0"');
  assert.equal(head?.snippet, true);
  assert.equal(head?.retrigger, true);
});

test('wrangler.toml: service names of workspace Workers, entrypoint classes of the target, binding names', () => {
  const service = complete(workspaceWith('/ws/gw/wrangler.toml', 'service = "sag-target", entrypoint', 'service = "sag-$0", entrypoint'));
  assert.deepEqual(labels(service), ['sag-hooks', 'sag-target']);
  const entry = complete(workspaceWith('/ws/gw/wrangler.toml', 'entrypoint = "TargetEntrypoint" }', 'entrypoint = "T$0" }'));
  assert.deepEqual(labels(entry), ['TargetEntrypoint']);
  const binding = complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', 'binding = "$0", service'));
  assert.deepEqual(labels(binding), ['HOOKS', 'TARGET']);
});

test('wrangler config: a value not yet quoted (`binding = |`, `"binding": |`) gets the names with their quotes', () => {
  const toml = complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', 'binding = $0'));
  assert.deepEqual(toml.map((i) => [i.label, i.insertText]), [['HOOKS', '"HOOKS"'], ['TARGET', '"TARGET"']]);
  assert.deepEqual(toml[0]!.range!.start, toml[0]!.range!.end, 'inserted at the cursor');
  const jsonc = complete(
    atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "t", "binding": "TGT" }], "paths": [] }
    //- /ws/gw/wrangler.jsonc
    {
      "name": "gw",
      // the order service
      "services": [{ "service": "orders", "binding": $0 }]
    }
  `),
  );
  assert.deepEqual(jsonc.map((i) => i.insertText), ['"TGT"']);
  // Near misses: after a key other than the three, and inside a comment.
  assert.deepEqual(complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', 'bindings = $0')), []);
  assert.deepEqual(complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', '# binding = $0\nbinding = "HOOKS", service')), []);
});

test('wrangler.toml: the `binding` of a KV namespace or a var named `binding` gets no service-binding names', () => {
  const kv = complete(workspaceWith('/ws/gw/wrangler.toml', '[vars]', '[[kv_namespaces]]\nbinding = "$0"\nid = "x"\n\n[vars]'));
  assert.deepEqual(kv, []);
  const inVars = complete(workspaceWith('/ws/gw/wrangler.toml', 'ISSUER = ', 'binding = "$0"\nISSUER = '));
  assert.deepEqual(inVars, []);
});

test('wrangler config: a one-line `services = [ … ]` after another array is read as services (SAG309 writes such a line)', () => {
  const toml = (cursorLine: string): CompletionEntry[] =>
    complete(
      atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "t", "binding": "TGT" }], "paths": [] }
    //- /ws/gw/wrangler.toml
    name = "gw"
    compatibility_flags = ["nodejs_compat"]
    ${cursorLine.replace(/\n/g, '\n    ')}
  `),
    );
  assert.deepEqual(labels(toml('services = [ { binding = "$0", service = "orders" } ]')), ['TGT']);
  // In one line after another, and with an inline table of its own before the cursor.
  assert.deepEqual(labels(toml('services = [ { binding = "A", service = "a" }, { props = { x = 1 }, binding = "$0" } ]')), ['TGT']);
  // Not a services array: a `binding` of vars or KV written inline, even after a services array.
  assert.deepEqual(toml('services = [ { binding = "TGT", service = "o" } ]\nvars = { binding = "$0" }'), []);
  assert.deepEqual(toml('services = [ { binding = "TGT", service = "o" } ]\nkv_namespaces = [ { binding = "$0", id = "x" } ]'), []);
  const jsonc = (body: string): CompletionEntry[] =>
    complete(
      atCursor(`
    //- /ws/gw/api-config.json
    { "serviceBindings": [{ "alias": "t", "binding": "TGT" }], "paths": [] }
    //- /ws/gw/wrangler.jsonc
    {
      "name": "gw",
      "compatibility_flags": ["nodejs_compat"],
      ${body}
    }
  `),
    );
  assert.deepEqual(labels(jsonc('"services": [ { "binding": "$0", "service": "orders" } ]')), ['TGT']);
  assert.deepEqual(jsonc('"services": [ { "binding": "TGT", "service": "o" } ],\n      "vars": { "binding": "$0" }'), []);
  assert.deepEqual(jsonc('"services": [], "kv_namespaces": [ { "binding": "$0" } ]'), []);
});

test('wrangler config: an `entrypoint` being typed takes the `service` of its own declaration, not a neighbour\'s or a comment\'s', () => {
  const entry = (needle: string, replacement: string): string[] => labels(complete(workspaceWith('/ws/gw/wrangler.toml', needle, replacement)));
  const line = '{ binding = "HOOKS", service = "sag-hooks" },\n  { binding = "TARGET", service = "sag-target", entrypoint = "TargetEntrypoint" },';
  // The value is not closed: the file does not parse, so the text of the declaration says which Worker.
  assert.deepEqual(entry(line, '{ binding = "TARGET", service = "sag-target", entrypoint = "$0 }, { binding = "HOOKS", service = "sag-hooks" },'), ['TargetEntrypoint']);
  assert.deepEqual(entry(line, '{ binding = "TARGET", entrypoint = "$0 }, { binding = "HOOKS", service = "sag-hooks" },'), []);
  assert.deepEqual(entry('service = "sag-target"\nentrypoint = "TargetEntrypoint"', 'service = "sag-target"\n# service = "sag-hooks"\nentrypoint = "$0'), ['TargetEntrypoint']);
});

test('wrangler.toml: a half-typed `entrypoint = "` offers the classes of the service declared above it', () => {
  const entry = complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "TARGET"\nservice = "sag-target"', 'binding = "TARGET"\nservice = "sag-target"\nentrypoint = "$0'));
  assert.deepEqual(labels(entry), ['TargetEntrypoint']);
});

test('wrangler.toml: nothing inside a comment or a multi-line string that reads like a declaration', () => {
  const inComment = complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', '# old: binding = "$0\nbinding = "HOOKS", service'));
  assert.deepEqual(inComment, []);
  const long = complete(workspaceWith('/ws/gw/wrangler.toml', 'name = "gateway"', 'name = "gateway"\nnote = \"\"\"\nbinding = "$0\n\"\"\"'));
  assert.deepEqual(long, []);
  // After a string holding `#` the line is still code.
  const afterHash = complete(workspaceWith('/ws/gw/wrangler.toml', 'binding = "HOOKS", service', 'binding = "$0", service = "#"'));
  assert.deepEqual(labels(afterHash), ['HOOKS', 'TARGET']);
});

test('nowhere: outside any value, on numbers, in other files, on garbage', () => {
  assert.deepEqual(complete(workspaceWith(CONFIG, '"method": "POST"', '"method": "POST"$0')), []);
  assert.deepEqual(complete(workspaceWith('/ws/gw/src/index.js', 'export default', 'export $0default')), []);
  assert.deepEqual(complete(workspaceWith('/ws/gw/.dev.vars', 'JWT_SECRET', 'JWT$0_SECRET')), []);
  assert.deepEqual(labels(complete(atCursor('//- /ws/gw/api-config.json\n{$0'))).slice(0, 3), ['$schema', 'title', 'description'], 'an open root object takes root keys');
  for (const text of ['$0', '[1, 2$0]', '{"paths": 12$0}', '\u0000$0', 'not json at all $0', '{"a": {"b": [{"c": "$0']) {
    assert.deepEqual(complete(atCursor(`//- /ws/gw/api-config.json\n${text}`)), [], text);
  }
});

test('a string ending in an escaped backslash keeps its closing quote: the item replaces the content only', () => {
  const f = atCursor(`
    //- /ws/gw/api-config.json
    {
      "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],
      "paths": [
        { "method": "GET", "path": "/a", "pre_process": { "binding": "ho$0\\\\", "function": "x" } }
      ]
    }
  `);
  const items = complete(f);
  assert.deepEqual(labels(items), ['hooks']);
  assert.equal(textAt(f.files[CONFIG]!, items[0]!.range!), 'ho\\\\', 'up to the closing quote, not past it');
});
