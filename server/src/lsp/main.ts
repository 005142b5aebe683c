// Entry of the language server (bundled to dist/server.js): stdio by default (stdio-connection.ts), `--node-ipc`,
// `--socket` or `--pipe` when a client asks (createConnection reads those from argv). Uncaught errors are logged,
// never fatal.
import { readFileSync } from 'node:fs';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { digestOf } from '../host/recorded-inputs';
import { exposedFullCollection, HeapCollector } from '../host/heap-collector';
import { NodeFileHost } from '../host/node-file-host';
import { SAG_VERSION } from '../cli/version';
import { activity, markActivity } from './handler-guard';
import { registerLifecycle } from './handlers/lifecycle';
import { createStdioConnection, unwrittenMessages } from './stdio-connection';

// Any LSP client may start us without a transport flag: stdio is what they all speak.
const otherTransport = process.argv.some((a) => a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
const connection = otherTransport ? createConnection(ProposedFeatures.all) : createStdioConnection();

process.on('uncaughtException', (error) => connection.console.error(`[sag] uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[sag] unhandled rejection: ${String(reason)}`));

/** This build of the server (the findings cache keys on it); undefined when its file cannot be read. */
function bundleDigest(): string | undefined {
  try {
    return `${SAG_VERSION}:${digestOf(readFileSync(__filename, 'latin1'))}`;
  } catch {
    return undefined;
  }
}

/**
 * Results not yet handed to the OS: over stdio the messages the writer holds and the bytes in process.stdout's
 * buffer, over IPC the channel's write queue. Non-zero = some.
 */
function pendingOutput(): number {
  const channel = process.channel as { writeQueueSize?: number } | undefined;
  return process.stdout.writableLength + (channel?.writeQueueSize ?? 0) + unwrittenMessages();
}

/** A pause in the traffic this long means the messages read so far are handled. */
const QUIET_MS = 20;
/**
 * After an answer, a message queued behind its request starts on the next turn of the loop: this short a wait
 * covers it. (Counting answers as traffic put the collection off 20 ms after every answer: at 10,000 paths it
 * then ran into the next edit about every fourth one.)
 */
const NEXT_TURN_MS = 2;

// Busy while a request is unanswered, its answer unwritten (it is encoded after the handler returns), or messages
// came in lately: they may still wait in the connection's queue, which runs one message per turn of the loop.
const trafficPending = (): boolean => {
  const now = performance.now();
  return pendingOutput() > 0 || now - activity.last < QUIET_MS || now - activity.lastAnswered < NEXT_TURN_MS;
};
const heap = new HeapCollector({ collect: exposedFullCollection(), busy: () => activity.inFlight > 0 || trafficPending() });
if (!otherTransport) process.stdin.on('data', markActivity);
else process.on('message', markActivity);
registerLifecycle(connection, new NodeFileHost(), { version: SAG_VERSION, heap, engine: bundleDigest, trafficPending });
connection.listen();
