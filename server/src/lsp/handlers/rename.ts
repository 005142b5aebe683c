// textDocument/prepareRename and textDocument/rename: aliases and service binding names across api-config.json and
// the wrangler config. A refused rename answers an error with the engine's reason (the editor shows it).
import { ErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextFileEdit } from '../../analysis/findings';
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
        const context = path === undefined ? undefined : await server.contexts.of(path);
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
        const context = path === undefined ? undefined : await server.contexts.of(path);
        if (!context || path === undefined) return null;
        const result = rename(context.project, path, position, newName, context.options);
        if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
        // A binding renamed in a wrangler config other gateways share: their configs use the old name too. Each is
        // renamed from the same place in the shared file (where the request was, or the declaration this rename
        // edits there), and an edit two gateways make alike is made once.
        const wranglerFile = context.project.wrangler?.file;
        const anchor = path === wranglerFile ? position : result.edits.find((e) => e.file === wranglerFile)?.range.start;
        const edits = [...result.edits];
        if (wranglerFile !== undefined && anchor !== undefined) {
          for (const sibling of server.contexts.siblings(path)) {
            const more = rename(sibling.project, wranglerFile, anchor, newName, sibling.options);
            if ('error' in more) throw new ResponseError(ErrorCodes.InvalidRequest, more.error);
            edits.push(...more.edits);
          }
        }
        return toRenameEdit(uniqueEdits(edits), server.documents.uriOf, server.documents.versionOf);
      },
      null,
    ),
  );
}

function uniqueEdits(edits: readonly TextFileEdit[]): TextFileEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.file}\u0000${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}\u0000${e.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
