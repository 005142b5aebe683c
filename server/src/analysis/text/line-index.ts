// Offset <-> position conversion for one text. Lines end at \n, \r\n or a lone \r (as LSP says);
// characters are UTF-16 code units, which is what JS string offsets already are.
import type { Position, Range } from '../findings';
import { lowerBound } from './lower-bound';

export class LineIndex {
  /** Offset of the first character of each line (typed: copied with memcpy speed by afterEdit). */
  private readonly lineStarts: Uint32Array;

  /** `lineStarts` is for LineIndex.afterEdit only: the starts it derived from the previous text. */
  constructor(readonly text: string, lineStarts?: Uint32Array) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    this.lineStarts = allLineStarts(text);
  }

  /**
   * The index of `text`, which is `previous.text` with [start, end) replaced by `insertedLength` characters:
   * line starts before the edit are kept, those after it shifted, only the edited stretch is scanned
   * (a 3 MB config has 100,000 lines; re-scanning it per keystroke is what this avoids).
   */
  static afterEdit(previous: LineIndex, text: string, start: number, end: number, insertedLength: number): LineIndex {
    const old = previous.lineStarts;
    const delta = insertedLength - (end - start);
    // Starts before `start` depend only on characters before it (a \r's meaning depends on the next one).
    const keep = lowerBound(old, start);
    // Re-scan from the character before the edit to the first character after it (a \r\n may straddle either side).
    const middle: number[] = [keep === 0 ? 0 : old[keep - 1]!];
    const newEnd = start + insertedLength;
    scanLineStarts(text, Math.max(0, start - 1), Math.min(text.length, newEnd + 1), middle);
    let tail = keep;
    while (tail < old.length && old[tail]! <= end + 1) tail++;
    const last = middle[middle.length - 1]!;
    let from = tail;
    while (from < old.length && old[from]! + delta <= last) from++;
    const added = middle.length - 1;
    const starts = new Uint32Array(Math.max(keep, 1) + added + (old.length - from));
    if (keep === 0) starts[0] = 0;
    else starts.set(old.subarray(0, keep));
    let at = Math.max(keep, 1);
    for (let k = 1; k < middle.length; k++) starts[at++] = middle[k]!;
    copyShifted(old, from, starts, at, delta);
    const index = new LineIndex(text, starts);
    // Without a \r\n before, one after can only sit in the edited stretch: no search of all 3 MB per edit. (A text
    // with no \n left may end its lines with a lone \r: asked again; a \n is almost always found on the first line.)
    if (previous.lineEnding === '\n' && text.indexOf('\n') >= 0) index.lineEnding = text.slice(Math.max(0, start - 1), Math.min(text.length, newEnd + 1)).includes('\r\n') ? '\r\n' : '\n';
    return index;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line of the last positionAt: the search starts there (analyses ask in file order, a few lines apart). */
  private lastLine = 0;

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const count = starts.length;
    // The last line that starts at or before the offset, found by galloping from the last answer to bracket it,
    // then halving: nearby lines cost a few reads of nearby memory, not 17 scattered ones of a 100,000-line table.
    const hint = this.lastLine < count ? this.lastLine : 0;
    let low: number;
    let high: number;
    if (starts[hint]! <= clamped) {
      let step = 1;
      low = hint;
      let above = hint + 1;
      while (above < count && starts[above]! <= clamped) {
        low = above;
        step *= 2;
        above = low + step;
      }
      high = Math.min(above, count) - 1;
    } else {
      let step = 1;
      let above = hint;
      low = hint - 1;
      while (low > 0 && starts[low]! > clamped) {
        above = low;
        step *= 2;
        low = Math.max(0, above - step);
      }
      high = above - 1;
    }
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    this.lastLine = low;
    const start = starts[low]!;
    // An offset between the \r and \n of a CRLF belongs to the end of its line, not past it. Only the offset just
    // before the next line's start can be that one: the text is read for it alone (a read of a random place in a
    // 3 MB text is a cache miss, and thousands of positions are asked for per edit).
    if (low + 1 < count && clamped === starts[low + 1]! - 1 && clamped > start) {
      const text = this.text;
      if (text.charCodeAt(clamped - 1) === 13 && text.charCodeAt(clamped) === 10) return { line: low, character: clamped - 1 - start };
    }
    return { line: low, character: clamped - start };
  }

  /**
   * The offset of a position, as LSP reads one: a character past the end of its line is the end of that line (before
   * its line break, never between \r and \n); a line past the last is the end of the text. A position that is not
   * whole numbers is read as its whole part (0 when not a number at all).
   */
  offsetAt(position: Position): number {
    const line = wholeNumber(position.line);
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line]!;
    let end = this.text.length;
    if (line + 1 < this.lineStarts.length) {
      end = this.lineStarts[line + 1]!;
      if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
      if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return Math.max(start, Math.min(start + wholeNumber(position.character), end));
  }

  /**
   * The offset of a position that lies inside its line (a character at most the line's length, whole numbers, a
   * line that exists), else undefined: a position offsetAt would have to clamp may point elsewhere in another text.
   */
  exactOffsetAt(position: Position): number | undefined {
    const { line, character } = position;
    if (!Number.isInteger(line) || !Number.isInteger(character) || line < 0 || character < 0 || line >= this.lineStarts.length) return undefined;
    const offset = this.lineStarts[line]! + character;
    return offset === this.offsetAt(position) ? offset : undefined;
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  private lineEnding: '\n' | '\r\n' | '\r' | undefined;

  /**
   * The line ending fixes insert new lines with (found once: a fix per finding asks): `\r\n` when the file has one,
   * `\r` in a file that ends its lines with `\r` alone (JavaScript and JSON allow it), else `\n`.
   */
  get eol(): '\n' | '\r\n' | '\r' {
    const text = this.text;
    return (this.lineEnding ??= text.indexOf('\r\n') >= 0 ? '\r\n' : text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? '\r' : '\n');
  }
}

/**
 * The start of every line of `text`. Without any \r (the common case) two jumps from \n to \n with indexOf, far
 * faster than a loop over the characters: one counts, one fills a table of exactly that size (a 100,000-line
 * config pushed onto a growing array allocated 3 MB on the way to a 0.4 MB table).
 */
function allLineStarts(text: string): Uint32Array {
  if (text.indexOf('\r') === -1) {
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Uint32Array(count);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    return starts;
  }
  const starts = [0];
  scanLineStarts(text, 0, text.length, starts);
  return Uint32Array.from(starts);
}

/**
 * source[from..] + delta into target from `at`. Its own function: inside afterEdit this loop over the ~100,000
 * lines behind an edit got compiled on the stack (OSR) at every edit and thrown away at the `new` after it, which
 * it had never seen run; alone, it is compiled once and kept.
 */
function copyShifted(source: Uint32Array, from: number, target: Uint32Array, at: number, delta: number): void {
  for (let k = from; k < source.length; k++) target[at++] = source[k]! + delta;
}

/** Push the start of every line that begins after a line end found in text[from, to). */
function scanLineStarts(text: string, from: number, to: number, starts: number[]): void {
  if (to - from > 4096) {
    const cr = text.indexOf('\r', from);
    if (cr === -1 || cr >= to) {
      // No \r in the stretch (the common case): jump from \n to \n with indexOf, which scans far faster than a loop.
      for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) pushStart(starts, i + 1);
      return;
    }
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      pushStart(starts, i + 1);
    } else if (c === 10 /* \n */) {
      pushStart(starts, i + 1);
    }
  }
}

function pushStart(starts: number[], start: number): void {
  if (start > starts[starts.length - 1]!) starts.push(start);
}

export const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function wholeNumber(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}
