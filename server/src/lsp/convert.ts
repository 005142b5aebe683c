// Engine types -> LSP types, in this one file: findings to diagnostics, fixes to workspace edits and code actions.
// Handlers never build LSP ranges, severities or edits themselves.
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  DiagnosticSeverity,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Range, Severity } from '../analysis/findings';
import { isCreateEdit } from '../analysis/findings';
import { docsUrl } from '../analysis/docs-links';
import type { PlaceholderLocation } from './protocol';
import { pathToUri } from './uri';

export const DIAGNOSTIC_SOURCE = 'sag';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Engine and LSP ranges are the same shape (0-based, UTF-16); copied so no engine object leaks into a message. */
export function toLspRange(range: Range): Range {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

/** Which file a URI is known by: the client's own spelling for open documents, ours otherwise. */
export type UriOf = (path: string) => string;

/** The environment a finding holds in, as users read it in a message. */
export function environmentLabel(env: string | undefined): string | undefined {
  if (env === undefined) return undefined;
  return env === '' ? 'top level' : env;
}

export function toDiagnostic(finding: Finding, uriOf: UriOf = pathToUri): Diagnostic {
  // Rules name the environment where the file has several (`(env: staging)`); a named one is always said here.
  const message = finding.env && !finding.message.includes('(env: ') ? `${finding.message} (env: ${environmentLabel(finding.env)})` : finding.message;
  const related: DiagnosticRelatedInformation[] = finding.related.map((r) => ({
    location: { uri: uriOf(r.file), range: toLspRange(r.range) },
    message: r.message,
  }));
  return {
    range: toLspRange(finding.range),
    severity: SEVERITIES[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    // No `data`: code actions find their finding by code and range, and every byte here is paid per edit (4,000+
    // diagnostics on a large config).
  };
}

/** Open documents' versions; `null` (unversioned) for files not open in the editor. */
export type VersionOf = (path: string) => number | null;

/** A fix as one workspace edit: text edits per file (version-checked), CreateFile before a created file's text. */
export function toWorkspaceEdit(fix: Fix, uriOf: UriOf, versionOf: VersionOf): WorkspaceEdit {
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const textEdits = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    if (isCreateEdit(edit)) {
      const uri = uriOf(edit.file);
      documentChanges.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [TextEdit.insert({ line: 0, character: 0 }, edit.newText)]));
      continue;
    }
    const list = textEdits.get(edit.file) ?? [];
    list.push(TextEdit.replace(toLspRange(edit.range), edit.newText));
    textEdits.set(edit.file, list);
  }
  for (const [file, edits] of textEdits) {
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uriOf(file), versionOf(file)), edits));
  }
  return { documentChanges };
}

/**
 * Where the fix's placeholder lands in toWorkspaceEdit's result (same walk: created files first, then one
 * TextDocumentEdit per file in the order files first appear).
 */
export function placeholderLocation(fix: Fix, edit: WorkspaceEdit): PlaceholderLocation | undefined {
  const placeholder = fix.placeholder;
  const target = placeholder ? fix.edits[placeholder.edit] : undefined;
  if (!placeholder || !target) return undefined;
  let creates = 0;
  const files: string[] = [];
  const perFile = new Map<string, number>();
  let at: { file: string; index: number } | undefined;
  for (let i = 0; i < fix.edits.length; i++) {
    const e = fix.edits[i]!;
    if (isCreateEdit(e)) {
      if (i === placeholder.edit) return { change: creates * 2 + 1, edit: 0, offset: placeholder.offset };
      creates++;
      continue;
    }
    if (!perFile.has(e.file)) files.push(e.file);
    const index = perFile.get(e.file) ?? 0;
    perFile.set(e.file, index + 1);
    if (i === placeholder.edit) at = { file: e.file, index };
  }
  if (!at) return undefined;
  const location = { change: creates * 2 + files.indexOf(at.file), edit: at.index, offset: placeholder.offset };
  // Checked against the edit as built, so a change of toWorkspaceEdit's layout cannot go unnoticed.
  const change = edit.documentChanges?.[location.change];
  const text = change && 'edits' in change ? change.edits[location.edit] : undefined;
  return text && 'newText' in text && text.newText.startsWith(placeholder.text, placeholder.offset) ? location : undefined;
}

/** Whole-file replacements (the "fix all" result): one edit per file from its old text to its new text. */
export function toReplaceFilesEdit(files: Map<string, { oldText: string; newText: string }>, uriOf: UriOf, versionOf: VersionOf): WorkspaceEdit {
  const documentChanges: TextDocumentEdit[] = [];
  for (const [file, { oldText, newText }] of files) {
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uriOf(file), versionOf(file)), [TextEdit.replace(wholeTextRange(oldText), newText)]));
  }
  return { documentChanges };
}

function wholeTextRange(text: string): Range {
  let line = 0;
  let lastLineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) {
      line++;
      lastLineStart = i + 1;
    }
  }
  return { start: { line: 0, character: 0 }, end: { line, character: text.length - lastLineStart } };
}

export function toQuickFix(fix: Fix, diagnostic: Diagnostic, edit: WorkspaceEdit | undefined, preferred: boolean): CodeAction {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (edit) action.edit = edit;
  if (preferred) action.isPreferred = true;
  return action;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
