// `.dev.vars`, `.dev.vars.<env>` and `.env` (dotenv syntax, as wrangler reads them for local dev) -> names and
// values with ranges: the only place the checker can see secrets (SAG306, SAG307, SAG308).
import type { DevVarsFile, Located } from '../model';
import { LineIndex } from '../text/line-index';
import { basename } from '../workspace/paths';

/** Which environment a dev-vars file applies to: undefined = all; `.dev.vars.staging` -> "staging"; not a dev-vars file -> null. */
export function devVarsEnvironmentOf(file: string): string | undefined | null {
  const name = basename(file);
  if (name === '.dev.vars' || name === '.env') return undefined;
  const match = /^\.(?:dev\.vars|env)\.(.+)$/.exec(name);
  return match ? match[1]! : null;
}

// Dev-vars files hold a few lines; the cap keeps the quoted-value pattern cheap on junk input.
const MAX_DEV_VARS_CHARS = 256 * 1024;

export function parseDevVars(file: string, text: string): DevVarsFile {
  const env = devVarsEnvironmentOf(file) ?? undefined;
  const vars = new Map<string, Located<string>>();
  const result: DevVarsFile = { file, ...(env !== undefined ? { env } : {}), vars };
  if (text.length > MAX_DEV_VARS_CHARS || text.includes('\u0000')) return result;
  const lines = new LineIndex(text);
  // KEY = value, optional `export `, value unquoted (up to ` #`), or '...', "..." or `...` (may span lines). A byte
  // order mark before the first key is blank space to wrangler's dotenv parser (`\s`), so it is here too.
  const pattern = /^[ \t\uFEFF]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`|[^\r\n]*)/gm;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const [whole, key, rawValue = ''] = match;
    const keyOffset = match.index + whole.indexOf(key!);
    const valueOffset = match.index + whole.length - rawValue.length;
    const { value, length } = readValue(rawValue);
    vars.set(key!, { value, range: lines.rangeOf(valueOffset, length), keyRange: lines.rangeOf(keyOffset, key!.length) });
    if (whole.length === 0) pattern.lastIndex++;
  }
  return result;
}

function readValue(raw: string): { value: string; length: number } {
  const quote = raw[0];
  if ((quote === '"' || quote === "'" || quote === '`') && raw.length >= 2 && raw.endsWith(quote)) {
    const inner = raw.slice(1, -1);
    const value = quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\(["\\])/g, '$1') : inner;
    return { value, length: raw.length };
  }
  // Unquoted: an inline comment starts at ` #`; trailing blanks are not part of the value.
  const comment = raw.search(/[ \t]#/);
  const text = (comment >= 0 ? raw.slice(0, comment) : raw).replace(/[ \t]+$/, '');
  return { value: text, length: text.length };
}
