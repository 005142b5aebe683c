// Compact range literals for exact-position assertions: r(line, char, endLine, endChar), all 0-based.
import type { Range } from '../../server/src/analysis/findings';

export function r(line: number, character: number, endLine: number, endCharacter: number): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/** The text a range covers, for assertions that read better as text than as numbers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line) return lines[range.start.line]!.slice(range.start.character, range.end.character);
  const out = [lines[range.start.line]!.slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) out.push(lines[l]!);
  out.push(lines[range.end.line]!.slice(0, range.end.character));
  return out.join('\n');
}
