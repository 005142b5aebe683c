// textDocument/documentSymbol (the route table as an outline), textDocument/codeLens (where each route resolves,
// whether it is shadowed) and textDocument/documentLink (entrypoints to their module files).
import type { CodeLens, CodeLensParams, DocumentLink, DocumentLinkParams, DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver/node';
import { codeLenses } from '../../analysis/features/code-lens';
import { documentLinks } from '../../analysis/features/links';
import { documentSymbols } from '../../analysis/features/symbols';
import { toCodeLens, toDocumentLink, toDocumentSymbol } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';
import type { FeatureContext } from '../workspace/feature-contexts';

export function registerDocumentOutline(server: SagServer): void {
  const contextOf = async (uri: string): Promise<{ path: string; context: FeatureContext } | undefined> => {
    const path = uriToPath(uri);
    const context = path === undefined ? undefined : await server.contexts.of(path);
    return context && path !== undefined ? { path, context } : undefined;
  };

  server.connection.onDocumentSymbol(
    guardRequest<DocumentSymbolParams, DocumentSymbol[], DocumentSymbol[]>(
      server.log,
      'textDocument/documentSymbol',
      async ({ textDocument }) => {
        const found = await contextOf(textDocument.uri);
        return found ? documentSymbols(found.context.project, found.path, found.context.options).map(toDocumentSymbol) : [];
      },
      [],
    ),
  );

  server.connection.onCodeLens(
    guardRequest<CodeLensParams, CodeLens[], CodeLens[]>(
      server.log,
      'textDocument/codeLens',
      async ({ textDocument }) => {
        const found = await contextOf(textDocument.uri);
        if (!found) return [];
        const gateway = server.registry.gatewayFor(found.path);
        // The last check's routing findings say what is shadowed, when they are current.
        const findings = gateway && !gateway.dirty ? gateway.findings : undefined;
        return codeLenses(found.context.project, found.path, { ...found.context.options, ...(findings ? { findings } : {}) }).map(toCodeLens);
      },
      [],
    ),
  );

  server.connection.onDocumentLinks(
    guardRequest<DocumentLinkParams, DocumentLink[], DocumentLink[]>(
      server.log,
      'textDocument/documentLink',
      async ({ textDocument }) => {
        const found = await contextOf(textDocument.uri);
        return found ? documentLinks(found.context.project, found.path, found.context.options).map((l) => toDocumentLink(l, server.documents.uriOf)) : [];
      },
      [],
    ),
  );
}
