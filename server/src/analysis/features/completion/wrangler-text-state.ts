// Where an offset of a wrangler config sits: lexically (in a comment, in a one-line string, in a multi-line TOML
// string, or in plain code) and in its nesting (the table or array around it). Completion reads the cursor's line
// as text (half-typed values do not parse), so it must not mistake `# binding = "` or a line of a `"""` string for
// a declaration, nor a `binding` of a KV namespace or of `vars` for one of a service binding.
import type { WranglerFormat } from '../../model';
import { lineEnd } from '../../text/line-end';

export type TextState = 'code' | 'comment' | 'string' | 'long-string';

export interface TextContext {
  state: TextState;
  /**
   * The key of the innermost table or array around the offset that has one: `services` in `services = [ { … |`,
   * `[[env.x.services]]`, `"services": [ { … |`; `vars` in `vars = { … |`; undefined at the top level.
   */
  table?: string;
  /** Where the declaration around the offset begins: its `{`, else its table header (0 when neither). */
  declarationStart: number;
}

/** The state just before `offset`: one pass from the start of the text (wrangler configs are small). */
export function textStateAt(text: string, offset: number, format: WranglerFormat): TextState {
  return textContextAt(text, offset, format).state;
}

export function textContextAt(text: string, offset: number, format: WranglerFormat): TextContext {
  const nesting = new Nesting(text, format === 'toml');
  const state = format === 'toml' ? scanToml(text, offset, nesting) : scanJsonc(text, offset, nesting);
  return { state, ...nesting.context() };
}

function scanToml(text: string, offset: number, nesting: Nesting): TextState {
  let i = 0;
  while (i < offset) {
    const c = text[i]!;
    if (c === '#') {
      const end = lineEnd(text, i);
      if (end >= offset) return 'comment';
      i = end;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j)) {
        if (!long && (text[j] === '\n' || text[j] === '\r')) break; // unterminated: the string ends with its line
        j += c === '"' && text[j] === '\\' ? 2 : 1;
      }
      if (offset <= j) return long ? 'long-string' : 'string';
      nesting.string(text.slice(i + close.length, j));
      i = text.startsWith(close, j) ? j + close.length : j;
    } else i = nesting.code(i, Math.min(offset, text.length));
  }
  return 'code';
}

function scanJsonc(text: string, offset: number, nesting: Nesting): TextState {
  let i = 0;
  while (i < offset) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      const end = lineEnd(text, i);
      if (end >= offset) return 'comment';
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || offset < close + 2) return 'comment';
      i = close + 2;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n' && text[j] !== '\r') j += text[j] === '\\' ? 2 : 1;
      if (offset <= j) return 'string';
      nesting.string(text.slice(i + 1, j));
      i = text[j] === '"' ? j + 1 : j;
    } else i = nesting.code(i, Math.min(offset, text.length));
  }
  return 'code';
}

/** An open `[` or `{`: the key it is the value of (`services = [`), if any, and where it opened. */
interface Frame {
  key: string | undefined;
  bracket: '[' | '{';
  at: number;
}

/** Past 256 open brackets the nesting is not followed (a hostile text must not grow the stack without bound). */
const MAX_FRAMES = 256;

/**
 * The brackets open before the offset, with the key each is the value of, fed the code and the strings of the text
 * in order. A word or string followed by `=` or `:` is a key; the last part of a dotted TOML key names its value.
 */
class Nesting {
  private readonly frames: Frame[] = [];
  private lastToken: string | undefined;
  private pendingKey: string | undefined;
  /** TOML: the last part of the last table header (`[[env.x.services]]` -> services) and where it starts. */
  private header: string | undefined;
  private headerAt = 0;
  private deep = 0;

  constructor(
    private readonly text: string,
    private readonly toml: boolean,
  ) {}

  string(content: string): void {
    this.lastToken = content;
  }

  /** Reads code at `i` (before `end`); returns where to go on. */
  code(i: number, end: number): number {
    const text = this.text;
    const c = text[i]!;
    if (/[A-Za-z0-9_.-]/.test(c)) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_.-]/.test(text[j]!)) j++;
      this.lastToken = text.slice(i, j).split('.').pop();
      return j;
    }
    switch (c) {
      case '=':
      case ':':
        this.pendingKey = this.lastToken;
        this.lastToken = undefined;
        break;
      case '[':
      case '{':
        // A table header: at the start of a line outside any bracket, or a whole line that reads as one even inside
        // brackets left open above (a header ends every value before it: an unclosed `[` must not hide the rest).
        if (c === '[' && this.toml && atLineStart(text, i) && ((this.frames.length === 0 && this.deep === 0) || HEADER_LINE.test(text.slice(i, lineEnd(text, i))))) {
          this.frames.length = 0;
          this.deep = 0;
          return this.readHeader(i, end);
        }
        if (this.frames.length < MAX_FRAMES) this.frames.push({ key: this.pendingKey, bracket: c, at: i });
        else this.deep++;
        this.pendingKey = this.lastToken = undefined;
        break;
      case ']':
      case '}':
        if (this.deep > 0) this.deep--;
        else this.frames.pop();
        this.pendingKey = this.lastToken = undefined;
        break;
      case ',':
        this.pendingKey = this.lastToken = undefined;
        break;
      case '\n':
      case '\r':
        // A TOML key and its value share a line; JSON may break a line between a key and its `[`.
        if (this.toml) this.pendingKey = this.lastToken = undefined;
        break;
    }
    return i + 1;
  }

  /** A TOML table header at `i`: `[a.b]` or `[[a.b]]`, quoted parts too; the line's rest is read on as code. */
  private readHeader(i: number, end: number): number {
    const text = this.text;
    const close = lineEnd(text, i);
    const match = HEADER.exec(text.slice(i, Math.min(close, end)));
    this.headerAt = i;
    if (!match) {
      this.header = undefined;
      return Math.min(close, end);
    }
    this.header = lastKeyPart(match[1]!);
    return i + match[0].length;
  }

  context(): { table?: string; declarationStart: number } {
    let table: string | undefined;
    for (let k = this.frames.length - 1; k >= 0 && table === undefined; k--) table = this.frames[k]!.key;
    table ??= this.header;
    let declarationStart = this.headerAt;
    for (let k = this.frames.length - 1; k >= 0; k--) {
      if (this.frames[k]!.bracket === '{') {
        declarationStart = this.frames[k]!.at;
        break;
      }
    }
    return { ...(table !== undefined ? { table } : {}), declarationStart };
  }
}

/** `[a.b]` / `[[a."b.c"]]`: quoted parts may hold dots and brackets. */
const HEADER = /^\[\[?[ \t]*((?:[^\]\r\n"']|"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*')*?)[ \t]*\]\]?/;
/** A line that is only a table header (and a comment): never an element of a multi-line array. */
const HEADER_LINE = /^\[\[?[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'))*[ \t]*\]\]?[ \t]*(?:#.*)?$/;

/** The last part of a dotted TOML key (`env."a.b".services` -> services, `env."a.b"` -> a.b). */
function lastKeyPart(key: string): string {
  let part = '';
  let quote: string | undefined;
  for (let i = 0; i < key.length; i++) {
    const c = key[i]!;
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < key.length) part += key[++i];
      else if (c === quote) quote = undefined;
      else part += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '.') part = '';
    else if (c !== ' ' && c !== '\t') part += c;
  }
  return part;
}

function atLineStart(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text[k];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}
