// O(1) edits on api-config.json nodes the rules already hold: remove an array item or a property, insert an
// object after an array item. `setJsonValue` (json-edits.ts) re-parses the whole text per call, too slow for many
// findings in a 10,000-route file.
import type { TextFileEdit } from '../findings';
import type { JsonTextDocument } from './json-edits';
import { detectIndent } from './json-edits';
import { indexInParent, type JsonNode } from '../parse/config-document';
import { leadingWhitespace } from '../text/line-prefix';

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
    const comma = skipSpaces(text, nodeEnd);
    if (text.charCodeAt(comma) !== 44) return edit(node.offset, next.offset);
    const lineStart = startOfOwnLine(text, node.offset);
    const lineEnd = lineStart === undefined ? undefined : endOfLineAfter(text, comma + 1, next.offset);
    if (lineStart !== undefined && lineEnd !== undefined) return edit(lineStart, lineEnd);
    // Sharing a line with other items: the item, its comma and the spaces after it.
    return edit(node.offset, skipSpaces(text, comma + 1));
  }
  if (at > 0) {
    const previous = siblings[at - 1]!;
    const start = previous.offset + previous.length;
    // The last item: from the previous item's end, so its comma goes too; a comment after that comma stays, on a
    // line of its own when the item's line goes on (`]`, `}`), which a line comment would otherwise swallow.
    const comment = commentsAfterComma(text, start, node.offset);
    let kept = comment?.text ?? '';
    if (comment?.endsWithLineComment && lineGoesOn(text, nodeEnd)) kept += lineBreakAfter(text, start);
    return edit(start, nodeEnd, kept);
  }
  return edit(node.offset, nodeEnd);
}

/** Characters of a route's line kept after its end, past the spaces that follow it. */
const REST_OF_LINE_KEPT = 256;

/**
 * What follows `offset` on its line: the spaces there, then at most REST_OF_LINE_KEPT characters, whichever
 * ends first with the line.
 */
export function restOfLine(text: string, offset: number): string {
  const from = skipSpaces(text, offset);
  const rest = text.slice(from, from + REST_OF_LINE_KEPT);
  const end = rest.search(/[\r\n]/);
  return text.slice(offset, from) + (end < 0 ? rest : rest.slice(0, end));
}

/** restOfLine(text, offset) === rest, without making the string (checked per kept report and edit). */
export function isRestOfLine(text: string, offset: number, rest: string): boolean {
  if (!text.startsWith(rest, offset)) return false;
  const end = offset + rest.length;
  if (end - skipSpaces(text, offset) === REST_OF_LINE_KEPT) return true;
  const next = text.charCodeAt(end);
  return Number.isNaN(next) || next === 10 || next === 13;
}

/** Something other than spaces follows `offset` on its line. */
function lineGoesOn(text: string, offset: number): boolean {
  const next = text.charCodeAt(skipSpaces(text, offset));
  return !Number.isNaN(next) && next !== 10 && next !== 13;
}

/** The line break that ends the line `offset` is on; `\n` when it is the last line. */
function lineBreakAfter(text: string, offset: number): string {
  const match = /\r\n|\n|\r/.exec(text.slice(offset, offset + 10_000));
  return match ? match[0] : '\n';
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The start of the line `offset` is on, when only indentation precedes it there. */
function startOfOwnLine(text: string, offset: number): number | undefined {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' ? i : undefined;
}

/** Just past the line break ending the line `from` is on, when the rest of it is blank or one comment closed there. */
function endOfLineAfter(text: string, from: number, limit: number): number | undefined {
  const rest = /^[ \t]*(\/\/[^\r\n]*|\/\*(?:(?!\*\/)[^\r\n])*\*\/[ \t]*)?(\r\n|\n|\r)/.exec(text.slice(from, limit));
  return rest ? from + rest[0].length : undefined;
}

/**
 * `text[from..]` is a comma followed by comments about the item before it (block comments closed on that line,
 * then a line comment): those comments, as written, and whether a line comment ends them; undefined when none.
 */
function commentsAfterComma(text: string, from: number, limit: number): { text: string; endsWithLineComment: boolean } | undefined {
  const comma = skipSpaces(text, from);
  if (text.charCodeAt(comma) !== 44) return undefined;
  const rest = /^((?:[ \t]*\/\*(?:(?!\*\/)[^\r\n])*\*\/)*)([ \t]*\/\/[^\r\n]*)?/.exec(text.slice(comma + 1, limit));
  if (!rest || rest[0].trim() === '') return undefined;
  return { text: text.slice(from, comma) + rest[0], endsWithLineComment: rest[2] !== undefined };
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
  const lineStart = item.offset - before.length;
  const eol = doc.text.charCodeAt(lineStart - 2) === 13 ? '\r\n' : '\n';
  const body = members.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${v}`).join(`,${eol}`);
  return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `,${eol}${before}{${eol}${body}${eol}${before}}` };
}

/**
 * Move array element `item` to just before `before` (an earlier element of the same array): its text, verbatim,
 * with a comma, on a line of its own indented as `item` was when the elements have lines of their own, else on the
 * same line; then `item` removed as removeSiblingEdit removes it.
 */
export function moveBeforeEdits(doc: JsonTextDocument, item: JsonNode, before: JsonNode): TextFileEdit[] {
  const text = doc.text;
  const itemText = text.slice(item.offset, item.offset + item.length);
  const ownLine = startOfOwnLine(text, item.offset) !== undefined && startOfOwnLine(text, before.offset) !== undefined;
  let separator = ', ';
  if (ownLine) {
    const lineStart = startOfOwnLine(text, before.offset)!;
    const eol = text.charCodeAt(lineStart - 1) === 10 && text.charCodeAt(lineStart - 2) === 13 ? '\r\n' : text.charCodeAt(lineStart - 1) === 13 ? '\r' : '\n';
    separator = `,${eol}${text.slice(startOfOwnLine(text, item.offset)!, item.offset)}`;
  }
  return [{ file: doc.file, range: doc.lines.rangeOf(before.offset, 0), newText: `${itemText}${separator}` }, removeSiblingEdit(doc, item)];
}
