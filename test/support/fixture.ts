// Multi-file test fixtures written as one string, rust-analyzer style:
//   //- /gw/api-config.json      starts a file (absolute posix path)
//   $0                           marks a cursor (stripped; its file, offset and position are returned)
// The common indentation of the whole string is removed first, so fixtures can sit indented in a test.
import type { Position } from '../../server/src/analysis/findings';
import { LineIndex } from '../../server/src/analysis/text/line-index';

export interface FixtureCursor {
  file: string;
  offset: number;
  position: Position;
}

export interface Fixture {
  files: Record<string, string>;
  cursor?: FixtureCursor;
}

const FILE_MARKER = /^\/\/-\s+(\S+)\s*$/;
export const CURSOR_MARKER = '$0';

export function fixture(text: string): Fixture {
  const lines = dedent(text).split('\n');
  const files: Record<string, string> = {};
  let current: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (current !== undefined) files[current] = body.length === 0 ? '' : `${body.join('\n')}\n`;
  };
  for (const line of lines) {
    const marker = FILE_MARKER.exec(line);
    if (marker) {
      flush();
      current = marker[1]!;
      body = [];
    } else if (current !== undefined) {
      body.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`fixture text before the first \`//- /path\` line: ${JSON.stringify(line)}`);
    }
  }
  flush();
  // Trailing blank lines of each file come from the layout of the template literal, not the file.
  for (const [path, content] of Object.entries(files)) files[path] = content.replace(/\n+$/, '\n');
  let cursor: FixtureCursor | undefined;
  for (const [path, content] of Object.entries(files)) {
    const offset = content.indexOf(CURSOR_MARKER);
    if (offset < 0) continue;
    if (cursor) throw new Error('fixture has more than one $0 cursor');
    const stripped = content.slice(0, offset) + content.slice(offset + CURSOR_MARKER.length);
    files[path] = stripped;
    cursor = { file: path, offset, position: new LineIndex(stripped).positionAt(offset) };
  }
  return { files, ...(cursor ? { cursor } : {}) };
}

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join('\n');
}
