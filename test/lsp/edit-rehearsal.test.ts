// The edit rehearsal (server/src/lsp/workspace/edit-rehearsal.ts): where it types, and, against the real server,
// that a large open config is rehearsed once and left exactly as it was (same findings, same text), and that a
// small one is not rehearsed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { MIN_ROUTES_TO_REHEARSE, rehearsalOffset } from '../../server/src/lsp/workspace/edit-rehearsal';
import { pathToUri } from '../../server/src/lsp/uri';
import { LspSession } from './support/lsp-session';
import { brokenGateway, GATEWAY_WRANGLER } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

/** `count` routes `GET /r<i>`; `path(i)` overrides a route's path value (JSON text). */
function manyRoutes(count: number, path: (i: number) => string = (i) => JSON.stringify(`/r${i}`)): string {
  const routes = Array.from({ length: count }, (_, i) => `    { "method": "GET", "path": ${path(i)}, "integration": { "type": "service_binding", "binding": "${i % 10 === 0 ? 'nope' : 'target'}" } }`);
  return `{\n  "serviceBindings": [{ "alias": "target", "binding": "TARGET" }],\n  "paths": [\n${routes.join(',\n')}\n  ]\n}\n`;
}

describe('where the rehearsal types', () => {
  it('inside the opening quote of the middle route path', () => {
    const text = manyRoutes(MIN_ROUTES_TO_REHEARSE + 2);
    const offset = rehearsalOffset(parseConfigDocument('/w/api-config.json', text));
    assert.ok(offset !== undefined);
    assert.equal(text[offset - 1], '"');
    assert.ok(text.startsWith(`/r${(MIN_ROUTES_TO_REHEARSE + 2) >> 1}"`, offset), text.slice(offset - 10, offset + 10));
  });

  it('at the next route with a string path when the middle ones have none', () => {
    const count = MIN_ROUTES_TO_REHEARSE + 2;
    const middle = count >> 1;
    const text = manyRoutes(count, (i) => (i >= middle && i < middle + 3 ? '5' : JSON.stringify(`/r${i}`)));
    const offset = rehearsalOffset(parseConfigDocument('/w/api-config.json', text))!;
    assert.ok(text.startsWith(`/r${middle + 3}"`, offset), text.slice(offset - 10, offset + 10));
  });

  it('nowhere in a small config', () => {
    assert.equal(rehearsalOffset(parseConfigDocument('/w/api-config.json', manyRoutes(MIN_ROUTES_TO_REHEARSE - 1))), undefined);
    assert.equal(rehearsalOffset(parseConfigDocument('/w/api-config.json', '{ "paths": 3 }')), undefined);
  });
});

describe('the rehearsal in the server', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const rehearsals = (): unknown[] =>
    session.notifications.filter((n) => n.method === 'window/logMessage' && String((n.params as { message: string }).message).includes('rehearsed an edit'));
  const pull = (path: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
    session.request('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) }, ...(previousResultId ? { previousResultId } : {}) });

  before(async () => {
    ws = tempWorkspace({
      ...brokenGateway('small'),
      'large/api-config.json': manyRoutes(MIN_ROUTES_TO_REHEARSE),
      'large/wrangler.toml': GATEWAY_WRANGLER,
      'large/index.js': 'export default { fetch() { return new Response("ok"); } };\n',
    });
    session = await LspSession.start({ roots: [ws.root], pull: true, timeoutMs: 30_000 });
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('rehearses a large open config once and leaves its findings and text as they were', async () => {
    const file = ws.path('large/api-config.json');
    session.open(file);
    const first = await pull(file);
    assert.equal(first.kind, 'full');
    assert.ok(first.kind === 'full' && first.items.length >= 15, 'the config has findings to keep');
    // Polled (a waiter of its own would take the log messages from session.notifications, which counts them).
    await session.withTimeout(
      (async () => {
        while (rehearsals().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
      'the rehearsal',
    );
    assert.deepEqual(await pull(file, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    const symbols = await session.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: pathToUri(file) } });
    const names = JSON.stringify(symbols);
    const middle = `/r${MIN_ROUTES_TO_REHEARSE >> 1}`;
    assert.ok(names.includes(`GET ${middle} `), 'the middle route keeps its path');
    assert.ok(!names.includes(`x${middle}`), 'no rehearsal keystroke left in it');
    assert.equal(rehearsals().length, 1, 'once per config');
  });

  it('does not rehearse a small config', async () => {
    const file = ws.path('small/api-config.json');
    const before = rehearsals().length;
    session.open(file);
    assert.equal((await pull(file)).kind, 'full');
    // A round trip after the check: a rehearsal would have been scheduled before this answer and logged by now.
    await session.request('textDocument/documentSymbol', { textDocument: { uri: pathToUri(file) } });
    await pull(file);
    assert.equal(rehearsals().length, before);
  });
});
