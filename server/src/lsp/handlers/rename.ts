// textDocument/prepareRename and textDocument/rename: aliases and service binding names across api-config.json and
// the wrangler config. A refused rename answers an error with the engine's reason (the editor shows it).
import { ErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRename, rename } from '../../analysis/features/rename';
import { toLspRange } from '../convert';
import { toRenameEdit } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

export function registerRename(server: SagServer): void {
  server.connection.onPrepareRename(
    guardRequest<PrepareRenameParams, { range: Range; placeholder: string } | null, null>(
      server.log,
      'textDocument/prepareRename',
      async ({ textDocument, position }) => {
        const path = uriToPath(textDocument.uri);
        const context = path === undefined ? undefined : await server.featureContext(path);
        if (!context || path === undefined) return null;
        const answer = prepareRename(context.project, path, position, context.options);
        if ('error' in answer) throw new ResponseError(ErrorCodes.InvalidRequest, answer.error);
        return { range: toLspRange(answer.range), placeholder: answer.placeholder };
      },
      null,
    ),
  );

  server.connection.onRenameRequest(
    guardRequest<RenameParams, WorkspaceEdit | null, null>(
      server.log,
      'textDocument/rename',
      async ({ textDocument, position, newName }) => {
        const path = uriToPath(textDocument.uri);
        const context = path === undefined ? undefined : await server.featureContext(path);
        if (!context || path === undefined) return null;
        const result = rename(context.project, path, position, newName, context.options);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        return toRenameEdit(result.edits, server.documents.uriOf, server.documents.versionOf);
      },
      null,
    ),
  );
}
