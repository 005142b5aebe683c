// Custom messages between the SAG server and its clients, typed once here and imported by both sides
// (client/src/* and server/src/lsp/*). Only `vscode-languageserver-protocol` types are used, so the client bundle
// does not pull in server code.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Server -> client after every (re-)check: drives the status bar item. */
export interface StatusParams {
  gateways: number;
  errors: number;
  warnings: number;
  /** Every finding, including information and hints. */
  problems: number;
  /** true while a check is running. */
  busy: boolean;
}
export const StatusNotification = new NotificationType<StatusParams>('sag/status');

/** Client -> server: "SAG: Check Workspace" (find gateways again and re-check every one). */
export interface CheckWorkspaceResult {
  gateways: number;
  errors: number;
  warnings: number;
  problems: number;
}
export const CheckWorkspaceRequest = new RequestType<null, CheckWorkspaceResult, void>('sag/checkWorkspace');

/** initializationOptions the server understands (every field optional: other clients send none). */
export interface SagInitializationOptions {
  /** Codes never reported. */
  excludeCodes?: string[];
  /**
   * The editor underlines JSON syntax errors itself (VS Code's JSON support): SAG100 on api-config.json and SAG315 on
   * a wrangler.json/.jsonc are left out, so no mistake shows twice (SAG315 on a wrangler.toml stays).
   */
  editorShowsJsonSyntaxErrors?: boolean;
  /**
   * The client implements ADD_SERVICE_BINDING_COMMAND: a guessed Worker name in the add-binding fix is then
   * asked for instead of written as is.
   */
  askForWorkerName?: boolean;
  /**
   * Where the findings cache lives (server/src/host/findings-cache.ts): the findings of the check at start, shown
   * at once when the same workspace opens again unchanged. null: no cache. Default: the platform's user cache
   * folder (`~/.cache/sag`, `~/Library/Caches/sag`, `%LOCALAPPDATA%\\sag\\Cache`); `SAG_CACHE_DIR` overrides both.
   */
  cacheDirectory?: string | null;
}

/** Client-side command (VS Code): pick the target Worker, then apply the add-binding edit with that name. */
export const ADD_SERVICE_BINDING_COMMAND = 'sag.addServiceBinding';
export interface AddServiceBindingArguments {
  title: string;
  /** The fix as the engine wrote it, with `placeholder` where the Worker name goes. */
  edit: WorkspaceEdit;
  /** The guessed Worker name, as written between its quotes in the edit (offered as the example name). */
  placeholder: string;
  /** Exactly where: `edit.documentChanges[change].edits[edit].newText`, from UTF-16 `offset`, `placeholder.length` long. */
  at: PlaceholderLocation;
  /** Worker names found in the workspace (their wrangler `name`s), offered first. */
  workers: string[];
}

export interface PlaceholderLocation {
  change: number;
  edit: number;
  offset: number;
}

/** Server-side command: show a command the user has to run by hand (e.g. `wrangler secret put NAME`). */
export const SHOW_COMMAND_HINT_COMMAND = 'sag.showCommandHint';

/** Client commands contributed in package.json. */
export const CLIENT_COMMANDS = {
  restartServer: 'sag.restartServer',
  checkWorkspace: 'sag.checkWorkspace',
} as const;

/** The `sag.*` settings (package.json `contributes.configuration`). */
export interface SagSettings {
  runtime?: 'auto' | 'bundled' | 'upstream';
  environments?: string[] | null;
  rules?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
}

export const SETTINGS_SECTION = 'sag';
