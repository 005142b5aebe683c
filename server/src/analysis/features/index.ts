// The navigation and completion features of the engine: pure functions (project, file, position[, options]) ->
// plain results (types.ts). The language server imports them from here and converts the results to LSP.
export type * from './types';
export { completion } from './completion';
export { hover } from './hover';
export { definition } from './definition';
export { references } from './references';
export { prepareRename, rename } from './rename';
export { documentSymbols } from './symbols';
export { codeLenses, OPEN_ROUTE_COMMAND } from './code-lens';
export { documentLinks } from './links';
export { semanticTokens } from './semantic-tokens';
export { referenceIndex, runtimeOf, type ReferenceIndex } from './reference-index/build';
