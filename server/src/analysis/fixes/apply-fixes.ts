// Turns the fixes carried by findings into new file texts (for `sag check --fix` and a future "fix all"),
// without writing anything: the front-end decides what to do with the texts.
import type { CreateFileEdit, Finding, Fix, TextFileEdit } from '../findings';
import { isCreateEdit } from '../findings';
import type { FileHost } from '../host';
import { LineIndex } from '../text/line-index';
import { visit } from 'jsonc-parser';
import { applyTextEdits } from './json-edits';
import { lowerBoundBy } from '../text/lower-bound';

export interface ApplyFixesOptions {
  /** Only fixes marked safe (no guessed names, no new files): what runs unattended. Default true. */
  safeOnly?: boolean;
}

export interface PlannedFix {
  finding: Finding;
  fix: Fix;
  /** Every edit of the fix is one an earlier fix of the plan makes already: this finding is fixed by that edit. */
  repeated?: true;
}

export interface FixPlan {
  /** New text per changed or created file (absolute, normalised paths). */
  files: Map<string, string>;
  /** Fixes whose edits are all in `files`, in finding order. */
  applied: PlannedFix[];
  /** Fixes left out because they touch text an earlier fix already changes: apply `files` and re-check to get them. */
  deferred: PlannedFix[];
  /** Files no fix may edit, and why: the host could not read them exactly (FileHost.readProblem). */
  refused: Map<string, string>;
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

interface FileState {
  original: string;
  lines: LineIndex;
  /**
   * The planned edits, sorted by start. No two overlap, and no two start at one offset (overlaps() refuses both),
   * so a new edit meets at most its two neighbours: found by binary search, not by a pass over all of them (7,500
   * safe fixes in one file took 4 s, once per "Fix all" and per --fix round).
   */
  edits: OffsetEdit[];
}

/**
 * Plan the fixes of `findings`: at most one fix per finding (the first eligible one: alternatives exclude each
 * other), all-or-nothing per fix, the first fix wins where two touch the same text. Identical edits from two
 * findings (the same binding missing for two uses) count once.
 */
export function planFixes(host: FileHost, findings: readonly Finding[], options: ApplyFixesOptions = {}): FixPlan {
  const safeOnly = options.safeOnly ?? true;
  const states = new Map<string, FileState>();
  const created = new Map<string, string>();
  const applied: PlannedFix[] = [];
  const deferred: PlannedFix[] = [];
  const refused = new Map<string, string>();

  const stateOf = (file: string): FileState | undefined => {
    let state = states.get(file);
    if (!state) {
      if (refused.has(file)) return undefined;
      const text = host.readFile(file);
      if (text === undefined) return undefined;
      // A text that is not the file's bytes (invalid UTF-8) would be written back with every such byte replaced.
      const problem = host.readProblem?.(file);
      if (problem) {
        refused.set(file, problem);
        return undefined;
      }
      state = { original: text, lines: new LineIndex(text), edits: [] };
      states.set(file, state);
    }
    return state;
  };

  /** The edits each applied fix added, to take them back (dropDuplicateKeyFixes). */
  const added = new Map<PlannedFix, { state: FileState; edit: OffsetEdit }[]>();
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => (safeOnly ? runsUnattended(f) : f.edits.length > 0));
    if (!fix) continue;
    const pending: { state: FileState; edit: OffsetEdit }[] = [];
    const outcome = tryFix(fix, stateOf, created, host, pending);
    if (outcome === 'applied') {
      const planned: PlannedFix = { finding, fix };
      applied.push(planned);
      added.set(planned, pending);
    } else if (outcome === 'repeated') applied.push({ finding, fix, repeated: true });
    else if (outcome === 'conflict') deferred.push({ finding, fix });
  }

  const textOf = (state: FileState): string => applyTextEdits(state.original, state.lines, state.edits.map((e) => offsetEditToRange(state.lines, e)));
  for (const [file, state] of states) {
    if (state.edits.length > 0 && isJsonFile(file)) dropDuplicateKeyFixes(state, textOf, applied, added, deferred);
  }
  const files = new Map<string, string>();
  for (const [file, state] of states) {
    if (state.edits.length === 0) continue;
    const next = textOf(state);
    if (next !== state.original) files.set(file, next);
  }
  for (const [file, text] of created) files.set(file, text);
  return { files, applied, deferred, refused };
}

/** A fix `safeOnly` takes: marked safe, with edits, none of them creating a file. */
export function runsUnattended(fix: Fix): boolean {
  return fix.safe && fix.edits.length > 0 && !fix.edits.some(isCreateEdit);
}

/** The new texts only (the shape the brief names); see planFixes for which fixes were taken. */
export function applyFixes(host: FileHost, findings: readonly Finding[], options: ApplyFixesOptions = {}): Map<string, string> {
  return planFixes(host, findings, options).files;
}

type Outcome = 'applied' | 'repeated' | 'conflict' | 'unusable';

function tryFix(
  fix: Fix,
  stateOf: (file: string) => FileState | undefined,
  created: Map<string, string>,
  host: FileHost,
  pending: { state: FileState; edit: OffsetEdit }[],
): Outcome {
  const creates: CreateFileEdit[] = [];
  for (const edit of fix.edits) {
    if (isCreateEdit(edit)) {
      if (created.has(edit.file)) {
        if (created.get(edit.file) === edit.newText) continue;
        return 'conflict';
      }
      // Never overwrite a file that exists: the finding was computed before it appeared.
      if (host.readFile(edit.file) !== undefined) return 'unusable';
      creates.push(edit);
      continue;
    }
    const state = stateOf(edit.file);
    if (!state) return 'unusable';
    const offsets = toOffsets(state.lines, edit);
    const at = lowerBoundBy(state.edits, offsets.start, startOf);
    const next = state.edits[at];
    if (next && sameEdit(next, offsets)) continue;
    const previous = at > 0 ? state.edits[at - 1] : undefined;
    if ((previous && overlaps(previous, offsets)) || (next && overlaps(next, offsets)) || pending.some((p) => p.state === state && overlaps(p.edit, offsets))) return 'conflict';
    pending.push({ state, edit: offsets });
  }
  if (pending.length === 0 && creates.length === 0) return 'repeated';
  for (const { state, edit } of pending) state.edits.splice(lowerBoundBy(state.edits, edit.start, startOf), 0, edit);
  for (const c of creates) created.set(c.file, c.newText);
  return 'applied';
}

function isJsonFile(file: string): boolean {
  return file.endsWith('.json') || file.endsWith('.jsonc');
}

/** Past this many fixes in one file, a collision defers all but the first (each trial re-applies the whole file). */
const MAX_TRIED_ONE_BY_ONE = 200;

/**
 * Fixes safe one by one can write the same key together: `Paths` renamed to `paths` and `"paths": []` added, or
 * `preProcess` and `pre-process` both renamed to `pre_process`. JSON.parse keeps the last of two keys, so the
 * routes (or hooks, variables) of the other were silently lost. When the planned text of a JSON file holds more
 * duplicate keys than the file did, its fixes are taken again one by one, in order, and a fix that adds a duplicate
 * waits for the next round (whose findings are computed on the fixed text). Taking a fix out takes out all its
 * edits, in every file.
 */
function dropDuplicateKeyFixes(
  state: FileState,
  textOf: (state: FileState) => string,
  applied: PlannedFix[],
  added: Map<PlannedFix, { state: FileState; edit: OffsetEdit }[]>,
  deferred: PlannedFix[],
): void {
  const before = duplicateKeyCount(state.original);
  if (duplicateKeyCount(textOf(state)) <= before) return;
  const here = applied.filter((p) => added.get(p)?.some((a) => a.state === state));
  const remove = (edits: OffsetEdit[], edit: OffsetEdit): void => {
    const at = edits.indexOf(edit);
    if (at >= 0) edits.splice(at, 1);
  };
  const takeOut = (planned: PlannedFix): void => {
    for (const { state: s, edit } of added.get(planned) ?? []) remove(s.edits, edit);
    added.delete(planned);
    applied.splice(applied.indexOf(planned), 1);
    deferred.push(planned);
  };
  for (const planned of here) for (const { state: s, edit } of added.get(planned)!) if (s === state) remove(s.edits, edit);
  const putBack = (planned: PlannedFix): void => {
    for (const { state: s, edit } of added.get(planned)!) if (s === state) s.edits.splice(lowerBoundBy(s.edits, edit.start, startOf), 0, edit);
  };
  here.forEach((planned, i) => {
    // Many fixes: the first alone this round (a trial each would re-apply the whole file that many times).
    if (here.length > MAX_TRIED_ONE_BY_ONE && i > 0) return takeOut(planned);
    putBack(planned);
    if (duplicateKeyCount(textOf(state)) > before) takeOut(planned);
  });
}

/** Keys written twice in one object, over the whole text (jsonc-parser's tolerant visit: comments allowed). */
function duplicateKeyCount(text: string): number {
  const open: Set<string>[] = [];
  let count = 0;
  visit(
    text,
    {
      onObjectBegin: () => void open.push(new Set()),
      onObjectEnd: () => void open.pop(),
      onObjectProperty: (key) => {
        const keys = open[open.length - 1];
        if (!keys) return;
        if (keys.has(key)) count++;
        else keys.add(key);
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return count;
}

function toOffsets(lines: LineIndex, edit: TextFileEdit): OffsetEdit {
  const start = lines.offsetAt(edit.range.start);
  const end = Math.max(start, lines.offsetAt(edit.range.end));
  return { start, end, newText: edit.newText };
}

function offsetEditToRange(lines: LineIndex, edit: OffsetEdit): { range: TextFileEdit['range']; newText: string } {
  return { range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, newText: edit.newText };
}

function startOf(edit: OffsetEdit): number {
  return edit.start;
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Overlapping ranges, or two edits at one point where the order of the inserted texts would be a guess. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}
