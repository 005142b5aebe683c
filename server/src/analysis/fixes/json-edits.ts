// Text edits on JSON/JSONC documents (api-config.json, wrangler.json[c], .sagrc.json) that keep every
// comment and the file's own indentation and line endings: jsonc-parser's `modify` computes minimal edits.
import { modify, type Edit as JsonEdit, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
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
  const { tabSize, insertSpaces } = detectIndent(doc);
  const edits = modify(doc.text, path, value, {
    formattingOptions: { tabSize, insertSpaces, eol: doc.lines.eol, keepLines: true },
    isArrayInsertion: options.isArrayInsertion ?? false,
  });
  return toTextEdits(doc, edits);
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
  const withOffsets = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
