// Emits the JSON Schema (draft 2020-12) of one variant from the config model; definitions become `$defs`.

import { deref, fieldIn, resolveVariant, type ConfigModel, type ModelNode } from './model-dsl';
import { API_CONFIG_MODEL } from './model';
import type { SchemaVariant } from './vocabulary';

export type JsonSchema = { [key: string]: unknown };

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Stable `$id`s, so both schemas can live in one Ajv instance and editors can tell them apart. */
export const SCHEMA_IDS: Record<SchemaVariant, string> = {
  upstream: 'https://sag-tools.dev/schemas/api-config.upstream.schema.json',
  bundled: 'https://sag-tools.dev/schemas/api-config.bundled.schema.json',
};

/** The JSON Schema for `variant`, built fresh each call (callers may mutate it). */
export function buildSchema(variant: SchemaVariant, model: ConfigModel = API_CONFIG_MODEL): JsonSchema {
  const used = new Set<string>();
  const pending: string[] = [];
  const emitter: Emitter = {
    variant,
    model,
    useDef(name) {
      if (!model.defs[name]) throw new Error(`config model: unknown definition ${name}`);
      if (!used.has(name)) {
        used.add(name);
        pending.push(name);
      }
    },
  };
  const root = deref(model, { kind: 'ref', name: model.root });
  const body = emitNode(root, emitter);
  const defs: Record<string, JsonSchema> = {};
  while (pending.length > 0) {
    const name = pending.shift() as string;
    defs[name] = emitNode(model.defs[name], emitter);
  }
  const sortedDefs = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
  return { $schema: SCHEMA_DIALECT, $id: SCHEMA_IDS[variant], title: `api-config.json (${variant} gateway)`, ...body, $defs: sortedDefs };
}

/** Whether every value the node accepts is a string (through definitions and unions). */
function isStringNode(node: ModelNode, model: ConfigModel): boolean {
  switch (node.kind) {
    case 'string':
    case 'enum':
      return true;
    case 'ref': {
      const target = deref(model, node);
      return target.kind !== 'ref' && isStringNode(target, model);
    }
    case 'union':
      return node.options.every((o) => isStringNode(o, model));
    default:
      return false;
  }
}

interface Emitter {
  readonly variant: SchemaVariant;
  readonly model: ConfigModel;
  useDef(name: string): void;
}

function emitNode(node: ModelNode, e: Emitter): JsonSchema {
  const out: JsonSchema = {};
  if (node.description) out.description = node.description;
  if (node.deprecated) out.deprecated = true;
  switch (node.kind) {
    case 'string':
      out.type = 'string';
      if (node.minLength !== undefined) out.minLength = node.minLength;
      if (node.pattern !== undefined) out.pattern = node.pattern;
      if (node.format !== undefined) out.format = node.format;
      return out;
    case 'enum': {
      const values = resolveVariant(node.values, e.variant);
      out.type = 'string';
      if (values.length === 1) out.const = values[0];
      else out.enum = [...values];
      return out;
    }
    case 'boolean':
      out.type = node.nullable ? ['boolean', 'null'] : 'boolean';
      return out;
    case 'integer':
      out.type = 'integer';
      if (node.minimum !== undefined) out.minimum = node.minimum;
      return out;
    case 'any':
      return out;
    case 'array':
      out.type = 'array';
      out.items = emitNode(node.items, e);
      if (node.uniqueItems) {
        out.uniqueItems = true;
        // Items said to be strings where a $ref or a union hides it: validators then check uniqueness with a map
        // (ajv's generated code compares every pair otherwise, minutes for a hostile array of 300,000 items).
        const items = out.items as JsonSchema;
        if (items.type === undefined && isStringNode(node.items, e.model)) out.items = { type: 'string', ...items };
      }
      return out;
    case 'map':
      out.type = 'object';
      out.additionalProperties = emitNode(node.values, e);
      return out;
    case 'ref':
      e.useDef(node.name);
      return { $ref: `#/$defs/${node.name}`, ...out };
    case 'union':
      out[node.mode] = node.options.map((o) => emitNode(o, e));
      return out;
    case 'object':
      return emitObject(node, e, out);
  }
}

function emitObject(node: Extract<ModelNode, { kind: 'object' }>, e: Emitter, out: JsonSchema): JsonSchema {
  out.type = 'object';
  const properties: Record<string, JsonSchema> = {};
  const requiredKeys: string[] = [];
  for (const [key, f] of Object.entries(node.fields)) {
    const presence = fieldIn(f, e.variant);
    if (!presence.present) continue;
    const schema = emitNode(f.node, e);
    // The field's own description is more specific than its type's (e.g. `paths` vs PathItem[]).
    properties[key] = f.node.kind === 'ref' ? { $ref: schema.$ref, description: f.description } : { ...schema, description: f.description };
    if (presence.required) requiredKeys.push(key);
  }
  out.properties = properties;
  if (requiredKeys.length > 0) out.required = requiredKeys;
  out.additionalProperties = resolveVariant(node.additional, e.variant);
  const allOf: JsonSchema[] = [];
  for (const rule of node.requireWhen ?? []) {
    const need = resolveVariant(rule.require, e.variant);
    if (need.length === 0) continue;
    const condition = rule.values.length === 1 ? { const: rule.values[0] } : { enum: [...rule.values] };
    allOf.push({ if: { properties: { [rule.field]: condition }, required: [rule.field] }, then: { required: [...need] } });
  }
  if (allOf.length > 0) out.allOf = allOf;
  if (node.requireOneOf && node.requireOneOf.length > 0) out.anyOf = node.requireOneOf.map((k) => ({ required: [k] }));
  return out;
}
