// textDocument/completion: schema-driven keys, enums and snippets for api-config.json (JSON language service)
// first, then the engine's cross-file completion (aliases, bindings, methods, expressions, entrypoint files, Worker
// names in the wrangler config); an engine item with the same label as a schema item is dropped. Clients without
// snippet support get every item as plain text.
import { CompletionItemTag, CompletionList, type CompletionItem, type CompletionParams } from 'vscode-languageserver/node';
import { completion } from '../../analysis/features/completion';
import { toCompletionItem } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import type { JsonSchemaService } from '../schema/json-schema-service';
import { withoutSnippet } from '../snippet-text';
import { uriToPath } from '../uri';

export const COMPLETION_TRIGGERS = ['"', ':', '.', '$', '/'];

function labelKey(label: string): string {
  return label.replace(/^"|"$/g, '');
}

export function registerCompletion(server: SagServer, schema: JsonSchemaService): void {
  server.connection.onCompletion(
    guardRequest<CompletionParams, CompletionList | null, null>(
      server.log,
      'textDocument/completion',
      async ({ textDocument, position }, token) => {
        const path = uriToPath(textDocument.uri);
        if (path === undefined) return null;
        const doc = server.documents.get(path);
        const context = await server.contexts.of(path);
        // The schema of the gateway's runtime (the context's, already resolved): upstream has no HS384, no Auth0
        // `audience` (SAG112, SAG113).
        const runtime = context?.options.runtime ?? 'bundled';
        const fromSchema = doc?.config ? await schema.completion(doc.config, doc.revision, position, runtime) : null;
        if (token.isCancellationRequested) return null;
        const items: CompletionItem[] = [...(fromSchema?.items ?? [])];
        if (context) {
          const seen = new Map(items.map((i) => [labelKey(i.label), i]));
          for (const entry of completion(context.project, path, position, context.options)) {
            const schemaItem = seen.get(labelKey(entry.label));
            if (schemaItem) {
              // The schema item stays; the engine knows the deprecated names (`servicesBindings`), the schema service does not say.
              if (entry.deprecated) schemaItem.tags = [CompletionItemTag.Deprecated];
              continue;
            }
            const item = toCompletionItem(entry);
            seen.set(labelKey(entry.label), item);
            items.push(item);
          }
        }
        if (items.length === 0 && !fromSchema) return null;
        return CompletionList.create(server.options.snippetSupport ? items : items.map(withoutSnippet), fromSchema?.isIncomplete ?? false);
      },
      null,
    ),
  );
}
