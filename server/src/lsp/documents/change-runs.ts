// A didChange's content changes merged into as few one-stretch edits as the order they come in allows. LSP applies
// them one after another, each range read in the text the previous one left; applied that way, a Replace All of a
// word used in 10,000 routes (10,000 changes in one notification) costs 10,000 re-parses and line-index updates of
// 3 MB: 16 s. Editors send such lists in one order: VS Code from the end of the file to its start, Neovim from the
// start to the end. Either way, a run of changes that do not overlap is one stretch of the text the run began with.
import type { Position } from '../../analysis/findings';
import type { TextChange } from '../../analysis/parse/incremental-config';
import { lineBreakAt, lineEnd } from '../../analysis/text/line-end';
import type { LineIndex } from '../../analysis/text/line-index';

/** A content change with a range (a change without one replaces the whole text and is never merged). */
export interface RangedChange {
  range: { start: Position; end: Position };
  text: string;
}

/** One change in offsets of `text`, as the run of changes it stands for left it. */
interface Piece {
  start: number;
  end: number;
  newText: string;
}

/**
 * The changes from `from` on that apply as one edit of `lines.text`, and how many they are (at least one: the
 * first is always taken, its positions clamped as LSP reads them). Later changes join while each lies wholly
 * before the one before it (VS Code) or wholly after the text that one inserted (Neovim), with positions inside
 * their lines, so that every one of them means the same place in the text the run began with.
 */
export function nextChangeRun(lines: LineIndex, changes: readonly (RangedChange | { text: string })[], from: number): { change: TextChange; count: number } {
  const first = changes[from] as RangedChange;
  const a = lines.offsetAt(first.range.start);
  const b = lines.offsetAt(first.range.end);
  // A range written end first is the same range (as vscode-languageserver-textdocument reads it): taking its start
  // alone would insert where the client replaced, and every later edit would land in another text.
  const piece: Piece = { start: Math.min(a, b), end: Math.max(a, b), newText: first.text };
  const text = lines.text;
  const clean = joinsCleanly(piece.newText, text.charCodeAt(piece.start - 1), text.charCodeAt(piece.end));
  const run = from + 1 < changes.length && clean ? (backwardRun(lines, changes, from, piece) ?? forwardRun(lines, changes, from, piece)) : undefined;
  if (!run) return { change: piece, count: 1 };
  return { change: merged(lines.text, run), count: run.length };
}

/** Changes each ending at or before the start of the one before (in the text before them all): VS Code's order. */
function backwardRun(lines: LineIndex, changes: readonly (RangedChange | { text: string })[], from: number, first: Piece): Piece[] | undefined {
  const text = lines.text;
  const pieces = [first];
  let low = first.start;
  // The character at `low` once the run so far is applied: what a change ending there meets.
  let atLow = charAfter(first, text.charCodeAt(first.end));
  for (let i = from + 1; i < changes.length; i++) {
    const change = changes[i]!;
    if (!('range' in change) || !change.range) break;
    const a = lines.exactOffsetAt(change.range.start);
    const b = lines.exactOffsetAt(change.range.end);
    if (a === undefined || b === undefined || Math.max(a, b) > low) break;
    const piece = { start: Math.min(a, b), end: Math.max(a, b), newText: change.text };
    pieces.push(piece);
    const after = piece.end === low ? atLow : text.charCodeAt(piece.end);
    low = piece.start;
    atLow = charAfter(piece, after);
    if (!joinsCleanly(piece.newText, text.charCodeAt(piece.start - 1), after)) break;
  }
  return pieces.length > 1 ? pieces.reverse() : undefined;
}

/**
 * Changes each starting at or after the end of the text the one before inserted: Neovim's order. Their positions
 * are read in the text the earlier ones left, so they are mapped back: lines after the last change are shifted by
 * the lines it added, and on the line where its text ends, characters by where that text ends.
 */
function forwardRun(lines: LineIndex, changes: readonly (RangedChange | { text: string })[], from: number, first: Piece): Piece[] | undefined {
  let { start, end } = ordered((changes[from] as RangedChange).range);
  if (lines.exactOffsetAt(start) === undefined || lines.exactOffsetAt(end) === undefined) return undefined;
  const text = lines.text;
  const pieces = [first];
  // The character before `high` once the run so far is applied: what a change starting there follows.
  let beforeHigh = charBefore(first, text.charCodeAt(first.start - 1));
  // Where the last change's text ends, in the text it left, and where the range it replaced ended, in the first.
  let insertedEnd = advance(start, first.newText);
  let replacedEnd = end;
  let high = first.end;
  for (let i = from + 1; i < changes.length; i++) {
    const change = changes[i]!;
    if (!('range' in change) || !change.range) break;
    ({ start, end } = ordered(change.range));
    if (before(start, insertedEnd)) break;
    const endBefore = mapBack(end, insertedEnd, replacedEnd);
    const a = lines.exactOffsetAt(mapBack(start, insertedEnd, replacedEnd));
    const b = lines.exactOffsetAt(endBefore);
    if (a === undefined || b === undefined || a < high || b < a) break;
    const piece = { start: a, end: b, newText: change.text };
    pieces.push(piece);
    const preceding = piece.start === high ? beforeHigh : text.charCodeAt(piece.start - 1);
    high = b;
    beforeHigh = charBefore(piece, preceding);
    insertedEnd = advance(start, change.text);
    replacedEnd = endBefore;
    if (!joinsCleanly(piece.newText, preceding, text.charCodeAt(piece.end))) break;
  }
  return pieces.length > 1 ? pieces : undefined;
}

/** A position at or after `insertedEnd` (in the text after a change) in the text before it. */
function mapBack(position: Position, insertedEnd: Position, replacedEnd: Position): Position {
  if (position.line === insertedEnd.line) return { line: replacedEnd.line, character: replacedEnd.character + position.character - insertedEnd.character };
  return { line: position.line - (insertedEnd.line - replacedEnd.line), character: position.character };
}

/** The position after `text` written at `at` (lines end as LSP says: text/line-end.ts). */
function advance(at: Position, text: string): Position {
  let line = at.line;
  let lineStart = 0;
  for (let end = lineEnd(text, 0); end < text.length; end = lineEnd(text, lineStart)) {
    lineStart = end + lineBreakAt(text, end).length;
    line++;
  }
  return line === at.line ? { line, character: at.character + text.length } : { line, character: text.length - lineStart };
}

/**
 * The change leaves the lines around it as they were, so the next change's positions can be read the way
 * backwardRun and forwardRun read them: no \r meeting a \n where the new text joins the old, which would make one
 * \r\n line break of two. `before` is the character the text has before the change when it is applied (NaN at the
 * start), `after` the one after it. (Line breaks inside the new text are counted as LSP counts them: advance.)
 */
function joinsCleanly(newText: string, before: number, after: number): boolean {
  if (newText.length === 0) return before !== CR || after !== LF;
  return !(before === CR && newText.charCodeAt(0) === LF) && !(newText.charCodeAt(newText.length - 1) === CR && after === LF);
}

/** The character right after where the piece starts once it is applied, given the one after its end (`after`). */
function charAfter(piece: Piece, after: number): number {
  return piece.newText.length > 0 ? piece.newText.charCodeAt(0) : after;
}

/** The character right before where the piece ends once it is applied, given the one before its start. */
function charBefore(piece: Piece, before: number): number {
  return piece.newText.length > 0 ? piece.newText.charCodeAt(piece.newText.length - 1) : before;
}

/** The pieces (in text order, not overlapping) as one change of `text`. */
function merged(text: string, pieces: readonly Piece[]): TextChange {
  const parts: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) parts.push(text.slice(pieces[i - 1]!.end, pieces[i]!.start));
    parts.push(pieces[i]!.newText);
  }
  return { start: pieces[0]!.start, end: pieces[pieces.length - 1]!.end, newText: parts.join('') };
}

function ordered(range: { start: Position; end: Position }): { start: Position; end: Position } {
  return before(range.end, range.start) ? { start: range.end, end: range.start } : range;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

const LF = 0x0a;
const CR = 0x0d;
