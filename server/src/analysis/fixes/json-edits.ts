// Text edits on JSON/JSONC documents (api-config.json, wrangler.json[c], .sagrc.json) that keep every
// comment and the file's own indentation and line endings: jsonc-parser's `modify` computes minimal edits, and
// modifyJson formats what they insert (and nothing else).
import { format, modify, type Edit as JsonEdit, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import type { TextFileEdit } from '../findings';
import type { LineIndex } from '../text/line-index';
import { askOnce } from '../ask-once';

export interface JsonTextDocument {
  file: string;
  text: string;
  lines: LineIndex;
}

/** Indentation the document already uses (first indented line), defaulting to two spaces. */
export function detectIndent(doc: { text: string; lines: LineIndex }): { tabSize: number; insertSpaces: boolean } {
  // Kept per text (its line index): a fix per finding asks, and in a file without an indented line (minified) the
  // search reads all of it each time.
  return askOnce(doc.lines, 'indent', () => indentOf(doc.text));
}

function indentOf(text: string): { tabSize: number; insertSpaces: boolean } {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match) return { tabSize: 2, insertSpaces: true };
  const indent = match[1]!;
  if (indent.startsWith('\t')) return { tabSize: 1, insertSpaces: false };
  return { tabSize: indent.length, insertSpaces: true };
}

function toTextEdits(doc: JsonTextDocument, edits: JsonEdit[]): TextFileEdit[] {
  return edits.map((e) => ({ file: doc.file, range: doc.lines.rangeOf(e.offset, e.length), newText: e.content }));
}

/** Set (insert or replace) the value at `path`; `undefined` removes it. Arrays: use index -1 to append. */
export function setJsonValue(doc: JsonTextDocument, path: JSONPath, value: unknown, options: { isArrayInsertion?: boolean } = {}): TextFileEdit[] {
  const edits = modifyJson(doc.text, path, value, { ...detectIndent(doc), eol: doc.lines.eol }, options.isArrayInsertion ?? false);
  return toTextEdits(doc, edits);
}

export interface JsonLayout {
  tabSize: number;
  insertSpaces: boolean;
  eol: string;
}

/**
 * jsonc-parser's `modify`, formatting only what it inserts. `modify` given formatting options re-formats the whole
 * line around the change, and applies its formatting edits to the whole text one at a time: in a minified config
 * (one line) that rewrites every byte of the file, in time quadratic in its length (200,000 keys: minutes).
 * Throws where `modify` does (a path through a value of another type).
 */
export function modifyJson(text: string, path: JSONPath, value: unknown, layout: JsonLayout, isArrayInsertion = false): JsonEdit[] {
  const edits = modify(text, path, value, { isArrayInsertion });
  // A minified text gets the insertion as compact as itself. A stub without line breaks (`{}`) is no minified
  // file, though: formatted, the insertion reads as a person would have typed it.
  if (text.length > MAX_STUB_LENGTH && !/[\r\n]/.test(text)) return edits;
  return edits.map((edit) => formattedInsertion(text, edit, layout));
}

const MAX_STUB_LENGTH = 80;

/**
 * `edit` with its inserted text formatted, and the breaks between it and its neighbours (a removal leaves only
 * those: `modify` removes the first property up to the next one and counts on formatting to break the line again).
 */
function formattedInsertion(text: string, edit: JsonEdit, layout: JsonLayout): JsonEdit {
  const next = text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
  const start = edit.offset;
  const end = start + edit.content.length;
  // One character further on each side: format() keeps only the edits that overlap its range, and the break after
  // an opening bracket (or before a closing one) is an empty stretch right at the edge. Never half a CRLF: format()
  // reads the lines its range touches, and would see a lone CR.
  const from = Math.max(0, start - 1);
  let to = Math.min(next.length, end + 1);
  if (next.charCodeAt(to - 1) === 13 && next.charCodeAt(to) === 10) to++;
  const formatting = format(next, { offset: from, length: to - from }, { ...layout, keepLines: false });
  let lo = start;
  let hi = end;
  for (const f of formatting) {
    lo = Math.min(lo, f.offset);
    hi = Math.max(hi, f.offset + f.length);
  }
  let content = '';
  let at = lo;
  for (const f of [...formatting].sort((a, b) => a.offset - b.offset)) {
    content += next.slice(at, f.offset) + f.content;
    at = f.offset + f.length;
  }
  content += next.slice(at, hi);
  // [lo, hi) of the new text is [lo, hi - growth) of the old one: nothing before `start` moved.
  return { offset: lo, length: hi - lo - (edit.content.length - edit.length), content };
}

/** Replace one node's text verbatim (e.g. a string value, keeping everything around it). */
export function replaceNode(doc: JsonTextDocument, node: JsonNode, newText: string): TextFileEdit {
  return { file: doc.file, range: doc.lines.rangeOf(node.offset, node.length), newText };
}

/** Replace a string node with another string value (JSON-escaped). */
export function replaceString(doc: JsonTextDocument, node: JsonNode, value: string): TextFileEdit {
  return replaceNode(doc, node, JSON.stringify(value));
}

/** Rename a property: only the key's text changes, so the value and its comments stay untouched. */
export function renameKey(doc: JsonTextDocument, keyNode: JsonNode, newKey: string): TextFileEdit {
  return replaceNode(doc, keyNode, JSON.stringify(newKey));
}

/** Apply text edits to a text (used by `--fix`, tests and the LSP tests). Edits must not overlap. */
export function applyTextEdits(text: string, lines: LineIndex, edits: { range: TextFileEdit['range']; newText: string }[]): string {
  // The new text is assembled once, front to back, from the old text's pieces and the edits' texts: spliced in one
  // edit after the other, each splice copied the whole text (7,500 fixes of a 1 MB file took 11 s). At one offset,
  // an insertion goes before a replacement that starts there (as splicing from the back applied them).
  const withOffsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: string[] = [];
  let done = 0;
  for (const e of withOffsets) {
    if (e.start > done) pieces.push(text.slice(done, e.start));
    pieces.push(e.newText);
    if (e.end > done) done = e.end;
  }
  pieces.push(text.slice(done));
  return pieces.join('');
}
