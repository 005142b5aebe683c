// Where things sit in a wrangler.toml, for fixes that insert text: table headers, the root section, the
// arrays and inline tables a model range points at. Edits are computed as small insertions at line ends so
// every comment, blank line and line ending of the file stays as it was.
import { askOnce } from '../ask-once';
import { leadingWhitespace, lineIndentAt } from '../text/line-prefix';
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { Range, TextFileEdit } from '../findings';
import { withoutByteOrderMark } from '../text/byte-order-mark';
import { lineEnd, skipBlanks } from '../text/line-end';
import type { LineIndex } from '../text/line-index';

export interface TomlTextDocument {
  file: string;
  text: string;
  lines: LineIndex;
}

let lastParsed: { text: string; program: AST.TOMLProgram | undefined } | undefined;

/** The TOML AST of a text, or undefined when it does not parse (fixes are then not offered). Cached for the last text. */
export function tomlProgram(text: string): AST.TOMLProgram | undefined {
  if (lastParsed?.text === text) return lastParsed.program;
  let program: AST.TOMLProgram | undefined;
  try {
    // A byte order mark, which the parser refuses, read as the space it stands for (same offsets).
    program = parseTOML(withoutByteOrderMark(text), { tomlVersion: '1.0' });
  } catch {
    program = undefined;
  }
  lastParsed = { text, program };
  return program;
}

/** The wrangler parser's program of a text that parsed at the first attempt: the fixes' parse of it is then free. */
export function rememberTomlProgram(text: string, program: AST.TOMLProgram): void {
  lastParsed = { text, program };
}

export function topLevelItems(program: AST.TOMLProgram): (AST.TOMLKeyValue | AST.TOMLTable)[] {
  return program.body[0]?.body ?? [];
}

export function tables(program: AST.TOMLProgram): AST.TOMLTable[] {
  return indexOf(program).tables;
}

export function rootKeyValues(program: AST.TOMLProgram): AST.TOMLKeyValue[] {
  return indexOf(program).rootKeyValues;
}

export function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

/** A table's path without array indices: `[[env.a.services]]` -> env, a, services. */
export function tablePath(table: AST.TOMLTable): string[] {
  return table.resolvedKey.filter((k): k is string => typeof k === 'string');
}

/**
 * Where tables and keys are, by path (segments joined with NUL), made once per program: a fix per finding asks
 * (a var missing from 1,000 `[env.*]` sections asked 1,000 times), and each answer walked every table.
 */
interface TomlIndex {
  tables: AST.TOMLTable[];
  rootKeyValues: AST.TOMLKeyValue[];
  /** The first standard `[a.b]` table of each path. */
  standardTables: Map<string, AST.TOMLTable>;
  /** Every table path, of either kind. */
  tablePaths: Set<string>;
  /** The last table (file order) under each prefix of a table path, the path itself included. */
  lastUnder: Map<string, AST.TOMLTable>;
  /** The first `key = value` of each full path: root pairs, then the pairs of standard tables in file order. */
  keyValues: Map<string, AST.TOMLKeyValue>;
  /**
   * Tables that dotted keys define (`vars.ISS = "x"` under `[env.staging]` defines `env.staging.vars`): the last
   * such pair of each, and its key parts up to that table. A `[env.staging.vars]` header would define it again,
   * which TOML (and wrangler) refuse.
   */
  dottedTables: Map<string, DottedKeyTable>;
}

export interface DottedKeyTable {
  /** The last pair written under the table with a dotted key. */
  pair: AST.TOMLKeyValue;
  /** That pair's key parts that name the table (`["vars"]` for `vars.ISS` under `[env.staging]`). */
  keyPrefix: string[];
}

function indexOf(program: AST.TOMLProgram): TomlIndex {
  return askOnce(program, 'toml index', () => {
    const index: TomlIndex = { tables: [], rootKeyValues: [], standardTables: new Map(), tablePaths: new Set(), lastUnder: new Map(), keyValues: new Map(), dottedTables: new Map() };
    const pairIn = (table: string[], kv: AST.TOMLKeyValue): void => {
      const names = keyNames(kv.key);
      const path = [...table, ...names].join('\u0000');
      if (!index.keyValues.has(path)) index.keyValues.set(path, kv);
      for (let length = 1; length < names.length; length++) {
        index.dottedTables.set([...table, ...names.slice(0, length)].join('\u0000'), { pair: kv, keyPrefix: names.slice(0, length) });
      }
    };
    for (const item of topLevelItems(program)) {
      if (item.type !== 'TOMLTable') {
        if (index.tables.length === 0) {
          index.rootKeyValues.push(item);
          pairIn([], item);
        }
        continue;
      }
      index.tables.push(item);
      const path = tablePath(item);
      const joined = path.join('\u0000');
      index.tablePaths.add(joined);
      for (let length = 0; length <= path.length; length++) index.lastUnder.set(path.slice(0, length).join('\u0000'), item);
      if (item.kind !== 'standard') continue;
      if (!index.standardTables.has(joined)) index.standardTables.set(joined, item);
      for (const kv of item.body) pairIn(path, kv);
    }
    return index;
  });
}

/** The last table whose path starts with `prefix` (e.g. every `[env.staging…]` table), in file order. */
export function lastTableUnder(program: AST.TOMLProgram, prefix: string[]): AST.TOMLTable | undefined {
  return indexOf(program).lastUnder.get(prefix.join('\u0000'));
}

/** A standard `[a.b]` table with exactly this path. */
export function standardTable(program: AST.TOMLProgram, path: string[]): AST.TOMLTable | undefined {
  return indexOf(program).standardTables.get(path.join('\u0000'));
}

/** The `key = value` pair at a path written with a plain or dotted key, in the root section or in a `[table]`. */
export function keyValueAt(program: AST.TOMLProgram, path: string[]): AST.TOMLKeyValue | undefined {
  return indexOf(program).keyValues.get(path.join('\u0000'));
}

/** The table at `path` when dotted keys define it (see TomlIndex.dottedTables). */
export function dottedKeyTable(program: AST.TOMLProgram, path: string[]): DottedKeyTable | undefined {
  return indexOf(program).dottedTables.get(path.join('\u0000'));
}

/** Whether the path already holds something a new `[table]` header would clash with. */
export function tomlDefines(program: AST.TOMLProgram, path: string[]): boolean {
  const key = path.join('\u0000');
  const index = indexOf(program);
  return index.keyValues.has(key) || index.tablePaths.has(key) || index.dottedTables.has(key);
}

/**
 * Offset after which a new top-level table goes: after the last item before the first `[env…]` table (so the
 * new table reads as part of the top-level section), or after the last item of the file.
 */
export function topLevelSectionEnd(program: AST.TOMLProgram): number | undefined {
  let last: AST.TOMLKeyValue | AST.TOMLTable | undefined;
  for (const item of topLevelItems(program)) {
    if (item.type === 'TOMLTable' && tablePath(item)[0] === 'env') break;
    last = item;
  }
  return last?.range[1];
}

/** Find the node of a given type whose range is exactly the model range (model ranges come from the same text). */
export function nodeAtRange<T extends AST.TOMLNode['type']>(program: AST.TOMLProgram, lines: LineIndex, range: Range, type: T): Extract<AST.TOMLNode, { type: T }> | undefined {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  let found: AST.TOMLNode | undefined;
  const visit = (node: AST.TOMLNode | undefined): void => {
    if (!node || found) return;
    if (node.range[1] < start || node.range[0] > end) return;
    if (node.type === type && node.range[0] === start && node.range[1] === end) {
      found = node;
      return;
    }
    for (const child of childrenOf(node)) visit(child);
  };
  visit(program);
  return found as Extract<AST.TOMLNode, { type: T }> | undefined;
}

function childrenOf(node: AST.TOMLNode): AST.TOMLNode[] {
  switch (node.type) {
    case 'Program':
      return node.body;
    case 'TOMLTopLevelTable':
    case 'TOMLTable':
    case 'TOMLInlineTable':
      return node.body;
    case 'TOMLKeyValue':
      return [node.value];
    case 'TOMLArray':
      return node.elements;
    default:
      return [];
  }
}

function insertAt(doc: TomlTextDocument, offset: number, newText: string): TextFileEdit {
  const position = doc.lines.positionAt(offset);
  return { file: doc.file, range: { start: position, end: position }, newText };
}

/**
 * Insert whole lines after the line that holds `afterOffset` (its comment stays on it), separated by a blank
 * line when `blankLineBefore`. Without an offset the lines go at the start of the file.
 */
export function insertLinesAfter(doc: TomlTextDocument, afterOffset: number | undefined, lines: string[], blankLineBefore: boolean): TextFileEdit {
  const eol = doc.lines.eol;
  if (afterOffset === undefined) {
    const body = lines.join(eol);
    if (doc.text.length === 0) return insertAt(doc, 0, body + eol);
    return insertAt(doc, 0, body + eol + (blankLineBefore ? eol : ''));
  }
  const at = lineEnd(doc.text, afterOffset);
  return insertAt(doc, at, (blankLineBefore ? eol : '') + eol + lines.join(eol));
}

/**
 * Append an element (already TOML text) to an inline array, in the array's own layout: a one-line array gets
 * `, element`; a multi-line array gets a new line with the last element's indentation; a trailing comma is kept.
 */
export function appendToInlineArray(doc: TomlTextDocument, array: AST.TOMLArray, elementText: string): TextFileEdit[] {
  const text = doc.text;
  const [open, close] = array.range;
  const last = array.elements[array.elements.length - 1];
  if (!last) {
    // Between the brackets of an empty array there are only blanks and comments (`[\n  # add Workers here\n]`).
    const comment = text.lastIndexOf('#', close - 1);
    if (comment <= open) {
      const blanks = text.slice(open + 1, close - 1);
      const lastBreak = Math.max(blanks.lastIndexOf('\n'), blanks.lastIndexOf('\r'));
      // `[]` or `[  ]`: put the element between the brackets.
      if (lastBreak < 0) return [{ file: doc.file, range: doc.lines.rangeOf(open + 1, blanks.length), newText: elementText }];
      // `[⏎]`: the element on a line of its own, one step in from the `[` line, and the `]` where it was.
      const eol = doc.lines.eol;
      return [{ file: doc.file, range: doc.lines.rangeOf(open + 1, blanks.length), newText: `${eol}${lineIndentAt(doc.lines, open)}  ${elementText}${eol}${blanks.slice(lastBreak + 1)}` }];
    }
    // Comments: the element goes on a line of its own after the last one, so that none is lost; indented like a
    // comment line of its own, or one step in from the `[` that the comment follows.
    const indent = leadingWhitespace(text, comment) ?? `${lineIndentAt(doc.lines, open)}  `;
    return [insertAt(doc, lineEnd(text, comment), `${doc.lines.eol}${indent}${elementText}`)];
  }
  // Asked once per array: a fix per missing binding asks, and a one-line array of 2,000 bindings is one long line.
  const multiLine = askOnce(array, 'multi-line', () => /[\r\n]/.test(text.slice(open + 1, close - 1)));
  let afterLast = last.range[1];
  const cursor = skipBlanks(text, afterLast);
  const trailingComma = text[cursor] === ',';
  if (!multiLine) {
    if (trailingComma) return [insertAt(doc, cursor + 1, ` ${elementText},`)];
    return [insertAt(doc, afterLast, `, ${elementText}`)];
  }
  // `]` on the last element's line: the array ends inline, so continue it inline.
  if (lineEnd(text, afterLast) >= close - 1) {
    if (trailingComma) return [insertAt(doc, cursor + 1, ` ${elementText},`)];
    return [insertAt(doc, afterLast, `, ${elementText}`)];
  }
  if (trailingComma) afterLast = cursor + 1;
  const endOfLast = lineEnd(text, afterLast);
  const line = `${doc.lines.eol}${lineIndentAt(doc.lines, last.range[0])}${elementText}${trailingComma ? ',' : ''}`;
  if (trailingComma) return [insertAt(doc, endOfLast, line)];
  // Two insertions at one offset would apply in an unspecified order, so the comma joins the new line there.
  if (endOfLast === afterLast) return [insertAt(doc, afterLast, `,${line}`)];
  return [insertAt(doc, afterLast, ','), insertAt(doc, endOfLast, line)];
}

/** Add `key = value` to a one-line inline table (TOML 1.0 inline tables allow no line breaks, no trailing comma). */
export function appendToInlineTable(doc: TomlTextDocument, table: AST.TOMLInlineTable, pairText: string): TextFileEdit {
  const last = table.body[table.body.length - 1];
  if (!last) return { file: doc.file, range: doc.lines.rangeOf(table.range[0] + 1, table.range[1] - 1 - (table.range[0] + 1)), newText: ` ${pairText} ` };
  return insertAt(doc, last.range[1], `, ${pairText}`);
}

/** A TOML key as written: bare when it can be, quoted otherwise. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** A TOML basic string (JSON's escapes are a subset of TOML's; TOML also refuses a raw DEL, which JSON leaves). */
export function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\x7f/g, '\\u007F');
}

/** A TOML value for a plain JS value (strings, booleans, numbers, arrays and objects of those). */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value);
  // A datetime read from TOML (copied from another entry).
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    const pairs = Object.entries(value).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
    return `{ ${pairs.join(', ')} }`;
  }
  return '""';
}

/** Key = value lines of a `[[table]]` / `[table]` body. */
export function tomlPairs(object: Record<string, unknown>): string[] {
  return Object.entries(object).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`);
}

/** The value of `key` in a table body or inline table, as a node. */
export function valueIn(body: AST.TOMLKeyValue[], key: string): AST.TOMLContentNode | undefined {
  let found: AST.TOMLContentNode | undefined;
  for (const kv of body) {
    const names = keyNames(kv.key);
    if (names.length === 1 && names[0] === key) found = kv.value;
  }
  return found;
}
