// workspace/didChangeWatchedFiles: the watchers are registered dynamically, and a module created, a wrangler
// config edited on disk, or a file deleted re-checks the gateway (the editor never opened those files).
import assert from 'node:assert/strict';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, it, test } from 'node:test';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, GATEWAY_WRANGLER, positionOf } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { isWatchedFileName, WATCHED_GLOBS } from '../../server/src/lsp/handlers/watched-files';
import picomatch from 'picomatch';

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

describe('an api-config.json closed in the editor after its gateway lost its file', () => {
  it('deleted on disk while open (VS Code keeps the tab): its findings stay while open, and are cleared at the close, wrangler.toml\'s too', async () => {
    const ws = tempWorkspace(brokenGateway());
    const session = await LspSession.start({ roots: [ws.root] });
    try {
      const config = ws.path('gw/api-config.json');
      const wrangler = ws.path('gw/wrangler.toml');
      await session.waitForDiagnostics(wrangler, (p) => p.diagnostics.length > 0);
      await session.waitForVersion(config, session.open(config));
      rmSync(config);
      session.watched(config, 3);
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.ok((session.published.get(pathToUri(config))?.diagnostics.length ?? 0) > 0, 'the open file is still checked');
      session.close(config);
      await session.waitForDiagnostics(config, (p) => p.diagnostics.length === 0, 'an empty publish at the close');
      await session.waitForDiagnostics(wrangler, (p) => p.diagnostics.length === 0, 'an empty publish of wrangler.toml');
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.deepEqual(session.published.get(pathToUri(config))?.diagnostics, [], 'no check of the missing file after the close');
    } finally {
      await session.stop();
      ws.remove();
    }
  });

  it('opened outside every workspace folder: its gateway goes at the close (findings cleared, no longer counted)', async () => {
    const ws = tempWorkspace(brokenGateway());
    // One folder down: a gateway's load searches the folder above it for Workers, and that must not be all of /tmp.
    const outside = tempWorkspace({ 'single/api-config.json': '{ "paths": [ { "method": "get", "path": "/a", "response": {} } ] }\n' });
    const session = await LspSession.start({ roots: [ws.root] });
    try {
      await session.waitForNotification('sag/status');
      const file = outside.path('single/api-config.json');
      const opened = await session.waitForVersion(file, session.open(file));
      assert.ok(codes(opened.diagnostics).includes('SAG104'));
      session.close(file);
      await session.waitForDiagnostics(file, (p) => p.diagnostics.length === 0, 'an empty publish at the close');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const statuses = session.notifications.filter((n) => n.method === 'sag/status');
      assert.equal((statuses[statuses.length - 1]!.params as { gateways: number }).gateways, 1, 'the workspace\'s gateway alone');
    } finally {
      await session.stop();
      ws.remove();
      outside.remove();
    }
  });
});

describe('gateways beside a Worker they bind: the Workers are searched once for all gateways', () => {
  const gateway = (name: string): Record<string, string> => ({
    [`${name}/api-config.json`]: '{"serviceBindings": [{"alias": "w", "binding": "W"}], "paths": [{"method": "POST", "path": "/x", "integration": {"type": "service_binding", "binding": "w", "function": "run"}}]}\n',
    [`${name}/wrangler.toml`]: `name = "${name}"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\nservices = [ { binding = "W", service = "w" } ]\n`,
    [`${name}/src/index.js`]: 'export default { fetch() { return new Response("x"); } };\n',
  });
  const workerWith = (method: string): string => `import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { ${method}() { return 1; } }\n`;
  const has304 = (p: PublishDiagnosticsParams): boolean => codes(p.diagnostics).includes('SAG304');
  let ws: TempWorkspace;
  const configOf = (name: string): string => ws.path(`${name}/api-config.json`);
  const start = async (watchesFiles: boolean): Promise<LspSession> => {
    ws = tempWorkspace({ ...gateway('gwa'), ...gateway('gwb'), 'w/wrangler.toml': 'name = "w"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n', 'w/src/index.js': workerWith('ran') });
    const session = await LspSession.start({ roots: [ws.root], watchesFiles });
    for (const name of ['gwa', 'gwb']) await session.waitForDiagnostics(configOf(name), has304, `SAG304 on ${name}: \`run\` is not a method of w`);
    return session;
  };
  /** A keystroke in gwa's api-config.json (a space before its last brace), then gwa's next publish. */
  const keystroke = async (session: LspSession): Promise<PublishDiagnosticsParams> => {
    const path = configOf('gwa');
    if (!session.documents.has(path)) session.open(path);
    const text = session.documents.get(path)!.text;
    const version = session.change(path, { start: { line: 0, character: text.length - 2 }, end: { line: 0, character: text.length - 2 } }, ' ');
    return session.waitForVersion(path, version);
  };

  it('a client that reports file changes: both gateways see the Worker change when told; a keystroke does not read the Workers again', async () => {
    const session = await start(true);
    try {
      const fixedA = session.nextPublishWhere(configOf('gwa'), (p) => !has304(p), 'SAG304 gone from gwa');
      const fixedB = session.nextPublishWhere(configOf('gwb'), (p) => !has304(p), 'SAG304 gone from gwb');
      ws.write('w/src/index.js', workerWith('run'));
      session.watched(ws.path('w/src/index.js'), 2);
      await Promise.all([fixedA, fixedB]);
      // Changed on disk with no notice: the client reports every change in the workspace folders, so this is not
      // looked for (the search a keystroke would otherwise repeat, a stat per Worker file).
      ws.write('w/src/index.js', workerWith('ran'));
      assert.ok(!has304(await keystroke(session)), 'the Workers were not read again');
      // "Check Workspace" trusts nothing kept: both gateways read the Worker again.
      const checkedA = session.nextPublishWhere(configOf('gwa'), has304, 'SAG304 on gwa after Check Workspace');
      const checkedB = session.nextPublishWhere(configOf('gwb'), has304, 'SAG304 on gwb after Check Workspace');
      await session.request('sag/checkWorkspace', null);
      await Promise.all([checkedA, checkedB]);
      ws.write('w/src/index.js', workerWith('run'));
      session.watched(ws.path('w/src/index.js'), 2);
      await session.waitForDiagnostics(configOf('gwa'), (p) => !has304(p), 'SAG304 gone from gwa again');
      // Edited in the editor (`run` renamed `ran`, unsaved): that is a change, reported.
      const module = ws.path('w/src/index.js');
      session.open(module);
      const broken = session.nextPublishWhere(configOf('gwa'), has304, 'SAG304 on gwa after the edit in the editor');
      const at = positionOf(workerWith('run'), 'run()');
      session.change(module, { start: at, end: { line: at.line, character: at.character + 3 } }, 'ran');
      await broken;
    } finally {
      await session.stop();
      ws.remove();
    }
  });

  it('a client that does not: a Worker changed on disk is read again at the next check of a gateway', async () => {
    const session = await start(false);
    try {
      assert.ok(!session.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
      ws.write('w/src/index.js', workerWith('run'));
      assert.ok(!has304(await keystroke(session)), 'the Worker was read again');
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

test('a deleted path is read as a folder exactly when no file glob of the watchers matches its name', () => {
  const ours = ['api-config.json', 'wrangler.toml', 'wrangler.json', 'wrangler.jsonc', '.dev.vars', '.dev.vars.staging', '.env', '.env.local', '.sagrc.json', 'index.js', 'a.mjs', 'a.cjs', 'a.ts', 'a.mts', 'a.cts', 'a.jsx', 'a.tsx'];
  const others = ['services', 'workers', 'dist', 'wrangler.yaml', 'api-config.json.bak', 'README.md', 'a.json', 'node_modules', '.git'];
  for (const name of ours) assert.equal(isWatchedFileName(name), true, name);
  for (const name of others) assert.equal(isWatchedFileName(name), false, name);
  // Names in another case are the same files on macOS and Windows.
  for (const name of ['Wrangler.toml', 'API-Config.json', 'Index.JS']) assert.equal(isWatchedFileName(name), true, name);
  // Every name that one of the globs matches (below any folder) is ours, and no other.
  const matchers = WATCHED_GLOBS.map((glob) => picomatch(glob, { dot: true }));
  for (const name of [...ours, ...others]) assert.equal(matchers.some((m) => m(`some/folder/${name}`)), ours.includes(name), name);
});

/** The Worker TARGET binds (target-worker) in a folder `at`, without the `run` the route calls: SAG304 once it is found. */
function targetWorker(at: string): Record<string, string> {
  return {
    [`${at}/wrangler.toml`]: 'name = "target-worker"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
    [`${at}/src/index.js`]: 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { ran() { return 1; } }\n',
  };
}

/** The target Worker moved in from outside the workspace to `to`: one create event, for the folder only. */
function moveTargetWorkerIn(session: LspSession, to: string): void {
  const outside = tempWorkspace(targetWorker('target'));
  try {
    renameSync(outside.path('target'), to);
    session.watched(to, 1);
  } finally {
    outside.remove();
  }
}

describe('folders deleted or renamed: one event for the folder, none for the files it held (as VS Code reports them)', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const config = (): string => ws.path('gw/api-config.json');
  const codesNow = (): string[] => codes(session.published.get(pathToUri(config()))?.diagnostics ?? []);

  before(async () => {
    ws = tempWorkspace({
      ...brokenGateway(),
      'gw/services/hello.js': 'export default class Hello { fetch() { return new Response("hi"); } }\n',
      // The Worker TARGET binds, beside the gateway.
      ...targetWorker('target'),
      'other/api-config.json': '{ "paths": [ { "method": "GET", "path": "/a", "integration": { "type": "service", "binding": "nope" } } ] }\n',
      'dist/out.txt': 'built\n',
    });
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG304') && !codes(p.diagnostics).includes('SAG401'), 'SAG304, and no SAG401');
    await session.waitForDiagnostics(ws.path('other/api-config.json'), (p) => codes(p.diagnostics).includes('SAG202'));
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('registers a watcher for creations and deletions of anything (folders included)', () => {
    const watchers = session.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as { watchers: { globPattern: string; kind?: number }[] };
    assert.ok(watchers.watchers.some((w) => w.globPattern === '**/*' && w.kind === 1 + 4), JSON.stringify(watchers.watchers));
  });

  it('the services folder deleted: SAG401 for the module it held', async () => {
    rmSync(ws.path('gw/services'), { recursive: true });
    session.watched(ws.path('gw/services'), 3);
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG401'), 'SAG401 after the folder went');
  });

  it('the bound Worker\'s folder deleted: SAG304 goes (its source is no longer in the workspace)', async () => {
    rmSync(ws.path('target'), { recursive: true });
    session.watched(ws.path('target'), 3);
    await session.waitForDiagnostics(config(), (p) => !codes(p.diagnostics).includes('SAG304'), 'SAG304 gone');
  });

  it('a Worker\'s folder moved in from outside the workspace (a create for the folder only): it is found', async () => {
    moveTargetWorkerIn(session, ws.path('incoming'));
    await session.waitForDiagnostics(config(), (p) => p.diagnostics.some((d) => d.code === 'SAG304' && JSON.stringify(d).includes('/incoming/')), 'SAG304 pointing into incoming/');
    rmSync(ws.path('incoming'), { recursive: true });
    session.watched(ws.path('incoming'), 3);
    await session.waitForDiagnostics(config(), (p) => !codes(p.diagnostics).includes('SAG304'), 'SAG304 gone with it');
  });

  it('a folder renamed (a delete for the old path only): the Worker is found at its new place', async () => {
    for (const [relative, text] of Object.entries(targetWorker('moved/target'))) ws.write(relative, text);
    session.watched(ws.path('moved/target/wrangler.toml'), 1);
    await session.waitForDiagnostics(config(), (p) => p.diagnostics.some((d) => d.code === 'SAG304' && JSON.stringify(d).includes('/moved/target/')), 'SAG304 pointing into moved/');
    renameSync(ws.path('moved'), ws.path('renamed'));
    session.watched(ws.path('moved'), 3);
    // The Worker under its new folder still lacks `run`: SAG304 stays, now related to the new path.
    await session.waitForDiagnostics(config(), (p) => p.diagnostics.some((d) => d.code === 'SAG304' && JSON.stringify(d).includes('/renamed/target/')), 'SAG304 pointing into renamed/');
  });

  it('a folder holding a gateway deleted: that gateway\'s diagnostics are cleared', async () => {
    rmSync(ws.path('other'), { recursive: true });
    session.watched(ws.path('other'), 3);
    await session.waitForDiagnostics(ws.path('other/api-config.json'), (p) => p.diagnostics.length === 0, 'an empty publish');
    assert.ok(codesNow().includes('SAG301'), 'the other gateway is untouched');
  });
});

describe('a service module outside the gateway\'s folder and its wrangler config\'s (entrypoint `../../shared/hello`)', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const config = (): string => ws.path('app/gw/api-config.json');

  before(async () => {
    ws = tempWorkspace({
      'app/gw/api-config.json': JSON.stringify({
        services: [{ alias: 'hello', entrypoint: '../../shared/hello' }],
        paths: [{ method: 'GET', path: '/hello', integration: { type: 'service', binding: 'hello' } }],
      }, null, 2),
      'app/gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n',
      'app/gw/index.js': 'export default { fetch() { return new Response("ok"); } };\n',
      'app/gw/.sagrc.json': '{ "runtime": "bundled" }\n',
    });
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG401'), 'SAG401: the module is not there yet');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('created: SAG401 goes', async () => {
    ws.write('shared/hello.js', 'export default class Hello { fetch() { return new Response("hi"); } }\n');
    session.watched(ws.path('shared/hello.js'), 1);
    await session.waitForDiagnostics(config(), (p) => !codes(p.diagnostics).includes('SAG401'), 'SAG401 gone');
  });

  it('changed on disk to a module without a default export: SAG404', async () => {
    ws.write('shared/hello.js', 'export class Hello { fetch() { return new Response("hi"); } }\n');
    session.watched(ws.path('shared/hello.js'), 2);
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG404'), 'SAG404');
  });

  it('its folder deleted: SAG401 again', async () => {
    rmSync(ws.path('shared'), { recursive: true });
    session.watched(ws.path('shared'), 3);
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG401'), 'SAG401 after the folder went');
  });
});

describe('a workspace inside a folder named like one the gateway search skips (…/dist/ws)', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const config = (): string => ws.path('dist/ws/gw/api-config.json');

  before(async () => {
    ws = tempWorkspace(brokenGateway('dist/ws/gw'));
    session = await LspSession.start({ roots: [ws.path('dist/ws')] });
    await session.waitForDiagnostics(config(), (p) => codes(p.diagnostics).includes('SAG301'), 'the first check');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('a Worker\'s folder moved in (a create for the folder only) is found: only folders below the workspace count', async () => {
    moveTargetWorkerIn(session, ws.path('dist/ws/incoming'));
    await session.waitForDiagnostics(config(), (p) => p.diagnostics.some((d) => d.code === 'SAG304' && JSON.stringify(d).includes('/incoming/')), 'SAG304 pointing into incoming/');
  });
});

describe('a wrangler config two folders above the gateway', () => {
  const ws = tempWorkspace({ 'a/b/api-config.json': '{ "paths": [ { "method": "GET", "path": "/x", "response": { "ok": true } } ] }\n' });
  let session: LspSession;
  after(async () => {
    await session?.stop();
    ws.remove();
  });

  it('created, then deleted: the gateway is checked again each time (the lookup walks up)', async () => {
    session = await LspSession.start({ roots: [ws.root] });
    const file = ws.path('a/b/api-config.json');
    await session.waitForDiagnostics(file, (p) => codes(p.diagnostics).includes('SAG314'), 'no wrangler config anywhere');
    ws.write('wrangler.toml', 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\n');
    session.watched(ws.path('wrangler.toml'), 1);
    await session.waitForDiagnostics(file, (p) => !codes(p.diagnostics).includes('SAG314'), 'the new wrangler.toml found');
    rmSync(ws.path('wrangler.toml'));
    session.watched(ws.path('wrangler.toml'), 3);
    await session.waitForDiagnostics(file, (p) => codes(p.diagnostics).includes('SAG314'), 'gone again');
  });
});
