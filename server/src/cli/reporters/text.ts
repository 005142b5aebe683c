// `--format text`: one line per finding, `file:line:col  severity  SAGnnn  message` (1-based), then a summary.
import type { Severity } from '../../analysis/findings';
import { displayPath } from '../io';
import type { CheckReport } from './report';
import { messageWithEnv } from './report';
import { printable } from './terminal-text';

export interface TextStyle {
  color: boolean;
}

const SEVERITY_WORD: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };

function paint(style: TextStyle, code: string, text: string): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function formatText(report: CheckReport, style: TextStyle): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    const where = `${printable(displayPath(report, f.file))}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    const severity = paint(style, SEVERITY_COLOR[f.severity], SEVERITY_WORD[f.severity].padEnd(7));
    lines.push(`${paint(style, '1', where)}  ${severity}  ${paint(style, '2', f.code)}  ${printable(messageWithEnv(f))}`);
  }
  if (report.findings.length > 0) lines.push('');
  lines.push(summaryLine(report, style));
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning, 0 infos in 2 files (1 gateway)"; hints only when there are some. */
export function summaryLine(report: CheckReport, style: TextStyle): string {
  const count = (s: Severity): number => report.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const parts = [
    paint(style, errors > 0 ? SEVERITY_COLOR.error : '0', plural(errors, 'error')),
    paint(style, warnings > 0 ? SEVERITY_COLOR.warning : '0', plural(warnings, 'warning')),
    plural(count('information'), 'info'),
  ];
  const hints = count('hint');
  if (hints > 0) parts.push(plural(hints, 'hint'));
  const files = new Set(report.findings.map((f) => f.file)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')} (${plural(report.gatewayCount, 'gateway')})`;
}
