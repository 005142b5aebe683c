// Review h4: reproductions against the per-gateway recorder (3c61599).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { codes, LspSession, type SessionOptions } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, positionOf } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const SHOWN = 'shown from the findings cache';
const NOT_UPDATED = /findings cache not updated/;
const CHECKED = /gateway\(s\) checked in/;

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

describe('h4 review', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function setUp(files: Record<string, string>): { ws: TempWorkspace; cache: string } {
    const ws = tempWorkspace(files);
    const cache = mkdtempSync(join(tmpdir(), 'sag-cache-'));
    cleanups.push(() => ws.remove(), () => rmSync(cache, { recursive: true, force: true }));
    return { ws, cache };
  }
  const logs = (session: LspSession): string[] =>
    session.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  const logged = (session: LspSession, pattern: RegExp): Promise<void> =>
    session.withTimeout(
      (async () => {
        while (!logs(session).some((m) => pattern.test(m))) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
      `a log line matching ${pattern}`,
    );
  async function started(options: Partial<SessionOptions> & { roots: string[]; cacheDirectory: string }): Promise<LspSession> {
    const session = await LspSession.start({ pull: true, ...options });
    cleanups.push(() => session.stop());
    await logged(session, CHECKED);
    return session;
  }
  const pull = async (session: LspSession, path: string): Promise<string[]> => {
    const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) } });
    assert.equal(report.kind, 'full');
    return codes(report.kind === 'full' ? report.items : []);
  };
  const entryKeys = (cache: string): string[] => {
    const [entry] = readdirSync(cache).filter((f) => f.endsWith('.json'));
    return (JSON.parse(readFileSync(join(cache, entry!), 'utf8')) as { inputs: [string, string | null][] }).inputs.map(([k]) => k);
  };
  /** Start again; the findings shown first (from the cache, if it hit) and those of the check that follows. */
  async function nextStart(ws: TempWorkspace, cache: string, file: string): Promise<{ hit: boolean; shown: string[]; checked: string[] }> {
    const session = await LspSession.start({ pull: true, roots: [ws.root], cacheDirectory: cache });
    cleanups.push(() => session.stop());
    session.open(file);
    const shown = await pull(session, file);
    const hit = logs(session).some((m) => m.includes(SHOWN));
    await logged(session, CHECKED);
    const checked = await pull(session, file);
    await session.stop();
    return { hit, shown, checked };
  }
  /** A whitespace edit of an api-config.json, saved: the gateway is checked again and the shutdown save has something new. */
  async function editAndSave(session: LspSession, file: string, text: string): Promise<void> {
    session.open(file, text);
    session.change(file, { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, ' ');
    writeFileSync(file, `{ ${text.slice(1)}`);
    await pull(session, file);
  }

  it('T1 a file created (reported) in gateway b\'s folder drops b\'s listing of it; a .dev.vars added there later is not seen', async () => {
    const { ws, cache } = setUp({ ...secretGateway('a'), ...secretGateway('b') });
    const a = ws.path('a/api-config.json');
    const b = ws.path('b/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    assert.ok((await pull(first, b)).includes('SAG307'));
    first.watched(ws.write('b/notes.md', '# notes\n'), 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await editAndSave(first, a, SECRET_CONFIG);
    await first.stop();
    assert.equal(logs(first).find((m) => NOT_UPDATED.test(m)), undefined);
    const keys = entryKeys(cache);
    console.log('T1 listing of b/ in the entry:', keys.includes(`d\u0000${ws.path('b')}`));
    // Between sessions (a git pull, a copy of .dev.vars.example): b's SAG307 goes.
    ws.write('b/.dev.vars', 'API_KEY=x\n');
    const second = await nextStart(ws, cache, b);
    console.log('T1 second start', second);
    const third = await nextStart(ws, cache, b);
    console.log('T1 third start', third);
    assert.ok(!second.hit || JSON.stringify(second.shown) === JSON.stringify(second.checked), 'findings shown from the cache are those the check finds');
  });

  it('T2 a README created (reported) at the workspace root drops the Worker search listing; a Worker added later is not seen', async () => {
    const { ws, cache } = setUp(brokenGateway('gw'));
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    const before = await pull(first, config);
    first.watched(ws.write('README.md', '# notes\n'), 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await editAndSave(first, config, GATEWAY_CONFIG);
    await first.stop();
    assert.equal(logs(first).find((m) => NOT_UPDATED.test(m)), undefined);
    console.log('T2 root listing in the entry:', entryKeys(cache).includes(`d\u0000${ws.root}`), 'before', before);
    ws.write('target/wrangler.toml', 'name = "target-worker"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n');
    ws.write('target/index.js', 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { other() {} }\n');
    const second = await nextStart(ws, cache, config);
    console.log('T2 second start', second);
    assert.ok(!second.hit || JSON.stringify(second.shown) === JSON.stringify(second.checked), 'findings shown from the cache are those the check finds');
  });

  it.todo('T3 (not fixed: shared Worker search recorded only in the first gateway\'s record) the gateway whose check searched the Workers deleted (reported): the other\'s findings stored without the Worker search', async () => {
    const { ws, cache } = setUp({ ...brokenGateway('a'), ...brokenGateway('b') });
    const b = ws.path('b/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, b);
    unlinkSync(ws.path('a/api-config.json'));
    first.watched(ws.path('a/api-config.json'), 3);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await editAndSave(first, b, GATEWAY_CONFIG);
    await first.stop();
    assert.equal(logs(first).find((m) => NOT_UPDATED.test(m)), undefined);
    console.log('T3 root listing in the entry:', entryKeys(cache).includes(`d\u0000${ws.root}`));
    ws.write('target/wrangler.toml', 'name = "target-worker"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n');
    ws.write('target/index.js', 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { other() {} }\n');
    const second = await nextStart(ws, cache, b);
    console.log('T3 second start', second);
    assert.ok(!second.hit || JSON.stringify(second.shown) === JSON.stringify(second.checked), 'findings shown from the cache are those the check finds');
  });

  it('T4 (liveness) an entrypoint moved to another existing module, then the old module edited (reported): never stored again', async () => {
    const { ws, cache } = setUp({
      ...brokenGateway('gw'),
      'gw/services/hello.js': 'export default { fetch() { return new Response("hi"); } };\n',
      'gw/services/howdy.js': 'export default { fetch() { return new Response("hi"); } };\n',
    });
    const config = ws.path('gw/api-config.json');
    const first = await started({ roots: [ws.root], cacheDirectory: cache });
    await pull(first, config);
    first.open(config);
    const start = positionOf(GATEWAY_CONFIG, '"./services/hello"', 1);
    first.change(config, { start, end: { line: start.line, character: start.character + 16 } }, './services/howdy');
    writeFileSync(config, GATEWAY_CONFIG.replace('./services/hello', './services/howdy'));
    await pull(first, config);
    writeFileSync(ws.path('gw/services/hello.js'), 'export default { fetch() { return new Response("hello"); } };\n');
    first.watched(ws.path('gw/services/hello.js'), 2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await pull(first, config);
    await first.stop();
    const line = logs(first).find((m) => NOT_UPDATED.test(m));
    console.log('T4 shutdown:', line);
    assert.equal(line, undefined, 'the shutdown save refused');
  });
});
