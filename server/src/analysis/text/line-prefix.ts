// What precedes an offset on its line, found without walking back to the line start: a minified config is one
// line of megabytes, and a walk per route or per fix made checking it quadratic (and the language server, which
// kept each route's line prefix, held gigabytes).
import { detached } from './detached-string';
import type { LineIndex } from './line-index';

/** The spaces and tabs before `offset` when only they precede it on its line, else undefined. O(indent). */
export function leadingWhitespace(text: string, offset: number): string | undefined {
  const start = lineStartBefore(text, offset);
  return start === undefined ? undefined : text.slice(start, offset);
}

/** Where leadingWhitespace starts (the line start), or undefined: no string made. */
export function lineStartBefore(text: string, offset: number): number | undefined {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 32 || c === 9) i--;
    else break;
  }
  if (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c !== 10 && c !== 13) return undefined;
  }
  return i;
}

/**
 * The indentation of the line holding `offset` (its leading spaces and tabs, up to `offset`), with the line start
 * found through the line index: O(log lines + indent).
 */
export function lineIndentAt(lines: LineIndex, offset: number): string {
  const text = lines.text;
  const start = lines.offsetAt({ line: lines.positionAt(offset).line, character: 0 });
  let end = start;
  while (end < offset) {
    const c = text.charCodeAt(end);
    if (c === 32 || c === 9) end++;
    else break;
  }
  return text.slice(start, end);
}

/** Kept in place of a line prefix when other text precedes the offset on its line (no fix reads that text). */
export const OTHER_TEXT_BEFORE = '\u0000other text';

/**
 * What a kept fix depends on before `offset`: the whitespace before it on its line plus `context` characters before
 * that line's start (its line ending), or OTHER_TEXT_BEFORE. A copy, never a view into `text`.
 */
export function keptLinePrefix(text: string, offset: number, context = 0): string {
  const lineStart = lineStartBefore(text, offset);
  if (lineStart === undefined) return OTHER_TEXT_BEFORE;
  return detached(text.slice(Math.max(0, lineStart - context), offset));
}

/** keptLinePrefix(text, offset, context) === prefix, without making the string. */
export function isKeptLinePrefix(text: string, offset: number, prefix: string, context = 0): boolean {
  const lineStart = lineStartBefore(text, offset);
  if (prefix === OTHER_TEXT_BEFORE || lineStart === undefined) return prefix === OTHER_TEXT_BEFORE && lineStart === undefined;
  const start = Math.max(0, lineStart - context);
  return offset - start === prefix.length && text.startsWith(prefix, start);
}
