// api-config.json as a tolerant jsonc-parser tree plus the small vocabulary rules use to walk it:
// property lookup, string values, JSON pointers and ranges. JSON.parse is what the runtime uses, so
// comments and trailing commas are reported as syntax errors even though the tree still has them.
import { findNodeAtLocation, getNodeValue, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { describeJsonSyntaxError } from './json-syntax-errors';
import type { Range } from '../findings';
import { parseJsonTreeStrictWithDepth } from './fast-json-tree';
import type { ConfigDocument, SyntaxProblem } from '../model';
import { withoutByteOrderMark } from '../text/byte-order-mark';
import { LineIndex } from '../text/line-index';

export type { JsonNode };

/** Above this size the file is not parsed at all (the runtime would refuse it anyway, KV values cap at 25 MiB). */
export const MAX_CONFIG_BYTES = 25 * 1024 * 1024;

/**
 * `readProblem`: why `text` is not the file's exact content (FileHost.readProblem: invalid UTF-8 decoded with
 * U+FFFD in its place), reported as the file being unreadable while the rest is still parsed.
 */
export function parseConfigDocument(file: string, text: string, readProblem?: string): ConfigDocument {
  const lines = new LineIndex(text);
  if (text.length > MAX_CONFIG_BYTES) {
    return { file, text, lines, root: undefined, syntaxErrors: [], parseErrors: [], unreadable: `the file is ${text.length} bytes, larger than the ${MAX_CONFIG_BYTES} bytes a gateway can load` };
  }
  if (text.includes('\u0000')) {
    return { file, text, lines, root: undefined, syntaxErrors: [], parseErrors: [], unreadable: 'the file is binary (it contains NUL bytes), not JSON' };
  }
  // Valid JSON (the common case) takes the fast strict parser, which also measures the nesting; anything else
  // gets jsonc-parser's tolerant parse, whose partial tree and error list keep the rest of the file analysable
  // while the user types (after a separate depth check: its recursion must not meet a pathological file).
  // A byte order mark (an editor that sends it in the text; files on disk have it dropped by the host) is read as
  // the whitespace it is, at the same offsets.
  const body = withoutByteOrderMark(text);
  const strict = parseJsonTreeStrictWithDepth(body);
  const depth = strict ? strict.maxDepth : maxNestingDepth(body);
  if (depth > MAX_CONFIG_DEPTH) {
    return { file, text, lines, root: undefined, syntaxErrors: [], parseErrors: [], unreadable: `values are nested ${depth} levels deep, more than the ${MAX_CONFIG_DEPTH} this checker reads (a gateway config needs fewer than 10)` };
  }
  const fast = strict?.root;
  const parseErrors: ParseError[] = [];
  const root = fast ?? parseTree(body, parseErrors, TOLERANT_PARSE_OPTIONS);
  const syntaxErrors = syntaxProblemsOf(parseErrors, lines);
  return { file, text, lines, root, syntaxErrors, parseErrors, ...(readProblem ? { unreadable: readProblem } : {}) };
}

/** jsonc-parser's options for api-config.json: JSON.parse's rules (the tree is still built past a mistake). */
export const TOLERANT_PARSE_OPTIONS = { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false } as const;

/** The syntax errors users see for jsonc-parser's errors (offsets in `lines`' text). */
export function syntaxProblemsOf(parseErrors: readonly ParseError[], lines: LineIndex): SyntaxProblem[] {
  // jsonc-parser often reports one mistake twice at the same offset (a trailing comma is both
  // "property name expected" and "value expected"): users get the first.
  return parseErrors
    .filter((e, i) => i === 0 || e.offset !== parseErrors[i - 1]!.offset)
    .map((e) => ({ message: describeJsonSyntaxError(e, lines.text), range: lines.rangeOf(e.offset, Math.max(e.length, 1)) }));
}

/** Deeper documents are refused before parsing: recursive walkers (ours, jsonc-parser's) must never overflow the stack. */
export const MAX_CONFIG_DEPTH = 256;

/** Bracket depth outside strings, in one pass without allocation. */
export function maxNestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

export function rangeOfNode(doc: { lines: LineIndex }, node: JsonNode): Range {
  return doc.lines.rangeOf(node.offset, node.length);
}

/** The `"key": value` property node of an object, or undefined. The last duplicate wins, as in JSON.parse. */
export function findProperty(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  let found: JsonNode | undefined;
  for (const prop of object.children) {
    const keyNode = prop.children?.[0];
    if (keyNode && keyNode.value === key) found = prop;
  }
  return found;
}

/** Up to this many properties, a repeated key is looked for pair by pair (no allocation); above, see shadowedProperties. */
export const SMALL_OBJECT = 16;

/**
 * Per property of an object, 1 when a later property repeats its key (JSON.parse keeps the last one): one pass from
 * the end with a set, so an object with thousands of keys costs thousands of steps, not millions.
 */
export function shadowedProperties(pairs: readonly JsonNode[]): Uint8Array {
  const out = new Uint8Array(pairs.length);
  const later = new Set<unknown>();
  for (let i = pairs.length - 1; i >= 0; i--) {
    const key = pairs[i]!.children?.[0]?.value;
    if (later.has(key)) out[i] = 1;
    else later.add(key);
  }
  return out;
}

/** Whether a property after `pairs[i]` repeats its key; `shadowed` is shadowedProperties(pairs) for a large object. */
export function isShadowed(pairs: readonly JsonNode[], i: number, shadowed: Uint8Array | undefined): boolean {
  if (shadowed) return shadowed[i] === 1;
  const key = pairs[i]!.children?.[0]?.value;
  for (let j = i + 1; j < pairs.length; j++) if (pairs[j]!.children?.[0]?.value === key) return true;
  return false;
}

/** shadowedProperties for objects above SMALL_OBJECT properties, else undefined (isShadowed then scans). */
export function shadowIndex(pairs: readonly JsonNode[]): Uint8Array | undefined {
  return pairs.length > SMALL_OBJECT ? shadowedProperties(pairs) : undefined;
}

/** The value node of `object[key]`. */
export function propertyValue(object: JsonNode | undefined, key: string): JsonNode | undefined {
  return findProperty(object, key)?.children?.[1];
}

/** Key node of a property node. */
export function propertyKey(prop: JsonNode): JsonNode | undefined {
  return prop.children?.[0];
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function nodeValue(node: JsonNode | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

export function arrayItems(node: JsonNode | undefined): JsonNode[] {
  return node && node.type === 'array' ? node.children ?? [] : [];
}

export function objectProperties(node: JsonNode | undefined): { key: string; keyNode: JsonNode; value: JsonNode | undefined; prop: JsonNode }[] {
  if (!node || node.type !== 'object') return [];
  const out = [];
  for (const prop of node.children ?? []) {
    const keyNode = prop.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    out.push({ key: keyNode.value, keyNode, value: prop.children?.[1], prop });
  }
  return out;
}

export function nodeAtPointer(root: JsonNode | undefined, pointer: string): JsonNode | undefined {
  if (!root) return undefined;
  if (pointer === '' || pointer === '/') return root;
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return findNodeAtLocation(root, segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
}

/** JSON pointer (RFC 6901) of a value node, e.g. `/paths/3/integration/binding`. */
export function pointerOf(node: JsonNode): string {
  let pointer = '';
  let current: JsonNode = node;
  while (current.parent) {
    const parent: JsonNode = current.parent;
    if (parent.type === 'property') {
      pointer = `/${escapePointerSegment(String(parent.children?.[0]?.value))}${pointer}`;
      if (!parent.parent) break;
      current = parent.parent;
    } else {
      if (parent.type === 'array') pointer = `/${indexInParent(parent, current)}${pointer}`;
      current = parent;
    }
  }
  return pointer;
}

function escapePointerSegment(key: string): string {
  return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Index of `child` among its parent's children, by binary search on offsets (`indexOf` would scan 10,000 routes). */
export function indexInParent(parent: JsonNode, child: JsonNode): number {
  const children = parent.children ?? [];
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = children[mid]!;
    if (at === child) return mid;
    if (at.offset < child.offset) low = mid + 1;
    else high = mid - 1;
  }
  return children.indexOf(child);
}

/** The child whose text holds `offset`, by binary search (children are in offset order). */
export function childAtOffset(node: JsonNode, offset: number): JsonNode | undefined {
  const children = node.children;
  if (!children) return undefined;
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid]!;
    if (offset < child.offset) high = mid - 1;
    else if (offset >= child.offset + child.length) low = mid + 1;
    else return child;
  }
  return undefined;
}

/** The string node (key or value) whose text holds `offset`, descending from `root`. */
export function stringNodeAt(root: JsonNode, offset: number): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  while (node && node.type !== 'string') node = childAtOffset(node, offset);
  return node;
}
