// Completion driven by the shared config model (shared-runtime/src/config): property names with their
// descriptions, enum values (HTTP methods, integration types, authorizer types...), and snippets for a new
// route, server, service or service binding entry.
import { AUTHORIZER_TYPES, HTTP_METHODS, INTEGRATION_TYPES, lookupField, type SchemaVariant } from 'serverless-api-gateway-runtime/config';
import type { JsonNode } from '../../parse/config-document';
import { propertiesOf, stringOf } from '../../rules/schema/config-view';
import type { JsonPath } from '../json-cursor';
import type { CompletionEntry } from '../types';
import { INTEGRATION_TYPE_DOCS } from './integration-type-docs';
import { placed, type ItemPlacement } from './reference-items';

const METHOD_DOCS: Record<string, string> = {
  ANY: 'Matches every request method (the only way to reach HEAD on the upstream gateway).',
  OPTIONS: 'An explicit OPTIONS route wins over the CORS preflight answer.',
};

export function methodItems(placement: ItemPlacement): CompletionEntry[] {
  return HTTP_METHODS.map((m, i) => placed({ label: m, kind: 'enum', sortText: String(i), ...(METHOD_DOCS[m] ? { documentation: METHOD_DOCS[m] } : {}) }, placement));
}

export function integrationTypeItems(variant: SchemaVariant, placement: ItemPlacement): CompletionEntry[] {
  const general = lookupField('/paths/*/integration/type', { variant })?.description;
  return INTEGRATION_TYPES.map((type, i) => {
    const doc = INTEGRATION_TYPE_DOCS[type];
    return placed({ label: type, kind: 'enum', detail: doc.summary, documentation: `${doc.details}${general ? `\n\n${general}` : ''}`, sortText: String(i).padStart(2, '0') }, placement);
  });
}

/** Model path of a JSON path: array indexes become `*` (the model has one item type per array). */
function modelPath(path: JsonPath): string[] {
  return path.map((s) => (typeof s === 'number' ? '*' : s));
}

/** `authorizer.type`, so the union's right variant answers for its fields. */
function typeHintOf(root: JsonNode | undefined, path: JsonPath): string | undefined {
  if (path[0] !== 'authorizer' || root?.type !== 'object') return undefined;
  const authorizer = propertiesOf(root).get('authorizer')?.value;
  return stringOf(authorizer?.type === 'object' ? propertiesOf(authorizer).get('type')?.value : undefined);
}

export function enumItems(root: JsonNode | undefined, path: JsonPath, variant: SchemaVariant, placement: ItemPlacement): CompletionEntry[] {
  // The union's selector itself: every variant's type, not only the one already written.
  if (path.length === 2 && path[0] === 'authorizer' && path[1] === 'type') {
    const description = lookupField(['authorizer'], { variant })?.description;
    return AUTHORIZER_TYPES.map((value) => placed({ label: value, kind: 'enum', ...(description ? { detail: description } : {}) }, placement));
  }
  const typeHint = typeHintOf(root, path);
  const info = lookupField(modelPath(path), { variant, ...(typeHint !== undefined ? { typeHint } : {}) });
  return (info?.enumValues ?? []).map((value) => placed({ label: value, kind: 'enum', ...(info?.description ? { detail: info.description } : {}) }, placement));
}

/** Keys the object at `objectPath` may still take, each with its model description. */
export function keyItems(root: JsonNode | undefined, object: JsonNode, objectPath: JsonPath, variant: SchemaVariant, editing: string | undefined, placement: ItemPlacement): CompletionEntry[] {
  const typeHint = typeHintOf(root, objectPath);
  const options = { variant, ...(typeHint !== undefined ? { typeHint } : {}) };
  const info = lookupField(modelPath(objectPath), options);
  if (!info?.keys) return [];
  const present = new Set([...propertiesOf(object).keys()].filter((k) => k !== editing));
  const out: CompletionEntry[] = [];
  for (const key of info.keys) {
    if (present.has(key)) continue;
    const field = lookupField([...modelPath(objectPath), key], options);
    const entry: CompletionEntry = { label: key, kind: 'key', ...(field?.description ? { documentation: field.description } : {}), ...(field?.required ? { detail: 'required' } : {}), ...(field?.deprecated ? { deprecated: true } : {}) };
    out.push(placement.quote ? { ...entry, insertText: `"${key}": `, ...(placement.range ? { range: placement.range } : {}) } : placed(entry, placement));
  }
  return out;
}

const ROUTE_SNIPPETS: [string, string][] = [
  ['route → service_binding', '{\n  "method": "${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}",\n  "path": "/${2:orders}",\n  "integration": { "type": "service_binding", "binding": "${3:alias}", "function": "${4:run}" }\n}'],
  ['route → http_proxy', '{\n  "method": "${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}",\n  "path": "/${2:api}/{.+}",\n  "integration": { "type": "http_proxy", "server": "${3:alias}" }\n}'],
  ['route → service', '{\n  "method": "${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}",\n  "path": "/${2:path}",\n  "integration": { "type": "service", "binding": "${3:alias}" }\n}'],
  ['route with pre_process hook', '{\n  "method": "${1|GET,POST,PUT,DELETE,PATCH,OPTIONS,ANY|}",\n  "path": "/${2:path}",\n  "pre_process": { "binding": "${3:hooks}", "function": "${4:before}" },\n  "integration": { "type": "service_binding", "binding": "${5:alias}", "function": "${6:run}" }\n}'],
  ['route → static response', '{\n  "method": "GET",\n  "path": "/${1:health}",\n  "response": { "status": "${2:ok}" }\n}'],
];

const ENTRY_SNIPPETS: Record<'servers' | 'services' | 'serviceBindings', [string, string]> = {
  servers: ['server entry', '{ "alias": "${1:api}", "url": "https://${2:api.example.com}" }'],
  services: ['service entry', '{ "alias": "${1:name}", "entrypoint": "./services/${2:name}" }'],
  serviceBindings: ['service binding entry', '{ "alias": "${1:name}", "binding": "${2:BINDING}" }'],
};

export function newItemSnippets(array: 'paths' | 'servers' | 'services' | 'serviceBindings', placement: ItemPlacement): CompletionEntry[] {
  const list = array === 'paths' ? ROUTE_SNIPPETS : [ENTRY_SNIPPETS[array]];
  return list.map(([label, body]) => ({ label, kind: 'snippet', insertText: body, snippet: true, ...(placement.range ? { range: placement.range } : {}) }));
}

/** Snippets for a whole hook or integration object, offered among a route's keys. */
export function routeKeySnippets(placement: ItemPlacement, present: ReadonlySet<string>): CompletionEntry[] {
  if (!placement.quote) return [];
  const out: CompletionEntry[] = [];
  if (!present.has('pre_process')) out.push({ label: 'pre_process hook', kind: 'snippet', snippet: true, insertText: '"pre_process": { "binding": "${1:hooks}", "function": "${2:before}" }', ...(placement.range ? { range: placement.range } : {}) });
  if (!present.has('integration')) out.push({ label: 'integration (service_binding)', kind: 'snippet', snippet: true, insertText: '"integration": { "type": "service_binding", "binding": "${1:alias}", "function": "${2:run}" }', ...(placement.range ? { range: placement.range } : {}) });
  return out;
}
