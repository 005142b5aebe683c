// The findings cache over a working session (server/src/host/recorded-inputs.ts, lsp/workspace/cached-checks.ts):
// what the checks read is recorded per gateway, and the findings are stored again at shutdown when every gateway's
// record still reads the same. Editing flows that must be stored (a tab closed as saved, an outline asked for before
// a check, a module created or renamed, a gateway deleted, a large config rehearsed, a file created beside them),
// and the one that must not: a shared file changed unreported and read again by one gateway only.
import assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pathToUri } from '../../server/src/lsp/uri';
import { cacheSessions, CHECKED, entryFile, entryText, logged, logs, pull, retargetEntrypoint, SHOWN } from './support/cache-sessions';
import { brokenGateway, GATEWAY_CONFIG, GATEWAY_WRANGLER, positionOf } from './support/fixtures';
import type { LspSession } from './support/lsp-session';
import type { TempWorkspace } from './support/workspace';

/** A gateway with a `$secret.API_KEY` and no .dev.vars: SAG307 until one declares it. */
const SECRET_CONFIG = `{
  "variables": { "key": "$secret.API_KEY" },
  "paths": [{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "uri": "https://example.com" } }]
}
`;
const secretGateway = (prefix: string): Record<string, string> => ({
  [`${prefix}/api-config.json`]: SECRET_CONFIG,
  [`${prefix}/wrangler.toml`]: `name = "${prefix}"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n`,
  [`${prefix}/index.js`]: 'export default { fetch() { return new Response("ok"); } };\n',
});
const TARGET_WORKER = {
  'target/wrangler.toml': 'name = "target-worker"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n',
  'target/index.js': 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { other() {} }\n',
};

describe('findings cache over a session', () => {
  const { setUp, started, start: startServer, stopAndReport, nextStart } = cacheSessions();

  /** A whitespace edit of an api-config.json, saved: the gateway is checked again and the shutdown store has something new. */
  async function editAndSave(session: LspSession, file: string, text: string): Promise<void> {
    session.open(file, text);
    session.change(file, { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, ' ');
    writeFileSync(file, `{ ${text.slice(1)}`);
    await pull(session, file);
  }
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 400));
  const sameAsChecked = (next: { hit: boolean; shown: string[]; checked: string[] }): void =>
    assert.ok(!next.hit || JSON.stringify(next.shown) === JSON.stringify(next.checked), `findings shown from the cache are those the check finds: ${JSON.stringify(next)}`);

  it('edit, save, close the tab: stored at shutdown', async () => {
    const { ws, cache } = setUp();
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, config)).includes('SAG401'));
    const atStart = entryText(cache);
    first.open(config);
    const saved = retargetEntrypoint(first, config);
    writeFileSync(config, saved);
    first.watched(config, 2); // ignored for an open document
    assert.ok(!(await pull(first, config)).includes('SAG401'));
    first.close(config);
    await first.request('textDocument/documentSymbol', { textDocument: { uri: pathToUri(config) } }).catch(() => undefined);
    const line = await stopAndReport(first);
    assert.equal(line, undefined, 'the shutdown save refused');
    assert.notEqual(entryText(cache), atStart, 'the entry was updated');
  });

  it('a feature request (outline) between an edit of wrangler.toml and its check: stored at shutdown', async () => {
    const { ws, cache } = setUp();
    const config = ws.path('gw/api-config.json');
    const wrangler = ws.path('gw/wrangler.toml');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    first.open(wrangler);
    await pull(first, wrangler);
    const end = { line: GATEWAY_WRANGLER.split('\n').length - 1, character: 0 };
    first.change(wrangler, { start: end, end }, '# a note\n');
    // The outline VS Code asks for after each change: a load whose parse the check then re-uses.
    await first.request('textDocument/documentSymbol', { textDocument: { uri: pathToUri(wrangler) } });
    writeFileSync(wrangler, `${GATEWAY_WRANGLER}# a note\n`);
    await pull(first, wrangler);
    const line = await stopAndReport(first);
    assert.equal(line, undefined, 'the shutdown save refused');
  });

  const created: [string, string, string][] = [
    ['a service module (the gateway is checked again)', 'gw/services/extra.js', 'export default {};\n'],
    ['a README in the workspace folder (nothing is checked again)', 'README.md', '# notes\n'],
  ];
  for (const [what, relative, text] of created) {
    it(`${what} created and reported: stored at shutdown`, async () => {
      const { ws, cache } = setUp();
      const config = ws.path('gw/api-config.json');
      const first = await started({ roots: [ws.root], cacheDirectory: cache });
      await pull(first, config);
      first.open(config);
      writeFileSync(config, retargetEntrypoint(first, config));
      assert.ok(!(await pull(first, config)).includes('SAG401'));
      first.watched(ws.write(relative, text), 1);
      await settle();
      await pull(first, config);
      assert.equal(await stopAndReport(first), undefined, 'the shutdown store refused');
    });
  }

  it('a module renamed (old deleted, reported): stored at shutdown', async () => {
    const { ws, cache } = setUp({ ...brokenGateway(), 'gw/services/hello.js': 'export default { fetch() { return new Response("hi"); } };\n' });
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok(!(await pull(first, config)).includes('SAG401'));
    first.open(config);
    writeFileSync(config, retargetEntrypoint(first, config, './services/howdy'));
    const renamed = ws.write('gw/services/howdy.js', 'export default { fetch() { return new Response("hi"); } };\n');
    unlinkSync(ws.path('gw/services/hello.js'));
    first.watched(renamed, 1);
    first.watched(ws.path('gw/services/hello.js'), 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(!(await pull(first, config)).includes('SAG401'));
    const line = await stopAndReport(first);
    assert.equal(line, undefined, 'the shutdown save refused');
  });

  it('two gateways share a wrangler config changed unreported, read again by one of them: the findings of the other are not stored under it', async () => {
    const gatewayConfig = `{
  "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],
  "paths": [{ "method": "GET", "path": "/x", "integration": { "type": "service_binding", "binding": "hooks" } }]
}
`;
    const shared = 'name = "gw"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n';
    const { ws, cache } = setUp({
      'wrangler.toml': shared,
      'index.js': 'export default { fetch() { return new Response("ok"); } };\n',
      'a/api-config.json': gatewayConfig,
      'b/api-config.json': gatewayConfig,
    });
    const a = ws.path('a/api-config.json');
    const b = ws.path('b/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    const before = await pull(first, a);
    assert.ok(before.includes('SAG301'), before.join(', '));
    // The shared wrangler config gets the binding, and no watcher reports it (a tool outside the editor, no event).
    writeFileSync(ws.path('wrangler.toml'), `${shared}\n[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n`);
    // Gateway b is edited (whitespace) and checked: it reads the new wrangler config.
    await editAndSave(first, b, gatewayConfig);
    assert.ok(!(await pull(first, b)).includes('SAG301'));
    // a is not told (no event): its findings stay those of the old wrangler config, which its record still holds.
    assert.match((await stopAndReport(first)) ?? '', /wrangler\.toml changed since the checks read it/);
    sameAsChecked(await nextStart(ws, cache, a));
  });

  it('an edit saved while the check at start (after a cache hit) runs: stored by shutdown', async () => {
    const { ws, cache } = setUp();
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    await first.stop();

    const second = await startServer({ roots: [ws.root], cacheDirectory: cache });
    second.open(config);
    assert.ok((await pull(second, config)).includes('SAG401'));
    assert.ok(logs(second).some((m) => m.includes(SHOWN)), 'a hit');
    const saved = retargetEntrypoint(second, config);
    writeFileSync(config, saved);
    await logged(second, CHECKED);
    const mended = await pull(second, config);
    assert.ok(!mended.includes('SAG401'));
    const line = await stopAndReport(second);
    assert.equal(line, undefined);

    const third = await nextStart(ws, cache, config);
    assert.ok(third.hit, 'the saved edit is in the cache');
    assert.deepEqual(third.shown, mended);
  });

  it('a large config (rehearsed) edited once and saved: stored at shutdown', async () => {
    const count = 1000;
    const routes = Array.from({ length: count }, (_, i) => `    { "method": "GET", "path": "/r${i}", "integration": { "type": "service_binding", "binding": "${i % 10 === 0 ? 'nope' : 'target'}" } }`);
    const text = `{\n  "serviceBindings": [{ "alias": "target", "binding": "TARGET" }],\n  "paths": [\n${routes.join(',\n')}\n  ]\n}\n`;
    const { ws, cache } = setUp({ 'gw/api-config.json': text, 'gw/wrangler.toml': GATEWAY_WRANGLER, 'gw/index.js': 'export default { fetch() { return new Response("ok"); } };\n' });
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache, timeoutMs: 30_000 });
    await pull(first, config);
    first.open(config);
    const at = positionOf(text, '"/r0"', 3);
    first.change(config, { start: at, end: at }, '0');
    writeFileSync(config, text.replace('"/r0"', '"/r00"'));
    await pull(first, config);
    await logged(first, /rehearsed an edit/);
    const line = await stopAndReport(first);
    assert.equal(line, undefined, 'the shutdown save refused');
  });

  it('a gateway deleted (reported): stored at shutdown', async () => {
    const { ws, cache } = setUp({ ...brokenGateway('gw'), ...brokenGateway('old') });
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    unlinkSync(ws.path('old/api-config.json'));
    first.watched(ws.path('old/api-config.json'), 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    first.open(config);
    retargetEntrypoint(first, config);
    writeFileSync(config, GATEWAY_CONFIG.replace('./services/hello', './index'));
    await pull(first, config);
    const line = await stopAndReport(first);
    assert.equal(line, undefined, 'the shutdown save refused');
  });
  it('a tab of an api-config.json outside the workspace open at start: the workspace is still shown from the cache', async () => {
    const { ws, cache } = setUp({ ...brokenGateway('ws/gw'), ...brokenGateway('outside') });
    const root = ws.path('ws');
    const config = ws.path('ws/gw/api-config.json');
    const outside = ws.path('outside/api-config.json');
    const first = await started({ roots: [root], cacheDirectory: cache });
    first.open(outside);
    await pull(first, outside);
    await pull(first, config);
    await first.stop();

    const session = await startServer({ roots: [root], cacheDirectory: cache });
    session.open(outside); // the tab the editor restores
    session.open(config);
    await pull(session, config);
    assert.ok(logs(session).some((m) => m.includes(SHOWN)), 'the workspace gateway shown from the cache');
  });

  it('a file created (reported) in a gateway folder keeps that folder\'s listing: a .dev.vars added there later is seen at the next start', async () => {
    const { ws, cache } = setUp({ ...secretGateway('a'), ...secretGateway('b') });
    const a = ws.path('a/api-config.json');
    const b = ws.path('b/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, b)).includes('SAG307'));
    first.watched(ws.write('b/notes.md', '# notes\n'), 1);
    await settle();
    await editAndSave(first, a, SECRET_CONFIG);
    assert.equal(await stopAndReport(first), undefined);
    // Between sessions (a git pull, a copy of .dev.vars.example): b's SAG307 goes.
    ws.write('b/.dev.vars', 'API_KEY=x\n');
    sameAsChecked(await nextStart(ws, cache, b));
  });

  // What the Worker search read stays an input: a Worker added to the workspace later (offline) is seen at the next start.
  const workerSearchKept: [string, Record<string, string>, string, (ws: TempWorkspace, session: LspSession) => void][] = [
    ['a README created (reported) at the workspace root', brokenGateway('gw'), 'gw/api-config.json', (ws, session) => session.watched(ws.write('README.md', '# notes\n'), 1)],
    [
      'the gateway whose check searched the Workers deleted (reported), the other re-using its search',
      { ...brokenGateway('a'), ...brokenGateway('b') },
      'b/api-config.json',
      (ws, session) => {
        unlinkSync(ws.path('a/api-config.json'));
        session.watched(ws.path('a/api-config.json'), 3);
      },
    ],
  ];
  for (const [what, files, relative, change] of workerSearchKept) {
    it(`${what}: the Worker search is still stored, and a Worker added later is seen`, async () => {
      const { ws, cache } = setUp(files);
      const config = ws.path(relative);
      const first = await started({ roots: [ws.root], cacheDirectory: cache });
      await pull(first, config);
      change(ws, first);
      await settle();
      await editAndSave(first, config, GATEWAY_CONFIG);
      assert.equal(await stopAndReport(first), undefined);
      for (const [path, text] of Object.entries(TARGET_WORKER)) ws.write(path, text);
      sameAsChecked(await nextStart(ws, cache, config));
    });
  }

  it('an entrypoint moved to another module, then the old module edited (reported): stored at shutdown', async () => {
    const { ws, cache } = setUp({
      ...brokenGateway('gw'),
      'gw/services/hello.js': 'export default { fetch() { return new Response("hi"); } };\n',
      'gw/services/howdy.js': 'export default { fetch() { return new Response("hi"); } };\n',
    });
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    first.open(config);
    writeFileSync(config, retargetEntrypoint(first, config, './services/howdy'));
    await pull(first, config);
    writeFileSync(ws.path('gw/services/hello.js'), 'export default { fetch() { return new Response("hello"); } };\n');
    first.watched(ws.path('gw/services/hello.js'), 2);
    await settle();
    await pull(first, config);
    assert.equal(await stopAndReport(first), undefined, 'the shutdown store refused');
  });

  it('a cache hit the check at start contradicts (an input the entry did not hold) is stored anew', async () => {
    const { ws, cache } = setUp(secretGateway('gw'));
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, config)).includes('SAG307'));
    await first.stop();
    // Forged: the stored findings lose SAG307, as if an input had changed that the entry does not list.
    const entry = JSON.parse(entryText(cache)) as { gateways: { findings: { code: string }[] }[] };
    for (const gateway of entry.gateways) gateway.findings = gateway.findings.filter((f) => f.code !== 'SAG307');
    writeFileSync(entryFile(cache), JSON.stringify(entry));
    const second = await nextStart(ws, cache, config);
    assert.ok(second.hit && !second.shown.includes('SAG307') && second.checked.includes('SAG307'), JSON.stringify(second));
    const third = await nextStart(ws, cache, config);
    assert.ok(third.hit && third.shown.includes('SAG307'), JSON.stringify(third));
  });
});
