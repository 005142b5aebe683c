// wrangler.toml -> LocatedObject. We parse with toml-eslint-parser rather than the `toml` package because
// checks and fixes need the range of every key and value, which `toml` does not give.
// The parser stops at the first error, so we recover by blanking the offending line and parsing again
// (a bounded number of times): one typo must not hide every binding from the cross-file checks.
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { SyntaxProblem } from '../../model';
import type { LineIndex } from '../../text/line-index';
import { rememberTomlProgram } from '../../fixes/toml-layout';
import { problemRange } from '../problem-range';
import type { LocatedArray, LocatedNode, LocatedObject } from './located-tree';
import { lineEnd } from '../../text/line-end';

const MAX_RECOVERY_ATTEMPTS = 25;
/** Re-parsing a big file many times costs more than the partial tree is worth. */
const RECOVERY_TEXT_LIMIT = 512 * 1024;

export interface TomlTreeResult {
  root: LocatedObject | undefined;
  syntaxErrors: SyntaxProblem[];
}

export function parseTomlTree(text: string, lines: LineIndex): TomlTreeResult {
  // The parser recurses per level and would only overflow, after ~200 MB of work per attempt (and 25 attempts).
  if (nestsDeeperThan(text, MAX_NESTING)) return { root: undefined, syntaxErrors: [{ message: 'the file is nested too deeply to read', range: lines.rangeOf(0, 0) }] };
  const syntaxErrors: SyntaxProblem[] = [];
  const attempts = text.length > RECOVERY_TEXT_LIMIT ? 1 : MAX_RECOVERY_ATTEMPTS;
  let attemptText = text;
  let outcome = tryParse(attemptText);
  // The same parse as the fixes' tomlProgram(text): shared instead of parsing the file again for a quick fix.
  if (outcome.program) rememberTomlProgram(text, outcome.program);
  for (let attempt = 0; attempt < attempts && outcome.error; attempt++) {
    const { offset, message } = outcome.error;
    // The parser often notices a broken line only at the start of the next one (an unclosed inline table),
    // so try blanking the error's line and the line above it, and keep whichever parses further.
    const candidates = [blankLineAt(attemptText, offset), blankLineAbove(attemptText, offset)].filter((c) => c !== attemptText);
    if (candidates.length === 0 || attempt === attempts - 1) {
      syntaxErrors.push({ message, range: problemRange(lines, offset, 1) });
      break;
    }
    let best: { text: string; outcome: ParseOutcome } | undefined;
    for (const candidate of candidates) {
      const next = tryParse(candidate);
      if (!best || progress(next) > progress(best.outcome)) best = { text: candidate, outcome: next };
    }
    const blamesLineAbove = (candidates.length === 2 && best!.text === candidates[1] && candidates[0] !== candidates[1]) || lineIsBlank(attemptText, offset);
    const anchor = blamesLineAbove ? endOfContentAbove(attemptText, offset) : offset;
    syntaxErrors.push({ message, range: problemRange(lines, anchor, blamesLineAbove ? 0 : 1) });
    attemptText = best!.text;
    outcome = best!.outcome;
  }
  if (!outcome.program) return { root: undefined, syntaxErrors };
  try {
    return { root: new TomlTreeBuilder(lines).build(outcome.program), syntaxErrors };
  } catch {
    // The builder only throws on shapes the parser should have refused; treat them as "no tree".
    return { root: undefined, syntaxErrors };
  }
}

/** Far beyond any wrangler config (a few levels), far below what the parser's recursion survives. */
const MAX_NESTING = 256;

/** Do arrays and inline tables nest deeper than `limit`? Brackets in strings and comments do not count. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      // A basic or literal string, to its closing quote on the same line (escapes only in basic strings).
      for (i++; i < text.length && text.charCodeAt(i) !== c && text.charCodeAt(i) !== 0x0a; i++) if (c === 0x22 && text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x23 /* # */) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    }
  }
  return false;
}

interface ParseOutcome {
  program?: AST.TOMLProgram;
  error?: { offset: number; message: string };
}

function tryParse(text: string): ParseOutcome {
  try {
    return { program: parseTOML(text, { tomlVersion: '1.0' }) };
  } catch (error) {
    return { error: { offset: errorOffset(error, text), message: describeTomlError(error) } };
  }
}

function progress(outcome: ParseOutcome): number {
  return outcome.error ? outcome.error.offset : Number.MAX_SAFE_INTEGER;
}

function errorOffset(error: unknown, text: string): number {
  const index = (error as { index?: unknown })?.index;
  return typeof index === 'number' && index >= 0 ? Math.min(index, text.length) : 0;
}

function describeTomlError(error: unknown): string {
  // The parser recurses per nesting level: absurd nesting overflows the stack, which is no syntax error to show.
  if (error instanceof RangeError) return 'the file is nested too deeply to read';
  const message = (error as Error)?.message ?? String(error);
  return `TOML syntax error: ${message.replace(/\.$/, '')}`;
}

/**
 * Replace the characters of the line holding `offset` with spaces (line breaks kept, so every later offset
 * stays valid). When that line is already blank (error at the end of an unterminated array or string),
 * blank the closest non-blank line above it.
 */
function blankLineAt(text: string, offset: number): string {
  let start = lineStart(text, offset);
  let end = lineEnd(text, start);
  while (text.slice(start, end).trim() === '' && start > 0) {
    end = start - 1;
    if (end > 0 && text[end - 1] === '\r') end--;
    start = lineStart(text, end);
  }
  if (text.slice(start, end).trim() === '') return text;
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Blank the closest non-blank line above the one holding `offset`. */
function blankLineAbove(text: string, offset: number): string {
  const start = lineStart(text, offset);
  if (start === 0) return text;
  return blankLineAt(text, start - 1 - (start >= 2 && text[start - 2] === '\r' && text[start - 1] === '\n' ? 1 : 0));
}

/** Where the content of the closest non-blank line above `offset` ends: the place to show "unterminated ...". */
function endOfContentAbove(text: string, offset: number): number {
  let i = lineStart(text, offset);
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

function lineIsBlank(text: string, offset: number): boolean {
  const start = lineStart(text, offset);
  return text.slice(start, lineEnd(text, start)).trim() === '';
}

function lineStart(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

class TomlTreeBuilder {
  constructor(private readonly lines: LineIndex) {}

  build(program: AST.TOMLProgram): LocatedObject {
    const top = program.body[0];
    const root: LocatedObject = { type: 'object', entries: new Map(), range: this.range(top.range) };
    for (const item of top.body) {
      if (item.type === 'TOMLKeyValue') this.addKeyValue(root, item);
      else this.addTable(root, item);
    }
    return root;
  }

  private range([start, end]: [number, number]) {
    return this.lines.rangeOf(start, end - start);
  }

  private keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
    return key.type === 'TOMLBare' ? key.name : key.value;
  }

  /** The `[x.y]` / `[[x.y]]` header, brackets included. */
  private headerRange(table: AST.TOMLTable) {
    const closing = table.kind === 'array' ? 2 : 1;
    const text = this.lines.text;
    let end = table.key.range[1];
    while (end < text.length && text[end] !== ']') end++;
    return this.lines.rangeOf(table.range[0], Math.min(end + closing, text.length) - table.range[0]);
  }

  private addTable(root: LocatedObject, table: AST.TOMLTable): void {
    const path = table.resolvedKey;
    const segments = table.key.keys;
    let container: LocatedNode = root;
    // Walk every segment but the last; numbers (array-of-tables indexes) pick an existing item.
    let segmentIndex = 0;
    for (let i = 0; i < path.length - 1; i++) {
      const step = path[i]!;
      if (typeof step === 'number') {
        container = this.itemAt(container, step);
        continue;
      }
      const keyNode = segments[Math.min(segmentIndex++, segments.length - 1)]!;
      if (table.kind === 'array' && i === path.length - 2) break;
      container = this.child(container, step, keyNode);
      if (typeof path[i + 1] !== 'number') container = this.lastItemIfTableArray(container);
    }
    const header = this.headerRange(table);
    const tableRange = this.range(table.range);
    if (table.kind === 'array') {
      const name = path[path.length - 2] as string;
      const keyNode = segments[segments.length - 1]!;
      const parent = this.asObject(container);
      let entry = parent.entries.get(name);
      if (!entry || entry.value.type !== 'array') {
        const array: LocatedArray = { type: 'array', items: [], range: tableRange, form: 'table-array' };
        entry = { key: name, keyRange: this.range(keyNode.range), value: array };
        parent.entries.set(name, entry);
      }
      const array = entry.value as LocatedArray;
      const object: LocatedObject = { type: 'object', entries: new Map(), range: tableRange, headerRange: header };
      array.items.push(object);
      array.range = { start: array.range.start, end: tableRange.end };
      for (const kv of table.body) this.addKeyValue(object, kv);
      return;
    }
    const last = path[path.length - 1]!;
    const keyNode = segments[segments.length - 1]!;
    const object = this.asObject(typeof last === 'number' ? this.itemAt(container, last) : this.lastItemIfTableArray(this.child(container, last, keyNode)));
    // An object first opened implicitly (by `[env.x.vars]`) takes the explicit header's place when it comes.
    object.range = tableRange;
    object.headerRange = header;
    for (const kv of table.body) this.addKeyValue(object, kv);
  }

  private addKeyValue(target: LocatedObject, kv: AST.TOMLKeyValue): void {
    const keys = kv.key.keys;
    let object = target;
    for (let i = 0; i < keys.length - 1; i++) object = this.asObject(this.child(object, this.keyName(keys[i]!), keys[i]!));
    const last = keys[keys.length - 1]!;
    object.entries.set(this.keyName(last), { key: this.keyName(last), keyRange: this.range(last.range), value: this.content(kv.value) });
  }

  private content(node: AST.TOMLContentNode): LocatedNode {
    const range = this.range(node.range);
    if (node.type === 'TOMLArray') return { type: 'array', items: node.elements.map((e) => this.content(e)), range, form: 'inline' };
    if (node.type === 'TOMLInlineTable') {
      const object: LocatedObject = { type: 'object', entries: new Map(), range };
      for (const kv of node.body) this.addKeyValue(object, kv);
      return object;
    }
    switch (node.kind) {
      case 'string':
      case 'integer':
      case 'float':
      case 'boolean':
        return { type: 'scalar', value: node.value, range };
      default:
        // Dates stay as written (`compatibility_date = 2025-01-01` unquoted is a TOML date).
        return { type: 'scalar', value: node.datetime, range };
    }
  }

  /** The object under `key` in `container`, created (implicitly, at `keyNode`) when missing. */
  private child(container: LocatedNode, key: string, keyNode: AST.TOMLBare | AST.TOMLQuoted): LocatedNode {
    const object = this.asObject(container);
    const existing = object.entries.get(key);
    if (existing) return existing.value;
    const keyRange = this.range(keyNode.range);
    const created: LocatedObject = { type: 'object', entries: new Map(), range: keyRange, headerRange: keyRange };
    object.entries.set(key, { key, keyRange, value: created });
    return created;
  }

  /** `[x.y]` after `[[x]]` continues the last `[[x]]` table. */
  private lastItemIfTableArray(node: LocatedNode): LocatedNode {
    if (node.type === 'array' && node.form === 'table-array') return node.items[node.items.length - 1] ?? node;
    return node;
  }

  private itemAt(container: LocatedNode, index: number): LocatedNode {
    if (container.type !== 'array') throw new Error('array index into a non-array');
    const item = container.items[index];
    if (!item) throw new Error('array index out of range');
    return item;
  }

  private asObject(node: LocatedNode): LocatedObject {
    if (node.type !== 'object') throw new Error('table over a non-table value');
    return node;
  }
}
