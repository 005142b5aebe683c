// textDocument/definition, textDocument/references: engine answers (alias -> its entry, binding -> the wrangler
// declaration of each environment, entrypoint -> module, function -> method) converted to LSP locations; references
// gathered from every gateway that reads the file.
import type { Location as LspLocation, DefinitionParams, ReferenceParams } from 'vscode-languageserver/node';
import { definition } from '../../analysis/features/definition';
import { references } from '../../analysis/features/references';
import { toLocation } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

export function registerNavigation(server: SagServer): void {
  server.connection.onDefinition(
    guardRequest<DefinitionParams, LspLocation[], LspLocation[]>(
      server.log,
      'textDocument/definition',
      async ({ textDocument, position }) => {
        const path = uriToPath(textDocument.uri);
        const context = path === undefined ? undefined : await server.contexts.of(path);
        if (!context || path === undefined) return [];
        return definition(context.project, path, position, context.options).map((l) => toLocation(l, server.documents.uriOf));
      },
      [],
    ),
  );

  server.connection.onReferences(
    guardRequest<ReferenceParams, LspLocation[], LspLocation[]>(
      server.log,
      'textDocument/references',
      async ({ textDocument, position, context: { includeDeclaration } }) => {
        const path = uriToPath(textDocument.uri);
        const context = path === undefined ? undefined : await server.contexts.of(path);
        if (!context || path === undefined) return [];
        const found = references(context.project, path, position, { ...context.options, includeDeclaration });
        if (path !== context.project.config.file) {
          // A wrangler config, a module or a Worker's source: every gateway that reads it has its own uses of it.
          for (const other of server.contexts.otherReaders(path)) found.push(...references(other.project, path, position, { ...other.options, includeDeclaration }));
        } else {
          // A binding named in this config is declared in a wrangler config other gateways may share (see rename.ts):
          // their uses are found from that declaration.
          const wranglerFile = context.project.wrangler?.file;
          const siblings = wranglerFile === undefined ? [] : server.contexts.siblings(path);
          const anchor = siblings.length > 0 ? references(context.project, path, position, { ...context.options, includeDeclaration: true }).find((l) => l.file === wranglerFile)?.range.start : undefined;
          if (anchor !== undefined) {
            for (const sibling of siblings) found.push(...references(sibling.project, wranglerFile!, anchor, { ...sibling.options, includeDeclaration }));
          }
        }
        const seen = new Set<string>();
        const unique = found.filter((l) => {
          const key = `${l.file}\u0000${l.range.start.line}:${l.range.start.character}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        return unique.map((l) => toLocation(l, server.documents.uriOf));
      },
      [],
    ),
  );
}
