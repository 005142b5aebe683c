// Engine feature results (features/types.ts) -> LSP types: completion entries, locations, hovers, rename edits,
// document symbols, code lenses and document links.
// The diagnostics and fixes half of the conversion lives in convert.ts; together they are the only converters.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type DocumentLink,
  type DocumentSymbol,
  type Hover,
  type Location as LspLocation,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextFileEdit } from '../analysis/findings';
import type { CodeLensEntry, CompletionEntry, CompletionKind, HoverResult, LinkEntry, Location, SymbolEntry } from '../analysis/features/types';
import { toLspRange, type UriOf, type VersionOf } from './convert';

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  alias: CompletionItemKind.Reference,
  binding: CompletionItemKind.Variable,
  method: CompletionItemKind.Method,
  variable: CompletionItemKind.Variable,
  file: CompletionItemKind.File,
  folder: CompletionItemKind.Folder,
  enum: CompletionItemKind.EnumMember,
  key: CompletionItemKind.Property,
  snippet: CompletionItemKind.Snippet,
};

/** VS Code's command to open the suggestion list again (other clients ignore commands they do not know). */
const RETRIGGER = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function toCompletionItem(entry: CompletionEntry): CompletionItem {
  const text = entry.insertText ?? entry.label;
  return {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    ...(entry.documentation !== undefined ? { documentation: { kind: MarkupKind.Markdown, value: entry.documentation } } : {}),
    ...(entry.range ? { textEdit: TextEdit.replace(toLspRange(entry.range), text) } : { insertText: text }),
    ...(entry.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    ...(entry.filterText !== undefined ? { filterText: entry.filterText } : {}),
    ...(entry.sortText !== undefined ? { sortText: entry.sortText } : {}),
    ...(entry.retrigger ? { command: RETRIGGER } : {}),
    ...(entry.deprecated ? { tags: [1] } : {}),
  };
}

export function toLocation(location: Location, uriOf: UriOf): LspLocation {
  return { uri: uriOf(location.file), range: toLspRange(location.range) };
}

export function toHover(result: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toLspRange(result.range) };
}

/** Rename edits across files, each version-checked against the open document it was computed from. */
export function toRenameEdit(edits: readonly TextFileEdit[], uriOf: UriOf, versionOf: VersionOf): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) {
    const list = byFile.get(edit.file) ?? [];
    list.push(TextEdit.replace(toLspRange(edit.range), edit.newText));
    byFile.set(edit.file, list);
  }
  return {
    documentChanges: [...byFile].map(([file, list]) => TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uriOf(file), versionOf(file)), list)),
  };
}

const SYMBOL_KINDS: Record<SymbolEntry['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  route: SymbolKind.Function,
  alias: SymbolKind.Constant,
  variable: SymbolKind.Variable,
  authorizer: SymbolKind.Key,
  cors: SymbolKind.Object,
  key: SymbolKind.Property,
};

export function toDocumentSymbol(entry: SymbolEntry): DocumentSymbol {
  return {
    name: entry.name,
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    kind: SYMBOL_KINDS[entry.kind],
    range: toLspRange(entry.range),
    selectionRange: toLspRange(entry.selectionRange),
    ...(entry.children && entry.children.length > 0 ? { children: entry.children.map(toDocumentSymbol) } : {}),
  };
}

export function toCodeLens(entry: CodeLensEntry): CodeLens {
  // A lens without a command is a label: an empty command id shows it without making it clickable.
  const command = { title: entry.title, command: entry.command?.id ?? '', ...(entry.command ? { arguments: entry.command.arguments } : {}) };
  return { range: toLspRange(entry.range), command };
}

export function toDocumentLink(entry: LinkEntry, uriOf: UriOf): DocumentLink {
  const target = /^https?:\/\//.test(entry.target) ? entry.target : uriOf(entry.target);
  return { range: toLspRange(entry.range), target, ...(entry.tooltip !== undefined ? { tooltip: entry.tooltip } : {}) };
}
