// Looks up what the model says about a location in an api-config (hover docs, completion details, rule messages).

import { deref, fieldIn, resolveVariant, type ModelNode } from './model-dsl';
import { API_CONFIG_MODEL } from './model';
import type { SchemaVariant } from './vocabulary';

export interface FieldInfo {
  /** User-facing one-liner. */
  readonly description: string;
  /** Required in its parent object (false for array items and map values). */
  readonly required: boolean;
  readonly deprecated: boolean;
  /** The model's kind after following refs: `string`, `enum`, `object`, `array`, ... */
  readonly kind: ModelNode['kind'];
  /** Allowed values when the location holds an enum. */
  readonly enumValues?: readonly string[];
  /** Keys an object at this location may have (its declared fields). */
  readonly keys?: readonly string[];
  /** Name of the model definition at this location (`PathItem`, `Integration`, ...), when it is one. */
  readonly typeName?: string;
}

export interface FieldLookupOptions {
  readonly variant?: SchemaVariant;
  /** For unions (authorizer): the `type` value of the object, to pick the right variant's field. */
  readonly typeHint?: string;
}

/**
 * Info about the location `path`: a JSON pointer (`/paths/0/integration/type`) or its segments. Array indexes
 * may be numbers, digit strings or `*`. Unknown locations give undefined; never throws.
 */
export function lookupField(path: string | readonly (string | number)[], options: FieldLookupOptions = {}): FieldInfo | undefined {
  const variant = options.variant ?? 'bundled';
  const segments = typeof path === 'string' ? pointerSegments(path) : path.map(String);
  let node: ModelNode = { kind: 'ref', name: API_CONFIG_MODEL.root };
  let description = '';
  let requiredHere = false;
  let typeName: string | undefined = API_CONFIG_MODEL.root;
  for (const segment of segments) {
    const resolved = resolveUnion(deref(API_CONFIG_MODEL, node), segment, options.typeHint);
    if (!resolved) return undefined;
    const current = resolved;
    if (current.kind === 'array') {
      if (!/^(\d+|\*)$/.test(segment)) return undefined;
      node = current.items;
      description = deref(API_CONFIG_MODEL, current.items).description ?? description;
      requiredHere = false;
    } else if (current.kind === 'map') {
      node = current.values;
      description = deref(API_CONFIG_MODEL, current.values).description ?? description;
      requiredHere = false;
    } else if (current.kind === 'object') {
      const f = Object.prototype.hasOwnProperty.call(current.fields, segment) ? current.fields[segment] : undefined;
      if (!f) return undefined;
      const presence = fieldIn(f, variant);
      if (!presence.present) return undefined;
      node = f.node;
      description = f.description;
      requiredHere = presence.required;
    } else {
      return undefined;
    }
    typeName = node.kind === 'ref' ? node.name : undefined;
  }
  const derefd = deref(API_CONFIG_MODEL, node);
  const target = (derefd.kind === 'union' && options.typeHint !== undefined && resolveUnion(derefd, '', options.typeHint)) || derefd;
  if (segments.length === 0) description = target.description ?? '';
  const info: FieldInfo = {
    description: description || target.description || '',
    required: requiredHere,
    deprecated: Boolean(node.deprecated || target.deprecated),
    kind: target.kind,
    ...(target.kind === 'enum' ? { enumValues: resolveVariant(target.values, variant) } : {}),
    ...(target.kind === 'object' ? { keys: Object.keys(target.fields).filter((k) => fieldIn(target.fields[k], variant).present) } : {}),
    ...(typeName ? { typeName } : {}),
  };
  return info;
}

/** The one-line description of a location, or undefined when the model does not know it. */
export function fieldDescription(path: string | readonly (string | number)[], options: FieldLookupOptions = {}): string | undefined {
  return lookupField(path, options)?.description || undefined;
}

/** A union (authorizer) resolves to the option whose `type` matches the hint, else the first option declaring `key`. */
function resolveUnion(node: ModelNode, key: string, typeHint: string | undefined): ModelNode | undefined {
  if (node.kind !== 'union') return node;
  const options = node.options.map((o) => deref(API_CONFIG_MODEL, o));
  if (typeHint !== undefined) {
    const hinted = options.find((o) => o.kind === 'object' && typeValues(o).includes(typeHint));
    if (hinted) return hinted;
  }
  return options.find((o) => o.kind === 'object' && Object.prototype.hasOwnProperty.call(o.fields, key));
}

function typeValues(node: Extract<ModelNode, { kind: 'object' }>): readonly string[] {
  const t = node.fields.type ? deref(API_CONFIG_MODEL, node.fields.type.node) : undefined;
  return t && t.kind === 'enum' ? resolveVariant(t.values, 'bundled') : [];
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
