// Ranges for syntax problems that never end between the \r and \n of a CRLF: parsers report offsets in raw
// text, and a range ending there would point past the end of its line.
import type { Range } from '../findings';
import type { LineIndex } from '../text/line-index';

export function problemRange(lines: LineIndex, offset: number, length: number): Range {
  const text = lines.text;
  const start = Math.max(0, Math.min(offset, text.length));
  let end = Math.max(start, Math.min(start + Math.max(length, 0), text.length));
  if (end > start && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end--;
  if (start < end && (text.charCodeAt(start) === 13 || text.charCodeAt(start) === 10)) end = start;
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}
