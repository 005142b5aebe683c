// Where the cursor is in api-config.json, read from the parsed tree (never a rescan of a 3 MB text): the node under
// it (binary search down the tree), its JSON path, whether a key or a value is being typed, what was typed so far
// and what a completion replaces. Works inside unterminated strings and after a colon with no value yet.
import type { Position, Range } from '../findings';
import type { ConfigDocument } from '../model';
import type { JsonNode } from '../parse/config-document';
import { indexInParent } from '../parse/config-document';

export type JsonPath = (string | number)[];

interface CursorBase {
  offset: number;
  /** What was typed before the cursor: a string's content up to the cursor, or the bare word. */
  prefix: string;
  /** What a completion replaces: the whole string content (without quotes) or the bare word. */
  replaceRange: Range;
  /** true inside quotes (insert bare text); false where a completion must bring its own quotes. */
  inString: boolean;
}

/** A property name is being typed in `object` (at `objectPath`). */
export interface KeyCursor extends CursorBase {
  at: 'key';
  objectPath: JsonPath;
  object: JsonNode;
  /** The key string node when the cursor is inside one. */
  keyNode?: JsonNode;
}

/** A value is being typed at `path` (a property value, or a new or existing array item). */
export interface ValueCursor extends CursorBase {
  at: 'value';
  path: JsonPath;
  /** The value node under the cursor, when there is one. */
  node?: JsonNode;
}

export type JsonCursor = KeyCursor | ValueCursor;

/** Deepest node whose span holds `offset` (right bound included), by binary search over each level's children. */
export function nodeAtOffset(root: JsonNode | undefined, offset: number): JsonNode | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    let low = 0;
    let high = children.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (children[mid]!.offset <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    const child = found >= 0 ? children[found]! : undefined;
    if (!child || offset > child.offset + child.length) return node;
    node = child;
  }
}

/** JSON path of a value node (`['paths', 3, 'integration', 'binding']`). */
export function pathOf(node: JsonNode): JsonPath {
  const path: JsonPath = [];
  let current: JsonNode = node;
  while (current.parent) {
    const parent: JsonNode = current.parent;
    if (parent.type === 'property') {
      const key = parent.children?.[0]?.value;
      path.push(typeof key === 'string' ? key : String(key));
      if (!parent.parent) break;
      current = parent.parent;
    } else {
      if (parent.type === 'array') path.push(indexInParent(parent, current));
      current = parent;
    }
  }
  return path.reverse();
}

/** What a bare word typed outside quotes may hold; never a brace: `{|}` just typed is no word to replace. */
const WORD_CHAR = /[A-Za-z0-9_$.\-/+*]/;

/** The string node ends with its closing quote: a `"` after an even run of backslashes (`"C:\\"` is closed). */
function isClosedString(doc: ConfigDocument, node: JsonNode): boolean {
  const text = doc.text;
  const quote = node.offset + node.length - 1;
  if (node.length < 2 || text.charCodeAt(quote) !== 34) return false;
  let backslashes = 0;
  for (let i = quote - 1; i > node.offset && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Content range of a string node: between the quotes (an unterminated string runs to its end). */
export function stringContent(doc: ConfigDocument, node: JsonNode): { start: number; end: number } {
  const end = isClosedString(doc, node) ? node.offset + node.length - 1 : node.offset + node.length;
  return { start: node.offset + 1, end: Math.max(node.offset + 1, end) };
}

function previousNonBlank(text: string, from: number): number {
  let i = from - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

export function jsonCursor(doc: ConfigDocument, position: Position): JsonCursor | undefined {
  const root = doc.root;
  if (!root) return undefined;
  const text = doc.text;
  const offset = doc.lines.offsetAt(position);
  const node = nodeAtOffset(root, offset);
  if (!node) return undefined;
  if (node.type === 'string' && offset > node.offset) {
    const content = stringContent(doc, node);
    if (offset > content.end) return undefined; // after the closing quote
    const base = { offset, prefix: text.slice(content.start, offset), replaceRange: doc.lines.rangeOf(content.start, content.end - content.start), inString: true };
    const parent = node.parent;
    if (parent?.type === 'property' && parent.children?.[0] === node) {
      const object = parent.parent;
      if (!object) return undefined;
      return { ...base, at: 'key', objectPath: pathOf(object), object, keyNode: node };
    }
    return { ...base, at: 'value', path: pathOf(node), node };
  }
  // Outside quotes: the bare word the user typed (or nothing), then what stands before it.
  let wordStart = offset;
  while (wordStart > 0 && WORD_CHAR.test(text[wordStart - 1]!)) wordStart--;
  const bare = { offset, prefix: text.slice(wordStart, offset), replaceRange: doc.lines.rangeOf(wordStart, offset - wordStart), inString: false };
  if (node.type === 'number' || node.type === 'boolean' || node.type === 'null') {
    return { ...bare, at: 'value', path: pathOf(node), node };
  }
  const before = previousNonBlank(text, wordStart);
  const object = node.type === 'property' ? node.parent : node.type === 'object' ? node : undefined;
  if (object?.type === 'object') {
    if (text[before] === ':') {
      const prop = propertyBefore(object, before);
      const key = prop?.children?.[0]?.value;
      if (typeof key !== 'string') return undefined;
      return { ...bare, at: 'value', path: [...pathOf(object), key] };
    }
    if (text[before] === '{' || text[before] === ',' || (node.type === 'object' && before < object.offset + 1)) {
      return { ...bare, at: 'key', objectPath: pathOf(object), object };
    }
    return undefined;
  }
  if (node.type === 'array') {
    const children = node.children ?? [];
    let index = 0;
    while (index < children.length && children[index]!.offset < offset) index++;
    return { ...bare, at: 'value', path: [...pathOf(node), index] };
  }
  return undefined;
}

/** The last property of `object` that starts before `offset`. */
function propertyBefore(object: JsonNode, offset: number): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const child of object.children ?? []) {
    if (child.offset >= offset) break;
    found = child;
  }
  return found;
}
