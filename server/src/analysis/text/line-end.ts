// Where a line ends, walking forward from an offset on it: the fixes (TOML and JSONC layout, JSON and module
// edits), the TOML tree reader and completion's lexical scan all ask it from a place they already hold; the comments
// and blanks the JSONC fixes step over; and what follows an offset on its line, as the language server's kept route
// reports remember it (keptLinePrefix's twin).

/** End of the line holding `offset`: before its `\n` or `\r`, or the end of the text on the last line. */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** `offset` is where a line ends: a line break, or the end of the text. */
export function isLineEnd(text: string, offset: number): boolean {
  const c = text.charCodeAt(offset);
  return Number.isNaN(c) || c === 10 || c === 13;
}

/** Past the spaces and tabs from `offset`. */
export function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The line break that ends the line holding `offset` (`\r\n`, `\r` or `\n`); `\n` on the last line. */
export function lineBreakAt(text: string, offset: number): string {
  const end = lineEnd(text, offset);
  if (text[end] === '\r') return text[end + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/**
 * Past one comment that starts after the blanks from `offset` and ends on that line: a `//` comment (to the line
 * end) or a `/* … *\/` closed there. `offset` itself when there is none. Shared by the JSON and module fixes, which
 * keep such a comment with the code it follows.
 */
export function endOfTrailingComment(text: string, offset: number): number {
  const at = skipBlanks(text, offset);
  if (text[at] !== '/') return offset;
  if (text[at + 1] === '/') return lineEnd(text, at);
  if (text[at + 1] !== '*') return offset;
  // Char by char: no further than the comment's close or the line's end (a minified line is megabytes long).
  for (let i = at + 2; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') return offset;
    if (c === '*' && text[i + 1] === '/') return i + 2;
  }
  return offset;
}

/** Past the comments that follow `offset` on its line (endOfTrailingComment, repeated): `offset` when none. */
export function endOfTrailingComments(text: string, offset: number): number {
  let end = offset;
  for (let next = endOfTrailingComment(text, end); next !== end; next = endOfTrailingComment(text, end)) end = next;
  return end;
}

/** Past the spaces, tabs and line breaks from `offset`. */
export function skipWhitespace(text: string, offset: number): number {
  let i = offset;
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  return i;
}

/** Past a comment that starts at `offset` and ends before `limit` (a block comment may span lines); else `offset`. */
export function endOfCommentAt(text: string, offset: number, limit: number): number {
  if (text[offset] !== '/') return offset;
  if (text[offset + 1] === '/') return Math.min(lineEnd(text, offset), limit);
  if (text[offset + 1] !== '*') return offset;
  const close = text.indexOf('*/', offset + 2);
  return close < 0 || close + 2 > limit ? offset : close + 2;
}

/** Past the whitespace and comments (JSONC trivia) from `offset`, no further than `limit`. */
export function skipJsoncTrivia(text: string, offset: number, limit: number): number {
  let at = skipWhitespace(text, offset);
  for (let next = endOfCommentAt(text, at, limit); next !== at; next = endOfCommentAt(text, at, limit)) at = skipWhitespace(text, next);
  return Math.min(at, limit);
}

/** Characters of a line kept after an offset (restOfLine), past the spaces that follow it. */
const REST_OF_LINE_KEPT = 256;

/**
 * What follows `offset` on its line: the spaces there, then at most REST_OF_LINE_KEPT characters, whichever
 * ends first with the line.
 */
export function restOfLine(text: string, offset: number): string {
  const from = skipBlanks(text, offset);
  const rest = text.slice(from, from + REST_OF_LINE_KEPT);
  const end = rest.search(/[\r\n]/);
  return text.slice(offset, from) + (end < 0 ? rest : rest.slice(0, end));
}

/** restOfLine(text, offset) === rest, without making the string (checked per kept route report and edit). */
export function isRestOfLine(text: string, offset: number, rest: string): boolean {
  if (!text.startsWith(rest, offset)) return false;
  const end = offset + rest.length;
  if (end - skipBlanks(text, offset) === REST_OF_LINE_KEPT) return true;
  return isLineEnd(text, end);
}
