// Entry of the language server (bundled to dist/server.js): stdio by default, `--node-ipc` when a client uses IPC
// (createConnection reads the transport from argv). Uncaught errors are logged, never fatal.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeFileHost } from '../host/node-file-host';
import { SAG_VERSION } from '../cli/version';
import { registerLifecycle } from './handlers/lifecycle';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  // Any LSP client may start us without a transport flag: stdio is what they all speak.
  process.argv.push('--stdio');
}

const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => connection.console.error(`[sag] uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[sag] unhandled rejection: ${String(reason)}`));

registerLifecycle(connection, new NodeFileHost(), SAG_VERSION);
connection.listen();
