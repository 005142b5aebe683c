// Test support for scaffold and dev tests: the built tools (vendoring needs dist/sag.js and the runtime bundle),
// the `sag` CLI run from the TypeScript sources (sync, or as a long-running child with line waits), temp projects
// with wrangler linked from this repository (a test cannot `npm install` offline), and the process-group probe.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

export const repoRoot = process.cwd();
const mainTs = join(repoRoot, 'server', 'src', 'cli', 'main.ts');
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
export const OFFLINE_ENV = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

/** `npm test` builds first; a single test file run directly builds the bundles once when they are missing. */
export function ensureBuilt(): void {
  if (existsSync(join(repoRoot, 'dist', 'sag.js')) && existsSync(join(repoRoot, 'shared-runtime', 'dist', 'index.js'))) return;
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--no-typecheck'], { cwd: repoRoot, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed:\n${built.stdout}\n${built.stderr}`);
}

export interface SagRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function sagArgs(args: readonly string[]): string[] {
  return ['--conditions=sag-source', '--import', tsxLoader, mainTs, ...args];
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...OFFLINE_ENV, ...extra };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

export function runSag(args: readonly string[], cwd: string): SagRun {
  const result = spawnSync(process.execPath, sagArgs(args), { cwd, env: childEnv(), encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temp folder for one test; `dispose` removes it. */
export function tempDir(prefix: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Stands in for the scaffolded project's `npm install` (offline): its node_modules is this repository's. */
export function linkNodeModules(project: string): void {
  symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
}

/** Every file under `root` (posix relative path -> bytes), skipping the given folder names. */
export function snapshot(root: string, skip: ReadonlySet<string> = new Set()): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(folder, entry.name), rel);
      else if (entry.isFile()) out.set(rel, readFileSync(join(folder, entry.name)));
    }
  };
  walk(root, '');
  return out;
}

/** A long-running `sag` (e.g. `sag dev`) in its own process group, with its output as lines to wait for. */
/** A child process's output (stdout and stderr) line by line, and waits for the lines a test expects. */
export class ChildLines {
  readonly lines: string[] = [];
  private waiters: { pattern: RegExp; resolve(m: RegExpMatchArray): void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly child: ChildProcess,
    private readonly name: string,
  ) {
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => this.push(line));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  private push(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      const match = waiter.pattern.exec(line);
      if (match) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(match);
      }
    }
  }

  /** The first line (from now on, or already printed when `fromStart`) matching `pattern`; rejects if the process exits first. */
  waitFor(pattern: RegExp, options: { fromStart?: boolean; afterLine?: number } = {}): Promise<RegExpMatchArray> {
    const from = options.afterLine ?? (options.fromStart ? 0 : this.lines.length);
    for (const line of this.lines.slice(from)) {
      const match = pattern.exec(line);
      if (match) return Promise.resolve(match);
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ pattern, resolve });
      void this.exited.then(({ code, signal }) => reject(new Error(`${this.name} exited (${code ?? signal}) before printing ${pattern}:\n${this.output()}`)));
    });
  }

  output(): string {
    return this.lines.join('\n');
  }
}

export class SagProcess extends ChildLines {
  constructor(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
    super(spawn(process.execPath, sagArgs(args), { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' }), 'sag');
  }

  /** SIGTERM (POSIX) to the process only, as a terminal or a task runner would; resolves when it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  /** Last resort after a failed test: the whole group, so no workerd outlives the test run. */
  killGroup(): void {
    try {
      if (process.platform !== 'win32' && this.child.pid) process.kill(-this.child.pid, 'SIGKILL');
      else this.child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Pids of the live processes in a process group (Linux /proc; an empty list elsewhere). */
export function processGroupMembers(pgid: number): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...; zombies already exited.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(after[2]) === pgid && after[0] !== 'Z') pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
