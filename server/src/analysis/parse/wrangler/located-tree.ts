// A format-neutral tree of a wrangler config (TOML or JSON) where every key and value keeps its range,
// so the environment reader (environments.ts) is written once for all three formats.
import type { Range } from '../../findings';

export type LocatedNode = LocatedObject | LocatedArray | LocatedScalar;

export interface LocatedEntry {
  key: string;
  keyRange: Range;
  value: LocatedNode;
}

export interface LocatedObject {
  type: 'object';
  /** Insertion order = first mention in the file; a duplicate key replaces the value but keeps its place. */
  entries: Map<string, LocatedEntry>;
  /** Whole object: inline table / JSON object / [table] header through its last key. */
  range: Range;
  /** TOML `[table]` / `[[table]]` header (brackets included); for objects opened implicitly, the key that opened them. */
  headerRange?: Range;
}

/**
 * `inline`: TOML `[ ... ]` value; `table-array`: TOML `[[x]]` tables (each item's range is its whole table);
 * `json`: a JSON array.
 */
export type ArrayForm = 'inline' | 'table-array' | 'json';

export interface LocatedArray {
  type: 'array';
  items: LocatedNode[];
  range: Range;
  form: ArrayForm;
}

export type ScalarValue = string | number | boolean | null;

export interface LocatedScalar {
  type: 'scalar';
  value: ScalarValue;
  /** Range of the value as written (quotes included for strings). */
  range: Range;
}

export function entryOf(node: LocatedNode | undefined, key: string): LocatedEntry | undefined {
  return node?.type === 'object' ? node.entries.get(key) : undefined;
}

export function valueOf(node: LocatedNode | undefined, key: string): LocatedNode | undefined {
  return entryOf(node, key)?.value;
}

/** The plain JavaScript value of a node (objects and arrays rebuilt), e.g. for `[vars]` values. */
export function plainValue(node: LocatedNode): unknown {
  switch (node.type) {
    case 'scalar':
      return node.value;
    case 'array':
      return node.items.map(plainValue);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of node.entries) out[key] = plainValue(entry.value);
      return out;
    }
  }
}
