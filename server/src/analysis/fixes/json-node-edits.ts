// O(1) edits on api-config.json nodes the rules already hold: remove an array item or a property, insert an
// object after an array item. `setJsonValue` (json-edits.ts) re-parses the whole text per call, too slow for many
// findings in a 10,000-route file.
import type { TextFileEdit } from '../findings';
import type { JsonTextDocument } from './json-edits';
import { detectIndent } from './json-edits';
import { indexInParent, type JsonNode } from '../parse/config-document';
import { endOfCommentAt, endOfTrailingComment, endOfTrailingComments, isLineEnd, lineBreakAt, skipBlanks, skipWhitespace } from '../text/line-end';
import { leadingWhitespace, lineStartBefore } from '../text/line-prefix';

/**
 * Remove one element of an array, or one property of an object (pass the property node), with its comma. An item
 * on lines of its own goes with those lines; comments on them are its own, and a comment after the previous item's
 * comma stays with that item.
 */
export function removeSiblingEdit(doc: JsonTextDocument, node: JsonNode): TextFileEdit {
  const text = doc.text;
  const siblings = node.parent?.children ?? [];
  // By binary search: a linear indexOf per deleted route made the fixes of 150,000 duplicates quadratic.
  const at = node.parent ? indexInParent(node.parent, node) : -1;
  const nodeEnd = node.offset + node.length;
  const next = at >= 0 ? siblings[at + 1] : undefined;
  const edit = (start: number, end: number, newText = ''): TextFileEdit => ({ file: doc.file, range: doc.lines.rangeOf(start, end - start), newText });
  if (next) {
    const comma = skipBlanks(text, nodeEnd);
    if (text.charCodeAt(comma) !== 44) return edit(node.offset, next.offset);
    const lineStart = lineStartBefore(text, node.offset);
    const lineEnd = lineStart === undefined ? undefined : endOfLineAfter(text, comma + 1);
    if (lineStart !== undefined && lineEnd !== undefined) return edit(lineStart, lineEnd);
    // Sharing a line with other items: the item, its comma and the spaces after it.
    return edit(node.offset, skipBlanks(text, comma + 1));
  }
  if (at > 0) {
    const previous = siblings[at - 1]!;
    const start = previous.offset + previous.length;
    // The last item: from the previous item's end, so its comma goes too; comments around that comma stay, on a
    // line of their own when the item's line goes on (`]`, `}`), which a line comment would otherwise swallow. An
    // item that starts its line takes the comments after it on that line: they are about it.
    const end = lineStartBefore(text, node.offset) === undefined ? nodeEnd : endOfTrailingComments(text, pastComma(text, nodeEnd));
    const comments = commentsAroundComma(text, start, node.offset);
    let kept = comments?.text ?? '';
    if (comments?.endsWithLineComment && lineGoesOn(text, end)) kept += lineBreakAt(text, start);
    return edit(start, end, kept);
  }
  return edit(node.offset, nodeEnd);
}

/** Something other than spaces follows `offset` on its line. */
function lineGoesOn(text: string, offset: number): boolean {
  return !isLineEnd(text, skipBlanks(text, offset));
}

/** Just past the line break ending the line `from` is on, when the rest of it is blank or comments closed there. */
function endOfLineAfter(text: string, from: number): number | undefined {
  const at = skipBlanks(text, endOfTrailingComments(text, from));
  const c = text[at];
  if (c === '\n') return at + 1;
  if (c === '\r') return text[at + 1] === '\n' ? at + 2 : at + 1;
  return undefined;
}

/** Past the comma after `offset` (a last item's trailing comma in JSONC), or `offset` when none follows. */
function pastComma(text: string, offset: number): number {
  const at = skipBlanks(text, offset);
  return text.charCodeAt(at) === 44 ? at + 1 : offset;
}

/**
 * The comments after `item` and its comma on its line that removeSiblingEdit removes with it (`, // about it`),
 * as written: a move takes them along. Empty when the item shares its line or its line goes on after them.
 */
function ownTrailingComments(text: string, item: JsonNode, isLast: boolean): string {
  if (lineStartBefore(text, item.offset) === undefined) return '';
  const from = pastComma(text, item.offset + item.length);
  const end = endOfTrailingComments(text, from);
  if (!isLast && endOfLineAfter(text, from) === undefined) return '';
  return text.slice(from, end);
}

/**
 * `text[from..limit]` is the comma between two items, with comments about the item before it around: before the
 * comma (`1 /* one *\/,`, or a line comment with the comma on the next line) and after it on its line. Those
 * comments as written, without the comma, and whether a line comment ends them; undefined when none.
 */
function commentsAroundComma(text: string, from: number, limit: number): { text: string; endsWithLineComment: boolean } | undefined {
  let comma = from;
  let beforeEnd = from;
  let lineCommentBefore = false;
  for (;;) {
    comma = skipWhitespace(text, comma);
    const next = endOfCommentAt(text, comma, limit);
    if (next === comma) break;
    lineCommentBefore = text[comma + 1] === '/';
    beforeEnd = comma = next;
  }
  if (text.charCodeAt(comma) !== 44) return undefined;
  let end = comma + 1;
  let endsWithLineComment = false;
  while (!endsWithLineComment) {
    const next = endOfTrailingComment(text, end);
    if (next === end || next > limit) break;
    endsWithLineComment = text.startsWith('//', skipBlanks(text, end));
    end = next;
  }
  if (end === comma + 1 && beforeEnd === from) return undefined;
  if (end === comma + 1) return { text: text.slice(from, lineCommentBefore ? beforeEnd : comma), endsWithLineComment: lineCommentBefore };
  return { text: text.slice(from, comma) + text.slice(comma + 1, end), endsWithLineComment };
}

/** The line break before the line that starts at `lineStart` (`\r\n`, `\r` or `\n`; `\n` on the first line). */
function lineBreakBefore(text: string, lineStart: number): string {
  if (text.charCodeAt(lineStart - 1) === 13) return '\r';
  return text.charCodeAt(lineStart - 2) === 13 ? '\r\n' : '\n';
}

/**
 * Insert a new object element right after the array element `item`, indented like `item`. `members` are
 * `[key, raw JSON text]` pairs: raw texts (e.g. another node's text, copied verbatim) keep their own formatting.
 */
export function insertObjectAfterEdit(doc: JsonTextDocument, item: JsonNode, members: [string, string][]): TextFileEdit {
  const end = item.offset + item.length;
  const before = leadingWhitespace(doc.text, item.offset);
  // An item that shares its line with other text (a one-line array, a minified file) gets a one-line sibling; so
  // does one after a lone \r, whose line ending the new lines could not copy.
  if (before === undefined || doc.text.charCodeAt(item.offset - before.length - 1) === 13) {
    return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `, { ${members.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')} }` };
  }
  const { tabSize, insertSpaces } = detectIndent(doc);
  const inner = before + (insertSpaces ? ' '.repeat(tabSize) : '\t');
  // The item's own line ending (`lines.eol` scans the whole text, too slow per finding in a large file).
  const eol = lineBreakBefore(doc.text, item.offset - before.length);
  const body = members.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${v}`).join(`,${eol}`);
  return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `,${eol}${before}{${eol}${body}${eol}${before}}` };
}

/**
 * Move array element `item` to just before `before` (an earlier element of the same array): its text, verbatim,
 * with a comma, then a line break and `item`'s indentation (and the comments after it on its line) when `item` has
 * a line of its own, else a space; then `item` removed as removeSiblingEdit removes it.
 */
export function moveBeforeEdits(doc: JsonTextDocument, item: JsonNode, before: JsonNode): TextFileEdit[] {
  const text = doc.text;
  const itemText = text.slice(item.offset, item.offset + item.length);
  const indent = leadingWhitespace(text, item.offset);
  let separator = ', ';
  // An item on a line of its own: so is its copy (the line break and indentation of its own line), with the comments
  // its removal takes, even when `before` shares its line (`[{ "a": 1 },`).
  if (indent !== undefined) {
    const siblings = item.parent?.children ?? [];
    const comments = ownTrailingComments(text, item, siblings[siblings.length - 1] === item);
    separator = `,${comments}${lineBreakBefore(text, item.offset - indent.length)}${indent}`;
  }
  return [{ file: doc.file, range: doc.lines.rangeOf(before.offset, 0), newText: `${itemText}${separator}` }, removeSiblingEdit(doc, item)];
}
