// Workspace folders over stdio: the server sends no request before its initialize result (VS Code refuses one),
// registers folder changes statically, and checks a folder added later and clears the gateways of a removed one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, smallGateway } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('workspace folders', () => {
  let a: TempWorkspace;
  let b: TempWorkspace;
  let session: LspSession;

  before(async () => {
    a = tempWorkspace(brokenGateway());
    b = tempWorkspace(smallGateway());
    session = await LspSession.start({ roots: [a.root] });
  });
  after(async () => {
    await session.stop();
    a.remove();
    b.remove();
  });

  it('sends no request before the initialize result, and asks for no registration of folder changes it declared', async () => {
    await session.waitForDiagnostics(a.path('gw/api-config.json'));
    await session.waitForServerRequests('client/registerCapability', 2);
    assert.deepEqual(session.requestsBeforeInitializeResult, []);
    assert.deepEqual(session.capabilities.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
    const registered = session.registrations.map((r) => r.method).sort();
    assert.deepEqual(registered, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    assert.deepEqual(session.loggedErrors(), []);
  });

  it('checks the gateways of an added folder and clears those of a removed one', async () => {
    await session.waitForDiagnostics(a.path('gw/api-config.json'), (p) => p.diagnostics.length > 0);
    await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToUri(b.root), name: 'b' }], removed: [{ uri: pathToUri(a.root), name: 'a' }] },
    });
    const added = await session.waitForDiagnostics(b.path('other/api-config.json'), (p) => p.diagnostics.length > 0, 'the added folder checked');
    assert.deepEqual(codes(added.diagnostics), ['SAG301']);
    await session.waitForDiagnostics(a.path('gw/api-config.json'), (p) => p.diagnostics.length === 0, 'the removed folder cleared');
    await session.waitForDiagnostics(a.path('gw/wrangler.toml'), (p) => p.diagnostics.length === 0, 'its wrangler.toml cleared');
  });
});

describe('workspace folders changed twice while the first check runs', () => {
  const a = tempWorkspace(brokenGateway());
  const b = tempWorkspace(smallGateway());
  const c = tempWorkspace(brokenGateway());
  let session: LspSession;
  after(async () => {
    await session?.stop();
    for (const ws of [a, b, c]) ws.remove();
  });

  it('keeps both added folders: the second change starts from the first, not from the list before it', async () => {
    session = await LspSession.start({ roots: [a.root] });
    for (const [ws, name] of [[b, 'b'], [c, 'c']] as const) {
      await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToUri(ws.root), name }], removed: [] } });
    }
    const fromB = await session.waitForDiagnostics(b.path('other/api-config.json'), (p) => p.diagnostics.length > 0, 'the first added folder checked');
    assert.deepEqual(codes(fromB.diagnostics), ['SAG301']);
    await session.waitForDiagnostics(c.path('gw/api-config.json'), (p) => p.diagnostics.length > 0, 'the second added folder checked');
    await session.waitForDiagnostics(a.path('gw/api-config.json'), (p) => p.diagnostics.length > 0, 'the first folder kept');
  });
});

describe('a workspace folder removed while its api-config.json is open (push)', () => {
  const a = tempWorkspace(brokenGateway());
  const b = tempWorkspace(smallGateway());
  let session: LspSession;
  after(async () => {
    await session?.stop();
    for (const ws of [a, b]) ws.remove();
  });

  it('keeps the open file checked, as a file opened alone, until the editor closes it', async () => {
    session = await LspSession.start({ roots: [a.root] });
    const config = a.path('gw/api-config.json');
    session.open(config);
    const opened = await session.waitForDiagnostics(config, (p) => p.diagnostics.length > 0);
    await session.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: pathToUri(b.root), name: 'b' }], removed: [{ uri: pathToUri(a.root), name: 'a' }] },
    });
    // The folder check has run (it checks the added folder after dropping the removed one's gateways).
    await session.waitForDiagnostics(b.path('other/api-config.json'), (p) => p.diagnostics.length > 0, 'the added folder checked');
    assert.deepEqual(codes(session.published.get(pathToUri(config))!.diagnostics), codes(opened.diagnostics), 'the open file keeps its findings');
    // An edit is still checked.
    session.change(config, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
    await session.waitForVersion(config, 2);
    session.close(config);
    await session.waitForDiagnostics(config, (p) => p.diagnostics.length === 0, 'cleared once closed');
    assert.deepEqual(session.loggedErrors(), []);
  });
});
