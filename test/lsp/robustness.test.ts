// Never crash, never hang: cancellation answers RequestCancelled and the server keeps serving; a 5 MB file, a
// binary file, malformed params and a broken JSON-RPC frame each degrade to a diagnostic or an empty answer.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, positionOf } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('cancellation', () => {
  it('answers a cancelled pull with RequestCancelled, then serves the next one', async () => {
    const ws = tempWorkspace(brokenGateway());
    const session = await LspSession.start({ roots: [ws.root], pull: true });
    try {
      await session.waitForNotification('sag/status');
      const file = ws.path('gw/api-config.json');
      session.open(file);
      // Settings are asked again after a configuration change; holding the answer holds the check mid-way.
      const release = session.holdConfiguration();
      void session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const where = positionOf(GATEWAY_CONFIG, '"HOOKS"', 1);
      session.change(file, { start: where, end: { line: where.line, character: where.character + 5 } }, 'TARGET');
      const source = new CancellationTokenSource();
      const pending = session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: pathToUri(file) } }, source.token);
      source.cancel();
      release();
      await assert.rejects(session.withTimeout(pending, 'the cancelled pull'), (error: { code?: number }) => error.code === -32800);
      const next = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(file) } });
      assert.equal(next.kind, 'full');
      assert.ok(!codes(next.kind === 'full' ? next.items : []).includes('SAG301'), 'the edit is checked by the next pull');
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

describe('malformed edits', () => {
  /** A pull session with the gateway's api-config.json open as `text`: one route, on line 3, whose method is `get` (SAG104). */
  async function withLowercaseMethod(
    eol: string,
    body: (opened: { session: LspSession; uri: string; text: string; pull: () => Promise<Diagnostic[]> }) => Promise<void>,
  ): Promise<void> {
    const text = ['{', '  "paths": [', '    { "method": "get", "path": "/a", "response": {} }', '  ]', '}', ''].join(eol);
    const ws = tempWorkspace({ ...brokenGateway(), 'gw/api-config.json': text });
    const session = await LspSession.start({ roots: [ws.root], pull: true });
    try {
      const file = ws.path('gw/api-config.json');
      const uri = pathToUri(file);
      session.open(file, text);
      const pull = async (): Promise<Diagnostic[]> => {
        const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        return report.kind === 'full' ? report.items : [];
      };
      await body({ session, uri, text, pull });
    } finally {
      await session.stop();
      ws.remove();
    }
  }

  it('a didChange without string text or with a broken range is ignored whole, and logged; the next edit applies', async () => {
    const ws = tempWorkspace(brokenGateway());
    const session = await LspSession.start({ roots: [ws.root], pull: true });
    try {
      const file = ws.path('gw/api-config.json');
      session.open(file);
      const uri = pathToUri(file);
      const pull = async () => {
        const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        return codes(report.kind === 'full' ? report.items : []);
      };
      const before = await pull();
      const malformed = [[null], [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], [{ range: 'x', text: 1 }], [{ text: '{}' }, { text: 7 }]];
      for (const [i, changes] of malformed.entries()) {
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: changes });
        assert.deepEqual(await pull(), before, JSON.stringify(changes));
      }
      const logged = session.notifications.filter((n) => n.method === 'window/logMessage' && /didChange for .* ignored: each change needs a string `text`/.test((n.params as { message: string }).message));
      assert.equal(logged.length, malformed.length);
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: '{ "paths": [] }\n' }] });
      assert.deepEqual(await pull(), []);
    } finally {
      await session.stop();
      ws.remove();
    }
  });

  it('a range written end first is the same range, as the reference TextDocument reads it', async () => {
    await withLowercaseMethod('\n', async ({ session, uri, text, pull }) => {
      assert.ok((await pull()).some((d) => d.code === 'SAG104'));
      const get = positionOf(text, '"get"');
      // `get` replaced by `GET`, the range from its end back to its start: inserting at the start instead
      // would leave `GETget` (still SAG104), and a text the client does not have.
      const range = { start: { line: get.line, character: get.character + 4 }, end: { line: get.line, character: get.character + 1 } };
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, text: 'GET' }] });
      assert.ok(!(await pull()).some((d) => d.code === 'SAG104'));
    });
  });

  it('a position past the end of its line is that line\'s end (LSP): an edit there keeps the line break; completion answers inside the text', async () => {
    for (const eol of ['\n', '\r\n']) {
      await withLowercaseMethod(eol, async ({ session, uri, text, pull }) => {
        const sag104 = async () => (await pull()).find((d) => d.code === 'SAG104')?.range;
        const before = await sag104();
        assert.equal(before?.start.line, 2);
        // From the end of line 1 to "character 500" of line 1: an empty change, not the line break.
        await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 500 } }, text: '' }] });
        assert.deepEqual(await sag104(), before, JSON.stringify(eol));
        const lines = text.split(eol);
        for (const position of [{ line: 0, character: 40 }, { line: 1, character: 99 }, { line: 50, character: 3 }, { line: -1, character: 0 }, { line: 1.5, character: 2 }]) {
          const list = await session.request<{ items: { textEdit?: { range?: { start: { line: number; character: number }; end: { line: number; character: number } } } }[] } | null>('textDocument/completion', { textDocument: { uri }, position });
          for (const item of list?.items ?? []) {
            const range = item.textEdit?.range;
            if (!range) continue;
            for (const end of [range.start, range.end]) {
              assert.ok(end.line >= 0 && end.line < lines.length && end.character <= lines[end.line]!.length, `${JSON.stringify(position)} -> ${JSON.stringify(range)}`);
            }
          }
        }
        assert.ok(!session.notifications.some((n) => n.method === 'window/logMessage' && /completion failed/.test((n.params as { message: string }).message)));
      });
    }
  });

  it('a didOpen without text is logged and ignored; a malformed entry does not drop the rest of a watched-files batch', async () => {
    const ws = tempWorkspace(brokenGateway());
    const session = await LspSession.start({ roots: [ws.root], pull: true });
    try {
      const file = ws.path('gw/api-config.json');
      const uri = pathToUri(file);
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: null } });
      await session.waitForNotification('window/logMessage', (p) => /didOpen for .* ignored: it has no string `text`/.test((p as { message: string }).message));
      const pull = async () => {
        const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
        return codes(report.kind === 'full' ? report.items : []);
      };
      assert.ok((await pull()).includes('SAG401'), 'services/hello.js is missing');
      ws.write('gw/services/hello.js', 'export default class Hello { fetch() { return new Response("hi"); } }\n');
      await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [null, { uri: 7, type: 1 }, { uri: pathToUri(ws.path('gw/services/hello.js')), type: 1 }] });
      // A pull checks a gateway whose files changed before it answers.
      assert.ok(!(await pull()).includes('SAG401'), 'the module created is seen');
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

describe('huge results', () => {
  it('pulls and publishes every one of 150,000 findings on one file', async () => {
    // Gathering a file's findings with push(...own) overflowed the stack past ~120,000 arguments: the handler
    // caught it and answered an empty report, so a config with the most problems showed none.
    const keys = Array.from({ length: 150_000 }, (_, i) => `"k${i}":1`).join(',');
    const ws = tempWorkspace({ 'gw/api-config.json': `{${keys},"paths":[]}`, 'gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\n' });
    const session = await LspSession.start({ roots: [ws.root], pull: true, timeoutMs: 120_000 });
    try {
      const file = ws.path('gw/api-config.json');
      session.open(file);
      const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(file) } });
      assert.equal(report.kind, 'full');
      assert.equal(report.kind === 'full' ? report.items.filter((d) => d.code === 'SAG102').length : 0, 150_000);
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

describe('garbage input', () => {
  let ws: TempWorkspace;
  let session: LspSession;

  before(async () => {
    ws = tempWorkspace({
      'huge/api-config.json': `{"paths": [${'x'.repeat(5 * 1024 * 1024)}`,
      'huge/wrangler.toml': 'name = "huge"\n',
      'ok/api-config.json': GATEWAY_CONFIG,
    });
    ws.write('binary/api-config.json', '');
    writeFileSync(ws.path('binary/api-config.json'), Buffer.from([0x7b, 0, 1, 2, 0xff, 0xfe, 0x7d]));
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForNotification('sag/status');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('reports a 5 MB garbage file as a syntax error', async () => {
    const published = await session.waitForDiagnostics(ws.path('huge/api-config.json'));
    assert.ok(codes(published.diagnostics).includes('SAG100'), codes(published.diagnostics).join(', '));
  });

  it('reports a binary file as unreadable', async () => {
    const published = await session.waitForDiagnostics(ws.path('binary/api-config.json'));
    const unreadable = published.diagnostics.find((d) => d.code === 'SAG100');
    assert.match(String(unreadable?.message), /binary/);
  });

  it('checks a 5 MB document sent over the protocol and answers requests on it', async () => {
    const file = ws.path('huge/api-config.json');
    const text = `{"description": "${'x'.repeat(5 * 1024 * 1024)}", "paths": [{"method": "GET", "path": "/b", "response": {}}]}`;
    assert.ok(text.length > 5_000_000);
    // Version 1 is the document sent: the workspace scan may publish the file on disk meanwhile.
    const next = session.nextPublishWhere(file, (p) => p.version === 1, 'the opened document');
    session.open(file, text);
    const published = await next;
    assert.ok(!codes(published.diagnostics).includes('SAG100'), 'valid JSON now');
    const hover = await session.request<unknown>('textDocument/hover', { textDocument: { uri: pathToUri(file) }, position: { line: 0, character: 16 } });
    assert.ok(hover === null || typeof hover === 'object');
    session.close(file);
  });

  it('a document nested 10,000 levels deep: SAG100, and hover and completion answer null without an error', async () => {
    const file = ws.path('huge/api-config.json');
    const text = `{"paths": [], "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const next = session.nextPublishWhere(file, (p) => p.version === 1, 'the opened document');
    session.open(file, text);
    assert.match(String((await next).diagnostics.find((d) => d.code === 'SAG100')?.message), /nested 10001 levels deep/);
    const at = { textDocument: { uri: pathToUri(file) }, position: { line: 0, character: 5000 } };
    assert.equal(await session.request('textDocument/hover', at), null);
    assert.equal(await session.request('textDocument/completion', at), null);
    const failed = session.notifications.filter((n) => n.method === 'window/logMessage' && /failed/.test((n.params as { message: string }).message));
    assert.deepEqual(failed, [], 'no handler failed (the JSON service used to overflow the stack)');
    session.close(file);
  });

  it('answers malformed params with an empty result instead of failing', async () => {
    assert.deepEqual(await session.request('textDocument/codeAction', { textDocument: {}, range: null, context: null }), []);
    assert.equal(await session.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: -4, character: 1e9 } }), null);
    assert.deepEqual(await session.request('textDocument/definition', {}), []);
  });

  it('survives a broken JSON-RPC frame and keeps serving', async () => {
    const body = '{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {broken';
    session.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const published = await session.waitForDiagnostics(ws.path('ok/api-config.json'));
    assert.ok(published.diagnostics.length > 0);
    const report = await session.request<{ gateways: number }>('sag/checkWorkspace', null);
    assert.equal(report.gateways, 3);
    assert.equal(session.exited, undefined, 'the server is still running');
  });
});

describe('the client going away', () => {
  const exitOf = (session: LspSession): Promise<number | null> =>
    session.exited ? Promise.resolve(session.exited.code) : session.withTimeout(new Promise((resolve) => session.child.once('exit', (code) => resolve(code))), 'server exit');

  it('exits with 1 when stdin closes without a shutdown, and with 0 after one (no orphaned servers)', async () => {
    const ws = tempWorkspace(brokenGateway());
    try {
      const abrupt = await LspSession.start({ roots: [ws.root] });
      abrupt.child.stdin.end();
      assert.equal(await exitOf(abrupt), 1);
      const orderly = await LspSession.start({ roots: [ws.root] });
      await orderly.request('shutdown', null);
      orderly.child.stdin.end();
      assert.equal(await exitOf(orderly), 0);
    } finally {
      ws.remove();
    }
  });

  it('after shutdown refuses requests with InvalidRequest and drops notifications, then exits with 0 at exit', async () => {
    const ws = tempWorkspace(brokenGateway());
    try {
      const session = await LspSession.start({ roots: [ws.root] });
      const config = ws.path('gw/api-config.json');
      session.open(config);
      await session.waitForDiagnostics(config);
      await session.request('shutdown', null);
      const publishesBefore = session.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length;
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: pathToUri(config) }, position: { line: 1, character: 5 } }],
        ['sag/checkWorkspace', null],
      ] as const) {
        await assert.rejects(session.request(method, params), (error: { code?: number; message?: string }) => {
          assert.equal(error.code, -32600, `${method}: InvalidRequest`);
          assert.match(error.message ?? '', /after shutdown/);
          return true;
        });
      }
      // An edit after shutdown is not checked: nothing is published for it.
      session.change(config, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, ' ');
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(session.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, publishesBefore);
      await session.connection.sendNotification('exit');
      assert.equal(await exitOf(session), 0);
    } finally {
      ws.remove();
    }
  });
});
