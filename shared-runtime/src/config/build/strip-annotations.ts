// Removes annotation keywords (description, title, deprecated, $comment) from a schema, for the smaller runtime validator.
// Only keywords in schema positions go: a *property* named `description` or `title` stays.

import type { JsonSchema } from '../schema-builder';

const ANNOTATIONS = new Set(['description', 'title', 'deprecated', '$comment', 'examples']);
const SCHEMA_MAPS = new Set(['properties', '$defs', 'patternProperties', 'dependentSchemas']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'if', 'then', 'else', 'not', 'contains', 'propertyNames']);

export function stripAnnotations(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isObject(v) ? stripAnnotations(v) : v]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((v) => (isObject(v) ? stripAnnotations(v) : v));
    } else if (SCHEMA_VALUES.has(key) && isObject(value)) {
      out[key] = stripAnnotations(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
