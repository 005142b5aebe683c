// The findings cache (server/src/host/findings-cache.ts, lsp/workspace/cached-checks.ts): a second start of the
// same, unchanged workspace shows the findings stored at the first start (or at its shutdown, edits saved since
// included) before its own check; any change to what the checks read (a file, a folder listing, an open document's
// text, the editor settings) makes it check first instead.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { cacheSessions, CHECKED, logged, logs, pull, retargetEntrypoint, SHOWN } from './support/cache-sessions';
import { GATEWAY_CONFIG, smallGateway } from './support/fixtures';
import type { LspSession } from './support/lsp-session';
import type { TempWorkspace } from './support/workspace';

describe('findings cache', () => {
  const sessions = cacheSessions();
  const { started, start: startServer } = sessions;
  const setUp = (): { ws: TempWorkspace; cache: string; config: string } => {
    const { ws, cache } = sessions.setUp();
    return { ws, cache, config: ws.path('gw/api-config.json') };
  };

  it('a second start shows the stored findings first, the same the check then confirms', async () => {
    const { ws, cache, config } = setUp();
    const wrangler = ws.path('gw/wrangler.toml');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    const found = await pull(first, config);
    const foundOnWrangler = await pull(first, wrangler);
    assert.ok(found.includes('SAG401') && foundOnWrangler.length > 0, `${found.join(', ')} / ${foundOnWrangler.join(', ')}`);
    await first.stop();
    assert.equal(readdirSync(cache).filter((f) => f.endsWith('.json')).length, 1, 'one entry for the workspace');

    const session = await startServer({ roots: [ws.root], cacheDirectory: cache });
    session.open(config);
    const shown = await pull(session, config);
    // Answered before the check at start ran: it waits for the client to be quiet, and the pull came with the open.
    assert.ok(logs(session).some((m) => m.includes(SHOWN)), logs(session).join('\n'));
    assert.ok(!logs(session).some((m) => CHECKED.test(m)), logs(session).join('\n'));
    assert.deepEqual(shown, found);
    assert.deepEqual(await pull(session, wrangler), foundOnWrangler, 'the wrangler config\'s findings are stored too');
    await logged(session, CHECKED);
    assert.deepEqual(await pull(session, config), found, 'the check confirms them');
  });

  const changes: [string, (ws: TempWorkspace) => void, (found: string[]) => boolean][] = [
    ['a missing module created (a folder listing)', (ws) => ws.write('gw/services/hello.js', 'export default { fetch() { return new Response("hi"); } };\n'), (f) => !f.includes('SAG401')],
    [
      'the wrangler config edited',
      (ws) => writeFileSync(ws.path('gw/wrangler.toml'), `${readFileSync(ws.path('gw/wrangler.toml'), 'utf8')}\n[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n`.replace('[env.staging]\nname = "gw-staging"\n', '[env.staging]\nname = "gw-staging"\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n')),
      (f) => f.filter((c) => c === 'SAG301').length < 2,
    ],
    ['.sagrc.json edited (the runtime)', (ws) => writeFileSync(ws.path('gw/.sagrc.json'), '{ "runtime": "bundled" }\n'), (f) => !f.includes('SAG510')],
  ];
  for (const [what, change, holds] of changes) {
    it(`checks first when ${what} since the last start`, async () => {
      const { ws, cache, config } = setUp();
      const first = await started({ roots: [ws.root], cacheDirectory: cache });
      const before = await pull(first, config);
      await first.stop();
      change(ws);
      const session = await started({ roots: [ws.root], cacheDirectory: cache });
      assert.ok(!logs(session).some((m) => m.includes(SHOWN)), logs(session).join('\n'));
      assert.ok(logs(session).some((m) => m.includes('changed since the last start')), logs(session).join('\n'));
      const after = await pull(session, config);
      assert.ok(holds(after) && !holds(before), `${before.join(', ')} -> ${after.join(', ')}`);
    });
  }

  it('checks first when the editor settings differ from the last start', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    await first.stop();
    const session = await started({ roots: [ws.root], cacheDirectory: cache, settings: { rules: { SAG401: 'off' } } });
    assert.ok(!logs(session).some((m) => m.includes(SHOWN)), logs(session).join('\n'));
    assert.ok(logs(session).some((m) => m.includes('the editor settings changed since the last start')), logs(session).join('\n'));
    assert.ok(!(await pull(session, config)).includes('SAG401'));
  });

  it('every gateway of a multi-root workspace is shown from the cache; a gateway added since is a miss', async () => {
    const { ws, cache, config } = setUp();
    for (const [relative, text] of Object.entries(smallGateway())) ws.write(relative, text);
    const other = ws.path('other/api-config.json');
    const first = await started({ roots: [ws.path('gw'), ws.path('other')], cacheDirectory: cache });
    const found = [await pull(first, config), await pull(first, other)];
    assert.ok(found[1]!.includes('SAG301'), found[1]!.join(', '));
    await first.stop();
    const again = await startServer({ roots: [ws.path('gw'), ws.path('other')], cacheDirectory: cache });
    assert.deepEqual([await pull(again, config), await pull(again, other)], found);
    assert.ok(logs(again).some((m) => m.includes('2 gateway(s) shown from the findings cache')), logs(again).join('\n'));
    await logged(again, CHECKED);
    await again.stop();
    for (const [relative, text] of Object.entries(smallGateway('other/nested'))) ws.write(relative, text);
    const third = await started({ roots: [ws.path('gw'), ws.path('other')], cacheDirectory: cache });
    assert.ok(logs(third).some((m) => m.includes('the gateways found changed since the last start')), logs(third).join('\n'));
  });

  it('an open document that differs from the file on disk is checked, not taken from the cache', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, config)).includes('SAG401'));
    await first.stop();
    const session = await startServer({ roots: [ws.root], cacheDirectory: cache });
    // Opened at once with unsaved text: the entrypoint names the module that exists.
    session.open(config, GATEWAY_CONFIG.replace('./services/hello', './index'));
    assert.ok(!(await pull(session, config)).includes('SAG401'));
  });

  it('an edit right after the stored findings are shown is checked at once', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    await first.stop();
    const session = await startServer({ roots: [ws.root], cacheDirectory: cache });
    session.open(config);
    assert.ok((await pull(session, config)).includes('SAG401'));
    retargetEntrypoint(session, config);
    assert.ok(!(await pull(session, config)).includes('SAG401'));
  });

  it('an api-config.json open during the first start is recorded like a file: changed on disk since, it is a miss', async () => {
    const { ws, cache, config } = setUp();
    const first = await startServer({ roots: [ws.root], cacheDirectory: cache });
    first.open(config); // a tab the editor restores at start, as saved
    await logged(first, CHECKED);
    assert.ok((await pull(first, config)).includes('SAG401'));
    await first.stop();
    // Mended on disk while the editor was closed (a git pull): the entrypoint names the module that exists.
    writeFileSync(config, GATEWAY_CONFIG.replace('./services/hello', './index'));
    const session = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok(!logs(session).some((m) => m.includes(SHOWN)), logs(session).join('\n'));
    assert.ok(!(await pull(session, config)).includes('SAG401'));
  });

  it('edits saved during a session are stored at shutdown: the next start shows them from the cache', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, config)).includes('SAG401'));
    // Mended in the editor and saved (VS Code reports the save to the watchers too).
    first.open(config);
    writeFileSync(config, retargetEntrypoint(first, config));
    first.watched(config, 2);
    const mended = await pull(first, config);
    assert.ok(!mended.includes('SAG401'), mended.join(', '));
    await first.stop();

    const session = await startServer({ roots: [ws.root], cacheDirectory: cache });
    session.open(config);
    assert.deepEqual(await pull(session, config), mended);
    assert.ok(logs(session).some((m) => m.includes(SHOWN)), logs(session).join('\n'));
    assert.ok(!logs(session).some((m) => CHECKED.test(m)), logs(session).join('\n'));
  });

  it('at shutdown, findings a check has not seen the inputs of (a file created unreported) are not stored', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    const [entry] = readdirSync(cache).filter((f) => f.endsWith('.json'));
    const storedAtStart = readFileSync(join(cache, entry!), 'utf8');
    first.open(config);
    retargetEntrypoint(first, config);
    assert.ok(!(await pull(first, config)).includes('SAG401'));
    // Created beside the config, and no watcher reports it: the gateway folder's listing the check read is stale.
    ws.write('gw/notes.txt', 'x\n');
    await first.stop();
    assert.ok(logs(first).some((m) => /findings cache not updated: .*gw changed since the checks read it/.test(m)), logs(first).join('\n'));
    assert.equal(readFileSync(join(cache, entry!), 'utf8'), storedAtStart);
  });

  it('the add-binding fix of a finding shown from the cache offers the Workers of the workspace', async () => {
    const { ws, cache, config } = setUp();
    ws.write('hooks/wrangler.toml', 'name = "hooks-worker"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n');
    ws.write('hooks/index.js', 'export default {};\n');
    const workerLists = async (session: LspSession): Promise<unknown[]> => {
      const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(config) } });
      const lists: unknown[] = [];
      for (const diagnostic of report.kind === 'full' ? report.items.filter((d) => d.code === 'SAG301') : []) {
        const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: pathToUri(config) }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
        for (const action of actions) if (action.command?.command === 'sag.addServiceBinding') lists.push((action.command.arguments![0] as { workers: string[] }).workers);
      }
      return lists;
    };
    const options = { roots: [ws.root], cacheDirectory: cache, initializationOptions: { askForWorkerName: true } };
    const first = await started(options);
    const afterCheck = await workerLists(first);
    assert.ok(afterCheck.length > 0 && JSON.stringify(afterCheck).includes('hooks-worker'), JSON.stringify(afterCheck));
    await first.stop();
    const session = await startServer({ ...options });
    session.open(config);
    const fromCache = await workerLists(session);
    assert.ok(!logs(session).some((m) => CHECKED.test(m)), 'asked before the check at start');
    assert.deepEqual(fromCache, afterCheck);
  });

  it('a damaged or foreign cache file is a miss; an unwritable cache folder is logged, never fatal', async () => {
    const { ws, cache, config } = setUp();
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    const found = await pull(first, config);
    await first.stop();
    const [entry] = readdirSync(cache).filter((f) => f.endsWith('.json'));
    const stored = JSON.parse(readFileSync(join(cache, entry!), 'utf8')) as { engine: string };
    for (const text of ['{ "format": 1, "engi', JSON.stringify({ ...stored, engine: 'another build' }), '\u0000\u0001binary']) {
      writeFileSync(join(cache, entry!), text);
      const session = await started({ roots: [ws.root], cacheDirectory: cache });
      assert.ok(!logs(session).some((m) => m.includes(SHOWN)));
      assert.deepEqual(await pull(session, config), found);
      assert.deepEqual(session.loggedErrors(), []);
      await session.stop();
    }
    // A file where the folder should be.
    const blocked = join(cache, 'blocked');
    writeFileSync(blocked, 'not a folder');
    const session = await started({ roots: [ws.root], cacheDirectory: blocked });
    assert.deepEqual(await pull(session, config), found);
    assert.ok(logs(session).some((m) => m.includes('findings cache not written')), logs(session).join('\n'));
  });
});
