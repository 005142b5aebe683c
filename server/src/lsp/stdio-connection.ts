// The stdio transport, with a message encoder that writes already-encoded diagnostics (diagnostic-wire.ts) as they
// are instead of serialising every diagnostic object again. Everything else is encoded as vscode-jsonrpc does it.
// Built here rather than by createConnection's `--stdio` switch because that one offers no encoder option; what
// the switch also does (exit when stdin closes, console output to the client's log) is kept.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { EncodedDiagnostics } from './diagnostics/diagnostic-wire';

/** Where encoded diagnostics sit in a message: the results of both pull requests and the push notification. */
function withPlaceholders(msg: Message): { shallow: unknown; parts: EncodedDiagnostics[] } | undefined {
  const parts: EncodedDiagnostics[] = [];
  const placeholder = (encoded: EncodedDiagnostics): string => `${PLACEHOLDER}${parts.push(encoded) - 1}`;
  const m = msg as { result?: { items?: unknown }; params?: { diagnostics?: unknown } };
  const result = m.result && typeof m.result === 'object' ? m.result : undefined;
  const items = result?.items;
  if (items instanceof EncodedDiagnostics) return { shallow: { ...m, result: { ...result, items: placeholder(items) } }, parts };
  // workspace/diagnostic: one report per file. Other lists (completion items ...) are left as they are, uncopied.
  if (Array.isArray(items) && items.some(holdsEncoded)) {
    const reports = items.map((report: { items?: unknown }) => (holdsEncoded(report) ? { ...report, items: placeholder(report.items as EncodedDiagnostics) } : report));
    return { shallow: { ...m, result: { ...result, items: reports } }, parts };
  }
  const diagnostics = m.params && typeof m.params === 'object' ? m.params.diagnostics : undefined;
  if (diagnostics instanceof EncodedDiagnostics) return { shallow: { ...m, params: { ...m.params, diagnostics: placeholder(diagnostics) } }, parts };
  return undefined;
}

function holdsEncoded(report: unknown): boolean {
  return typeof report === 'object' && report !== null && (report as { items?: unknown }).items instanceof EncodedDiagnostics;
}

/** Cannot occur in JSON text from a client or a file: JSON.stringify escapes U+0000. */
const PLACEHOLDER = '\u0000sag-encoded-diagnostics:';
const QUOTED_PLACEHOLDER = /"\\u0000sag-encoded-diagnostics:(\d+)"/g;

/** The encoder vscode-jsonrpc calls (it expects a promise). */
export function encodeMessage(msg: Message): Promise<Uint8Array> {
  return Promise.resolve(encodeMessageNow(msg));
}

function encodeMessageNow(msg: Message): Buffer {
  const plain = (): Buffer => Buffer.from(JSON.stringify(msg), 'utf8');
  const swapped = withPlaceholders(msg);
  if (!swapped) return plain();
  const text = JSON.stringify(swapped.shallow);
  const out: Buffer[] = [];
  let last = 0;
  let next = 0;
  for (const match of text.matchAll(QUOTED_PLACEHOLDER)) {
    // Each placeholder once, in order; anything else (a value that merely reads like one) means plain encoding.
    if (Number(match[1]) !== next || next >= swapped.parts.length) return plain();
    out.push(Buffer.from(text.slice(last, match.index), 'utf8'));
    out.push(...swapped.parts[next++]!.parts());
    last = match.index! + match[0].length;
  }
  if (next !== swapped.parts.length) return plain();
  out.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(out);
}

export function createStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: { name: 'application/json', encode: encodeMessage } });
  // process.stdin as a stream (not a reader): createConnection then exits when the client closes it, with the exit
  // code that says whether a shutdown came first. The runtime takes a stream and a writer; the overloads do not.
  const create = createConnection as unknown as (features: typeof ProposedFeatures.all, input: NodeJS.ReadableStream, output: MessageWriter) => Connection;
  const connection = create(ProposedFeatures.all, process.stdin, writer);
  // Any stray console output would corrupt the protocol stream: it goes to the client's log instead.
  const log = (send: (text: string) => void) => (...args: unknown[]) => send(format(...args));
  console.log = log((t) => connection.console.log(t));
  console.info = log((t) => connection.console.info(t));
  console.debug = log((t) => connection.console.log(t));
  console.warn = log((t) => connection.console.warn(t));
  console.error = log((t) => connection.console.error(t));
  return connection;
}
