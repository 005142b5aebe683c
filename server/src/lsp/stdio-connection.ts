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

/**
 * The encoder vscode-jsonrpc's writer calls (it expects a promise). A message that carries encoded diagnostics is
 * assembled in one buffer that is kept for the next such message: a fresh 2 MB buffer per answer (10,000 paths) cost
 * page faults every time, and glibc kept ~13 MB of the freed ones (peak RSS, npm run bench:lsp). Reuse is safe
 * because the writer encodes a message only once the previous one's write has called back (one write at a time);
 * the bytes of an encoding are valid until the next one.
 */
export class MessageEncoder {
  private scratch: Buffer | undefined;

  readonly encode = (msg: Message): Promise<Uint8Array> => Promise.resolve(this.encodeNow(msg));

  private encodeNow(msg: Message): Uint8Array {
    const plain = (): Buffer => Buffer.from(JSON.stringify(msg), 'utf8');
    const swapped = withPlaceholders(msg);
    if (!swapped) return plain();
    const text = JSON.stringify(swapped.shallow);
    // Pieces of `text` around the placeholders, and what goes where each placeholder stood.
    const pieces: string[] = [];
    let last = 0;
    let next = 0;
    for (const match of text.matchAll(QUOTED_PLACEHOLDER)) {
      // Each placeholder once, in order; anything else (a value that merely reads like one) means plain encoding.
      if (Number(match[1]) !== next || next >= swapped.parts.length) return plain();
      pieces.push(text.slice(last, match.index));
      next++;
      last = match.index! + match[0].length;
    }
    if (next !== swapped.parts.length) return plain();
    pieces.push(text.slice(last));
    let size = 0;
    for (const piece of pieces) size += Buffer.byteLength(piece, 'utf8');
    for (const part of swapped.parts) size += part.byteLength;
    if (!this.scratch || this.scratch.length < size) this.scratch = Buffer.allocUnsafeSlow(size + (size >> 3));
    const out = this.scratch;
    let offset = 0;
    for (let i = 0; i < pieces.length; i++) {
      offset += out.write(pieces[i]!, offset, 'utf8');
      if (i < swapped.parts.length) offset = swapped.parts[i]!.writeInto(out, offset);
    }
    return out.subarray(0, offset);
  }
}

/** Messages handed to the writer and not yet written out (it writes one at a time, each a few turns of the loop later). */
let unwritten = 0;

export function unwrittenMessages(): number {
  return unwritten;
}

export function createStdioConnection(): Connection {
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: { name: 'application/json', encode: new MessageEncoder().encode } });
  const write = writer.write.bind(writer);
  writer.write = (message) => {
    unwritten++;
    return write(message).finally(() => unwritten--);
  };
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
