// A runtime's schema as the JSON language service gets it: snippets (a new path, an integration per kind, a hook)
// attached as `defaultSnippets` where each object may go, and descriptions handed over as markdown.
import type { JSONSchema } from 'vscode-json-languageservice';

interface DefaultSnippet {
  label: string;
  description: string;
  body: unknown;
}

const PATH_SNIPPETS: DefaultSnippet[] = [
  {
    label: 'New path (HTTP proxy)',
    description: 'A route proxied to a `servers` entry.',
    body: { method: '${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}', path: '/${2:resource}', integration: { type: 'http_proxy', server: '${3:alias}' } },
  },
  {
    label: 'New path (service binding)',
    description: 'A route served by a method of a bound Worker (`serviceBindings` alias).',
    body: { method: '${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}', path: '/${2:resource}', integration: { type: 'service_binding', binding: '${3:alias}', function: '${4:fetch}' } },
  },
  {
    label: 'New path (local service)',
    description: 'A route served by the default export of a `services` module.',
    body: { method: '${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}', path: '/${2:resource}', integration: { type: 'service', binding: '${3:alias}' } },
  },
];

const INTEGRATION_SNIPPETS: DefaultSnippet[] = [
  { label: 'http_proxy integration', description: 'Proxy to a `servers` entry.', body: { type: 'http_proxy', server: '${1:alias}' } },
  { label: 'service_binding integration', description: 'Call a method of a bound Worker.', body: { type: 'service_binding', binding: '${1:alias}', function: '${2:fetch}' } },
  { label: 'service integration', description: 'Run a local `services` module.', body: { type: 'service', binding: '${1:alias}' } },
];

const PRE_PROCESS_SNIPPETS: DefaultSnippet[] = [
  { label: 'Hook (service binding)', description: 'Run a method of a bound Worker (`serviceBindings` alias).', body: { binding: '${1:alias}', function: '${2:method}' } },
];

/** `post_process` takes a `type` (the upstream gateway skips the hook without it, SAG110; the bundled one allows it). */
const POST_PROCESS_SNIPPETS: DefaultSnippet[] = [
  { label: 'Hook (service binding)', description: 'Run a method of a bound Worker (`serviceBindings` alias) on the response.', body: { type: 'service_binding', binding: '${1:alias}', function: '${2:method}' } },
];

/** A copy of the schema with the snippets attached (the input is left untouched). */
export function withSnippets(schema: JSONSchema): JSONSchema {
  const copy = structuredClone(schema) as JSONSchema & { $defs?: Record<string, JSONSchema> };
  markdownDescriptions(copy);
  const defs = copy.$defs ?? {};
  const attach = (name: string, snippets: DefaultSnippet[]): void => {
    const def = defs[name];
    if (def && typeof def === 'object') def.defaultSnippets = snippets;
  };
  attach('PathItem', PATH_SNIPPETS);
  attach('Integration', INTEGRATION_SNIPPETS);
  attach('PreProcess', PRE_PROCESS_SNIPPETS);
  attach('PostProcess', POST_PROCESS_SNIPPETS);
  return copy;
}

/**
 * The upstream schema as the editor offers it: with `integration.post_process` and its hook keys, taken from the
 * bundled schema. The published upstream schema leaves the hook out (upstream's own schema does not list it), but
 * the upstream gateway runs it on `auth0_callback` integrations, so completion and hover must know it.
 */
export function withPostProcessHook(upstream: JSONSchema, bundled: JSONSchema): JSONSchema {
  const copy = structuredClone(upstream) as JSONSchema & { $defs?: Record<string, JSONSchema> };
  const from = bundled as JSONSchema & { $defs?: Record<string, JSONSchema> };
  const hook = from.$defs?.PostProcess;
  const property = from.$defs?.Integration?.properties?.post_process;
  const integration = copy.$defs?.Integration;
  if (!hook || !property || !integration || typeof property !== 'object') return copy;
  const note = (description: string | undefined): string => `${description ?? ''} The upstream gateway runs it on \`auth0_callback\` integrations only (SAG110).`.trim();
  // Hover shows the description of the hook's definition, completion the property's: both say it.
  copy.$defs!.PostProcess = { ...structuredClone(hook), description: note(hook.description) };
  integration.properties = { ...integration.properties, post_process: { ...structuredClone(property), description: note(property.description) } };
  return copy;
}

/** Descriptions are written with `code` spans: hand them over as markdown so hovers render them, not escape them. */
function markdownDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) markdownDescriptions(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (typeof schema.description === 'string' && schema.markdownDescription === undefined) schema.markdownDescription = schema.description;
  for (const [key, value] of Object.entries(schema)) if (key !== 'defaultSnippets' && key !== 'enum' && key !== 'const') markdownDescriptions(value);
}
