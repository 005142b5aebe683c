// Re-parsing api-config.json after an edit without re-parsing all of it: the smallest node that encloses the
// edit is parsed again on its own and spliced into the old tree, and the nodes after it are shifted. When that
// node is an array (an edit between or across its elements: a route deleted, pasted or moved), only the elements
// the edit touches are parsed again.
// Unchanged subtrees keep their identity, which is what lets the analysis re-use per-route results.
// While the user types, the JSON is often broken: an object or array around the edit whose new text parses on its
// own (jsonc-parser's tolerant parse, its mistakes all inside it) is spliced in the same way, with those mistakes as
// the document's syntax errors, instead of a tolerant parse of the whole file.
// Anything the splice cannot prove equal to a full parse falls back to one.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ConfigDocument } from '../model';
import { detached } from '../text/detached-string';
import { LineIndex } from '../text/line-index';
import { lowerBoundBy } from '../text/lower-bound';
import { childAtOffset, MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH, maxNestingDepth, parseConfigDocument, syntaxProblemsOf, TOLERANT_PARSE_OPTIONS } from './config-document';
import { markEditedUpwards } from './edit-stamps';
import { parseJsonElementsStrict, parseJsonTreeStrict } from './fast-json-tree';

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
  // What makes a file unreadable is decided by the full parse (its size, NUL bytes, U+FFFD).
  if (!doc.root || doc.unreadable || text.length > MAX_CONFIG_BYTES || change.newText.includes('\u0000')) return { doc: parseConfigDocument(doc.file, text) };
  const target = enclosingContainer(doc.root, change.start, change.end);
  if (!target || !target.parent) return { doc: parseConfigDocument(doc.file, text) };
  const delta = change.newText.length - (change.end - change.start);
  // Nesting past what a full parse reads (MAX_CONFIG_DEPTH) makes the file unreadable there too: the full parse says
  // so. Only new brackets can nest deeper (typing mostly brings none, and the enclosing stretch may be all of `paths`).
  if (/[[{]/.test(change.newText) && containersAbove(target) + maxNestingDepth(text.slice(target.offset, target.offset + target.length + delta)) > MAX_CONFIG_DEPTH) {
    return { doc: parseConfigDocument(doc.file, text) };
  }
  if (doc.syntaxErrors.length === 0) {
    if (target.type === 'array') {
      // Elements that do not parse as a run leave the array broken (or changed past its bounds): the whole of it would
      // not parse either, and strictly parsing `paths` up to the mistake costs as much as a full parse.
      if (spliceElements(doc.root, target, text, change, delta)) return { doc: editedDocument(doc, text, change), reparsedNode: target };
    } else {
      const replacement = parseJsonTreeStrict(text, target.offset, target.offset + target.length + delta);
      if (replacement && replaceNode(doc.root, target, replacement, delta)) return { doc: editedDocument(doc, text, change), reparsedNode: replacement };
    }
  }
  for (let container: JsonNode | undefined = target, level = 0; container?.parent && level < MAX_TOLERANT_LEVELS; container = containerAbove(container), level++) {
    const spliced = (container.type === 'array' ? spliceStretchTolerantly(doc, container, text, change, delta) : undefined) ?? spliceTolerantly(doc, container, text, change, delta);
    if (spliced) return spliced;
  }
  return { doc: parseConfigDocument(doc.file, text) };
}

/**
 * `replacement` (parsed at its new offsets) takes `target`'s place in the tree; false (nothing changed) if it cannot.
 * `replacementNodes`: its nodes in document order, when the caller has them already.
 */
function replaceNode(root: JsonNode, target: JsonNode, replacement: JsonNode, delta: number, replacementNodes?: MutableNode[]): boolean {
  const parent = target.parent!;
  const siblings = parent.children!;
  const index = siblings.indexOf(target);
  if (index < 0 || !replaceInOrder(root, target, replacement, delta, replacementNodes)) return false;
  (replacement as MutableNode).parent = parent;
  siblings[index] = replacement;
  // The ancestors keep their identity but not their text: per-route caches must see that.
  markEditedUpwards(parent);
  return true;
}

/** The document after a change spliced into its tree (which stays `doc.root`, edited in place). */
function editedDocument(doc: ConfigDocument, text: string, change: TextChange, parseErrors: ParseError[] = []): ConfigDocument {
  const lines = LineIndex.afterEdit(doc.lines, text, change.start, change.end, change.newText.length);
  return { file: doc.file, text, lines, root: doc.root, syntaxErrors: parseErrors.length === 0 ? [] : syntaxProblemsOf(parseErrors, lines), parseErrors };
}

/** Objects and arrays tried for a tolerant splice, from the one around the edit outwards (a route is a few levels up). */
const MAX_TOLERANT_LEVELS = 4;
/**
 * Larger ones are not tried: a failed try costs a parse of that size, and a success on (say) all of `paths` would
 * renew every route in it, which saves the analysis nothing over a full parse.
 */
const MAX_TOLERANT_LENGTH = 64 * 1024;
/** How many elements either end of a stretch is moved out past separators with an old mistake in them. */
const MAX_STRETCH_MOVES = 8;

/** Mistakes after which jsonc-parser's parse of a stretch depends on what follows it (it ran to the stretch's end). */
const SPILLING_ERRORS: ReadonlySet<string> = new Set(['CloseBraceExpected', 'CloseBracketExpected', 'UnexpectedEndOfString', 'UnexpectedEndOfComment', 'EndOfFileExpected']);

function containerAbove(node: JsonNode): JsonNode | undefined {
  let above = node.parent;
  while (above && above.type !== 'object' && above.type !== 'array') above = above.parent;
  return above;
}

/**
 * The edited `target` (an object or array strictly around the edit) parsed again on its own with jsonc-parser's
 * tolerant parse and spliced in, when that is what a full parse would give: the new text still opens and closes it
 * with no mistake running past its end. The parse reaches it as before (the text before it is unchanged, and it was
 * a value of its own), leaves it where it left it before, and goes on as before; so the document's mistakes are the
 * old ones before it, its own, and the old ones after it (moved by the edit). An old mistake across its boundary
 * (or whose place in that order is unclear) makes a full parse.
 */
function spliceTolerantly(doc: ConfigDocument, target: JsonNode, text: string, change: TextChange, delta: number): { doc: ConfigDocument; reparsedNode: JsonNode } | undefined {
  const start = target.offset;
  const oldEnd = target.offset + target.length;
  // A value that runs to the end of the file may be unclosed: mistakes reported there could be its own.
  if (target.length > MAX_TOLERANT_LENGTH || oldEnd === doc.text.length) return undefined;
  const before: ParseError[] = [];
  const after: ParseError[] = [];
  for (const e of doc.parseErrors) {
    // A mistake on the opening token is the enclosing value's (e.g. a missing comma before it).
    if (e.offset + e.length <= start || e.offset === start) before.push(e);
    else if (e.offset >= oldEnd) after.push({ ...e, offset: e.offset + delta });
    else if (e.offset + e.length > oldEnd) return undefined;
  }
  const end = oldEnd + delta;
  // A stretch that no longer ends with its closer cannot parse on its own (a cheap way out before parsing).
  const closer = target.type === 'object' ? 0x7d /* } */ : 0x5d; /* ] */
  if (text.charCodeAt(end - 1) !== closer) return undefined;
  const slice = text.slice(start, end);
  const { parsed, errors } = parseAloneUnder(target.parent, slice);
  if (!parsed || parsed.type !== target.type || parsed.offset !== 0 || parsed.length !== slice.length) return undefined;
  for (const e of errors) if (SPILLING_ERRORS.has(printParseErrorCode(e.error))) return undefined;
  const nodes: MutableNode[] = [];
  preOrder(parsed, nodes);
  moveParsed(nodes, errors, start);
  if (!replaceNode(doc.root!, target, parsed, delta, nodes)) return undefined;
  const parseErrors = before.length + after.length === 0 ? errors : [...before, ...errors, ...after];
  return { doc: editedDocument(doc, text, change, parseErrors), reparsedNode: parsed };
}

/**
 * jsonc-parser's tolerant parse of `slice` alone, for a splice below `parent`, from a copy (its values are views
 * into what it parses, and spliced nodes outlive the text); no tree when the nesting there would pass what a full
 * parse reads (MAX_CONFIG_DEPTH).
 */
function parseAloneUnder(parent: JsonNode | undefined, slice: string): { parsed: MutableNode | undefined; errors: ParseError[] } {
  const depth = parent ? containersAbove(parent) + (parent.type === 'object' || parent.type === 'array' ? 1 : 0) : 0;
  const copy = detached(slice);
  const errors: ParseError[] = [];
  if (depth + maxNestingDepth(copy) > MAX_CONFIG_DEPTH) return { parsed: undefined, errors };
  return { parsed: parseTree(copy, errors, TOLERANT_PARSE_OPTIONS) as MutableNode | undefined, errors };
}

/** Objects and arrays above `node` (itself not counted). */
function containersAbove(node: JsonNode): number {
  let depth = 0;
  for (let a = node.parent; a; a = a.parent) if (a.type === 'object' || a.type === 'array') depth++;
  return depth;
}

/** The nodes and mistakes of a slice's parse moved to where the slice sits in the file (`by` characters on). */
function moveParsed(nodes: readonly MutableNode[], errors: readonly ParseError[], by: number): void {
  for (const node of nodes) {
    node.offset += by;
    if (node.colonOffset !== undefined) node.colonOffset += by;
  }
  for (const e of errors) e.offset += by;
}

/**
 * The elements of `array` around an edit parsed again tolerantly on their own, when the array itself is too large to
 * (typing a new route into `paths` leaves the JSON broken between routes for a few keystrokes). The stretch runs from
 * the start of the element at or before the edit (or from `[`) to the start of the first element after it (or to
 * `]`). Before it the full parse is in the array, just past a comma (or `[`), about to read a value; the stretch is
 * parsed in that same state, between a dummy first element and a dummy last one (`[0,` stretch `0]`). When the dummy
 * after it is read as an element of the array with no mistake, the stretch left the parser in the array about to read
 * a value, as the old text did there, so a full parse would read on exactly as before, and the file's mistakes are
 * the old ones before the stretch, its own, and the old ones after it. Anything else (a string, comment or object left
 * open, a `]` that closes the array early, a missing comma) takes or trips over the dummy, and the caller falls back.
 */
function spliceStretchTolerantly(doc: ConfigDocument, array: JsonNode, text: string, change: TextChange, delta: number): { doc: ConfigDocument; reparsedNode: JsonNode } | undefined {
  const children = array.children;
  if (!children) return undefined;
  const n = children.length;
  const close = array.offset + array.length - 1;
  // An array that runs to the end of the file may not be closed by its last `]` (a value inside it may have taken it).
  if (close === doc.text.length - 1 || doc.text.charCodeAt(close) !== 0x5d /* ] */ || change.start <= array.offset || change.end > close) return undefined;
  // first: the last element starting at or before the edit (-1: none, the stretch starts after `[`);
  // last: the first element starting after it (n: none, the stretch runs to `]`).
  let first = lastStartingAtOrBefore(children, change.start);
  let last = first + 1;
  while (last < n && children[last]!.offset <= change.end) last++;
  // Where the stretch starts the parser must be just past a comma (or `[`), about to read a value, and where it ends
  // about to read the next element's first token; an old mistake in the separator at either end (a missing comma
  // about to be typed, an error in scanning that token) moves that end one element further out.
  const mistakeIn = (from: number, to: number) => doc.parseErrors.some((e) => e.offset >= from && e.offset <= to);
  const endOf = (k: number) => (k < 0 ? array.offset : children[k]!.offset + children[k]!.length);
  for (let moves = 0; first > 0 && mistakeIn(endOf(first - 1), children[first]!.offset); moves++) {
    if (moves === MAX_STRETCH_MOVES) return undefined;
    first--;
  }
  for (let moves = 0; last < n && mistakeIn(endOf(last - 1), children[last]!.offset); moves++) {
    if (moves === MAX_STRETCH_MOVES) return undefined;
    last++;
  }
  const start = first <= 0 ? array.offset + 1 : children[first]!.offset;
  const oldEnd = last < n ? children[last]!.offset : close;
  if (oldEnd + delta - start > MAX_TOLERANT_LENGTH) return undefined;
  const before: ParseError[] = [];
  const after: ParseError[] = [];
  for (const e of doc.parseErrors) {
    if (e.offset < start) before.push(e);
    else if (e.offset > oldEnd) after.push({ ...e, offset: e.offset + delta });
  }
  const opening = first <= 0 ? '[' : '[0,';
  const closing = last < n ? '0]' : ']';
  const stretchEnd = opening.length + (oldEnd + delta - start);
  const wrapped = opening + text.slice(start, oldEnd + delta) + closing;
  // The wrapper stands for `array` itself: the nesting it adds is the array's own level.
  const { parsed, errors } = parseAloneUnder(array.parent, wrapped);
  if (!parsed || parsed.type !== 'array' || parsed.offset !== 0 || parsed.length !== wrapped.length) return undefined;
  const elements = (parsed.children ?? []) as MutableNode[];
  const isDummy = (node: JsonNode | undefined, at: number) => node?.type === 'number' && node.offset === at && node.length === 1;
  if (opening.length > 1) elements.shift(); // always the `0` at 1: it is followed by a comma
  if (closing.length > 1 && !isDummy(elements.pop(), stretchEnd)) return undefined;
  for (const e of errors) if (e.offset >= stretchEnd) return undefined;
  const added: MutableNode[] = [];
  for (const element of elements) {
    element.parent = array;
    preOrder(element, added);
  }
  moveParsed(added, errors, start - opening.length);
  // The stretch's old elements are children[from, last); with none (an edit before the first), it goes before it.
  const from = Math.max(first, 0);
  const anchor = from < last ? children[from] : children[last];
  const order = orderOf(doc.root!, anchor ?? array);
  if (!order) return undefined;
  const removed: MutableNode[] = [];
  for (let k = from; k < last; k++) preOrder(children[k]!, removed);
  spliceOrder(doc.root!, order.nodes, anchor ? order.at : order.at + 1, removed.length, added, delta, array);
  // 64 KB of `1,` is 32,000 elements: past a few thousand, copy rather than spread them into a call.
  if (elements.length <= 4096) children.splice(from, last - from, ...elements);
  else (array as MutableNode).children = children.slice(0, from).concat(elements, children.slice(last));
  markEditedUpwards(array);
  return { doc: editedDocument(doc, text, change, [...before, ...errors, ...after]), reparsedNode: array };
}

/**
 * An edit inside `array` but in no element alone: re-parse just the elements it touches. Unit 0 is the space
 * after `[`, unit k + 1 is element k through the start of the next (its comma included) or through the `]`; the
 * units the edit touches are parsed again as a run of elements and take the old ones' place. False (nothing
 * changed) when the new text there is not such a run.
 */
function spliceElements(root: JsonNode, array: JsonNode, text: string, change: TextChange, delta: number): boolean {
  const children = array.children ?? [];
  const n = children.length;
  const close = array.offset + array.length - 1;
  const bound = (u: number): number => (u === 0 ? array.offset + 1 : u <= n ? children[u - 1]!.offset : close);
  /** The last unit that starts at or before `offset` (inside the brackets: unit 0 always does). */
  const unitAt = (offset: number): number => lastStartingAtOrBefore(children, offset) + 1;
  const first = unitAt(change.start);
  const last = unitAt(Math.max(change.start, change.end - 1));
  const closed = last === n;
  const from = Math.max(first - 1, 0);
  const to = last;
  const elements = parseJsonElementsStrict(text, bound(first), bound(last + 1) + delta, array, closed);
  if (!elements) return false;
  // Elements before the stretch end with a comma: the stretch must then end the array with an element.
  if (closed && first >= 2 && elements.length === 0) return false;
  // The stretch sits where its first old element was, or (nothing removed) before the next one or after `[`.
  const anchor = from < to ? children[from] : children[to];
  const order = orderOf(root, anchor ?? array);
  if (!order) return false;
  const removed: MutableNode[] = [];
  for (let k = from; k < to; k++) preOrder(children[k]!, removed);
  const added: MutableNode[] = [];
  for (const element of elements) preOrder(element, added);
  spliceOrder(root, order.nodes, anchor ? order.at : order.at + 1, removed.length, added, delta, array);
  // A spread of a whole pasted array could pass the engine's argument limit; past a few thousand, copy instead.
  if (elements.length <= 4096) children.splice(from, to - from, ...elements);
  else (array as MutableNode).children = children.slice(0, from).concat(elements, children.slice(to));
  markEditedUpwards(array);
  return true;
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

/** The index of the last of `elements` (in document order) that starts at or before `offset`, or -1. */
function lastStartingAtOrBefore(elements: readonly JsonNode[], offset: number): number {
  // Offsets are whole numbers: the first element starting after `offset` starts at `offset + 1` or later.
  return lowerBoundBy(elements, offset + 1, startOf) - 1;
}

function startOf(node: JsonNode): number {
  return node.offset;
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

/**
 * Every node of an edited tree in document order (pre-order), per root. After an edit the nodes behind it move by
 * the same delta: one loop over the end of this array does that ~3x faster than a walk down the tree (the loads do
 * not wait on each other), ~2 ms -> ~0.4 ms for the 110,000 nodes behind an edit in the middle of 10,000 paths.
 * Built at the first edit of a tree; the splice below is the only change made to a tree, and keeps it in step.
 */
const nodesInOrder = new WeakMap<JsonNode, MutableNode[]>();

function preOrder(node: JsonNode, out: MutableNode[]): void {
  // An explicit stack: a valid file may nest hundreds of levels.
  const stack: JsonNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n as MutableNode);
    const children = n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The index of `node` in `nodes` (sorted by offset; a property and its key share one), or -1. */
function indexInOrder(nodes: readonly JsonNode[], node: JsonNode): number {
  for (let i = lowerBoundBy(nodes, node.offset, startOf); i < nodes.length && nodes[i]!.offset === node.offset; i++) if (nodes[i] === node) return i;
  return -1;
}

/**
 * `replacement` (parsed at its new offsets) takes the place of `target`'s subtree in the document order, the
 * nodes after it move by `delta`, and the ancestors grow by it. Called before the tree itself is spliced; false
 * (nothing changed) if `target` is not in the tree.
 */
function replaceInOrder(root: JsonNode, target: JsonNode, replacement: JsonNode, delta: number, replacementNodes?: MutableNode[]): boolean {
  const order = orderOf(root, target);
  if (!order) return false;
  const removed: MutableNode[] = [];
  preOrder(target, removed);
  let added = replacementNodes;
  if (!added) preOrder(replacement, (added = []));
  spliceOrder(root, order.nodes, order.at, removed.length, added, delta, target.parent);
  return true;
}

/**
 * The document order of `root`'s tree (built again if it has none yet or lacks `node`) and where `node` sits in
 * it; undefined if `node` is not in the tree.
 */
function orderOf(root: JsonNode, node: JsonNode): { nodes: MutableNode[]; at: number } | undefined {
  const kept = nodesInOrder.get(root);
  const keptAt = kept ? indexInOrder(kept, node) : -1;
  if (kept && keptAt >= 0) return { nodes: kept, at: keptAt };
  const nodes: MutableNode[] = [];
  preOrder(root, nodes);
  nodesInOrder.set(root, nodes);
  const at = indexInOrder(nodes, node);
  return at >= 0 ? { nodes, at } : undefined;
}

/**
 * `added` (parsed at their new offsets) take the place of `removedCount` nodes at `at` in the document order, the
 * nodes after them move by `delta`, and `grown` and its ancestors grow by it.
 */
function spliceOrder(root: JsonNode, nodes: MutableNode[], at: number, removedCount: number, added: MutableNode[], delta: number, grown: JsonNode | undefined): void {
  if (added.length <= 4096 && removedCount <= 4096) nodes.splice(at, removedCount, ...added);
  else nodesInOrder.set(root, (nodes = nodes.slice(0, at).concat(added, nodes.slice(at + removedCount))));
  if (delta === 0) return;
  for (let a = grown; a; a = a.parent) (a as MutableNode).length += delta;
  for (let i = at + added.length; i < nodes.length; i++) nodes[i]!.offset += delta;
}
