#!/usr/bin/env node
// A language server that does no work: it answers every diagnostics request (or publishes on every open and
// change, for a client without pull support) with the same report, read once from a file of diagnostics JSON.
// bench:lsp runs the latency harness against it with the report our server sends: what remains of the per-edit
// figure is the cost of moving that report (pipe, framing, the client's decode and parse), which no server avoids.
//   node scripts/bench/instant-lsp-server.mjs REPORT.json
import { readFileSync } from 'node:fs';

const items = readFileSync(process.argv[2] ?? '', 'utf8');
let pull = true;
let pending = Buffer.alloc(0);

function send(json) {
  const body = Buffer.from(json, 'utf8');
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

function answer(id, result) {
  send(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${result}}`);
}

function handle(message) {
  switch (message.method) {
    case 'initialize':
      pull = Boolean(message.params?.capabilities?.textDocument?.diagnostic);
      return answer(message.id, JSON.stringify({ capabilities: { textDocumentSync: 2, completionProvider: {}, ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}) } }));
    case 'textDocument/diagnostic':
      return answer(message.id, `{"kind":"full","resultId":"1","items":${items}}`);
    case 'textDocument/didOpen':
    case 'textDocument/didChange':
      if (!pull) {
        const { uri, version } = message.params.textDocument;
        send(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)},"version":${version},"diagnostics":${items}}}`);
      }
      return;
    case 'exit':
      return process.exit(0);
    default:
      if (message.id !== undefined) answer(message.id, 'null');
  }
}

process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
    if (!(length >= 0) || pending.length < headerEnd + 4 + length) return;
    const body = pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
    pending = pending.subarray(headerEnd + 4 + length);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));
