// Reports of a per-route check stored without editor positions: every range in api-config.json becomes an
// offset relative to the route (inside it), to the start of the file (before `paths`) or to the end of `paths`
// (after it). Replayed against a later text whose route and outside are unchanged, the offsets land on the same
// characters, and positions come from the new line table, so a route that moved (lines added above) stays right.
// A route that changed index (routes inserted or removed before it) gets its own index in the pointers and labels
// of its reports (`/paths/7/...`, `paths[7]...`): the only places a route's reports name where it is.
import type { FileEdit, Fix, Position, Range, RelatedLocation } from '../findings';
import type { Report } from '../rules/rule';
import { label, pointer } from '../rules/schema/anchor';
import { detached } from '../text/detached-string';
import type { LineIndex } from '../text/line-index';

/** Where a stored offset is measured from. */
const enum Base {
  FileStart = 0,
  RouteStart = 1,
  PathsEnd = 2,
}

interface StoredOffset {
  base: Base;
  at: number;
}

interface StoredRange {
  stored: true;
  start: StoredOffset;
  end: StoredOffset;
}

/** A report whose config-file ranges are StoredRanges (other files keep their positions: they did not change). */
export interface FrozenReport {
  report: Report;
  /** The route's index in `paths` when it was reported. */
  index: number;
  /** Paths in the report object whose range is a StoredRange, each read and written by the thaw. */
  ranges: { owner: { range: Range }; stored: StoredRange }[];
  /**
   * A range is stored from the end of `paths`: its position moves with every line added or removed in `paths`.
   * The others (in the route, before `paths`) stay where they are while the route does.
   */
  afterPaths: boolean;
  /** The last thaw and where the route and the end of `paths` were then: same places = same positions. */
  thawed?: Report;
  thawedRoutePlace?: number;
  thawedPathsEndPlace?: number;
  thawedIndex?: number;
}

/** The route and `paths` spans (offsets) of the text a report is frozen from or thawed into. */
export interface RouteFrame {
  file: string;
  lines: LineIndex;
  /** The route's index in `paths`. */
  routeIndex: number;
  routeStart: number;
  routeEnd: number;
  pathsStart: number;
  pathsEnd: number;
  /**
   * Where the route starts and where `paths` ends as editor positions, each one number (placeOf). Offsets inside
   * the unchanged route, before `paths` and after it map to the same positions while both are the same.
   */
  routePlace?: number;
  pathsEndPlace?: number;
}

/**
 * A position as one number, line and character apart (exact: a double holds 53 bits). Compared for every route
 * with findings on every edit, where strings cost a build and a character-by-character comparison each.
 */
export function placeOf(p: Position): number {
  return p.line * 0x1_0000_0000 + p.character;
}

function storeOffset(offset: number, frame: RouteFrame): StoredOffset | undefined {
  if (offset >= frame.routeStart && offset <= frame.routeEnd) return { base: Base.RouteStart, at: offset - frame.routeStart };
  if (offset <= frame.pathsStart) return { base: Base.FileStart, at: offset };
  if (offset >= frame.pathsEnd) return { base: Base.PathsEnd, at: offset - frame.pathsEnd };
  // Inside another route: that route may change without this one being re-checked.
  return undefined;
}

function loadOffset(stored: StoredOffset, frame: RouteFrame): number {
  return stored.base === Base.RouteStart ? frame.routeStart + stored.at : stored.base === Base.PathsEnd ? frame.pathsEnd + stored.at : stored.at;
}

function offsetOf(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

/**
 * A deep copy of `report` ready for replay, or undefined when it cannot be replayed safely (a range inside
 * another route). The copy shares nothing mutable with the original.
 */
export function freezeReport(report: Report, frame: RouteFrame): FrozenReport | undefined {
  const ranges: FrozenReport['ranges'] = [];
  let ok = true;
  const copyRange = <T extends { range: Range }>(owner: T, file: string): T => {
    const copy = { ...owner, range: { start: { ...owner.range.start }, end: { ...owner.range.end } } };
    if (file === frame.file) {
      const start = storeOffset(offsetOf(frame.lines, owner.range.start), frame);
      const end = storeOffset(offsetOf(frame.lines, owner.range.end), frame);
      // A range from one part to another (before `paths` to after it: a fix that rewrites the whole file) spans
      // text this route's check did not read, which may change without it: such a report is checked again.
      if (!start || !end || start.base !== end.base) ok = false;
      else ranges.push({ owner: copy, stored: { stored: true, start, end } });
    }
    return copy;
  };
  const copy: Report = copyRange(report, report.file);
  if (report.related) copy.related = report.related.map((r: RelatedLocation) => copyRange(r, r.file));
  if (report.fixes) {
    copy.fixes = report.fixes.map((fix: Fix) => ({
      ...fix,
      edits: fix.edits.map((edit: FileEdit) => ('range' in edit ? copyRange(edit, edit.file) : { ...edit })),
    }));
  }
  const afterPaths = ranges.some(({ stored }) => stored.start.base === Base.PathsEnd);
  return ok ? { report: detachStrings(copy), index: frame.routeIndex, ranges, afterPaths } : undefined;
}

/**
 * The Report for the current text. The previous thaw is handed out again while the route (and the end of `paths`,
 * for a report with a range after it) sit at the same positions: a line added in `paths` below the route leaves
 * it as it was (findings share such objects, as memoised fixes always did; nothing mutates a finding); otherwise a
 * new one, so findings handed out earlier keep their values.
 */
export function thawReport(frozen: FrozenReport, frame: RouteFrame): Report {
  if (
    frozen.thawed &&
    frame.routePlace !== undefined &&
    frozen.thawedRoutePlace === frame.routePlace &&
    (!frozen.afterPaths || frozen.thawedPathsEndPlace === frame.pathsEndPlace) &&
    frozen.thawedIndex === frame.routeIndex
  ) {
    return frozen.thawed;
  }
  for (const { owner, stored } of frozen.ranges) {
    owner.range = {
      start: frame.lines.positionAt(loadOffset(stored.start, frame)),
      end: frame.lines.positionAt(loadOffset(stored.end, frame)),
    };
  }
  const thawed = cloneReport(frozen.report);
  if (frame.routeIndex !== frozen.index) reindex(thawed, frozen.index, frame.routeIndex);
  frozen.thawed = thawed;
  frozen.thawedRoutePlace = frame.routePlace;
  frozen.thawedPathsEndPlace = frame.pathsEndPlace;
  frozen.thawedIndex = frame.routeIndex;
  return thawed;
}

/** The pointer and label texts of the last re-index (a moved route's reports come one after the other). */
const names = { from: -1, to: -1, oldPointer: '', newPointer: '', oldLabel: '', newLabel: '' };

/**
 * The report of the route at `from`, said of the same route at `to`: its pointer (`/paths/<from>` and below) and
 * the labels in its texts (`paths[<from>]`), both as anchor.ts writes them. Changes `report` (a fresh clone).
 */
export function reindex(report: Report, from: number, to: number): void {
  if (names.from !== from || names.to !== to) {
    names.from = from;
    names.to = to;
    names.oldPointer = pointer('paths', from);
    names.newPointer = pointer('paths', to);
    names.oldLabel = label('paths', from);
    names.newLabel = label('paths', to);
  }
  const { oldPointer, newPointer, oldLabel, newLabel } = names;
  const at = report.pointer;
  if (at !== undefined && at.startsWith(oldPointer) && (at.length === oldPointer.length || at.charCodeAt(oldPointer.length) === 47 /* / */)) {
    report.pointer = newPointer + at.slice(oldPointer.length);
  }
  const relabel = (text: string): string => (text.includes(oldLabel) ? text.split(oldLabel).join(newLabel) : text);
  report.message = relabel(report.message);
  if (report.related) for (const r of report.related) r.message = relabel(r.message);
  if (report.fixes) for (const fix of report.fixes) fix.title = relabel(fix.title);
}

/**
 * The texts of `report` (message, related messages, fix titles, new texts and commands) as detached copies
 * (text/detached-string.ts): kept reports outlive the config text they were built from. Changes `report`.
 */
export function detachStrings(report: Report): Report {
  report.message = detached(report.message);
  if (report.related) for (const r of report.related) r.message = detached(r.message);
  for (const fix of report.fixes ?? []) {
    fix.title = detached(fix.title);
    if (fix.command !== undefined) fix.command = detached(fix.command);
    for (const edit of fix.edits) edit.newText = detached(edit.newText);
  }
  return report;
}

function cloneRange(range: Range): Range {
  return { start: { ...range.start }, end: { ...range.end } };
}

/**
 * A copy of `report` with every range in `file` moved `lines` lines down (up when negative); texts are shared
 * (they are already detached). For a report whose places all moved together and whose texts name no line.
 */
export function shiftedReport(report: Report, file: string, lines: number): Report {
  const copy = cloneReport(report);
  const shift = (owner: { file: string; range: Range }): void => {
    if (owner.file !== file) return;
    owner.range.start.line += lines;
    owner.range.end.line += lines;
  };
  shift(copy);
  for (const related of copy.related ?? []) shift(related);
  for (const fix of copy.fixes ?? []) for (const edit of fix.edits) if ('range' in edit) shift(edit);
  return copy;
}

function cloneReport(report: Report): Report {
  const copy: Report = { ...report, range: cloneRange(report.range) };
  if (report.related) copy.related = report.related.map((r) => ({ ...r, range: cloneRange(r.range) }));
  if (report.fixes) copy.fixes = report.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ('range' in e ? { ...e, range: cloneRange(e.range) } : { ...e })) }));
  return copy;
}
