// A bound Worker whose main module re-exports its entrypoint class: the server judges the class in the module that
// declares it (SAG304) and checks the gateway again when that module changes on disk, a file the gateway never
// names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspSession, codes } from './support/lsp-session';
import { tempWorkspace } from './support/workspace';

const rpcWith = (method: string): string => `import { WorkerEntrypoint } from "cloudflare:workers";\nexport class Orders extends WorkerEntrypoint { ${method}() { return 1; } }\n`;

test('SAG304 on a re-exported entrypoint class, gone when the module that declares it gets the method', async () => {
  const ws = tempWorkspace({
    'gw/api-config.json': '{"serviceBindings": [{"alias": "w", "binding": "W"}], "paths": [{"method": "POST", "path": "/x", "integration": {"type": "service_binding", "binding": "w", "function": "run"}}]}\n',
    'gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\nservices = [ { binding = "W", service = "w", entrypoint = "Orders" } ]\n',
    'gw/src/index.js': 'export default { fetch() { return new Response("x"); } };\n',
    'w/wrangler.toml': 'name = "w"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
    'w/src/index.js': "export { Orders } from './rpc.js';\nexport default { fetch() { return new Response('w'); } };\n",
    'w/src/rpc.js': rpcWith('ran'),
  });
  const session = await LspSession.start({ roots: [ws.root], watchesFiles: true });
  try {
    const config = ws.path('gw/api-config.json');
    const has304 = (p: PublishDiagnosticsParams): boolean => codes(p.diagnostics).includes('SAG304');
    const found = await session.waitForDiagnostics(config, has304, 'SAG304: `run` is not a method of Orders in rpc.js');
    const sag304 = found.diagnostics.find((d) => d.code === 'SAG304')!;
    assert.match(String(sag304.message), /class `Orders` of Worker `w` \(\.\.\/w\/src\/rpc\.js, re-exported by \.\.\/w\/src\/index\.js\) has no public method `run`/);
    assert.ok(sag304.relatedInformation?.some((r) => r.location.uri.endsWith('/w/src/rpc.js')), 'related: the class in rpc.js');
    const gone = session.nextPublishWhere(config, (p) => !has304(p), 'SAG304 gone after rpc.js changed');
    ws.write('w/src/rpc.js', rpcWith('run'));
    session.watched(ws.path('w/src/rpc.js'), 2);
    await gone;
  } finally {
    await session.stop();
    ws.remove();
  }
});
