// textDocument/hover: the engine's hover (an alias's whole resolution chain, key docs) where it has one, else the
// schema's documentation of the key or value under the cursor in api-config.json.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hover } from '../../analysis/features/hover';
import { toHover } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import type { JsonSchemaService } from '../schema/json-schema-service';
import { uriToPath } from '../uri';

export function registerHover(server: SagServer, schema: JsonSchemaService): void {
  server.connection.onHover(
    guardRequest<HoverParams, Hover | null, null>(
      server.log,
      'textDocument/hover',
      async ({ textDocument, position }) => {
        const path = uriToPath(textDocument.uri);
        if (path === undefined) return null;
        const context = await server.contexts.of(path);
        const fromEngine = context ? hover(context.project, path, position, context.options) : undefined;
        if (fromEngine) return toHover(fromEngine);
        const doc = server.documents.get(path);
        const runtime = context?.options.runtime ?? 'bundled';
        return doc?.config ? schema.hover(doc.config, doc.revision, position, runtime) : null;
      },
      null,
    ),
  );
}
