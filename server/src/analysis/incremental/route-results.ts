// Per-route results of the rule families' checkRoute, kept between analyses of the same (incrementally edited)
// config: a route whose view is the same object as last time (same node, edit stamp, index), or whose node is
// unedited at another index (routes inserted or removed before it), whose line starts with the same text, and whose
// outside (outside-fingerprint.ts) is unchanged gets its stored reports replayed, with its new index in them.
// 10,000 routes, one edited: one route is checked again; the loop over the others must stay cheap. A route that
// also sits at the same place as last time (an edit that adds no line above it) hands out last time's findings as
// they are, without a pass per family: thousands of findings per keystroke would otherwise be replayed one by one.
import type { Finding } from '../findings';
import type { GatewayProject, WranglerEnvironment } from '../model';
import type { JsonNode } from '../parse/config-document';
import type { Report, RuleContext, RuleFamily } from '../rules/rule';
import { movedFrom, type RouteView } from '../rules/schema/config-view';
import type { BoundTargets } from '../rules/schema/hook-target';
import { freezeReport, placeOf, thawReport, type FrozenReport, type RouteFrame } from './frozen-reports';
import { detachedFingerprint, outsideFingerprint, type Fingerprint } from './outside-fingerprint';
import { sameItems } from './same-items';
import { isKeptLinePrefix, keptLinePrefix } from '../text/line-prefix';

/**
 * Reports as checkRoute made them, with the frame (and line table) of that text: freezing costs, and the first
 * analysis of a file (`sag check`, the editor opening it) never replays, so reports are frozen on first replay.
 */
interface UnfrozenReports {
  raw: Report[];
  frame: RouteFrame;
}

/** What is stored per route: its line prefix and, per family (by slot), its reports. */
interface StoredRoute {
  /** The whitespace before the route on its first line, which fix texts indent after (keptLinePrefix). */
  linePrefix: string;
  byFamily: (FrozenReport[] | UnfrozenReports | undefined)[];
  /** Bit per family slot: results stored / results stored and not empty. */
  stored: number;
  nonEmpty: number;
  /** Every family's findings on this route, as the last analysis that visited it made them, and where. */
  findings?: KeptFindings;
}

interface KeptFindings {
  list: Finding[];
  /** The route's index then: its findings name it (pointers, labels). */
  index: number;
  /**
   * placeOf the route's start and of the end of `paths` then (undefined: no finding has a range after `paths`, so
   * lines added or removed in other routes leave them all in place): thawed reports land elsewhere once either moves.
   */
  routePlace: number;
  pathsEndPlace: number | undefined;
  /** What decides which reports become findings, and at which severity (the analysis options). */
  filterKey: string;
}

interface Memo {
  fingerprint: Fingerprint;
  /**
   * The routes and records of the last analysis, index-aligned: a route view is only ever reused at the same
   * index (config-view.ts); a route that moved is looked for where movedFrom says.
   */
  lastRoutes: readonly RouteView[];
  lastRecords: StoredRoute[];
  /** The routes the last analysis visited (their records may have changed since), and per route: visit it? */
  lastVisit: number[];
  lastNeeds: Uint8Array;
}

/** A small index per family (array slots beat a Map lookup 60,000 times per analysis). */
const familySlots = new Map<string, number>();
function slotOf(family: RuleFamily): number {
  let slot = familySlots.get(family.id);
  if (slot === undefined) familySlots.set(family.id, (slot = familySlots.size));
  return slot;
}

/** A few memos per tree (e.g. the editor's runtime and a CLI-like other one) before the oldest is dropped. */
const MAX_MEMOS_PER_TREE = 3;
const memosByRoot = new WeakMap<JsonNode, Memo[]>();

export interface RouteRunner {
  /** Run (or replay) `family.checkRoute` on every route, in route order, reporting through `report`. */
  run(family: RuleFamily, ctx: RuleContext): void;
  /**
   * After the last family: the findings of the routes handed out whole (not passed through `report` again), and
   * each visited route keeps what it got for the next analysis.
   */
  finish(): Finding[];
}

const NO_REPORTS: FrozenReport[] = [];

export function routeRunner(
  project: GatewayProject,
  runtime: string,
  checked: readonly WranglerEnvironment[],
  deployed: ReadonlySet<string>,
  bound: BoundTargets,
  routes: readonly RouteView[],
  paths: JsonNode | undefined,
  families: readonly RuleFamily[],
  /** false: a one-off analysis, nothing is stored (every route is checked, nothing replays). */
  remember: boolean,
  /** The analysis's options that decide findings from reports (kept findings are only valid under the same). */
  filterKey: string,
  /** Turns a report into its finding (undefined: filtered out) and adds it to the analysis. */
  report: (r: Report) => Finding | undefined,
): RouteRunner {
  let allSlots = 0;
  for (const family of families) if (family.checkRoute) allSlots |= 1 << slotOf(family);
  const root = project.config.root;
  const memo = remember && root && paths && routes.length > 0 ? memoFor(root, outsideFingerprint(project, runtime, checked, deployed, bound, paths)) : undefined;
  return (lastRunner = new RouteResults(project.config, routes, paths, allSlots, memo, filterKey, report));
}

/**
 * The last runner, kept. The optimised code of the methods below checks the map (hidden class) of `this`, and V8
 * holds the maps an object takes on as its fields are set only weakly, through the transitions of the class's first
 * map. Once every runner is garbage, a full collection (the language server makes one every few edits) drops those
 * maps and throws away all the code that checks them: the next edits ran the loop over 10,000 routes unoptimised
 * while it was compiled again (a re-check after a collection took 20-25 ms instead of 8). One runner alive keeps
 * its maps, and what it holds (records, findings) is what the memo and the analysis's result hold anyway.
 */
let lastRunner: RouteResults | undefined;

/** One analysis's pass over the routes: which routes to visit, what each family reports on them, what is kept. */
class RouteResults implements RouteRunner {
  private readonly pathsStart: number;
  private readonly pathsEnd: number;
  // The frame replays read, one object refilled per route (thawReport keeps nothing of it): thousands of routes
  // replay on every edit. Where each route starts, as a place, is worked out once per analysis however many
  // families replay on it (-1 = not yet).
  private replayFrame: RouteFrame | undefined;
  private routePlaces: Float64Array | undefined;
  private pathsEndPlace = -1;
  /** Findings handed out whole this analysis, and per visited route (by index) what it got. */
  private readonly handedOut: Finding[] = [];
  private collecting: (Finding[] | undefined)[] | undefined;
  private broken = false;
  private checkedNow: Uint8Array | undefined;
  // Per route, once per analysis: what is stored and still valid (same view object, same line prefix), and the
  // indexes of the routes any family must visit (something to replay or to check); the rest are skipped.
  private records: StoredRoute[] | undefined;
  private visit: number[] | undefined;

  constructor(
    private readonly doc: GatewayProject['config'],
    private readonly routes: readonly RouteView[],
    paths: JsonNode | undefined,
    private readonly allSlots: number,
    private readonly memo: Memo | undefined,
    private readonly filterKey: string,
    private readonly report: (r: Report) => Finding | undefined,
  ) {
    this.pathsStart = paths?.offset ?? 0;
    this.pathsEnd = paths ? paths.offset + paths.length : 0;
  }

  private frameOf(route: RouteView): RouteFrame {
    return {
      file: this.doc.file,
      lines: this.doc.lines,
      routeIndex: route.index,
      routeStart: route.node.offset,
      routeEnd: route.node.offset + route.node.length,
      pathsStart: this.pathsStart,
      pathsEnd: this.pathsEnd,
      routePlace: undefined,
      pathsEndPlace: undefined,
    };
  }

  private routePlace(route: RouteView): number {
    const places = (this.routePlaces ??= new Float64Array(this.routes.length).fill(-1));
    let place = places[route.index]!;
    if (place < 0) places[route.index] = place = placeOf(this.doc.lines.positionAt(route.node.offset));
    return place;
  }

  private pathsEndPlaceNow(): number {
    if (this.pathsEndPlace < 0) this.pathsEndPlace = placeOf(this.doc.lines.positionAt(this.pathsEnd));
    return this.pathsEndPlace;
  }

  private replayFrameOf(route: RouteView): RouteFrame {
    const frame = (this.replayFrame ??= this.frameOf(route));
    frame.pathsEndPlace = this.pathsEndPlaceNow();
    frame.routeIndex = route.index;
    frame.routeStart = route.node.offset;
    frame.routeEnd = route.node.offset + route.node.length;
    frame.routePlace = this.routePlace(route);
    return frame;
  }

  /** Kept findings still valid for this route: same index, same place, same end of `paths`, same options. */
  private keptFindingsOf(stored: StoredRoute, route: RouteView): Finding[] | undefined {
    const kept = stored.findings;
    if (!kept || kept.filterKey !== this.filterKey || kept.index !== route.index || (stored.stored & this.allSlots) !== this.allSlots) return undefined;
    return kept.routePlace === this.routePlace(route) && (kept.pathsEndPlace === undefined || kept.pathsEndPlace === this.pathsEndPlaceNow()) ? kept.list : undefined;
  }

  private handOut(stored: StoredRoute, route: RouteView): boolean {
    const list = this.keptFindingsOf(stored, route);
    if (!list) return false;
    const handedOut = this.handedOut;
    for (let k = 0; k < list.length; k++) handedOut.push(list[k]!);
    return true;
  }

  private needsVisit(stored: StoredRoute): number {
    return stored.nonEmpty !== 0 || (stored.stored & this.allSlots) !== this.allSlots ? 1 : 0;
  }

  private prepare(memo: Memo): void {
    if (this.records) return;
    const { routes, doc } = this;
    const records = (this.records = new Array<StoredRoute>(routes.length));
    const visit: number[] = (this.visit = []);
    const needs = new Uint8Array(routes.length);
    const { lastRoutes, lastRecords, lastNeeds } = memo;
    // Routes visited last time may have been checked then: their flags are read again from their records.
    for (const i of memo.lastVisit) lastNeeds[i] = this.needsVisit(lastRecords[i]!);
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i]!;
      // Same view here and before it: the text between them is unchanged too (an edit there re-parses the
      // whole paths array, which makes every view new), so the line prefix is, and nothing needs reading.
      if (lastRoutes[i] === route && (i === 0 || lastRoutes[i - 1] === routes[i - 1])) {
        const stored = lastRecords[i]!;
        records[i] = stored;
        if ((needs[i] = lastNeeds[i]!) !== 0 && !this.handOut(stored, route)) visit.push(i);
        continue;
      }
      let stored = lastRoutes[i] === route ? lastRecords[i] : undefined;
      if (!stored && lastRoutes[i]?.node !== route.node) {
        // Routes inserted or removed before it: the same node, unedited since, at another index. Its reports replay
        // with its new index in them (frozen-reports.ts); a view is only reused at the same index (config-view.ts).
        const j = movedFrom((k) => lastRoutes[k]?.node, route.node, i, routes.length - lastRoutes.length);
        if (j !== undefined && lastRoutes[j]!.stamp === route.stamp) stored = lastRecords[j];
      }
      if (!stored || !isKeptLinePrefix(doc.text, route.node.offset, stored.linePrefix)) {
        // One slot per family at once: 10,000 of these are kept, and slots set one by one on a [] reserve 17.
        stored = { linePrefix: keptLinePrefix(doc.text, route.node.offset), byFamily: new Array(familySlots.size), stored: 0, nonEmpty: 0 };
      }
      records[i] = stored;
      if ((needs[i] = this.needsVisit(stored)) !== 0 && !this.handOut(stored, route)) visit.push(i);
    }
    memo.lastRoutes = routes;
    memo.lastRecords = records;
    memo.lastVisit = visit;
    memo.lastNeeds = needs;
  }

  run(family: RuleFamily, ctx: RuleContext): void {
    const checkRoute = family.checkRoute;
    if (!checkRoute) return;
    if (this.memo) this.prepare(this.memo);
    const { routes, records: stored, visit, report } = this;
    const slot = slotOf(family);
    const bit = 1 << slot;
    let collected: Report[] = [];
    const routeCtx: RuleContext = { ...ctx, report: (r) => void collected.push(r) };
    const count = visit ? visit.length : routes.length;
    let collecting: (Finding[] | undefined)[] | undefined;
    let checkedNow: Uint8Array | undefined;
    if (stored) {
      collecting = this.collecting ??= new Array<Finding[] | undefined>(routes.length);
      checkedNow = this.checkedNow ??= new Uint8Array(routes.length);
    }
    // The route being visited, whose findings are kept for the next analysis (-1: no record to keep them in).
    let keeping = -1;
    try {
      for (let v = 0; v < count; v++) {
        const i = visit ? visit[v]! : v;
        const route = routes[i]!;
        const record = stored?.[i];
        keeping = record ? i : -1;
        if (record && (record.stored & bit) !== 0 && (record.nonEmpty & bit) === 0) continue;
        let hit = record?.byFamily[slot];
        if (hit && !Array.isArray(hit)) {
          hit = freezeAll(hit);
          if (hit) record!.byFamily[slot] = hit;
          else {
            // A report that cannot be replayed (a range in another route): check the route again.
            record!.byFamily[slot] = undefined;
            record!.stored &= ~bit;
            record!.nonEmpty &= ~bit;
          }
        }
        if (hit) {
          if (hit.length > 0) {
            const frame = this.replayFrameOf(route);
            for (const frozen of hit) keepFinding(collecting, keeping, report(thawReport(frozen, frame)));
          }
          continue;
        }
        collected = [];
        // Checked now: its reports' strings may be views into this text, which kept findings must not hold on
        // to (text/detached-string.ts). It is kept once it replays (frozen reports are detached).
        if (record) checkedNow![i] = 1;
        try {
          checkRoute.call(family, routeCtx, route);
        } finally {
          for (const r of collected) keepFinding(collecting, keeping, report(r));
        }
        if (!record) continue;
        record.stored |= bit;
        if (collected.length === 0) {
          record.byFamily[slot] = NO_REPORTS;
          record.nonEmpty &= ~bit;
          continue;
        }
        record.byFamily[slot] = { raw: collected, frame: this.frameOf(route) };
        record.nonEmpty |= bit;
      }
    } catch (error) {
      this.broken = true;
      throw error;
    }
  }

  finish(): Finding[] {
    const { records, visit, collecting, checkedNow, routes, allSlots } = this;
    if (records && visit && collecting && checkedNow) {
      for (const i of visit) {
        const record = records[i]!;
        // A family failed (the analysis reports it: what the routes got is incomplete), or the route was checked.
        if (this.broken || checkedNow[i] === 1) {
          record.findings = undefined;
          continue;
        }
        // Stored for every family now (checked or replayed): next time the route may be handed out whole (a route
        // with no reports at all is not visited then: nothing to keep).
        record.findings =
          (record.stored & allSlots) === allSlots && record.nonEmpty !== 0
            ? {
                list: collecting[i] ?? [],
                index: i,
                routePlace: this.routePlace(routes[i]!),
                pathsEndPlace: reachesAfterPaths(record) ? this.pathsEndPlaceNow() : undefined,
                filterKey: this.filterKey,
              }
            : undefined;
      }
    }
    return this.handedOut;
  }
}

/** A finding made on the route being visited (`keeping`, -1: none) is kept with it for the next analysis. */
function keepFinding(collecting: (Finding[] | undefined)[] | undefined, keeping: number, finding: Finding | undefined): void {
  if (finding !== undefined && keeping >= 0) (collecting![keeping] ??= []).push(finding);
}

/** Some report replayed on the route has a range after `paths` (all are frozen: the route was replayed, not checked). */
function reachesAfterPaths(record: StoredRoute): boolean {
  for (const reports of record.byFamily) {
    if (!Array.isArray(reports)) continue;
    for (const frozen of reports) if (frozen.afterPaths) return true;
  }
  return false;
}

/** The frozen form of reports stored unfrozen, or undefined when one of them cannot be replayed. */
function freezeAll(pending: UnfrozenReports): FrozenReport[] | undefined {
  const out: FrozenReport[] = [];
  for (const r of pending.raw) {
    const frozen = freezeReport(r, pending.frame);
    if (!frozen) return undefined;
    out.push(frozen);
  }
  return out;
}

function memoFor(root: JsonNode, fingerprint: Fingerprint): Memo {
  let memos = memosByRoot.get(root);
  if (!memos) memosByRoot.set(root, (memos = []));
  const found = memos.findIndex((m) => sameItems(m.fingerprint, fingerprint));
  if (found >= 0) {
    const memo = memos[found]!;
    // Most recently used last.
    memos.splice(found, 1);
    memos.push(memo);
    return memo;
  }
  const memo: Memo = { fingerprint: detachedFingerprint(fingerprint), lastRoutes: [], lastRecords: [], lastVisit: [], lastNeeds: new Uint8Array(0) };
  memos.push(memo);
  if (memos.length > MAX_MEMOS_PER_TREE) memos.shift();
  return memo;
}

