// workspace/didChangeWatchedFiles: the watchers are registered dynamically, and a module created, a wrangler
// config edited on disk, or a file deleted re-checks the gateway (the editor never opened those files).
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, GATEWAY_WRANGLER } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('watched files', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const config = (): string => ws.path('gw/api-config.json');
  let lastCount = 0;
  /** The next publish of api-config.json after the ones seen so far. */
  const nextPublish = async (): Promise<string[]> => {
    const uriCount = (): number => session.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri.endsWith('/gw/api-config.json')).length;
    const seen = lastCount;
    const published = await session.waitForDiagnostics(config(), () => uriCount() > seen, 'a new publish');
    lastCount = uriCount();
    return codes(published.diagnostics);
  };

  before(async () => {
    ws = tempWorkspace(brokenGateway());
    session = await LspSession.start({ roots: [ws.root] });
    await nextPublish();
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('registers watchers for every file kind a gateway reads', () => {
    const watchers = session.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as { watchers: { globPattern: string }[] };
    const globs = watchers.watchers.map((w) => w.globPattern);
    for (const glob of ['**/api-config.json', '**/wrangler.{toml,json,jsonc}', '**/.dev.vars*', '**/.sagrc.json']) assert.ok(globs.includes(glob), glob);
  });

  it('a service module created on disk clears SAG401', async () => {
    ws.write('gw/services/hello.js', 'export default class Hello { fetch() { return new Response("hi"); } }\n');
    session.watched(ws.path('gw/services/hello.js'), 1);
    const found = await nextPublish();
    assert.ok(!found.includes('SAG401'), found.join(', '));
  });

  it('wrangler.toml edited outside the editor: HOOKS declared at the top level only', async () => {
    writeFileSync(ws.path('gw/wrangler.toml'), GATEWAY_WRANGLER.replace('[env.staging]', '[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n\n[env.staging]'));
    session.watched(ws.path('gw/wrangler.toml'), 2);
    const found = await nextPublish();
    assert.ok(!found.includes('SAG301'), `HOOKS is declared now: ${found.join(', ')}`);
    assert.ok(found.includes('SAG302'), `[env.staging] does not inherit it: ${found.join(', ')}`);
  });

  it('a module deleted brings SAG401 back', async () => {
    rmSync(ws.path('gw/services/hello.js'));
    session.watched(ws.path('gw/services/hello.js'), 3);
    const found = await nextPublish();
    assert.ok(found.includes('SAG401'), found.join(', '));
  });

  it('an api-config.json deleted on disk: its gateway goes, and its diagnostics (wrangler.toml too) are cleared', async () => {
    const wrangler = ws.path('gw/wrangler.toml');
    assert.ok((session.published.get(pathToUri(wrangler))?.diagnostics.length ?? 0) > 0, 'wrangler.toml had findings');
    rmSync(config());
    session.watched(config(), 3);
    const cleared = await session.waitForDiagnostics(config(), (p) => p.diagnostics.length === 0, 'an empty publish');
    assert.deepEqual(cleared.diagnostics, []);
    await session.waitForDiagnostics(wrangler, (p) => p.diagnostics.length === 0, 'an empty publish of wrangler.toml');
  });

  it('a new api-config.json is a new gateway', async () => {
    ws.write('api-config.json', '{ "paths": [ { "method": "GET", "path": "/a", "integration": { "type": "service", "binding": "nope" } } ] }\n');
    session.watched(ws.path('api-config.json'), 1);
    const published = await session.waitForDiagnostics(ws.path('api-config.json'));
    assert.ok(codes(published.diagnostics).includes('SAG202'), codes(published.diagnostics).join(', '));
  });
});
