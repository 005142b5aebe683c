// Plain result types of the navigation and completion features, in editor words (0-based lines, UTF-16
// characters). The language server converts them to LSP once; nothing here knows the protocol.
import type { Finding, Range, RuntimeTarget, TextFileEdit } from '../findings';
import type { FileHost } from '../host';
import type { GatewayProject } from '../model';

export type { Range, TextFileEdit };

/** What every feature may be told besides the project. All optional: defaults come from the project. */
export interface FeatureOptions {
  /** The runtime to answer for (effectiveRuntime of analyze.ts); default `.sagrc.json` runtime, else the detected one. */
  runtime?: RuntimeTarget;
  /** Files on disk: entrypoint completion lists folders, definitions check that module files exist. */
  host?: FileHost;
  /** Called with an internal error a feature swallowed (it then answers empty): log it, report it. */
  onError?: (error: unknown) => void;
}

/** A gateway as the features see it: its project and the options its features answer with. */
export interface FeatureContext {
  project: GatewayProject;
  options: FeatureOptions;
}

export interface HoverOptions extends FeatureOptions {
  /**
   * The other gateways that read the hovered file (a Worker they bind, a wrangler config they share): a "Used by"
   * count adds their uses and names the gateways. Asked only when the hover shows such a count, outside
   * api-config.json (no other gateway reads that), since loading them may cost a project load each.
   */
  otherGateways?: () => readonly FeatureContext[];
}

export type CompletionKind = 'alias' | 'binding' | 'method' | 'variable' | 'file' | 'folder' | 'enum' | 'key' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label (e.g. `binding TARGET → sag-target`). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert over `range`; default: the label. */
  insertText?: string;
  /** true when insertText uses snippet syntax (`${1:name}`, `$0`). */
  snippet?: boolean;
  /** What the entry replaces (the string's content, the typed word); default: the word at the cursor. */
  range?: Range;
  /** Text the client filters and sorts by, when it differs from the label. */
  filterText?: string;
  sortText?: string;
  /** Ask the client to complete again after inserting (`$request.` -> the header names). */
  retrigger?: boolean;
  deprecated?: boolean;
}

export interface Location {
  file: string;
  range: Range;
}

export interface HoverResult {
  markdown: string;
  range: Range;
}

export type SymbolKind = 'section' | 'route' | 'alias' | 'variable' | 'authorizer' | 'cors' | 'key';

export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole node (route object, section array). */
  range: Range;
  /** What the editor selects / reveals (the route's path value, the section key). */
  selectionRange: Range;
  children?: SymbolEntry[];
}

export interface CodeLensCommand {
  /** e.g. `sag.openRoute`; the client registers it. */
  id: string;
  arguments: unknown[];
}

export interface CodeLensEntry {
  range: Range;
  title: string;
  /** Longer explanation (why it is shadowed, by which route). */
  tooltip?: string;
  command?: CodeLensCommand;
  routeIndex: number;
  shadowed: boolean;
}

export interface LinkEntry {
  range: Range;
  /** Absolute normalised path of a file, or an http(s) URL. */
  target: string;
  tooltip?: string;
}

export interface PrepareRenameResult {
  /** The text to rename (a string's content, without quotes). */
  range: Range;
  placeholder: string;
}

export type RenameResult = { edits: TextFileEdit[] } | { error: string };
export type PrepareRenameAnswer = PrepareRenameResult | { error: string };

export interface ReferencesOptions extends FeatureOptions {
  /** Include the definitions (alias entries, wrangler declarations) among the results. */
  includeDeclaration?: boolean;
}

export interface CodeLensOptions extends FeatureOptions {
  /**
   * Findings the server already has for this project (analyzeProject). When given, shadowing comes from their
   * SAG501/SAG502/SAG504/SAG511 entries; otherwise the routing rules run for the lenses alone.
   */
  findings?: readonly Finding[];
}

export type SemanticTokenType = 'unknownConfigVariable' | 'unknownEnvVariable';

export interface SemanticTokenEntry {
  range: Range;
  type: SemanticTokenType;
}
