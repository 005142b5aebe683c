// initialize / initialized / shutdown: negotiate capabilities (push or pull diagnostics by what the client
// supports), create the server state, register every handler, then find and check every gateway.
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { FileHost } from '../../analysis/host';
import { cacheDirectory, FindingsCache } from '../../host/findings-cache';
import type { HeapCollector } from '../../host/heap-collector';
import { normalizePath } from '../../analysis/workspace/paths';
import { connectionLogger, guardNotification, markShutDown } from '../handler-guard';
import type { SagInitializationOptions } from '../protocol';
import { SagServer } from '../sag-server';
import { JsonSchemaService } from '../schema/json-schema-service';
import { uriToPath } from '../uri';
import { FIX_ALL_KIND, registerCodeActions } from './code-action';
import { registerCommands, SERVER_COMMANDS } from './commands';
import { COMPLETION_TRIGGERS, registerCompletion } from './completion';
import { registerConfiguration, registerConfigurationWatch, watchWorkspaceFolders } from './configuration';
import { registerHover } from './hover';
import { registerDocumentOutline } from './document-outline';
import { registerNavigation } from './navigation';
import { registerPullDiagnostics } from './pull-diagnostics';
import { registerRename } from './rename';
import { registerTextSync } from './text-sync';
import { registerFileWatchers, registerWatchedFiles } from './watched-files';

export const SERVER_NAME = 'sag-language-server';

function initializationOptions(raw: unknown): SagInitializationOptions {
  if (!raw || typeof raw !== 'object') return {};
  const value = raw as Record<string, unknown>;
  return {
    ...(Array.isArray(value.excludeCodes) ? { excludeCodes: value.excludeCodes.filter((c): c is string => typeof c === 'string') } : {}),
    ...(value.askForWorkerName === true ? { askForWorkerName: true } : {}),
    ...(value.editorShowsJsonSyntaxErrors === true ? { editorShowsJsonSyntaxErrors: true } : {}),
    ...(typeof value.cacheDirectory === 'string' || value.cacheDirectory === null ? { cacheDirectory: value.cacheDirectory } : {}),
  };
}

function findingsCacheFor(requested: string | null | undefined, engine: (() => string | undefined) | undefined): FindingsCache | undefined {
  const directory = cacheDirectory(requested);
  // The build's digest only when there is a cache to key (it reads the 2.5 MB bundle).
  const build = directory === undefined ? undefined : engine?.();
  return directory === undefined || build === undefined ? undefined : new FindingsCache(directory, build);
}

/** Workspace folders, else the deprecated rootUri / rootPath (single-folder clients such as older Neovim setups). */
function rootsOf(params: InitializeParams): string[] {
  const roots: string[] = [];
  for (const folder of params.workspaceFolders ?? []) {
    const path = uriToPath(folder.uri);
    if (path !== undefined) roots.push(path);
  }
  if (roots.length === 0 && params.rootUri) {
    const path = uriToPath(params.rootUri);
    if (path !== undefined) roots.push(path);
  }
  if (roots.length === 0 && params.rootPath) roots.push(normalizePath(params.rootPath));
  return roots;
}

export interface LifecycleOptions {
  version: string;
  heap?: HeapCollector;
  /**
   * This build of the server (a digest of its bundle), asked for once a findings cache is wanted: the cache trusts
   * only what the same build stored. Undefined, or an answer undefined: no findings cache.
   */
  engine?: () => string | undefined;
  /**
   * Whether messages came in lately (they may wait in the connection's queue) or output is not yet written: work
   * that can wait lets them go first.
   */
  trafficPending?: () => boolean;
}

export function registerLifecycle(connection: Connection, disk: FileHost, { version, heap, engine, trafficPending }: LifecycleOptions): void {
  const log = connectionLogger(connection);
  let server: SagServer | undefined;
  let roots: string[] = [];
  let watchRegistration = false;
  let configRegistration = false;
  let workspaceFolders = false;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    const options = initializationOptions(params.initializationOptions);
    const pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    roots = rootsOf(params);
    watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    workspaceFolders = caps.workspace?.workspaceFolders === true;
    const snippetSupport = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    server = new SagServer(
      connection,
      log,
      disk,
      {
        excludeCodes: new Set(options.excludeCodes ?? []),
        omitJsonSyntaxErrors: options.editorShowsJsonSyntaxErrors === true,
        askForWorkerName: options.askForWorkerName === true,
        pullDiagnostics,
        refreshSupport: caps.workspace?.diagnostics?.refreshSupport === true,
        snippetSupport,
        resolveCodeActionEdits: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      },
      caps.workspace?.configuration === true,
      { heap, findingsCache: findingsCacheFor(options.cacheDirectory, engine), trafficPending },
    );
    // The JSON service (5.7) has no snippetSupport capability and always emits snippets: the completion handler converts.
    const schema = new JsonSchemaService({ textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } } } });
    registerTextSync(server);
    registerWatchedFiles(server);
    registerConfiguration(server);
    registerPullDiagnostics(server);
    registerCodeActions(server);
    registerCommands(server);
    registerCompletion(server, schema);
    registerHover(server, schema);
    registerNavigation(server);
    registerRename(server);
    registerDocumentOutline(server);

    return {
      serverInfo: { name: SERVER_NAME, version },
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'sag', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        executeCommandProvider: { commands: SERVER_COMMANDS },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: workspaceFolders } },
      },
    };
  });

  connection.onInitialized(
    guardNotification(log, 'initialized', async () => {
      if (!server) return;
      if (workspaceFolders) watchWorkspaceFolders(server);
      const registrations = Promise.all([registerFileWatchers(server, watchRegistration), registerConfigurationWatch(server, configRegistration)]).catch((error: unknown) =>
        log.error(`[sag] dynamic registration failed: ${String(error)}`),
      );
      const started = performance.now();
      const result = await server.checkWorkspace(roots, true);
      log.info(`[sag] ${result.gateways} gateway(s) checked in ${(performance.now() - started).toFixed(0)} ms: ${result.errors} error(s), ${result.warnings} warning(s)`);
      await registrations;
    }),
  );

  connection.onShutdown(() => {
    markShutDown();
    server?.saveFindings();
    server?.dispose();
  });
}
