// `--format json`: the version-1 public contract of issue 2. Lines 0-based, characters in UTF-16 code units,
// files relative to the current folder with `/`. Fields are written in a fixed order so output diffs stay readable.
import type { WorkspaceFinding } from '../../analysis/check-workspace';
import type { FileEdit, Range } from '../../analysis/findings';
import { isCreateEdit } from '../../analysis/findings';
import { displayPath } from '../io';
import type { CheckReport } from './report';

export const JSON_FORMAT_VERSION = 1;

export interface JsonEdit {
  file: string;
  range?: Range;
  create?: true;
  newText: string;
}

export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: WorkspaceFinding['severity'];
  message: string;
  range: Range;
  /** Additive in version 1: the JSON pointer in api-config.json, what a `.sagrc.json` `ignore[].pointer` names. */
  pointer?: string;
  env?: string;
  runtime: WorkspaceFinding['runtime'];
  related: { file: string; range: Range; message: string }[];
  fixes: JsonFix[];
}

export interface JsonFix {
  title: string;
  safe: boolean;
  edits: JsonEdit[];
  /** Additive in version 1: the guessed value a front-end may ask the user for (findings.ts FixPlaceholder). */
  placeholder?: { kind: string; text: string; edit: number; offset: number };
}

export interface JsonOutput {
  version: typeof JSON_FORMAT_VERSION;
  diagnostics: JsonDiagnostic[];
}

function copyRange(range: Range): Range {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function toJsonEdit(report: CheckReport, edit: FileEdit): JsonEdit {
  const file = displayPath(report, edit.file);
  return isCreateEdit(edit) ? { file, create: true, newText: edit.newText } : { file, range: copyRange(edit.range), newText: edit.newText };
}

export function toJsonOutput(report: CheckReport): JsonOutput {
  return {
    version: JSON_FORMAT_VERSION,
    diagnostics: report.findings.map((f) => ({
      file: displayPath(report, f.file),
      code: f.code,
      severity: f.severity,
      message: f.message,
      range: copyRange(f.range),
      ...(f.pointer !== undefined ? { pointer: f.pointer } : {}),
      ...(f.env !== undefined ? { env: f.env } : {}),
      runtime: f.runtime,
      related: f.related.map((r) => ({ file: displayPath(report, r.file), range: copyRange(r.range), message: r.message })),
      fixes: f.fixes.map((fix): JsonFix => ({
        title: fix.title,
        safe: fix.safe,
        edits: fix.edits.map((e) => toJsonEdit(report, e)),
        ...(fix.placeholder ? { placeholder: { kind: fix.placeholder.kind, text: fix.placeholder.text, edit: fix.placeholder.edit, offset: fix.placeholder.offset } } : {}),
      })),
    })),
  };
}

export function formatJson(report: CheckReport): string {
  return `${JSON.stringify(toJsonOutput(report), null, 2)}\n`;
}
