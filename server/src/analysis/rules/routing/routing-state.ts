// The routing family's whole-config state between analyses of one incrementally edited config (same tree root,
// same runtime). Route entries are compared with the last analysis' by identity (an entry is reused exactly while
// its route's text is: config-view.ts), the trie is patched for the few routes an edit replaced instead of being
// rebuilt, and the checks learn which methods the edit touched, so verdicts that cannot have changed are reused.
// Reports are kept per route and handed out again while their route and the routes they name sit where they did.
import type { RoutingRuntime } from 'serverless-api-gateway-runtime/routing';
import { detectIndent } from '../../fixes/json-edits';
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import type { Report } from '../rule';
import { buildRouteTrie, firstAtOrAfter, patchRouteTrie, positionOfRemoved, type RouteTrie, type TrieRoute } from './route-trie';
import { isRestOfLine, restOfLine } from '../../text/line-end';
import { isKeptLinePrefix, keptLinePrefix } from '../../text/line-prefix';
import { detached } from '../../text/detached-string';
import { detachStrings, reindex, shiftedReport } from '../../incremental/frozen-reports';
import { sameItems } from '../../incremental/same-items';
import { routeTable, type RouteEntry } from './route-table';

/** More changed routes than this (a paste, a formatter run) and the trie is built again. */
const MAX_PATCHED_ROUTES = 64;

export interface RoutingState {
  config: ConfigDocument;
  routes: readonly RouteEntry[];
  trie: RouteTrie;
  /**
   * The routes the edit replaced, inserted or removed, as the entries that left and those that joined; undefined
   * when there is no earlier analysis to compare with (every verdict is computed afresh then).
   */
  changed: ReplacedRoutes | undefined;
  /** Verdicts the checks kept in the last analysis (each check owns one key); undefined when `changed` is. */
  previous: ReadonlyMap<string, unknown> | undefined;
  /** Verdicts the checks keep for the next analysis: only what is set here survives it (nothing when a one-off). */
  kept: Map<string, unknown>;
  remember: boolean;
  reports: ReportSource;
}

/** Entries that left the table and entries that joined it (a route edited in place is one of each). */
export interface ReplacedRoutes {
  removed: readonly RouteEntry[];
  added: readonly RouteEntry[];
}

interface Memo {
  table: readonly RouteEntry[];
  trie: RouteTrie;
  kept: Map<string, unknown>;
  reports: ReportMemo;
}

const memos = new WeakMap<JsonNode, Map<RoutingRuntime, Memo>>();

/** `remember: false` (a one-off check): nothing is kept, reports are built as asked. */
export function routingState(config: ConfigDocument, runtime: RoutingRuntime, remember = true): RoutingState {
  const routes = routeTable(config);
  if (!remember) return { config, routes, trie: buildRouteTrie(routes, runtime), changed: undefined, previous: undefined, kept: new Map(), remember, reports: BUILD_ONLY };
  const root = config.root;
  let byRuntime = root ? memos.get(root) : undefined;
  if (root && !byRuntime) memos.set(root, (byRuntime = new Map()));
  const memo = byRuntime?.get(runtime);
  const changed = memo ? replacedRoutes(memo.table, routes) : undefined;
  let state: Memo;
  if (memo && changed) {
    patchRouteTrie(memo.trie, changed.removed, changed.added);
    memo.table = routes;
    state = memo;
  } else {
    state = { table: routes, trie: buildRouteTrie(routes, runtime), kept: new Map(), reports: new ReportMemo() };
    byRuntime?.set(runtime, state);
  }
  const incremental = memo !== undefined && changed !== undefined;
  const previous = incremental ? state.kept : undefined;
  state.kept = new Map();
  state.reports.begin(config);
  return { config, routes, trie: state.trie, changed: incremental ? changed : undefined, previous, kept: state.kept, remember, reports: state.reports };
}

/**
 * The entries that left and joined between two tables, or undefined when too many did. Same length: the positions
 * that differ. Otherwise routes were inserted or removed: a moved route keeps its entry (routeEntryOf), so the
 * tables share a prefix and a suffix of the same objects, and what lies between them left or joined.
 */
function replacedRoutes(before: readonly RouteEntry[], after: readonly RouteEntry[]): ReplacedRoutes | undefined {
  const removed: RouteEntry[] = [];
  const added: RouteEntry[] = [];
  if (before.length === after.length) {
    for (let i = 0; i < after.length; i++) {
      if (before[i] === after[i]) continue;
      if (removed.length >= MAX_PATCHED_ROUTES) return undefined;
      removed.push(before[i]!);
      added.push(after[i]!);
    }
    return { removed, added };
  }
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (before.length - suffix - prefix > MAX_PATCHED_ROUTES || after.length - suffix - prefix > MAX_PATCHED_ROUTES) return undefined;
  for (let i = prefix; i < before.length - suffix; i++) removed.push(before[i]!);
  for (let i = prefix; i < after.length - suffix; i++) added.push(after[i]!);
  return { removed, added };
}

/** Did the edit touch a route of one of these methods (old or new entry)? Always true without an earlier analysis. */
export function touchesMethod(state: RoutingState, ...methods: string[]): boolean {
  if (!state.changed) return true;
  const touches = (route: RouteEntry): boolean => route.method !== undefined && methods.includes(route.method);
  return state.changed.removed.some(touches) || state.changed.added.some(touches);
}

/** Patched one by one up to this many routes; filtered or sorted as a whole above it. */
const MAX_SPLICED = 64;

/**
 * A list of the trie's routes in declaration order, kept by a check between analyses, patched for an edit: the
 * `judged` routes leave it, `joining` (each once, any order) join it. Checks keep such lists (SAG501/502,
 * SAG505/510) so that an edit costs what it changed, not a pass over every route.
 */
export function patchRouteList(previous: readonly TrieRoute[], judged: ReadonlySet<RouteEntry>, joining: readonly TrieRoute[]): TrieRoute[] {
  let list: TrieRoute[];
  if (judged.size > MAX_SPLICED) list = previous.filter((entry) => !judged.has(entry.route));
  else {
    list = previous.slice();
    for (const route of judged) {
      const at = positionOfRemoved(list, route);
      if (at >= 0) list.splice(at, 1);
    }
  }
  if (joining.length > MAX_SPLICED) {
    for (const entry of joining) list.push(entry); // not push(...joining): the stack holds ~120,000 arguments at most
    list.sort((a, b) => a.route.index - b.route.index);
  } else {
    for (const entry of joining) list.splice(firstAtOrAfter(list, entry.route.index), 0, entry);
  }
  return list;
}

interface KeptReport {
  code: string;
  deps: readonly RouteEntry[];
  /** Line and character of the owner, of the end of the item before it, and of each dependency. */
  place: number[];
  /** keptLinePrefix of the owner with two characters of context (a fix reads the previous line's end). */
  prefix: string;
  /**
   * The text between the end of the item before the owner and the owner (a delete fix keeps a comment there), the
   * rest of the owner's last line (the delete puts a kept line comment on a line of its own before it), and
   * keptLinePrefix of each dependency (a move fix copies its indentation and line ending).
   */
  around: string[];
  report: Report;
}

/** Where the text between the route before `owner` and `owner` starts (`owner` itself when it is the first). */
function gapStart(owner: RouteEntry): number {
  const previous = owner.item.parent?.children?.[owner.index - 1];
  return previous ? previous.offset + previous.length : owner.item.offset;
}

/** Longer texts between two routes are not kept: a report around them is made again at each check. */
const MAX_KEPT_GAP = 256;
const UNKEPT = '\u0000unkept';

export interface ReportSource {
  /**
   * `movesWithRoutes`: every range of the report lies in its owner or its deps, its texts name no line (no
   * `routeAt`) and no route's index, and its pointer is its owner's. When they all moved by the same number of lines
   * and of routes, the kept report moved as far (reindex: the pointer) is what `build` would make: Enter, or a
   * route added or deleted, above a route then re-builds none of its reports.
   */
  report(owner: RouteEntry, code: string, deps: readonly RouteEntry[], build: () => Report, movesWithRoutes?: boolean): Report;
}

/** For a one-off check: every report is new. */
const BUILD_ONLY: ReportSource = { report: (_owner, _code, _deps, build) => build() };

/**
 * Reports per owning route, re-used while the owner and the routes the report names are the same entries at the
 * same places. A route entry is reused only while its text is, so every range inside those routes is the same;
 * the place adds what fixes read around the owner (its line prefix, the end of the item before it, the file's
 * indentation).
 */
export class ReportMemo implements ReportSource {
  private previous = new Map<RouteEntry, KeptReport[]>();
  private current = new Map<RouteEntry, KeptReport[]>();
  private config: ConfigDocument | undefined;
  private fileKey = '';
  /** Where the places of the report being asked for are computed (no allocation for a re-used report). */
  private readonly scratch: number[] = [];

  begin(config: ConfigDocument): void {
    const indent = detectIndent(config);
    const fileKey = `${indent.tabSize}${indent.insertSpaces ? 's' : 't'}`;
    // A fix indents with the file's indentation: another one and no kept report fits.
    this.previous = fileKey === this.fileKey ? this.current : new Map();
    this.current = new Map();
    this.config = config;
    this.fileKey = fileKey;
  }

  report(owner: RouteEntry, code: string, deps: readonly RouteEntry[], build: () => Report, movesWithRoutes = false): Report {
    const config = this.config!;
    const place = this.placeOf(owner, deps);
    const item = owner.item;
    let kept: KeptReport | undefined;
    for (const candidate of this.previous.get(owner) ?? []) {
      if (candidate.code !== code || !sameItems(candidate.deps, deps) || !isKeptLinePrefix(config.text, item.offset, candidate.prefix, 2)) continue;
      if (!this.sameAround(candidate.around, owner, deps)) continue;
      if (sameItems(candidate.place, place)) {
        kept = candidate;
        break;
      }
      const shift = movesWithRoutes ? uniformShift(candidate.place, place) : undefined;
      if (shift !== undefined) {
        const report = shiftedReport(candidate.report, config.file, shift.lines);
        if (shift.routes !== 0) reindex(report, candidate.place[0]!, place[0]!);
        kept = { code, deps, place: place.slice(), prefix: candidate.prefix, around: candidate.around, report };
        break;
      }
    }
    // Kept across edits: its strings must not be views into this text (text/detached-string.ts).
    kept ??= { code, deps, place: place.slice(), prefix: keptLinePrefix(config.text, item.offset, 2), around: this.aroundOf(owner, deps), report: detachStrings(build()) };
    const list = this.current.get(owner);
    if (list) list.push(kept);
    else this.current.set(owner, [kept]);
    return kept.report;
  }

  private aroundOf(owner: RouteEntry, deps: readonly RouteEntry[]): string[] {
    const text = this.config!.text;
    const item = owner.item;
    const from = gapStart(owner);
    const gap = item.offset - from <= MAX_KEPT_GAP ? detached(text.slice(from, item.offset)) : UNKEPT;
    return [gap, detached(restOfLine(text, item.offset + item.length)), ...deps.map((dep) => keptLinePrefix(text, dep.item.offset, 2))];
  }

  private sameAround(around: readonly string[], owner: RouteEntry, deps: readonly RouteEntry[]): boolean {
    const text = this.config!.text;
    const item = owner.item;
    const from = gapStart(owner);
    const gap = around[0]!;
    if (gap === UNKEPT || item.offset - from !== gap.length || !text.startsWith(gap, from)) return false;
    if (!isRestOfLine(text, item.offset + item.length, around[1]!)) return false;
    for (let i = 0; i < deps.length; i++) if (!isKeptLinePrefix(text, deps[i]!.item.offset, around[i + 2]!, 2)) return false;
    return true;
  }

  private placeOf(owner: RouteEntry, deps: readonly RouteEntry[]): number[] {
    const lines = this.config!.lines;
    const place = this.scratch;
    place.length = 0;
    const item = owner.item;
    const start = lines.positionAt(item.offset);
    // Indexes too: reports name routes by them (pointers, labels), and routes inserted above on the same line
    // (a minified config) move none of these places.
    place.push(owner.index, start.line, start.character);
    const siblings = item.parent?.children;
    const previous = siblings?.[owner.index - 1];
    if (previous === undefined) place.push(-1, -1);
    else {
      const end = lines.positionAt(previous.offset + previous.length);
      place.push(end.line, end.character);
    }
    // A fix that deletes the route takes its comma, which is there only while a route follows (json-node-edits.ts).
    const next = siblings?.[owner.index + 1];
    if (next === undefined) place.push(-1, -1);
    else {
      const at = lines.positionAt(next.offset);
      place.push(at.line, at.character);
    }
    for (const dep of deps) {
      const at = lines.positionAt(dep.item.offset);
      place.push(dep.index, at.line, at.character);
    }
    return place;
  }
}

/** How far a kept report's places all moved: lines down (up when negative), routes on (back when negative). */
interface PlaceShift {
  lines: number;
  routes: number;
}

/**
 * How far every place of `after` lies from the same place of `before` (placeOf's layout: owner index, line,
 * character; end of the item before it, then start of the item after it, line and character or -1, -1 each; then
 * index, line, character per dep), or undefined when the characters differ, or the distances in lines or in routes
 * are not the same for all of them.
 */
function uniformShift(before: readonly number[], after: readonly number[]): PlaceShift | undefined {
  if (before.length !== after.length || before[2] !== after[2] || before[4] !== after[4] || before[6] !== after[6]) return undefined;
  const routes = after[0]! - before[0]!;
  const lines = after[1]! - before[1]!;
  for (const i of [3, 5]) {
    if ((before[i] === -1) !== (after[i] === -1) || (before[i] !== -1 && after[i]! - before[i]! !== lines)) return undefined;
  }
  for (let i = 7; i < after.length; i += 3) {
    if (after[i]! - before[i]! !== routes || before[i + 2] !== after[i + 2] || after[i + 1]! - before[i + 1]! !== lines) return undefined;
  }
  return { lines, routes };
}
