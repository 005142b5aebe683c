// The tiny declarative language the api-config model is written in: typed nodes with per-variant differences,
// from which schema-builder.ts emits JSON Schema and types-generator.ts emits TypeScript.

import type { SchemaVariant } from './vocabulary';

/** A value that differs between the upstream and the bundled schema. */
export interface ByVariant<T> {
  readonly byVariant: { readonly upstream: T; readonly bundled: T };
}
export type Varies<T> = T | ByVariant<T>;

export function byVariant<T>(upstream: T, bundled: T): ByVariant<T> {
  return { byVariant: { upstream, bundled } };
}

export function resolveVariant<T>(value: Varies<T>, variant: SchemaVariant): T {
  if (typeof value === 'object' && value !== null && 'byVariant' in (value as object)) {
    return (value as ByVariant<T>).byVariant[variant];
  }
  return value as T;
}

interface NodeBase {
  /** One-line, user-facing: it feeds hover docs and completion details. */
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: 'uri';
}
export interface EnumNode extends NodeBase {
  readonly kind: 'enum';
  /** One value becomes `const`. */
  readonly values: Varies<readonly string[]>;
}
export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean';
  readonly nullable?: boolean;
}
export interface IntegerNode extends NodeBase {
  readonly kind: 'integer';
  readonly minimum?: number;
}
export interface AnyNode extends NodeBase {
  readonly kind: 'any';
}
export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: ModelNode;
  readonly uniqueItems?: boolean;
}
/** An object whose keys are free (variables, mapping headers): every value has the same node. */
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly values: ModelNode;
}
export interface Field {
  readonly node: ModelNode;
  readonly description: string;
  readonly required?: Varies<boolean>;
  /** The field exists only in this variant's schema. */
  readonly only?: SchemaVariant;
}
/** `when` the discriminator field has one of `values`, the listed fields are required (JSON Schema if/then). */
export interface RequireWhen {
  readonly field: string;
  readonly values: readonly string[];
  readonly require: Varies<readonly string[]>;
}
export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, Field>>;
  readonly additional: Varies<boolean>;
  readonly requireWhen?: readonly RequireWhen[];
  /** At least one of these fields must be present. */
  readonly requireOneOf?: readonly string[];
}
export interface RefNode extends NodeBase {
  readonly kind: 'ref';
  readonly name: string;
}
export interface UnionNode extends NodeBase {
  readonly kind: 'union';
  readonly mode: 'oneOf' | 'anyOf';
  readonly options: readonly ModelNode[];
}

export type ModelNode = StringNode | EnumNode | BooleanNode | IntegerNode | AnyNode | ArrayNode | MapNode | ObjectNode | RefNode | UnionNode;

// Builders keep model.ts readable as a table of fields.
export const str = (extra: Omit<StringNode, 'kind'> = {}): StringNode => ({ kind: 'string', ...extra });
export const enumOf = (values: Varies<readonly string[]>, extra: Omit<EnumNode, 'kind' | 'values'> = {}): EnumNode => ({
  kind: 'enum',
  values,
  ...extra,
});
export const bool = (extra: Omit<BooleanNode, 'kind'> = {}): BooleanNode => ({ kind: 'boolean', ...extra });
export const int = (extra: Omit<IntegerNode, 'kind'> = {}): IntegerNode => ({ kind: 'integer', ...extra });
export const anyValue = (extra: Omit<AnyNode, 'kind'> = {}): AnyNode => ({ kind: 'any', ...extra });
export const arrayOf = (items: ModelNode, extra: Omit<ArrayNode, 'kind' | 'items'> = {}): ArrayNode => ({ kind: 'array', items, ...extra });
export const mapOf = (values: ModelNode, extra: Omit<MapNode, 'kind' | 'values'> = {}): MapNode => ({ kind: 'map', values, ...extra });
export const ref = (name: string): RefNode => ({ kind: 'ref', name });
export const obj = (fields: Record<string, Field>, extra: Omit<ObjectNode, 'kind' | 'fields'>): ObjectNode => ({
  kind: 'object',
  fields,
  ...extra,
});
export const field = (node: ModelNode, description: string, extra: Omit<Field, 'node' | 'description'> = {}): Field => ({
  node,
  description,
  ...extra,
});
export const required = (node: ModelNode, description: string, extra: Omit<Field, 'node' | 'description' | 'required'> = {}): Field => ({
  node,
  description,
  required: true,
  ...extra,
});

/** Named definitions: the `$defs` of the schemas and the exported TypeScript types. */
export interface ConfigModel {
  readonly root: string;
  readonly defs: Readonly<Record<string, ModelNode>>;
}

/** Follow a ref to its definition (refs never chain more than once in our model, but loop to be safe). */
export function deref(model: ConfigModel, node: ModelNode): ModelNode {
  let current = node;
  for (let hops = 0; current.kind === 'ref' && hops < 16; hops++) {
    const target = model.defs[current.name];
    if (!target) throw new Error(`config model: unknown definition ${current.name}`);
    current = target;
  }
  return current;
}

/** Whether a field exists in a variant, and whether it is required there. */
export function fieldIn(f: Field, variant: SchemaVariant): { present: boolean; required: boolean } {
  if (f.only && f.only !== variant) return { present: false, required: false };
  return { present: true, required: resolveVariant(f.required ?? false, variant) };
}
