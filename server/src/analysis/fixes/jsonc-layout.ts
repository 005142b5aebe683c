// Insertions into wrangler.json / wrangler.jsonc that touch nothing but the new text: an array element after the
// last one, a property after the last one. jsonc-parser's `modify` re-formats the neighbouring element and moves
// end-of-line comments, so these helpers place the text at line ends themselves, in the file's own layout.
import { askOnce } from '../ask-once';
import { lineIndentAt } from '../text/line-prefix';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { TextFileEdit } from '../findings';
import { detectIndent, type JsonTextDocument } from './json-edits';
import { withoutByteOrderMark } from '../text/byte-order-mark';
import { endOfTrailingComments, isLineEnd, skipBlanks, skipJsoncTrivia } from '../text/line-end';

/** The document's tree, parsed once per text (its line index): a fix per finding asks, thousands in a large file. */
function tree(doc: JsonTextDocument): JsonNode | undefined {
  return askOnce(doc.lines, 'jsonc tree', () => {
    try {
      // A byte order mark is no JSON token: read as the space it stands for (same offsets).
      return parseTree(withoutByteOrderMark(doc.text), [], { allowTrailingComma: true, disallowComments: false });
    } catch {
      return undefined;
    }
  });
}

/**
 * The node at `path` (the last property of a duplicated key, as wrangler reads it), with each object's keys
 * indexed once: a fix per finding looks a key up among thousands (`vars`, a thousand `env` sections).
 */
function nodeAt(root: JsonNode, path: readonly (string | number)[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
      continue;
    }
    if (node.type !== 'object') return undefined;
    const object: JsonNode = node;
    const keys = askOnce(object, 'keys', () => {
      const map = new Map<string, JsonNode>();
      for (const property of object.children ?? []) {
        const [key, value] = property.children ?? [];
        // The last of duplicate keys: the one JSON.parse, wrangler and the engine's model read.
        if (key && value && property.children!.length === 2 && typeof key.value === 'string') map.set(key.value, value);
      }
      return map;
    });
    node = keys.get(segment);
  }
  return node;
}

/** Whether the document holds a value at `path` (parsed once per text). */
export function hasJsonNodeAt(doc: JsonTextDocument, path: readonly (string | number)[]): boolean {
  const root = tree(doc);
  return root !== undefined && nodeAt(root, path) !== undefined;
}

function insertAt(doc: JsonTextDocument, offset: number, newText: string): TextFileEdit {
  const position = doc.lines.positionAt(offset);
  return { file: doc.file, range: { start: position, end: position }, newText };
}

function indentUnit(doc: JsonTextDocument): string {
  const { tabSize, insertSpaces } = detectIndent(doc);
  return insertSpaces ? ' '.repeat(tabSize) : '\t';
}

/** After a node: whether a comma follows it (past blanks and comments, `{ … } /* first *\/,`) and where it ends. */
function afterNode(text: string, end: number, limit: number): { comma: boolean; afterComma: number } {
  const i = skipJsoncTrivia(text, end, limit);
  if (text[i] === ',') return { comma: true, afterComma: i + 1 };
  return { comma: false, afterComma: end };
}

/** JSON text of a value: one line when `oneLine`, else pretty-printed and re-indented to sit at `indent`. */
function jsonText(value: unknown, oneLine: boolean, indent: string, unit: string, eol: string): string {
  if (oneLine) return oneLineJson(value);
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}

function oneLineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLineJson).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLineJson(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** Insert `piece` (one element or `"key": value`) after the last child of an array or object node. */
function appendChild(doc: JsonTextDocument, container: JsonNode, makePiece: (indent: string, oneLine: boolean) => string): TextFileEdit[] {
  const text = doc.text;
  const children = container.children ?? [];
  const last = children[children.length - 1];
  const closeOffset = container.offset + container.length - 1;
  const eol = doc.lines.eol;
  if (!last) {
    const openLine = lineIndentAt(doc.lines, container.offset);
    const multiLine = /[\r\n]/.test(text.slice(container.offset, closeOffset));
    if (!multiLine) {
      // Only blanks and comments lie between the brackets: blanks give way to the piece, a comment stays before it.
      let end = closeOffset;
      while (end > container.offset + 1 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      if (end === container.offset + 1) return [{ file: doc.file, range: doc.lines.rangeOf(container.offset + 1, closeOffset - container.offset - 1), newText: makePiece(openLine, true) }];
      return [insertAt(doc, end, ` ${makePiece(openLine, true)}${end === closeOffset ? ' ' : ''}`)];
    }
    const indent = openLine + indentUnit(doc);
    return [insertAt(doc, container.offset + 1, `${eol}${indent}${makePiece(indent, false)}`)];
  }
  const lastEnd = last.offset + last.length;
  const { comma, afterComma } = afterNode(text, lastEnd, closeOffset);
  // A line break between the last element and the closing bracket (looked for only there: in a minified file the
  // line runs to the end of the file), and one among the elements (asked once per container, not per fix).
  const multiLine = hasLineBreak(text, lastEnd, closeOffset) && askOnce(container, 'elements on lines', () => hasLineBreak(text, container.offset, last.offset));
  if (!multiLine) {
    const piece = makePiece('', true);
    return [comma ? insertAt(doc, afterComma, ` ${piece},`) : insertAt(doc, lastEnd, `, ${piece}`)];
  }
  const indent = lineIndentAt(doc.lines, last.offset);
  const oneLine = !/[\r\n]/.test(text.slice(last.offset, lastEnd));
  // At the end of the line, past the comments closed on it; before a comment that runs on to later lines (the new
  // piece would be inside it).
  const from = comma ? afterComma : lastEnd;
  const closed = endOfTrailingComments(text, from);
  const rest = skipBlanks(text, closed);
  const at = isLineEnd(text, rest) ? rest : closed;
  const line = `${eol}${indent}${makePiece(indent, oneLine)}${comma ? ',' : ''}`;
  // Two insertions at one offset would apply in an unspecified order, so a comma right before the line end joins the line.
  if (comma) return [insertAt(doc, at, line)];
  if (at === lastEnd) return [insertAt(doc, lastEnd, `,${line}`)];
  return [insertAt(doc, lastEnd, ','), insertAt(doc, at, line)];
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Append `value` to the array at `path`; when the array is missing, add the property holding `[value]`. */
export function appendToJsonArray(doc: JsonTextDocument, path: (string | number)[], value: unknown): TextFileEdit[] | undefined {
  const root = tree(doc);
  if (!root) return undefined;
  const array = nodeAt(root, path);
  if (!array) return setJsonProperty(doc, path, [value]);
  if (array.type !== 'array') return undefined;
  const unit = indentUnit(doc);
  return appendChild(doc, array, (indent, oneLine) => jsonText(value, oneLine, indent, unit, doc.lines.eol));
}

/**
 * Set the value at `path`: replace it when it exists, else add the property to the deepest existing object
 * (missing intermediate objects are written as part of the new value).
 */
export function setJsonProperty(doc: JsonTextDocument, path: (string | number)[], value: unknown): TextFileEdit[] | undefined {
  const root = tree(doc);
  if (!root || root.type !== 'object') return undefined;
  const existing = nodeAt(root, path);
  const unit = indentUnit(doc);
  if (existing) {
    const indent = lineIndentAt(doc.lines, existing.offset);
    return [{ file: doc.file, range: doc.lines.rangeOf(existing.offset, existing.length), newText: jsonText(value, false, indent, unit, doc.lines.eol) }];
  }
  let depth = path.length - 1;
  let parent = depth === 0 ? root : nodeAt(root, path.slice(0, depth));
  while (!parent && depth > 0) {
    depth--;
    parent = depth === 0 ? root : nodeAt(root, path.slice(0, depth));
  }
  if (!parent || parent.type !== 'object') return undefined;
  let nested: unknown = value;
  for (let i = path.length - 1; i > depth; i--) nested = { [path[i]!]: nested };
  const key = String(path[depth]!);
  return appendChild(doc, parent, (indent, oneLine) => `${JSON.stringify(key)}: ${jsonText(nested, oneLine, indent, unit, doc.lines.eol)}`);
}
