// Restricted Mode gate: the languageclient middleware that, while the workspace is untrusted, answers every feature
// but diagnostics with an empty result, and the code lens refresh to run when trust is granted.
// Type-only imports: this file loads in plain Node, so the unit tests exercise it without VS Code.
import type { TextDocument } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/**
 * Every middleware hook the gate answers while untrusted: one per provider the server advertises (see
 * server/src/lsp/handlers/lifecycle.ts) plus their resolve steps. Diagnostics (`handleDiagnostics`,
 * `provideDiagnostics`, `provideWorkspaceDiagnostics`) are deliberately absent: the client then talks to the
 * server directly, so diagnostics flow in Restricted Mode and the per-edit path pays nothing for the gate.
 */
export const GATED_MIDDLEWARE = [
  'provideCompletionItem',
  'resolveCompletionItem',
  'provideHover',
  'provideDefinition',
  'provideReferences',
  'prepareRename',
  'provideRenameEdits',
  'provideDocumentSymbols',
  'provideCodeLenses',
  'resolveCodeLens',
  'provideDocumentLinks',
  'resolveDocumentLink',
  'provideCodeActions',
  'resolveCodeAction',
  'executeCommand',
] as const satisfies readonly (keyof Middleware)[];

export type GatedMiddleware = Required<Pick<Middleware, (typeof GATED_MIDDLEWARE)[number]>>;

/**
 * `isTrusted` is read on every call (not captured once), so granting trust turns the features on at the next
 * request without restarting the client. Lists answer `[]`; single answers and resolve steps answer `undefined`
 * (VS Code keeps the unresolved item).
 */
export function trustGateMiddleware(isTrusted: () => boolean): GatedMiddleware {
  return {
    provideCompletionItem: (document, position, context, token, next) => (isTrusted() ? next(document, position, context, token) : []),
    resolveCompletionItem: (item, token, next) => (isTrusted() ? next(item, token) : undefined),
    provideHover: (document, position, token, next) => (isTrusted() ? next(document, position, token) : undefined),
    provideDefinition: (document, position, token, next) => (isTrusted() ? next(document, position, token) : undefined),
    provideReferences: (document, position, options, token, next) => (isTrusted() ? next(document, position, options, token) : []),
    prepareRename: (document, position, token, next) => (isTrusted() ? next(document, position, token) : undefined),
    provideRenameEdits: (document, position, newName, token, next) => (isTrusted() ? next(document, position, newName, token) : undefined),
    provideDocumentSymbols: (document, token, next) => (isTrusted() ? next(document, token) : []),
    provideCodeLenses: (document, token, next) => (isTrusted() ? next(document, token) : []),
    resolveCodeLens: (codeLens, token, next) => (isTrusted() ? next(codeLens, token) : undefined),
    provideDocumentLinks: (document, token, next) => (isTrusted() ? next(document, token) : []),
    resolveDocumentLink: (link, token, next) => (isTrusted() ? next(link, token) : undefined),
    provideCodeActions: (document, range, context, token, next) => (isTrusted() ? next(document, range, context, token) : []),
    resolveCodeAction: (item, token, next) => (isTrusted() ? next(item, token) : undefined),
    executeCommand: (command, args, next) => (isTrusted() ? next(command, args) : undefined),
  };
}

/** The slice of `client.getFeature(CodeLensRequest.method)` the refresh needs. */
export interface CodeLensFeatureLike {
  getProvider(document: TextDocument): { onDidChangeCodeLensEmitter: { fire(): void } } | undefined;
}

/**
 * VS Code caches the empty code lenses it got in Restricted Mode until the document changes; firing the provider's
 * change event makes it ask again once trust is granted. Completion, hover, navigation and code actions need no
 * refresh: VS Code requests them afresh each time. Returns how many providers were refreshed.
 */
export function refreshCodeLenses(feature: CodeLensFeatureLike | undefined, documents: readonly TextDocument[]): number {
  if (!feature) return 0;
  const emitters = new Set<{ fire(): void }>();
  for (const document of documents) {
    const provider = feature.getProvider(document);
    if (provider) emitters.add(provider.onDidChangeCodeLensEmitter);
  }
  for (const emitter of emitters) emitter.fire();
  return emitters.size;
}
