// `npm run bench:lsp`: the language server's latency on generated workspaces of 1,000 and 10,000 paths with 500
// bindings, measured by ../shared/bench/lsp-latency.mjs against `node dist/server.js --stdio` (pull diagnostics,
// so no debounce is in the figures), printed beside the schema-only baseline of VS Code's JSON server. As the
// baseline was measured (../shared/bench/run-json-baseline.sh): 20 edits per pass, 3 passes, each figure the median
// over the passes with their range. Asserts nothing.
// Flags: --sizes=1000,10000  --runs=20  --repeats=3  --mode=auto|push|pull  --no-build  --baseline=recorded|measure
// --baseline=measure runs the JSON server now too (json-baseline.ts), beside the recorded figures: how much slower or
// faster this machine is today than when they were recorded, and our figures scaled by that (an estimate, labelled).
// Beside them, the "transport floor": the same harness against instant-lsp-server.mjs, which does no work and answers
// every edit with our server's report for the file. Its per-edit median is what moving that report costs (pipe,
// framing, the client's decode and parse) whatever the engine does. Then, with our own client
// (test/lsp/support/lsp-session.ts): keystrokes in broken JSON, Enter in the middle of `paths`, the first
// keystrokes after opening (typed at once, and after a pause), a new route typed keystroke by keystroke, a Replace
// All (one didChange with a change per occurrence), and the server's RSS over 60 edits in 60 places and over 40
// Enters in a row, which must stay flat, not grow with each place edited or line added.
// Every server starts without the findings cache (a first start in the workspace), but for the rows "opened again
// unchanged (findings cache)": first diagnostics, and the first keystrokes, of servers given a cache that an
// unmeasured start filled (server/src/host/findings-cache.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { NodeFileHost } from '../../server/src/host/node-file-host';
import { DiagnosticWire } from '../../server/src/lsp/diagnostics/diagnostic-wire';
import { pathToUri } from '../../server/src/lsp/uri';
import { LspSession } from '../../test/lsp/support/lsp-session';
import { measureJsonBaseline, type BaselineFigures } from './json-baseline';
import { replaceAllChanges, type ReplaceAllOrder } from '../../test/lsp/support/replace-all';
import { typeNewRoute } from './typed-route';

const repo = resolve(__dirname, '..', '..');
const work = join(repo, '.bench-work');
const shared = join(repo, '..', 'shared', 'bench');
const arg = (name: string, fallback: string): string => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('sizes', '1000,10000').split(',').map(Number);
const runs = arg('runs', '20');
const repeats = Number(arg('repeats', '3'));
const mode = arg('mode', 'auto');
const baselineMode = arg('baseline', 'recorded');

/** VS Code's JSON language server, schema-only, measured with the same harness (../shared/bench/README.md). */
const BASELINE: Record<number, BaselineFigures> = {
  1000: { first: 64, edit: 16, completion: 0.7, rss: 126 },
  10000: { first: 252, edit: 149, completion: 2, rss: 253 },
};
const TARGET_10K = { first: 200, edit: 30, completion: 3, rss: 200 };
const node = JSON.stringify(process.execPath);

interface HarnessResult {
  ok: boolean;
  error?: string;
  diagnosticsMode?: string;
  firstDiagnosticsMs?: number;
  firstDiagnosticsCount?: number;
  edits?: { median: number; p95: number } | null;
  completion?: { ms?: { median: number }; items?: number };
  peakRssMB?: number;
}

/**
 * The servers measured start without a findings cache (SAG_CACHE_DIR=off: each checks what it is given, as on the
 * first start in a workspace), but for the rows "opened again", which give them FINDINGS_CACHE, filled beforehand.
 */
process.env.SAG_CACHE_DIR = 'off';
const FINDINGS_CACHE = join(work, 'findings-cache');
/** The cache folder of the servers openedConfig starts (undefined: none). */
let sessionCacheDirectory: string | undefined;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** The harness needs its own npm ci; the shared folder is read-only, so a copy under .bench-work/ gets it. */
function harness(): string {
  const dir = join(work, 'harness');
  if (!existsSync(join(dir, 'node_modules', 'vscode-jsonrpc'))) {
    mkdirSync(work, { recursive: true });
    cpSync(shared, dir, { recursive: true });
    const ci = run('npm', ['ci', '--no-audit', '--no-fund'], dir);
    if (ci.status !== 0) throw new Error(`npm ci in ${dir} failed:\n${ci.stderr}`);
  }
  return dir;
}

/**
 * Each workspace alone in its own folder (.bench-work/lsp/<N>/gateway), as in bench:check: the server scans the
 * gateway's parent folder for bound Workers, which must not find the other benchmarks' 500-binding configs.
 */
function workspace(dir: string, paths: number): string {
  const out = join(work, 'lsp', String(paths), 'gateway');
  if (!existsSync(join(out, 'api-config.json'))) {
    const gen = run(process.execPath, [join(dir, 'gen-workspace.mjs'), out, '--paths', String(paths), '--bindings', '500', '--seed', '1'], dir);
    if (gen.status !== 0) throw new Error(`gen-workspace failed:\n${gen.stderr}`);
  }
  return out;
}

/**
 * Edits the harness makes, unmeasured, before the measured ones in the "after warm-up" row. The first edits after
 * opening run cold (code not compiled yet, per-route reports frozen on their first re-use, the first collection):
 * the row shows what typing costs once they are behind.
 */
const WARM_UP_EDITS = 20;

function measure(dir: string, ws: string, server: string, warmup = 0, cacheDirectory?: string): HarnessResult {
  const args = ['--server', server, '--workspace', ws, '--runs', runs, '--warmup', String(warmup), '--completion', 'method', '--diagnostics', mode, '--timeout', '300000', '--quiet'];
  const result = run(process.execPath, [join(dir, 'lsp-latency.mjs'), ...args], dir, { ...process.env, SAG_CACHE_DIR: cacheDirectory ?? 'off' });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as HarnessResult;
  } catch {
    return { ok: false, error: `no result (exit ${result.status}): ${result.stderr.slice(-400)}` };
  }
}

/** Our server's report for the workspace's api-config.json, as it goes over the wire, written to a file. */
function writeReport(ws: string): { file: string; bytes: number } {
  const { findings } = checkWorkspace(new NodeFileHost(), [ws]);
  const config = findings.find((f) => f.file.endsWith('/api-config.json'))?.file;
  const json = JSON.stringify(new DiagnosticWire(pathToUri).encode(findings.filter((f) => f.file === config)));
  const file = join(ws, '..', 'report.json');
  writeFileSync(file, json);
  return { file, bytes: Buffer.byteLength(json) };
}

/** Resident and peak resident MB of a process (Linux /proc; undefined elsewhere). */
function memoryOf(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(/^(\w+):\s+(\d+)/m.exec(status.slice(status.indexOf(`${field}:`)))?.[2]) / 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * The harness edits one place; an editor edits many. SPREAD_EDITS one-character edits, each in another route of
 * api-config.json, each followed by a pull: the server's memory must not grow with the number of places edited
 * (a tree holding views into each edit's text once grew by the file's size per edit).
 */
const SPREAD_EDITS = 60;

/** A server on the workspace with its api-config.json open and pulled once (pull diagnostics, as VS Code). */
async function openedConfig(ws: string): Promise<{ session: LspSession; file: string; uri: string }> {
  const session = await LspSession.start({ roots: [ws], pull: true, timeoutMs: 300_000, ...(sessionCacheDirectory ? { cacheDirectory: sessionCacheDirectory } : {}) });
  const file = join(ws, 'api-config.json');
  const uri = pathToUri(file);
  session.open(file);
  await session.request('textDocument/diagnostic', { textDocument: { uri } });
  return { session, file, uri };
}

/** The LSP position of an offset (UTF-16: the generated configs are ASCII). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  return { line: text.slice(0, offset).split('\n').length - 1, character: offset - text.lastIndexOf('\n', offset - 1) - 1 };
}

/** RSS after the open, then after every third of the edits, and the peak: flat, not growing with each place. */
async function spreadEdits(ws: string): Promise<{ samples: number[]; peak: number } | undefined> {
  const { session, file, uri } = await openedConfig(ws);
  try {
    const samples = [memoryOf(session.child.pid)];
    for (let i = 0; i < SPREAD_EDITS; i++) {
      const text = session.documents.get(file)!.text;
      const at = positionAt(text, text.indexOf('"path": "', Math.floor((text.length * (i + 1)) / (SPREAD_EDITS + 2))) + '"path": "/'.length);
      session.change(file, { start: at, end: at }, 'x');
      await session.request('textDocument/diagnostic', { textDocument: { uri } });
      if ((i + 1) % (SPREAD_EDITS / 3) === 0) samples.push(memoryOf(session.child.pid));
    }
    const last = samples[samples.length - 1];
    return last && samples.every((m) => m) ? { samples: samples.map((m) => m!.rss), peak: last.peak } : undefined;
  } finally {
    await session.stop();
  }
}

/** Where the line of the route in the middle of `paths` starts (generated configs indent routes by 8). */
function middleRouteLine(text: string): number {
  return text.indexOf('\n        {\n', Math.floor(text.length / 2)) + 1;
}

/** Enters in a row, each a pull: each moves the findings below it again, which the server must not keep. */
const ENTERS_IN_A_ROW = 40;

/** The server's RSS after ENTERS_IN_A_ROW line breaks typed before the middle route, and its peak. */
async function entersInARow(ws: string): Promise<{ rss: number; peak: number } | undefined> {
  const { session, file, uri } = await openedConfig(ws);
  try {
    const text = session.documents.get(file)!.text;
    const at = positionAt(text, middleRouteLine(text));
    for (let i = 0; i < ENTERS_IN_A_ROW; i++) {
      session.change(file, { start: at, end: at }, '\n');
      await session.request('textDocument/diagnostic', { textDocument: { uri } });
    }
    return memoryOf(session.child.pid);
  } finally {
    await session.stop();
  }
}

/** One edit of the open config: `newText` in place of the text between two offsets. */
interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Edits to the open config, each sent and followed by a pull: the round trip of each, from the change to the pulled
 * diagnostics. `editAt(text, i)` gives edit i against the text as it is then (undefined: no more).
 */
async function pulledEdits(ws: string, editAt: (text: string, i: number) => OffsetEdit | undefined, pauseAfterOpenMs = 0): Promise<number[]> {
  const { session, file, uri } = await openedConfig(ws);
  try {
    if (pauseAfterOpenMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseAfterOpenMs));
    const times: number[] = [];
    for (let i = 0; ; i++) {
      const text = session.documents.get(file)!.text;
      const edit = editAt(text, i);
      if (!edit) return times;
      const range = { start: positionAt(text, edit.start), end: positionAt(text, edit.end) };
      const t = performance.now();
      session.change(file, range, edit.newText);
      await session.request('textDocument/diagnostic', { textDocument: { uri } });
      times.push(performance.now() - t);
    }
  } finally {
    await session.stop();
  }
}

function medianOf(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

/** Keystrokes of the broken-JSON and Enter rows: each types its text or takes it out again, each followed by a pull. */
const TOGGLED_KEYSTROKES = 20;

/**
 * `typed` typed at one place and taken out again, in turn, `count` keystrokes, pulled after each: the round trip of
 * each from the change to the pulled diagnostics. `placeIn` gives the place in the text as opened.
 */
async function toggledEdits(ws: string, placeIn: (text: string) => number, typed: string, count: number, pauseAfterOpenMs = 0): Promise<number[]> {
  let at = -1;
  return pulledEdits(
    ws,
    (text, i) => {
      if (i === count) return undefined;
      if (at < 0) at = placeIn(text);
      return i % 2 === 0 ? { start: at, end: at, newText: typed } : { start: at, end: at + typed.length, newText: '' };
    },
    pauseAfterOpenMs,
  );
}

/** The median round trip of TOGGLED_KEYSTROKES toggled edits (toggledEdits). */
async function toggledKeystrokes(ws: string, placeIn: (text: string) => number, typed: string): Promise<number> {
  return medianOf(await toggledEdits(ws, placeIn, typed, TOGGLED_KEYSTROKES));
}

/**
 * What typing feels like mid-edit: `"x": ` typed before a route's first key (the JSON is broken until it is taken
 * out again).
 */
const brokenKeystrokes = (ws: string): Promise<number> => toggledKeystrokes(ws, (text) => text.indexOf('"method"', Math.floor(text.length / 2)), '"x": ');

/**
 * Enter before the middle route: every line below it moves, and with it the findings of every route behind it (the
 * routes above keep theirs).
 */
const enterKeystrokes = (ws: string): Promise<number> => toggledKeystrokes(ws, middleRouteLine, '\n');

/**
 * A route typed keystroke by keystroke before the middle route (typed-route.ts), a pull after each: the median
 * round trip, and the slowest (the first: the routes behind the new one change index).
 */
async function newRouteKeystrokes(ws: string): Promise<{ median: number; slowest: number }> {
  const keystrokes: OffsetEdit[] = [];
  const times = await pulledEdits(ws, (text, i) => {
    if (i === 0) {
      // Routes are the elements of `paths` (indented 8), which fills the middle of a generated config.
      const at = middleRouteLine(text) + '        '.length;
      typeNewRoute(at, (offset, key) => keystrokes.push({ start: offset, end: offset, newText: key }));
    }
    return keystrokes[i];
  });
  return { median: medianOf(times), slowest: Math.max(...times) };
}

/** Replace All of `"GET"` by `"PUT"` in one didChange, in an editor's order: the round trip to the pulled diagnostics. */
async function replaceAll(ws: string, order: ReplaceAllOrder): Promise<{ changes: number; ms: number }> {
  const { session, file, uri } = await openedConfig(ws);
  try {
    const { changes, textAfter } = replaceAllChanges(session.documents.get(file)!.text, '"GET"', '"PUT"', order);
    const t = performance.now();
    session.changeMany(file, changes, textAfter);
    await session.request('textDocument/diagnostic', { textDocument: { uri } });
    return { changes: changes.length, ms: performance.now() - t };
  } finally {
    await session.stop();
  }
}

/** The first keystrokes of a session: how many, and the pause before them in the "after a pause" row. */
const FIRST_KEYSTROKES = 5;
const PAUSE_BEFORE_TYPING_MS = 1000;

/**
 * The first keystrokes after opening (a character typed into the middle route's path and deleted, in turn), a pull
 * after each: at once, as the harness types, and after a pause, as a user starts typing (the server rehearses an
 * edit in the pause: server/src/lsp/workspace/edit-rehearsal.ts).
 */
function firstKeystrokes(ws: string, pauseMs: number): Promise<number[]> {
  const middlePath = (text: string): number => text.indexOf('"path": "', Math.floor(text.length / 2)) + '"path": "/'.length;
  return toggledEdits(ws, middlePath, 'x', FIRST_KEYSTROKES, pauseMs);
}

function cell(value: number | undefined, unit: string): string {
  return value === undefined ? 'n/a' : `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}

/** One figure of every pass that has it, in ascending order. */
function passValues(passes: HarnessResult[], pick: (r: HarnessResult) => number | undefined): number[] {
  return passes.map(pick).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
}

/** The median over passes of one figure; undefined when no pass has it. */
function passMedian(passes: HarnessResult[], pick: (r: HarnessResult) => number | undefined): number | undefined {
  const values = passValues(passes, pick);
  return values[values.length >> 1];
}

/** The median over passes of one figure, with the passes' range when there are several. */
function acrossPasses(passes: HarnessResult[], pick: (r: HarnessResult) => number | undefined, unit: string): string {
  const values = passValues(passes, pick);
  if (values.length === 0) return 'n/a';
  const median = values[values.length >> 1]!;
  const digits = median < 10 ? 1 : 0;
  return values.length === 1 ? cell(median, unit) : `${cell(median, unit)} (${values[0]!.toFixed(digits)}-${values[values.length - 1]!.toFixed(digits)})`;
}

if (!process.argv.includes('--no-build')) {
  const build = run(process.execPath, [join(repo, 'scripts', 'build.mjs'), '--no-typecheck'], repo);
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}
void (async () => {
  const dir = harness();
  const measured = baselineMode === 'measure' ? measureJsonBaseline(dir, work, join(repo, 'shared-runtime', 'schemas', 'api-config.upstream.schema.json'), sizes, runs, repeats) : undefined;
  /** The JSON server's figure: recorded, or measured now with the recorded one beside it. */
  const baseCell = (paths: number, pick: (b: BaselineFigures) => number, unit: string): string => {
    const recorded = BASELINE[paths] ? pick(BASELINE[paths]!) : undefined;
    const now = measured?.[paths] ? pick(measured[paths]!) : undefined;
    return now === undefined ? cell(recorded, unit) : `${cell(now, unit)} now (recorded ${cell(recorded, unit)})`;
  };
  const rows: string[][] = [['paths', 'metric', 'sag server', 'JSON server (schema only)', 'target at 10k']];
  for (const paths of sizes) {
    const ws = workspace(dir, paths);
    process.stderr.write(`bench:lsp: ${paths} paths (${ws})...\n`);
    const serverCommand = `${node} ${JSON.stringify(join(repo, 'dist', 'server.js'))} --stdio`;
    const passes: HarnessResult[] = [];
    for (let pass = 0; pass < repeats; pass++) passes.push(measure(dir, ws, serverCommand));
    const failed = passes.find((r) => !r.ok);
    if (failed) {
      rows.push([String(paths), 'error', failed.error ?? 'failed', '', '']);
      continue;
    }
    const r = passes[0]!;
    const base = BASELINE[paths];
    const target = paths === 10000 ? TARGET_10K : undefined;
    rows.push([String(paths), `first diagnostics (${r.diagnosticsMode}, ${r.firstDiagnosticsCount} items)`, acrossPasses(passes, (p) => p.firstDiagnosticsMs, 'ms'), baseCell(paths, (b) => b.first, 'ms'), target ? `≤ ${target.first} ms` : '']);
    // Opened again, unchanged: the first start's findings are shown from the cache (one unmeasured start fills it).
    rmSync(FINDINGS_CACHE, { recursive: true, force: true });
    measure(dir, ws, serverCommand, 0, FINDINGS_CACHE);
    const again: HarnessResult[] = [];
    for (let pass = 0; pass < repeats; pass++) again.push(measure(dir, ws, serverCommand, 0, FINDINGS_CACHE));
    rows.push([String(paths), '  opened again unchanged (findings cache)', acrossPasses(again, (p) => p.firstDiagnosticsMs, 'ms'), '', '']);
    rows.push([String(paths), 'per edit, median', acrossPasses(passes, (p) => p.edits?.median, 'ms'), baseCell(paths, (b) => b.edit, 'ms'), target ? `≤ ${target.edit} ms` : '']);
    const report = writeReport(ws);
    const floor = measure(dir, ws, `${node} ${JSON.stringify(join(repo, 'scripts', 'bench', 'instant-lsp-server.mjs'))} ${JSON.stringify(report.file)}`);
    rows.push([String(paths), `  of which transport floor (${(report.bytes / 1048576).toFixed(1)} MB report, no work)`, cell(floor.edits?.median, 'ms'), '', '']);
    const warm: HarnessResult[] = [];
    for (let pass = 0; pass < repeats; pass++) warm.push(measure(dir, ws, serverCommand, WARM_UP_EDITS));
    rows.push([String(paths), `  after ${WARM_UP_EDITS} unmeasured warm-up edits`, acrossPasses(warm, (p) => p.edits?.median, 'ms'), '', '']);
    rows.push([String(paths), 'per edit, p95', acrossPasses(passes, (p) => p.edits?.p95, 'ms'), '', '']);
    rows.push([String(paths), 'completion, median', acrossPasses(passes, (p) => p.completion?.ms?.median, 'ms'), baseCell(paths, (b) => b.completion, 'ms'), target ? `≤ ${target.completion} ms` : '']);
    rows.push([String(paths), 'peak RSS', acrossPasses(passes, (p) => p.peakRssMB, 'MB'), baseCell(paths, (b) => b.rss, 'MB'), target ? `≤ ${target.rss} MB` : '']);
    const now = measured?.[paths];
    if (now && base) {
      // Time figures only: memory does not change with the machine's load.
      const speed = (pick: (b: BaselineFigures) => number): number => pick(now) / pick(base);
      const scaled = (value: number | undefined, pick: (b: BaselineFigures) => number): string => (value === undefined ? 'n/a' : cell(value / speed(pick), 'ms'));
      rows.push([String(paths), 'JSON server now / recorded (this machine today vs then)', `first x${speed((b) => b.first).toFixed(2)}, edit x${speed((b) => b.edit).toFixed(2)}`, '', '']);
      rows.push([String(paths), 'estimate: sag at the recorded speed (first, per edit)', `${scaled(passMedian(passes, (p) => p.firstDiagnosticsMs), (b) => b.first)}, ${scaled(passMedian(passes, (p) => p.edits?.median), (b) => b.edit)}`, '', '']);
    }
    rows.push([String(paths), `keystroke in broken JSON, median (${TOGGLED_KEYSTROKES}, with a pull each)`, cell(await brokenKeystrokes(ws), 'ms'), '', '']);
    rows.push([String(paths), `Enter in the middle of paths, median (${TOGGLED_KEYSTROKES}, with a pull each)`, cell(await enterKeystrokes(ws), 'ms'), '', '']);
    const atOnce = await firstKeystrokes(ws, 0);
    const afterPause = await firstKeystrokes(ws, PAUSE_BEFORE_TYPING_MS);
    const list = (times: number[]): string => `${times.map((t) => t.toFixed(0)).join(', ')} ms`;
    rows.push([String(paths), `first ${FIRST_KEYSTROKES} keystrokes, typed at once after opening`, list(atOnce), '', '']);
    rows.push([String(paths), `first ${FIRST_KEYSTROKES} keystrokes, typed ${PAUSE_BEFORE_TYPING_MS / 1000} s after opening`, list(afterPause), '', '']);
    // The findings cache shows the problems first; the check that confirms them still runs before the first edit's.
    sessionCacheDirectory = FINDINGS_CACHE;
    const atOnceAgain = await firstKeystrokes(ws, 0);
    sessionCacheDirectory = undefined;
    rows.push([String(paths), `first ${FIRST_KEYSTROKES} keystrokes, typed at once after opening again (findings cache)`, list(atOnceAgain), '', '']);
    const typed = await newRouteKeystrokes(ws);
    rows.push([String(paths), 'new route typed, median keystroke (slowest), with a pull each', `${cell(typed.median, 'ms')} (${cell(typed.slowest, 'ms')})`, '', '']);
    const [vscode, neovim] = [await replaceAll(ws, 'end to start'), await replaceAll(ws, 'start to end')];
    rows.push([String(paths), `Replace All, ${vscode.changes} changes in one didChange (VS Code / Neovim order), with a pull`, `${cell(vscode.ms, 'ms')} / ${cell(neovim.ms, 'ms')}`, '', '']);
    const spread = await spreadEdits(ws);
    const thirds = [SPREAD_EDITS / 3, (2 * SPREAD_EDITS) / 3, SPREAD_EDITS].join('/');
    rows.push([String(paths), `RSS after open, ${thirds} edits in as many places (peak)`, spread ? `${spread.samples.map((mb) => mb.toFixed(0)).join(', ')} MB (${spread.peak.toFixed(0)})` : 'n/a', '', '']);
    const enters = await entersInARow(ws);
    rows.push([String(paths), `RSS after ${ENTERS_IN_A_ROW} Enters in a row in the middle of paths (peak)`, enters ? `${enters.rss.toFixed(0)} MB (${enters.peak.toFixed(0)})` : 'n/a', '', '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
})();
