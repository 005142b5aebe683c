// `npm run bench:check`: speed of the analysis engine and of `sag check` on generated workspaces
// (../shared/bench/gen-workspace.mjs) of 1,000 and 10,000 paths with 500 bindings. Prints a table; asserts nothing.
// Run through run-bundled.mjs (npm run bench:check): the engine bundled as dist/ ships it, not through tsx.
//   full      in-process load + analysis with empty caches, warm (JIT) median
//   edit      one-line edit in api-config.json (a path value grows or shrinks by 7 characters): incremental re-parse
//             + re-analysis re-using untouched parses and results
//   route     the route in the middle of `paths` cut, then pasted back (each a re-check of its own): the routes
//             behind it change index
//   Enter     a line break typed before the middle route, then deleted (each a re-check of its own): the lines
//             of every route behind it move, so do their findings; the routes above keep theirs
//   broken    a keystroke that leaves a mistake inside one route (`"x": ` before its first key), as while typing,
//             and the one that mends it
//   new route a route typed keystroke by keystroke before the middle route, as an editor sends it (brackets and
//             quotes closed in pairs): the JSON is broken between two routes until its comma. Median keystroke, and
//             the slowest of each route (the first: the routes behind it change index)
//   after gc  the one-line edit right after a full collection, as the language server makes one every few edits
//             (server/src/host/heap-collector.ts): what V8 drops at a collection (optimised code whose hidden
//             classes died) is compiled again on the edits after it; printed on a line of its own below the table
//   process   whole-process `node dist/sag.js check --format json` wall time (median of 5)
//   yardstick jsonc-parser's parseTree of the same config alone, warm median: the machine's speed today, to read the
//             figures against (the language-server issue quotes ~80 ms for the 10,000-path file when the targets
//             were set; this shared machine's speed varies from day to day)
// Each workspace sits alone in its own folder (.bench-work/check/<N>/gateway): the loader scans the gateway's
// parent folder for other Workers, which must not find the other benchmarks' workspaces.
// The machine may be shared: next to wall times the table shows this process's CPU time (user + system), and the
// garbage collector's pauses within the warm full runs (V8's own figures: how much of the time is collection).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseTree } from 'jsonc-parser';
import { analyzeProject } from '../../server/src/analysis/analyze';
import type { ConfigDocument } from '../../server/src/analysis/model';
import { propertyValue } from '../../server/src/analysis/parse/config-document';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import type { FileHost } from '../../server/src/analysis/host';
import { updateConfigDocument } from '../../server/src/analysis/parse/incremental-config';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { normalizePath } from '../../server/src/analysis/workspace/paths';
import { exposedFullCollection } from '../../server/src/host/heap-collector';
import { NodeFileHost } from '../../server/src/host/node-file-host';
import { typeNewRoute } from './typed-route';

const repo = resolve(__dirname, '..', '..');
const work = join(repo, '.bench-work');
const generator = join(repo, '..', 'shared', 'bench', 'gen-workspace.mjs');
const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '1000,10000').split(',').map(Number);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Wall and CPU milliseconds of one call, and when it ran (for the collections inside it). */
function timeBoth(fn: () => void): { wall: number; cpu: number; from: number } {
  const c = process.cpuUsage();
  const from = performance.now();
  const wall = time(fn);
  const d = process.cpuUsage(c);
  return { wall, cpu: (d.user + d.system) / 1000, from };
}

/** Every collection's pause (start, duration), as V8 reports it: entries arrive after the fact, on a later tick. */
const collections: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) collections.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

/** Milliseconds of collection pauses that began within [from, from + wall). */
function collectedWithin(run: { from: number; wall: number }): number {
  let ms = 0;
  for (const c of collections) if (c.start >= run.from && c.start < run.from + run.wall) ms += c.duration;
  return ms;
}

function workspace(paths: number): string {
  const dir = join(work, 'check', String(paths), 'gateway');
  if (!existsSync(join(dir, 'api-config.json'))) {
    mkdirSync(dir, { recursive: true });
    const gen = spawnSync(process.execPath, [generator, dir, '--paths', String(paths), '--bindings', '500', '--errors', '8'], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error(`workspace generator failed for ${paths} paths`);
  }
  return dir;
}

/** The Node host, with one file's text overridden (the editor's unsaved buffer). */
class OverlayHost implements FileHost {
  private readonly overlay = new Map<string, { text: string; version: number }>();
  constructor(private readonly base: FileHost) {}
  set(path: string, text: string, version: number): void {
    this.overlay.set(path, { text, version });
  }
  readFile(path: string): string | undefined {
    return this.overlay.get(path)?.text ?? this.base.readFile(path);
  }
  readDirectory(path: string) {
    return this.base.readDirectory(path);
  }
  version(path: string): string | undefined {
    const o = this.overlay.get(path);
    return o ? `overlay:${o.version}` : this.base.version(path);
  }
}

interface Row {
  paths: number;
  bytes: number;
  findings: number;
  fullCold: number;
  fullWarm: number;
  fullWarmCpu: number;
  fullWarmGc: number;
  edit: number;
  editCpu: number;
  editAfterCollection: number;
  routeCutPaste: number;
  enterKeystroke: number;
  brokenKeystroke: number;
  newRouteKeystroke: number;
  newRouteSlowest: number;
  process: number;
  yardstick: number;
}

/** The route in the middle of `paths`, as [its start, the next route's start): cutting that keeps the JSON valid. */
function middleRoute(doc: ConfigDocument): [number, number] {
  const routes = propertyValue(doc.root, 'paths')?.children ?? [];
  const middle = routes.length >> 1;
  if (middle + 1 >= routes.length) throw new Error('the workspace has too few routes to cut one');
  return [routes[middle]!.offset, routes[middle + 1]!.offset];
}

async function measure(paths: number): Promise<Row> {
  const dir = workspace(paths);
  const configFile = normalizePath(join(dir, 'api-config.json'));
  const host = new NodeFileHost();
  let findings = 0;
  const fullCold = time(() => {
    findings = checkWorkspace(host, [dir]).findings.length;
  });
  const full: number[] = [];
  const fullCpu: number[] = [];
  const fullRuns: { from: number; wall: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const t = timeBoth(() => checkWorkspace(host, [dir]));
    full.push(t.wall);
    fullCpu.push(t.cpu);
    fullRuns.push(t);
  }
  await new Promise((done) => setTimeout(done, 50)); // the collections' entries come in on later ticks

  // Edit loop: a persistent cache (as the language server keeps), one-line edits in the middle of the file.
  const overlay = new OverlayHost(host);
  const cache = new ProjectCache();
  const modules = createModuleReader(overlay, cache);
  let project = loadProject(overlay, configFile, cache);
  analyzeProject(project, modules);
  let doc = project.config;
  let version = 0;
  /** One change to the open config and the re-check after it, as the language server makes them. */
  const applyEdit = (start: number, end: number, newText: string): void => {
    doc = updateConfigDocument(doc, { start, end, newText }).doc;
    overlay.set(configFile, doc.text, ++version);
    project = loadProject(overlay, configFile, cache, { configDocument: doc });
    analyzeProject(project, modules);
  };
  const edits: number[] = [];
  const editsCpu: number[] = [];
  // As ../shared/bench/lsp-latency.mjs edits: one `path` value in the middle of the file toggled between its text
  // and that text plus `/edited`, so the length changes and every node after the edit moves.
  const anchor = doc.text.indexOf('"path": "', Math.floor(doc.text.length / 2)) + '"path": '.length;
  const original = doc.text.slice(anchor, doc.text.indexOf('"', anchor + 1) + 1);
  const values = [original, `${original.slice(0, -1)}/edited"`];
  for (let i = 0; i < runs; i++) {
    const start = anchor;
    const end = anchor + values[i % 2]!.length;
    const needle = values[(i + 1) % 2]!;
    const t = timeBoth(() => applyEdit(start, end, needle));
    edits.push(t.wall);
    editsCpu.push(t.cpu);
  }

  // The same edit, each right after a full collection (a few edits between them, as in the language server).
  const collect = exposedFullCollection();
  const editsAfterCollection: number[] = [];
  for (let i = 0; collect && i < runs; i++) {
    collect();
    for (let k = 0; k < 3; k++) {
      const j = edits.length + i * 3 + k;
      const ms = time(() => applyEdit(anchor, anchor + values[j % 2]!.length, values[(j + 1) % 2]!));
      if (k === 0) editsAfterCollection.push(ms);
    }
  }

  // Route loop, same session: the middle route cut, re-checked, pasted back, re-checked.
  const routeEdits: number[] = [];
  const recheck = (start: number, end: number, newText: string): number => time(() => applyEdit(start, end, newText));
  for (let i = 0; i < runs; i++) {
    const [start, end] = middleRoute(doc);
    const route = doc.text.slice(start, end);
    routeEdits.push(recheck(start, end, ''));
    routeEdits.push(recheck(start, start, route));
  }

  // Enter loop, same session: a line break typed before the middle route, and deleted again.
  const enterEdits: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = middleRoute(doc)[0];
    enterEdits.push(recheck(at, at, '\n'));
    enterEdits.push(recheck(at, at + 1, ''));
  }

  // Broken-JSON loop, same session: a mistake typed into the middle route, then taken out again.
  const brokenEdits: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = doc.text.indexOf('"method"', Math.floor(doc.text.length / 2));
    brokenEdits.push(recheck(at, at, '"x": '));
    if (doc.syntaxErrors.length === 0) throw new Error('the keystroke was meant to break the JSON');
    brokenEdits.push(recheck(at, at + '"x": '.length, ''));
  }

  // New-route loop, same session: a route typed before the middle one, then cut again (not timed).
  const routeKeystrokes: number[] = [];
  const slowestKeystrokes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = middleRoute(doc)[0];
    let slowest = 0;
    const end = typeNewRoute(at, (offset, key) => {
      const ms = recheck(offset, offset, key);
      routeKeystrokes.push(ms);
      slowest = Math.max(slowest, ms);
    });
    slowestKeystrokes.push(slowest);
    if (doc.syntaxErrors.length !== 0) throw new Error('the typed route was meant to leave the JSON valid');
    applyEdit(at, end, '');
  }

  const configText = readFileSync(configFile, 'utf8');
  const yardstick: number[] = [];
  for (let i = 0; i < runs; i++) yardstick.push(time(() => parseTree(configText)));

  const sag = join(repo, 'dist', 'sag.js');
  const proc: number[] = [];
  if (existsSync(sag)) {
    for (let i = 0; i < 5; i++) proc.push(time(() => spawnSync(process.execPath, [sag, 'check', dir, '--format', 'json'], { stdio: 'ignore' })));
  }
  return {
    paths,
    bytes: readFileSync(configFile).length,
    findings,
    fullCold,
    fullWarm: median(full),
    fullWarmCpu: median(fullCpu),
    fullWarmGc: median(fullRuns.map(collectedWithin)),
    edit: median(edits),
    editCpu: median(editsCpu),
    editAfterCollection: editsAfterCollection.length ? median(editsAfterCollection) : NaN,
    routeCutPaste: median(routeEdits),
    enterKeystroke: median(enterEdits),
    brokenKeystroke: median(brokenEdits),
    newRouteKeystroke: median(routeKeystrokes),
    newRouteSlowest: median(slowestKeystrokes),
    process: proc.length ? median(proc) : NaN,
    yardstick: median(yardstick),
  };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const size of sizes) rows.push(await measure(size));
  const f = (n: number) => (Number.isNaN(n) ? 'n/a' : n.toFixed(1));
  console.log('\nsag check engine (ms; median of', runs, 'runs; targets at 10,000 paths: full warm <= 150, edit <= 25, process <= 1500)');
  console.log('paths    config bytes  findings  full cold  full warm (cpu)  of which gc  one-line edit (cpu)  route cut/paste  Enter  broken JSON  new route (slowest)  sag check process  yardstick (jsonc-parser)');
  for (const r of rows) {
    console.log(
      `${String(r.paths).padEnd(8)} ${String(r.bytes).padStart(12)}  ${String(r.findings).padStart(8)}  ${f(r.fullCold).padStart(9)}  ${f(r.fullWarm).padStart(9)} ${`(${f(r.fullWarmCpu)})`.padStart(7)}  ${f(r.fullWarmGc).padStart(11)}  ${f(r.edit).padStart(13)} ${`(${f(r.editCpu)})`.padStart(6)}  ${f(r.routeCutPaste).padStart(15)}  ${f(r.enterKeystroke).padStart(5)}  ${f(r.brokenKeystroke).padStart(11)}  ${f(r.newRouteKeystroke).padStart(9)} ${`(${f(r.newRouteSlowest)})`.padStart(9)}  ${f(r.process).padStart(17)}  ${f(r.yardstick).padStart(24)}`,
    );
  }
  if (rows.length >= 2) {
    const [a, b] = [rows[0]!, rows[rows.length - 1]!];
    console.log(`growth ${a.paths} -> ${b.paths} paths (x${b.paths / a.paths}): full warm x${(b.fullWarm / a.fullWarm).toFixed(1)}, edit x${(b.edit / a.edit).toFixed(1)}`);
  }
  for (const r of rows) console.log(`${r.paths} paths: one-line edit right after a full collection ${f(r.editAfterCollection)} ms (median of ${runs}; without one ${f(r.edit)} ms)`);
  const largest = rows.find((r) => r.paths === 10000);
  if (largest) console.log(`yardstick: jsonc-parser parses the 10,000-path config in ${f(largest.yardstick)} ms today; ~80 ms when the targets were set (the language-server issue)`);
}

void main();
