// A minimal editor for protocol tests: spawns dist/server.js over stdio, speaks JSON-RPC (vscode-jsonrpc), keeps
// the documents it opened in memory, applies workspace edits to them, and waits for observable events
// (a publishDiagnostics for a version, a response), never for a fixed time.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { pathToUri, uriToPath } from '../../../server/src/lsp/uri';

// Tests run from the repository root (npm test, and the commands in the team brief).
export const REPO_ROOT = process.cwd();
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');

export interface SessionOptions {
  roots: string[];
  /** Advertise pull diagnostics (textDocument.diagnostic); default push only. */
  pull?: boolean;
  initializationOptions?: unknown;
  /** Answer to workspace/configuration for section `sag`. */
  settings?: Record<string, unknown>;
  /** While set, workspace/configuration answers wait for it (to hold the server mid-request deterministically). */
  configurationGate?: () => Promise<void>;
  /** Fail a wait after this long (a failure, not a pause). */
  timeoutMs?: number;
  /** Advertise completionItem.snippetSupport; default true. */
  snippetSupport?: boolean;
  /** Advertise codeAction.resolveSupport for `edit` (as VS Code does); default false. */
  resolveCodeActions?: boolean;
  /** Advertise dynamic registration of file watchers (the client reports file changes); default true. */
  watchesFiles?: boolean;
  /** The server's findings cache folder (SAG_CACHE_DIR); default none, so no test sees another's findings. */
  cacheDirectory?: string;
}

interface Waiter {
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspSession {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Every request the server sent to this client, in order (workspace/diagnostic/refresh, registrations, ...). */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  /** Requests the server sent before this client had the initialize result (LSP forbids all but a few). */
  readonly requestsBeforeInitializeResult: string[] = [];
  private hasInitializeResult = false;
  readonly documents = new Map<string, { version: number; text: string }>();
  stderr = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  capabilities: Record<string, unknown> = {};
  private readonly waiters: Waiter[] = [];
  private readonly requestWaiters: { method: string; resolve: () => void }[] = [];
  private readonly notificationWaiters: { method: string; predicate: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];
  private readonly timeoutMs: number;

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    private readonly options: SessionOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`node scripts/build.mjs --no-typecheck\` first (npm test builds it)`);
    const env = { ...process.env, SAG_CACHE_DIR: options.cacheDirectory ?? 'off' };
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new LspSession(child, connection, options);
    child.stderr.on('data', (d: Buffer) => (session.stderr += d.toString()));
    child.on('exit', (code, signal) => (session.exited = { code, signal }));
    child.stdin.on('error', () => undefined);
    connection.onNotification((method, params) => session.onNotification(method, params));
    connection.onRequest((method, params) => session.onServerRequest(method, params));
    connection.listen();
    const root = options.roots[0]!;
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToUri(root),
      workspaceFolders: options.roots.map((r) => ({ uri: pathToUri(r), name: r })),
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          applyEdit: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeWatchedFiles: { dynamicRegistration: options.watchesFiles ?? true },
          didChangeConfiguration: { dynamicRegistration: true },
          ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          completion: { completionItem: { snippetSupport: options.snippetSupport ?? true, documentationFormat: ['markdown', 'plaintext'] } },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            ...(options.resolveCodeActions ? { resolveSupport: { properties: ['edit'] }, dataSupport: true } : {}),
          },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        },
      },
    })) as { capabilities: Record<string, unknown> };
    session.hasInitializeResult = true;
    session.capabilities = init.capabilities;
    await connection.sendNotification('initialized', {});
    return session;
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    this.published.set(params.uri, params);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.predicate(params)) {
        this.waiters.splice(i, 1);
        waiter.resolve(params);
      }
    }
  }

  /** What the server logged (window/logMessage) at Error level, in order. */
  loggedErrors(): { type: number; message: string }[] {
    return this.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params as { type: number; message: string }).filter((p) => p.type === 1);
  }

  /** Hold workspace/configuration answers until the returned function is called. */
  holdConfiguration(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.options.configurationGate = () => gate;
    return () => {
      this.options.configurationGate = undefined;
      release();
    };
  }

  private async onServerRequest(method: string, params: unknown): Promise<unknown> {
    this.serverRequests.push({ method, params });
    if (!this.hasInitializeResult) this.requestsBeforeInitializeResult.push(method);
    for (const waiter of this.requestWaiters.splice(0)) {
      if (waiter.method === method) waiter.resolve();
      else this.requestWaiters.push(waiter);
    }
    switch (method) {
      case 'workspace/configuration':
        await this.options.configurationGate?.();
        return ((params as { items: { section?: string }[] }).items ?? []).map((item) => (item.section === 'sag' ? this.options.settings ?? null : null));
      case 'client/registerCapability':
        this.registrations.push(...(params as { registrations: { method: string; registerOptions?: unknown }[] }).registrations);
        return null;
      default:
        return null;
    }
  }

  /** Resolves once the server has sent `count` requests of `method` in all (counting those already received). */
  waitForServerRequests(method: string, count: number): Promise<void> {
    const seen = (): number => this.serverRequests.filter((r) => r.method === method).length;
    const waitOne = async (): Promise<void> => {
      while (seen() < count) await new Promise<void>((resolve) => this.requestWaiters.push({ method, resolve }));
    };
    return this.withTimeout(waitOne(), `${count} ${method} request(s) from the server (got ${seen()})`);
  }

  /** Resolves with the next (or an already received) publish for `path` that satisfies `predicate`. */
  waitForDiagnostics(path: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, what = 'diagnostics'): Promise<PublishDiagnosticsParams> {
    const uri = pathToUri(path);
    const match = (p: PublishDiagnosticsParams): boolean => p.uri === uri && predicate(p);
    const already = this.published.get(uri);
    if (already && match(already)) return Promise.resolve(already);
    return this.withTimeout(new Promise((resolve) => this.waiters.push({ predicate: match, resolve })), `${what} for ${path}`);
  }

  /** A promise for the next publish of `path` from now on: create it before the change that causes it. */
  nextPublish(path: string, what = 'the next publish'): Promise<PublishDiagnosticsParams> {
    return this.nextPublishWhere(path, () => true, what);
  }

  /** The next publish of `path` from now on that satisfies `predicate` (earlier ones that do not are skipped). */
  nextPublishWhere(path: string, predicate: (p: PublishDiagnosticsParams) => boolean, what = 'the next matching publish'): Promise<PublishDiagnosticsParams> {
    const uri = pathToUri(path);
    return this.withTimeout(new Promise((resolve) => this.waiters.push({ predicate: (p) => p.uri === uri && predicate(p), resolve })), `${what} of ${path}`);
  }

  /** The next publish for `path` at or after document version `version`. */
  waitForVersion(path: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(path, (p) => p.version !== undefined && p.version >= version, `diagnostics of version ${version}`);
  }

  /**
   * The first notification of `method` that satisfies `predicate`: one received already, else the next. Every
   * notification still goes to `notifications` while this waits.
   */
  waitForNotification(method: string, predicate: (params: unknown) => boolean = () => true): Promise<unknown> {
    const found = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (found) return Promise.resolve(found.params);
    return this.withTimeout(new Promise((resolve) => this.notificationWaiters.push({ method, predicate, resolve })), method);
  }

  private onNotification(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    if (method === 'textDocument/publishDiagnostics') this.onPublish(params as PublishDiagnosticsParams);
    for (let i = this.notificationWaiters.length - 1; i >= 0; i--) {
      const waiter = this.notificationWaiters[i]!;
      if (waiter.method !== method || !waiter.predicate(params)) continue;
      this.notificationWaiters.splice(i, 1);
      waiter.resolve(params);
    }
  }

  withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms waiting for ${what}; server stderr:\n${this.stderr.slice(-2000)}`)), this.timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(method, params) as Promise<R>, `${method} response`);
  }

  open(path: string, text = readFileSync(path, 'utf8'), languageId = languageOf(path)): number {
    this.documents.set(path, { version: 1, text });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToUri(path), languageId, version: 1, text } });
    return 1;
  }

  /** Incremental change: replace `range` with `newText`; returns the new version. */
  change(path: string, range: Range, newText: string): number {
    const doc = this.documents.get(path);
    if (!doc) throw new Error(`${path} is not open`);
    doc.text = applyEdits(doc.text, [{ range, newText }]);
    doc.version++;
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: pathToUri(path), version: doc.version }, contentChanges: [{ range, text: newText }] });
    return doc.version;
  }

  /**
   * One didChange with several content changes, each range in the text the one before it left (as LSP applies
   * them), and `textAfter`, the text they leave, as the editor has it.
   */
  changeMany(path: string, changes: readonly { range: Range; newText: string }[], textAfter: string): number {
    const doc = this.documents.get(path);
    if (!doc) throw new Error(`${path} is not open`);
    doc.text = textAfter;
    doc.version++;
    const contentChanges = changes.map((c) => ({ range: c.range, text: c.newText }));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: pathToUri(path), version: doc.version }, contentChanges });
    return doc.version;
  }

  close(path: string): void {
    this.documents.delete(path);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pathToUri(path) } });
  }

  /** workspace/didChangeWatchedFiles: 1 created, 2 changed, 3 deleted. */
  watched(path: string, type: 1 | 2 | 3): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(path), type }] });
  }

  /**
   * Apply a workspace edit as an editor does: version-checked text edits on open documents (sent as didChange),
   * closed files are opened with their edited text, CreateFile opens an empty document. Returns changed paths.
   */
  applyWorkspaceEdit(edit: WorkspaceEdit): string[] {
    const changed: string[] = [];
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const path = uriToPath(change.uri)!;
        if (!this.documents.has(path)) this.open(path, '');
        continue;
      }
      const path = uriToPath(change.textDocument.uri)!;
      let doc = this.documents.get(path);
      if (!doc) {
        this.open(path);
        doc = this.documents.get(path)!;
      }
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
        throw new Error(`edit for ${path} is for version ${change.textDocument.version}, the document is at ${doc.version}`);
      }
      const newText = applyEdits(doc.text, change.edits as { range: Range; newText: string }[]);
      doc.version++;
      doc.text = newText;
      void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: pathToUri(path), version: doc.version }, contentChanges: [{ text: newText }] });
      changed.push(path);
    }
    return changed;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.withTimeout(this.connection.sendRequest('shutdown'), 'shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill('SIGKILL');
    }
    await this.withTimeout(gone, 'server exit').catch(() => this.child.kill('SIGKILL'));
    this.connection.dispose();
  }
}

export function languageOf(path: string): string {
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.toml')) return 'toml';
  if (path.endsWith('.ts')) return 'typescript';
  if (/\.(m?js|cjs)$/.test(path)) return 'javascript';
  return 'plaintext';
}

/**
 * Where each line starts, as LSP counts lines: `\n`, `\r\n` and a lone `\r` each end one (written here apart from
 * the server's own line index, so the tests do not grade it by itself).
 */
export function lspLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The offset of an LSP position; a character past its line's end is that end (before the line break). */
export function lspOffsetAt(text: string, position: Range['start'], lineStarts = lspLineStarts(text)): number {
  const start = lineStarts[position.line];
  if (start === undefined) return text.length;
  let end = lineStarts[position.line + 1] ?? text.length;
  if (end > start && text[end - 1] === '\n') end--;
  if (end > start && text[end - 1] === '\r') end--;
  return Math.min(start + position.character, end);
}

/** The LSP position of an offset (never inside a `\r\n`: such an offset has no position). */
export function lspPositionAt(text: string, offset: number, lineStarts = lspLineStarts(text)): Range['start'] {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - lineStarts[low]! };
}

/** Apply LSP text edits (non-overlapping, positions in the original text) to a string. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const lineStarts = lspLineStarts(text);
  const offset = (p: Range['start']): number => lspOffsetAt(text, p, lineStarts);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}
