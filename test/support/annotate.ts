// Findings rendered as carets under the text they point at, for readable assertions:
//   /gw/api-config.json:3
//       "binding": "HOOK"
//                  ^^^^^^ SAG301 error (env: staging): binding `HOOK` is not declared ...
import type { Finding } from '../../server/src/analysis/findings';

export function annotate(files: Record<string, string>, findings: readonly Finding[], options: { messages?: boolean } = {}): string {
  const out: string[] = [];
  for (const f of findings) {
    const lines = (files[f.file] ?? '').split(/\r\n|\r|\n/);
    const line = lines[f.range.start.line] ?? '';
    const end = f.range.end.line === f.range.start.line ? f.range.end.character : line.length;
    const width = Math.max(1, end - f.range.start.character);
    const env = f.env !== undefined ? ` (env: ${f.env === '' ? 'top' : f.env})` : '';
    out.push(`${f.file}:${f.range.start.line + 1}`);
    out.push(`    ${line}`);
    out.push(`    ${' '.repeat(f.range.start.character)}${'^'.repeat(width)} ${f.code} ${f.severity}${env}${options.messages === false ? '' : `: ${f.message}`}`);
  }
  return out.join('\n');
}
