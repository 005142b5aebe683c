// Completion, go to definition, references and hover when the bound Worker's main module only re-exports its
// entrypoint class (`export { Orders } from './orders'`, `export * from './rpc/index.js'`): the features follow the
// re-export to the module that declares the class, as SAG304 does (workspace/module-exports.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completion } from '../../server/src/analysis/features/completion';
import { definition } from '../../server/src/analysis/features/definition';
import { hover } from '../../server/src/analysis/features/hover';
import { references } from '../../server/src/analysis/features/references';
import { atCursor, shown } from './workspace';

/** The gateway binds `T` to Worker `tw`'s entrypoint `Orders`, which tw's index re-exports as `mainExport` says. */
function workspace(functionValue: string, mainExport: string, ordersModule = ORDERS, wranglerLine = 'services = [ { binding = "T", service = "tw", entrypoint = "Orders" } ]'): string {
  return `//- /ws/gw/api-config.json
{
  "serviceBindings": [ { "alias": "t", "binding": "T" } ],
  "paths": [ { "method": "POST", "path": "/x", "integration": { "type": "service_binding", "binding": "t", "function": "${functionValue}" } } ]
}
//- /ws/gw/wrangler.toml
name = "gw"
main = "src/index.js"
${wranglerLine}
//- /ws/gw/src/index.js
export default {};
//- /ws/t/wrangler.toml
name = "tw"
main = "src/index.ts"
//- /ws/t/src/index.ts
${mainExport}
export default { async fetch() { return new Response('tw'); } };
//- /ws/t/src/orders.ts
${ordersModule}`;
}

const ORDERS = `import { WorkerEntrypoint } from 'cloudflare:workers';
export class Orders extends WorkerEntrypoint {
  async create() { return 1; }
  async cancel() { return 2; }
}
export class Refunds extends WorkerEntrypoint {}`;

test('`function` completion offers the methods of a re-exported entrypoint class', () => {
  for (const mainExport of ["export { Orders } from './orders';", "export * from './orders.js';", "export { Orders as Orders } from './orders.ts';"]) {
    const f = atCursor(workspace('$0', mainExport));
    const items = completion(f.project, f.file, f.position, f.options);
    assert.deepEqual(items.map((i) => i.label).sort(), ['cancel', 'create'], mainExport);
  }
});

test('definition of a `function` lands on the method in the module that declares the class; references come back', () => {
  const files = workspace('can$0cel', "export { Orders } from './orders';");
  const f = atCursor(files);
  assert.deepEqual(shown(f, definition(f.project, f.file, f.position, f.options)), ['/ws/t/src/orders.ts:4 async cancel() { return 2; }']);
  const back = atCursor(files.replace('can$0cel', 'cancel').replace('async cancel()', 'async can$0cel()'));
  assert.deepEqual(shown(back, references(back.project, back.file, back.position, back.options)), ['/ws/gw/api-config.json:3 "cancel"']);
});

test('wrangler entrypoint completion lists re-exported classes; the hover chain names the module that declares the class', () => {
  const wrangler = atCursor(workspace('create', "export * from './orders';", ORDERS, 'services = [ { binding = "T", service = "tw", entrypoint = "$0" } ]'));
  assert.deepEqual(completion(wrangler.project, wrangler.file, wrangler.position, wrangler.options).map((i) => i.label), ['Orders', 'Refunds']);
  const f = atCursor(workspace('create', "export { Orders } from './orders';").replace('"binding": "T"', '"binding": "$0T"'));
  const markdown = hover(f.project, f.file, f.position, f.options)?.markdown ?? '';
  assert.match(markdown, /Worker `tw` entrypoint `Orders` → \.\.\/t\/src\/index\.ts → \.\.\/t\/src\/orders\.ts class `Orders` \(WorkerEntrypoint; methods: create, cancel\)/);
});

test('a re-export from a package or a missing file: nothing offered, and the hover says where the class comes from', () => {
  const f = atCursor(workspace('$0', "export { Orders } from '@acme/rpc';"));
  assert.deepEqual(completion(f.project, f.file, f.position, f.options), []);
  const h = atCursor(workspace('create', "export { Orders } from '@acme/rpc';").replace('"binding": "T"', '"binding": "$0T"'));
  assert.match(hover(h.project, h.file, h.position, h.options)?.markdown ?? '', /re-exports `Orders` from a module not in the workspace/);
});

test('a binding without `entrypoint` to a Worker whose default is re-exported: completion and definition reach the class', () => {
  const files = (fn: string) =>
    workspace(fn, "export { Orders as default } from './orders';", ORDERS, 'services = [ { binding = "T", service = "tw" } ]').replace("export default { async fetch() { return new Response('tw'); } };\n", '');
  const f = atCursor(files('$0'));
  assert.deepEqual(completion(f.project, f.file, f.position, f.options).map((i) => i.label).sort(), ['cancel', 'create']);
  const d = atCursor(files('can$0cel'));
  assert.deepEqual(shown(d, definition(d.project, d.file, d.position, d.options)), ['/ws/t/src/orders.ts:4 async cancel() { return 2; }']);
});

test('references from a method of the class a Worker re-exports as its default come back to the config', () => {
  const files = workspace('cancel', "export { Orders as default } from './orders';", ORDERS, 'services = [ { binding = "T", service = "tw" } ]')
    .replace("export default { async fetch() { return new Response('tw'); } };\n", '')
    .replace('async cancel()', 'async can$0cel()');
  const back = atCursor(files);
  assert.deepEqual(shown(back, references(back.project, back.file, back.position, back.options)), ['/ws/gw/api-config.json:3 "cancel"']);
});
