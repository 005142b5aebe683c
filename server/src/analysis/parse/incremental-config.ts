// Re-parsing api-config.json after an edit without re-parsing all of it: the smallest node that encloses the
// edit is parsed again on its own and spliced into the old tree, and the nodes after it are shifted.
// Unchanged subtrees keep their identity, which is what lets the analysis re-use per-route results.
// Anything the splice cannot prove correct (a syntax error, an edit across node boundaries) falls back to a full parse.
import type { Node as JsonNode } from 'jsonc-parser';
import type { ConfigDocument } from '../model';
import { LineIndex } from '../text/line-index';
import { childAtOffset, parseConfigDocument } from './config-document';
import { markEditedUpwards } from './edit-stamps';
import { parseJsonTreeStrict } from './fast-json-tree';

/** jsonc-parser declares Node fields readonly; the splice below is the one place that moves nodes in place. */
type MutableNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** A change in old-text offsets: [start, end) replaced by `newText`. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.start) + change.newText + text.slice(change.end);
}

/** The new document after `change`; `reparsedNode` is the node that was parsed again (undefined = full parse). */
export function updateConfigDocument(doc: ConfigDocument, change: TextChange): { doc: ConfigDocument; reparsedNode?: JsonNode } {
  const text = applyChange(doc.text, change);
  if (!doc.root || doc.syntaxErrors.length > 0 || doc.unreadable) return { doc: parseConfigDocument(doc.file, text) };
  const target = enclosingContainer(doc.root, change.start, change.end);
  if (!target || !target.parent) return { doc: parseConfigDocument(doc.file, text) };
  const delta = change.newText.length - (change.end - change.start);
  const replacement = parseJsonTreeStrict(text, target.offset, target.offset + target.length + delta);
  if (!replacement) return { doc: parseConfigDocument(doc.file, text) };

  const parent = target.parent;
  const siblings = parent.children!;
  const index = siblings.indexOf(target);
  if (index < 0) return { doc: parseConfigDocument(doc.file, text) };
  (replacement as MutableNode).parent = parent;
  siblings[index] = replacement;
  // The ancestors keep their identity but not their text: per-route caches must see that.
  markEditedUpwards(parent);
  const oldEnd = target.offset + target.length;
  if (delta !== 0) {
    shiftAfter(doc.root, oldEnd, delta, replacement);
  }
  const next: ConfigDocument = {
    file: doc.file,
    text,
    lines: LineIndex.afterEdit(doc.lines, text, change.start, change.end, change.newText.length),
    root: doc.root,
    syntaxErrors: [],
    parseErrors: [],
  };
  return { doc: next, reparsedNode: replacement };
}

/**
 * The smallest object or array whose inside (between its brackets) holds the whole edit, so that
 * re-parsing it alone is equivalent to re-parsing the file. Keys and scalars are never the target:
 * an edit inside a string might turn it into two tokens.
 */
function enclosingContainer(root: JsonNode, start: number, end: number): JsonNode | undefined {
  let best: JsonNode | undefined;
  let node: JsonNode | undefined = root;
  while (node) {
    if ((node.type === 'object' || node.type === 'array') && start > node.offset && end < node.offset + node.length) best = node;
    else if (node !== root) break;
    node = childContaining(node, start, end);
  }
  return best;
}

function childContaining(node: JsonNode, start: number, end: number): JsonNode | undefined {
  const child = childAtOffset(node, start);
  if (!child || !containsRange(child, start, end)) return undefined;
  if (child.type !== 'property') return child;
  const value = child.children?.[1];
  return value && containsRange(value, start, end) ? value : undefined;
}

function containsRange(node: JsonNode, start: number, end: number): boolean {
  return start >= node.offset && end <= node.offset + node.length;
}

/** Shift every node that starts at or after `from` by `delta`, and grow the ancestors of `changed`. */
function shiftAfter(root: JsonNode, from: number, delta: number, changed: JsonNode): void {
  for (let a = changed.parent; a; a = a.parent) (a as MutableNode).length += delta;
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === changed) continue;
    const children = node.children;
    if (node.offset >= from) {
      shiftSubtree(node, delta);
      continue;
    }
    if (children) for (const child of children) if (child.offset + child.length >= from || child.offset >= from) stack.push(child);
  }
}

/** Recursive while shallow (it beats an explicit stack), with a stack below that: a valid file may nest deeply. */
function shiftSubtree(node: JsonNode, delta: number, depth = 0): void {
  const n = node as MutableNode;
  n.offset += delta;
  const children = n.children;
  if (children === undefined) return;
  if (depth < MAX_RECURSION) for (let i = 0; i < children.length; i++) shiftSubtree(children[i]!, delta, depth + 1);
  else for (const child of children) shiftDeepSubtree(child, delta);
}

const MAX_RECURSION = 64;

function shiftDeepSubtree(node: JsonNode, delta: number): void {
  const stack: JsonNode[] = [node];
  while (stack.length) {
    const n = stack.pop()! as MutableNode;
    n.offset += delta;
    if (n.children) for (const c of n.children) stack.push(c);
  }
}
