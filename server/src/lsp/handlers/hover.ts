// textDocument/hover: the engine's hover (an alias's whole resolution chain, key docs) where it has one, else the
// schema's documentation of the key or value under the cursor in api-config.json. Uses are counted in every gateway
// that reads the file.
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hover } from '../../analysis/features/hover';
import { toHover } from '../convert-features';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import type { JsonSchemaService } from '../schema/json-schema-service';
import { uriToPath } from '../uri';
import type { FeatureContext } from '../workspace/feature-contexts';

export function registerHover(server: SagServer, schema: JsonSchemaService): void {
  server.connection.onHover(
    guardRequest<HoverParams, Hover | null, null>(
      server.log,
      'textDocument/hover',
      async ({ textDocument, position }) => {
        const path = uriToPath(textDocument.uri);
        if (path === undefined) return null;
        const context = await server.contexts.of(path);
        // A Worker's source or a shared wrangler config is used by every gateway that reads it, as references find:
        // the engine asks for those gateways only when its hover counts uses.
        const otherGateways = (): FeatureContext[] => server.contexts.otherReaders(path);
        const fromEngine = context ? hover(context.project, path, position, { ...context.options, otherGateways }) : undefined;
        if (fromEngine) return toHover(fromEngine);
        const doc = server.documents.get(path);
        const runtime = context?.options.runtime ?? 'bundled';
        return doc?.config ? schema.hover(doc.config, doc.revision, position, runtime) : null;
      },
      null,
    ),
  );
}
