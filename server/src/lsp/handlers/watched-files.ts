// workspace/didChangeWatchedFiles: a service module created, a wrangler config edited outside the editor, a file
// or a folder deleted, moved or copied. Registered dynamically at `initialized` for the files a gateway reads, and
// for creations and deletions of anything: a folder deleted, renamed or moved in is one event for the folder, none
// for the files it held (VS Code folds them, microsoft/vscode#109754), so a glob for files alone never hears of it.
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type DidChangeWatchedFilesParams, type FileSystemWatcher } from 'vscode-languageserver/node';
import picomatch from 'picomatch';
import { basename } from '../../analysis/workspace/paths';
import { guardNotification } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

export const WATCHED_GLOBS = [
  '**/api-config.json',
  '**/wrangler.{toml,json,jsonc}',
  '**/.dev.vars*',
  '**/.env*',
  '**/.sagrc.json',
  '**/*.{js,mjs,cjs,ts,mts,cts,jsx,tsx}',
];

/**
 * A file name the watchers above report (each glob is `**\/` and a name pattern), in any case as on macOS and
 * Windows: a path created or deleted with another name may be a folder.
 */
export const isWatchedFileName: (name: string) => boolean = picomatch(
  WATCHED_GLOBS.map((glob) => glob.replace(/^\*\*\//, '')),
  { dot: true, nocase: true },
);

const WATCHERS: FileSystemWatcher[] = [...WATCHED_GLOBS.map((globPattern) => ({ globPattern })), { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];

export async function registerFileWatchers(server: SagServer, dynamicRegistration: boolean): Promise<void> {
  if (!dynamicRegistration) return;
  await server.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS });
  // From now on a change to a file in the workspace folders is reported: what was read from there stays valid.
  server.registry.fileChangesReported();
}

export function registerWatchedFiles(server: SagServer): void {
  server.connection.onDidChangeWatchedFiles(
    guardNotification(server.log, 'workspace/didChangeWatchedFiles', ({ changes }: DidChangeWatchedFilesParams) => {
      for (const change of Array.isArray(changes) ? changes : []) {
        // One malformed entry must not drop the others of the batch.
        if (typeof change?.uri !== 'string') continue;
        const path = uriToPath(change.uri);
        if (path === undefined) continue;
        // An open document's text is the editor's, whatever the disk says; creation and deletion still count.
        if (change.type === FileChangeType.Changed && server.documents.get(path)) continue;
        const ours = isWatchedFileName(basename(path));
        if (change.type === FileChangeType.Deleted && !ours) server.folderDeleted(path);
        else if (change.type === FileChangeType.Created && !ours) server.pathCreated(path);
        else server.fileChanged(path, { created: change.type === FileChangeType.Created, deleted: change.type === FileChangeType.Deleted });
      }
    }),
  );
}
