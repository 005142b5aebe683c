// O(1) edits on api-config.json nodes the rules already hold: remove an array item or a property, insert an
// object after an array item. `setJsonValue` re-parses the whole text per call, too slow for many findings in a
// 10,000-route file. (Candidates for fixes/json-edits.ts; kept here until the lead moves them.)
import type { TextFileEdit } from '../../findings';
import type { JsonTextDocument } from '../../fixes/json-edits';
import { detectIndent } from '../../fixes/json-edits';
import { indexInParent, type JsonNode } from '../../parse/config-document';
import { leadingWhitespace } from '../../text/line-prefix';

/** Remove one element of an array, or one property of an object (pass the property node), with its comma. */
export function removeSiblingEdit(doc: JsonTextDocument, node: JsonNode): TextFileEdit {
  const siblings = node.parent?.children ?? [];
  // By binary search: a linear indexOf per deleted route made the fixes of 150,000 duplicates quadratic.
  const at = node.parent ? indexInParent(node.parent, node) : -1;
  let start = node.offset;
  let end = node.offset + node.length;
  if (at > 0) {
    const previous = siblings[at - 1]!;
    start = previous.offset + previous.length;
  } else if (at >= 0 && at + 1 < siblings.length) {
    end = siblings[at + 1]!.offset;
  }
  return { file: doc.file, range: doc.lines.rangeOf(start, end - start), newText: '' };
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
