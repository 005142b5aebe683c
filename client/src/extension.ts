// The VS Code extension: starts dist/server.js (IPC) with vscode-languageclient, shows the status bar item and
// registers the commands. Thin on purpose: every check, fix and completion is the server's. activate() returns at
// once; the client starts in the background.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeLensRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  ADD_SERVICE_BINDING_COMMAND,
  CheckWorkspaceRequest,
  CLIENT_COMMANDS,
  StatusNotification,
  type AddServiceBindingArguments,
  type SagInitializationOptions,
} from '../../server/src/lsp/protocol';
import { addServiceBinding } from './add-service-binding';
import { registerGatewayCommands } from './commands/run-gateway';
import { SagStatusBar } from './status-bar';
import { refreshCodeLenses, trustGateMiddleware } from './trust-gate';

let client: LanguageClient | undefined;

/** File patterns only (no new language ids): VS Code keeps its own json / toml / javascript modes for these files. */
const DOCUMENTS = ['**/api-config.json', '**/wrangler.{toml,json,jsonc}', '**/.dev.vars*', '**/.sagrc.json', '**/*.{js,mjs,ts}'];

export function activate(context: vscode.ExtensionContext): void {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel('Serverless API Gateway', { log: true });
  const status = new SagStatusBar();
  context.subscriptions.push(output, status);
  registerGatewayCommands(context);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: SagInitializationOptions = {
    // VS Code's JSON support already underlines syntax errors (api-config.json, wrangler.json and .jsonc): SAG100
    // and SAG315 would show each of them twice.
    editorShowsJsonSyntaxErrors: true,
    askForWorkerName: true,
    // The extension's own storage: VS Code removes it with the extension.
    cacheDirectory: vscode.Uri.joinPath(context.globalStorageUri, 'findings-cache').fsPath,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENTS.map((pattern) => ({ scheme: 'file', pattern })),
    initializationOptions,
    outputChannel: output,
    // Restricted Mode: diagnostics only, until the folder is trusted (read on each request, no restart needed).
    middleware: trustGateMiddleware(() => vscode.workspace.isTrusted),
  };
  client = new LanguageClient('sag', 'Serverless API Gateway', serverOptions, clientOptions);
  const current = client;
  current.onNotification(StatusNotification, (params) => status.update(params));

  context.subscriptions.push(
    vscode.commands.registerCommand(CLIENT_COMMANDS.restartServer, async () => {
      status.starting();
      await current.restart();
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.checkWorkspace, async () => {
      if (!current.isRunning()) {
        const restart = await vscode.window.showWarningMessage('SAG: the language server is not running.', 'Restart Server');
        if (restart) await vscode.commands.executeCommand(CLIENT_COMMANDS.restartServer);
        return;
      }
      const result = await current.sendRequest(CheckWorkspaceRequest, null);
      void vscode.window.showInformationMessage(`SAG: ${result.gateways} gateway(s) checked: ${result.errors} error(s), ${result.warnings} warning(s), ${result.problems} problem(s) in all.`);
    }),
    vscode.commands.registerCommand(ADD_SERVICE_BINDING_COMMAND, async (args: AddServiceBindingArguments) => {
      if (!vscode.workspace.isTrusted) return;
      await addServiceBinding(current, args);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => refreshCodeLenses(current.getFeature(CodeLensRequest.method), vscode.workspace.textDocuments)),
    current.onDidChangeState((event) => {
      if (event.newState === State.Stopped) status.stopped();
    }),
  );

  // Not awaited: activation must not wait for the server (the status bar shows when it is up).
  current.start().catch((error: unknown) => {
    output.error(`the language server failed to start: ${String(error)}`);
    status.stopped();
  });
  // Read by the e2e suite (test/e2e/scenarios/activation-time.mjs): the budget for activate() is 50 ms.
  output.info(`activated in ${(performance.now() - activationStart).toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
