// Pull diagnostics (textDocument/diagnostic, workspace/diagnostic) for clients that advertise them: nothing is
// pushed, a pull right after an edit answers for that edit (no debounce wait), unchanged results say so.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, GATEWAY_WRANGLER, positionOf, smallGateway } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('pull diagnostics', () => {
  let ws: TempWorkspace;
  let session: LspSession;

  before(async () => {
    ws = tempWorkspace(brokenGateway());
    session = await LspSession.start({ roots: [ws.root], pull: true });
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  const refreshes = (): number => session.serverRequests.filter((r) => r.method === 'workspace/diagnostic/refresh').length;
  const pull = (path: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
    session.request('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) }, ...(previousResultId ? { previousResultId } : {}) });

  it('advertises the pull provider with inter-file dependencies', () => {
    assert.deepEqual(session.capabilities.diagnosticProvider, { identifier: 'sag', interFileDependencies: true, workspaceDiagnostics: true });
  });

  it('answers a document pull, then "unchanged" for the same result id', async () => {
    const file = ws.path('gw/api-config.json');
    const report = await pull(file);
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['SAG301', 'SAG301', 'SAG401', 'SAG510', 'SAG609', 'SAG609', 'SAG610', 'SAG610']);
    const again = await pull(file, report.resultId);
    assert.equal(again.kind, 'unchanged');
    assert.equal(session.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0, 'nothing is pushed to a pull client');
  });

  it('after an edit that changes no diagnostic, the old result id is still current ("unchanged")', async () => {
    const file = ws.path('gw/api-config.json');
    session.open(file);
    const first = await pull(file);
    assert.equal(first.kind, 'full');
    // Blank lines at the end: the file is checked again, every diagnostic reads the same.
    const end = positionOf(GATEWAY_CONFIG, '\n}\n', 2);
    session.change(file, { start: end, end }, '\n\n');
    const again = await pull(file, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    // An edit that moves the findings below it: a full report with a new id.
    const top = positionOf(GATEWAY_CONFIG, '{');
    session.change(file, { start: top, end: top }, '\n');
    const moved = await pull(file, first.resultId);
    assert.equal(moved.kind, 'full');
    assert.notEqual(moved.resultId, first.resultId);
    session.close(file);
  });

  it('answers a pull sent right after an edit with that edit checked, and asks for no re-pull of other files', async () => {
    const file = ws.path('gw/api-config.json');
    session.open(file);
    await pull(file);
    const asked = refreshes();
    const start = positionOf(GATEWAY_CONFIG, '"./services/hello"', 1);
    session.change(file, { start, end: { line: start.line, character: start.character + 16 } }, './index');
    const report = await pull(file);
    assert.equal(report.kind, 'full');
    const found = codes(report.kind === 'full' ? report.items : []);
    assert.ok(!found.includes('SAG401'), `the entrypoint now exists: ${found.join(', ')}`);
    // Only this file's diagnostics changed and the pull carried them: no workspace/diagnostic/refresh, neither
    // now nor from the debounce timer the edit started (the pull's check stopped it; its delay is 150 ms).
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(refreshes(), asked, 'no re-pull asked for');
    session.close(file);
  });

  it('a pull that runs the check an edit of another file scheduled still asks the client to re-pull', async () => {
    // VS Code pulls the workspace every 2 s: when that pull lands inside the debounce after an edit of
    // wrangler.toml, it runs the check, and the open api-config.json must still be re-pulled to lose its SAG301.
    const config = ws.path('gw/api-config.json');
    const wrangler = ws.path('gw/wrangler.toml');
    const before = await pull(config);
    assert.ok(before.kind === 'full' && codes(before.items).includes('SAG301'));
    session.open(wrangler);
    await session.waitForServerRequests('workspace/diagnostic/refresh', refreshes() + 1);
    const asked = refreshes();
    const end = positionOf(GATEWAY_WRANGLER, '[env.staging]');
    session.change(wrangler, { start: end, end }, '[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n\n');
    const report = await session.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const fromWorkspace = report.items.find((i) => i.uri === pathToUri(config));
    assert.ok(fromWorkspace?.kind === 'full' && !codes(fromWorkspace.items).includes('SAG301'), 'the workspace pull ran the check');
    await session.waitForServerRequests('workspace/diagnostic/refresh', asked + 1);
    const after = await pull(config, before.resultId);
    assert.equal(after.kind, 'full');
    const found = codes(after.kind === 'full' ? after.items : []);
    assert.ok(!found.includes('SAG301') && found.includes('SAG302'), `HOOKS is declared at the top level only now: ${found.join(', ')}`);
    session.close(wrangler);
  });

  it('a file closed without saving and opened again (its version counts from 1 again): an edit of the same length is checked, not the text before', async () => {
    const wrangler = ws.path('gw/wrangler.toml');
    const config = ws.path('gw/api-config.json');
    // The top level's SAG301 for HOOKS lists what the top level declares.
    const targetUndeclared = (report: DocumentDiagnosticReport): boolean => report.kind === 'full' && report.items.some((d) => d.code === 'SAG301' && String(d.message).includes('(declared: none)') && String(d.message).includes('(env: top level)'));
    const at = positionOf(GATEWAY_WRANGLER, 'binding = "TARGET"');
    session.open(wrangler);
    session.change(wrangler, { start: at, end: at }, '#'); // version 2: the top-level TARGET commented out
    assert.ok(targetUndeclared(await pull(config)), 'TARGET is undeclared while its line is a comment');
    session.close(wrangler);
    session.open(wrangler);
    session.change(wrangler, { start: at, end: at }, ' '); // version 2 again, a text of the same length
    assert.ok(!targetUndeclared(await pull(config)), 'TARGET is declared in the text the editor holds now');
    session.close(wrangler);
  });

  it('lists every file of every gateway in a workspace pull', async () => {
    const report = await session.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const uris = report.items.map((i) => i.uri).sort();
    assert.deepEqual(uris, [pathToUri(ws.path('gw/api-config.json')), pathToUri(ws.path('gw/wrangler.toml'))]);
    const wrangler = report.items.find((i) => i.uri.endsWith('wrangler.toml'))!;
    assert.equal(wrangler.kind, 'full');
    assert.deepEqual(codes(wrangler.kind === 'full' ? wrangler.items : []), ['SAG309', 'SAG313']);
    const again = await session.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    assert.ok(again.items.every((i) => i.kind === 'unchanged'));
  });

  it('answers an empty report for a file no gateway reads', async () => {
    const report = await pull(ws.path('elsewhere/notes.txt'));
    assert.deepEqual(report, { kind: 'full', resultId: 'none', items: [] });
  });

  it('an api-config.json deleted: the client is asked to pull again, and its files answer empty', async () => {
    // Counted after the start's own ask (sent before the status that ends the workspace check) and after the
    // debounced re-check (150 ms) of the earlier tests' last edit, so that only the deletion can ask again.
    await session.waitForNotification('sag/status', (p) => (p as { busy?: boolean }).busy === false);
    await session.waitForServerRequests('workspace/diagnostic/refresh', 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = refreshes();
    rmSync(ws.path('gw/api-config.json'));
    session.watched(ws.path('gw/api-config.json'), 3);
    await session.waitForServerRequests('workspace/diagnostic/refresh', asked + 1);
    for (const file of ['gw/api-config.json', 'gw/wrangler.toml']) assert.deepEqual(await pull(ws.path(file)), { kind: 'full', resultId: 'none', items: [] }, file);
  });
});

describe('a pull while the workspace is being checked', () => {
  it('is answered once the pulled file’s gateway is checked, not after every other gateway of the workspace', async () => {
    // Gateways are checked in path order: `a-large`, then `b-small` (opened and pulled meanwhile), then `c-large`.
    // The answer must not wait for `c-large`: it comes before the status that counts c-large's problems.
    const large = (name: string): Record<string, string> => ({
      [`${name}/api-config.json`]: `{\n  "servers": [{ "alias": "api", "url": "https://api.example.com" }],\n  "paths": [\n    ${Array.from({ length: 3000 }, (_, i) => `{ "method": "GET", "path": "/r/${i}/{id}", "integration": { "type": "http_proxy", "server": "api" } }`).join(',\n    ')}\n  ]\n}\n`,
      [`${name}/wrangler.toml`]: `name = "${name}"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n`,
      [`${name}/index.js`]: 'export default { fetch() { return new Response("ok"); } };\n',
    });
    const ws = tempWorkspace({ ...large('a-large'), ...smallGateway('b-small'), ...large('c-large') });
    const session = await LspSession.start({ roots: [ws.root], pull: true, timeoutMs: 120_000 });
    const statuses = (): { problems: number }[] => session.notifications.filter((n) => n.method === 'sag/status').map((n) => n.params as { problems: number });
    try {
      const file = ws.path('b-small/api-config.json');
      session.open(file);
      const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(file) } });
      const atAnswer = statuses();
      assert.equal(report.kind, 'full');
      assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['SAG301']);
      await session.waitForNotification('window/logMessage', (p) => /3 gateway\(s\) checked/.test((p as { message: string }).message));
      const all = statuses().at(-1)!.problems;
      assert.ok(all > 0);
      assert.ok(atAnswer.every((s) => s.problems < all), `answered after the whole workspace was checked (${all} problems): ${JSON.stringify(atAnswer)}`);
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});
