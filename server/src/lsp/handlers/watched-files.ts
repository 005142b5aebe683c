// workspace/didChangeWatchedFiles: a service module created, a wrangler config edited outside the editor, a file
// deleted. Registered dynamically at `initialized` for the files a gateway reads.
import { DidChangeWatchedFilesNotification, FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
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

export async function registerFileWatchers(server: SagServer, dynamicRegistration: boolean): Promise<void> {
  if (!dynamicRegistration) return;
  await server.connection.client.register(DidChangeWatchedFilesNotification.type, {
    watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
  });
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
        server.fileChanged(path, { created: change.type === FileChangeType.Created, deleted: change.type === FileChangeType.Deleted });
      }
    }),
  );
}
