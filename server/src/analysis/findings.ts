// The engine's output vocabulary: positions, findings and the fixes they carry.
// Plain data in editor words (0-based lines, UTF-16 characters, like LSP) so every front-end converts once.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Which gateway will serve the config (SPEC E.0). */
export type RuntimeTarget = 'bundled' | 'upstream';

/** Replace `range` of an existing file with `newText`. */
export interface TextFileEdit {
  file: string;
  range: Range;
  newText: string;
}

/** Create a file that does not exist yet. */
export interface CreateFileEdit {
  file: string;
  create: true;
  newText: string;
}

export type FileEdit = TextFileEdit | CreateFileEdit;

/**
 * A guessed value inside the edits' newText that a front-end may ask the user for, then write the answer over
 * exactly these characters (escaped the way the surrounding quotes need; JSON and TOML basic strings agree).
 */
export interface FixPlaceholder {
  /** What the value names: only the target Worker of a new service binding (SAG301) today. */
  kind: 'workerName';
  /** The guess exactly as written in the newText, between its quotes. */
  text: string;
  /** Index into the fix's `edits` of the edit that holds it. */
  edit: number;
  /** UTF-16 offset of `text` in that edit's newText. */
  offset: number;
}

export interface Fix {
  title: string;
  /** Safe fixes may be applied unattended (`sag check --fix`): no guessed names, no new files. */
  safe: boolean;
  edits: FileEdit[];
  /** A command the user may want to run by hand (shown, never run), e.g. `wrangler secret put NAME`. */
  command?: string;
  /** Set when the fix had to guess a name (so it is never safe). */
  placeholder?: FixPlaceholder;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** Absolute, normalised path (see workspace/paths.ts). */
  file: string;
  range: Range;
  /** JSON pointer of the anchor inside api-config.json (or the wrangler JSON), when there is one. */
  pointer?: string;
  /** Wrangler environment the finding holds in: `undefined` = not environment-specific, "" = top level. */
  env?: string;
  related: RelatedLocation[];
  fixes: Fix[];
}

export function isCreateEdit(edit: FileEdit): edit is CreateFileEdit {
  return (edit as CreateFileEdit).create === true;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * `findings` without repeats: several gateways that share a wrangler config each report its findings (SAG309 on the
 * same line twice). Same code, file, range, severity, environment and message = one, the first (whatever runtime
 * each gateway targets: the finding reads the same).
 */
export function withoutRepeats<T extends Finding>(findings: readonly T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const { start, end } = f.range;
    const id = `${f.code}\u0000${f.file}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${f.severity}\u0000${f.env ?? ''}\u0000${f.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
