// textDocument/didOpen, didChange, didClose: keep the open documents (incremental sync) and mark what they affect.
// Opening api-config.json with the text the last check parsed re-uses that parse and runs no check.
import type { DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import { basename } from '../../analysis/workspace/paths';
import { CONFIG_FILE_NAME } from '../../analysis/workspace/discover';
import { guardNotification } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

export function registerTextSync(server: SagServer): void {
  const { connection, log } = server;

  connection.onDidOpenTextDocument(
    guardNotification(log, 'textDocument/didOpen', ({ textDocument }: DidOpenTextDocumentParams) => {
      const path = uriToPath(textDocument.uri);
      if (path === undefined) return;
      if (typeof textDocument.text !== 'string') {
        log.error(`textDocument/didOpen for ${textDocument.uri} ignored: it has no string \`text\``);
        return;
      }
      const gateway = basename(path) === CONFIG_FILE_NAME ? server.registry.get(path) : undefined;
      // Re-use the parse of the last check when it came from disk and saw this exact text.
      const lastConfig = gateway && !gateway.dirty && !gateway.configFromEditor ? gateway.project?.config : undefined;
      const reuse = lastConfig && lastConfig.text === textDocument.text ? lastConfig : undefined;
      // From now on the open document owns that tree (it is updated in place per edit): the cache must not hand it out.
      if (reuse) server.registry.cache.forget(path);
      server.documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text, reuse);
      // Any other file may differ from what the last check read (saved by a client that sends no file events).
      if (reuse) server.republish(path);
      else server.fileChanged(path, { immediate: true });
    }),
  );

  connection.onDidChangeTextDocument(
    guardNotification(log, 'textDocument/didChange', ({ textDocument, contentChanges }: DidChangeTextDocumentParams) => {
      const doc = server.documents.change(textDocument.uri, textDocument.version ?? 0, contentChanges);
      if (doc) server.fileChanged(doc.path);
      else if (server.documents.getByUri(textDocument.uri)) log.error(`textDocument/didChange for ${textDocument.uri} ignored: each change needs a string \`text\` and, with a \`range\`, numeric positions`);
    }),
  );

  connection.onDidCloseTextDocument(
    guardNotification(log, 'textDocument/didClose', ({ textDocument }: DidCloseTextDocumentParams) => {
      const doc = server.documents.close(textDocument.uri);
      if (!doc) return;
      if (basename(doc.path) === CONFIG_FILE_NAME && server.configClosed(doc.path)) return;
      // The disk version is what counts again; re-check only if the editor held unsaved changes.
      if (server.host.readFile(doc.path) !== doc.text) server.fileChanged(doc.path);
      else server.republish(doc.path);
    }),
  );
}
