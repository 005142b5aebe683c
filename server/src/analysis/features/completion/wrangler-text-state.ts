// Where an offset of a wrangler config sits lexically: in a comment, in a one-line string, in a multi-line TOML
// string, or in plain code. Completion reads the cursor's line as text (half-typed values do not parse), so it
// must not mistake `# binding = "` or a line of a `"""` string for a declaration.
import type { WranglerFormat } from '../../model';
import { lineEnd } from '../../text/line-end';

export type TextState = 'code' | 'comment' | 'string' | 'long-string';

/** The state just before `offset`: one pass from the start of the text (wrangler configs are small). */
export function textStateAt(text: string, offset: number, format: WranglerFormat): TextState {
  return format === 'toml' ? tomlStateAt(text, offset) : jsoncStateAt(text, offset);
}

function tomlStateAt(text: string, offset: number): TextState {
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
      i = text.startsWith(close, j) ? j + close.length : j;
    } else i++;
  }
  return 'code';
}

function jsoncStateAt(text: string, offset: number): TextState {
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
      i = text[j] === '"' ? j + 1 : j;
    } else i++;
  }
  return 'code';
}
