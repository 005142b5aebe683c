// One `sag dev` run: check and build the gateway, bundle it and its bound Workers, serve them on workerd through
// Miniflare, print the routes and `Ready on …` once requests can be served, and rebuild + reload on every edit.
import type { Miniflare, WorkerOptions } from 'miniflare';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { normalizePath } from '../../analysis/workspace/paths';
import { reportBuildFindings } from '../commands/build';
import type { CliIO } from '../io';
import { displayPath, EXIT_USAGE } from '../io';
import { buildGateway, type BuildOutcome } from '../scaffold/build-gateway';
import type { ToolsLayout } from '../scaffold/tools-layout';
import { vendorNotice } from '../scaffold/vendor';
import { SAG_VERSION } from '../version';
import { BundleError, WorkerBundler } from './bundle-worker';
import { methodsByBinding, routeTable } from './config-summary';
import { loadLocalStack, type LocalStack } from './local-stack';
import { brokenBoundConfigs, planWorkers, type DevPlan } from './plan-workers';
import { ReloadGate, WORKERD_HOST } from './reload-gate';
import { devRuntimeOptions } from './runtime-options';
import { ProjectWatcher } from './watch-project';
import { workerOptionsFor } from './worker-options';
import { printable } from '../reporters/terminal-text';

export interface DevSessionOptions {
  root: string;
  port: number;
  host: string;
  env: string;
  layout: ToolsLayout | undefined;
  io: CliIO;
  watch: boolean;
}

/** Telemetry and network look-ups off for anything wrangler-made this process starts (ENVIRONMENT.md). */
const OFFLINE_ENV = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

export class DevSession {
  private stack: LocalStack | undefined;
  private bundler: WorkerBundler | undefined;
  private mf: Miniflare | undefined;
  /** The user's port; workerd serves behind it on a loopback port of its own (reload-gate.ts). */
  private gate: ReloadGate | undefined;
  private watcher: ProjectWatcher | undefined;
  private port = 0;
  private lastRoutes = '';
  private lastTargets = '';
  /** The Workers workerd last ran: put back when a reload fails inside the runtime (a Worker that throws at load). */
  private lastGoodWorkers: WorkerOptions[] = [];
  private reloading: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: DevSessionOptions) {}

  private get shownRoot(): string {
    return displayPath(this.options.io, normalizePath(this.options.root)) || '.';
  }

  /** A file as the output names it: relative to the project folder, with `/` on every platform. */
  private inProject(file: string): string {
    return relative(this.options.root, file).split('\\').join('/');
  }

  /** One line to the terminal; names and paths from the project in it are made inert (printable). */
  private log(line: string): void {
    this.options.io.stdout.write(`${printable(line)}\n`);
  }

  /** `SAG_DEV_TIMING=1`: where start-up and reload time goes (bench and troubleshooting). */
  private phase(name: string, since: number): void {
    if (this.options.io.env.SAG_DEV_TIMING === '1') this.options.io.stderr.write(`sag dev: timing ${name} ${Math.round(performance.now() - since)} ms\n`);
  }

  private portInUseMessage(): string {
    return `sag dev: port ${this.options.port} on ${this.options.host} is in use; stop what uses it or pass --port N (--port 0 picks a free one)`;
  }

  private warn(line: string): void {
    this.options.io.stderr.write(`${printable(line)}\n`);
  }

  /** Serves the gateway; resolves with the URL, or with an exit code when it cannot start (the reason printed). */
  async start(): Promise<URL | number> {
    const started = await this.startServing();
    // Not serving: the port goes too, or the process would stay alive holding connections that never get served.
    if (typeof started === 'number') this.gate?.close();
    return started;
  }

  private async startServing(): Promise<URL | number> {
    Object.assign(process.env, OFFLINE_ENV);
    const started = performance.now();
    const outcome = buildGateway({ root: this.options.root, layout: this.options.layout, ...(this.options.env ? { env: this.options.env } : {}) });
    reportBuildFindings(outcome, this.options.io, 'sag dev');
    this.phase('check+build', started);
    if (!outcome.ok) return outcome.reason === 'unknown-env' ? EXIT_USAGE : 1;
    for (const notice of outcome.notices) this.warn(`sag dev: ${notice}`);
    const stale = vendorNotice(this.options.root, this.shownRoot, SAG_VERSION);
    if (stale) this.warn(`sag dev: ${stale}`);
    // The user's port, taken before workerd starts (connections wait there until it serves): a port in use is said
    // at once, not after the bundling.
    this.gate = new ReloadGate();
    try {
      this.port = await this.gate.listen(this.options.host, this.options.port);
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      this.warn(inUse ? this.portInUseMessage() : `sag dev: cannot listen on ${this.options.host}:${this.options.port}: ${describe(error)}`);
      this.gate.close();
      return 1;
    }

    try {
      this.stack = loadLocalStack(this.options.root, this.options.layout?.root);
    } catch (error) {
      this.warn(`sag dev: ${(error as Error).message}`);
      return 1;
    }
    this.bundler = new WorkerBundler(this.stack.esbuild);
    this.phase('load miniflare+esbuild', started);

    let prepared: { plan: DevPlan; workers: WorkerOptions[]; routes: string[] };
    try {
      prepared = await this.prepare(outcome);
    } catch (error) {
      // Stopped while bundling: the esbuild service was ended on purpose.
      if (this.stopped) return this.abandon();
      this.warn(`sag dev: ${describe(error)}`);
      await this.bundler.dispose();
      return 1;
    }

    this.phase('bundle', started);
    if (this.stopped) return this.abandon();
    try {
      this.mf = new this.stack.Miniflare({ ...devRuntimeOptions(WORKERD_HOST, 0), workers: prepared.workers });
      const workerdUrl = await this.mf.ready;
      this.lastGoodWorkers = prepared.workers;
      // A signal while workerd was starting: stop() found nothing to dispose yet.
      if (this.stopped) return this.abandon();
      this.phase('workerd ready', started);
      this.gate.forwardTo(portOf(workerdUrl));
      const url = new URL(`http://${this.options.host}:${this.port}`);
      // Watching before `Ready on`: an edit saved the moment the line appears (an editor task waits for it) is seen.
      if (this.options.watch) {
        this.watcher = new ProjectWatcher(this.options.root, (files) => this.reload(files));
        this.watcher.watchFiles(this.bundler.inputs());
      }
      this.printPlan(prepared.plan, prepared.routes);
      this.log(`sag dev: started in ${Math.round(performance.now() - started)} ms (${this.stack.source})`);
      this.log(`Ready on http://${this.options.host}:${this.port}`);
      return url;
    } catch (error) {
      this.warn(`sag dev: the Workers runtime did not start: ${describe(error)}`);
      await this.stop();
      return 1;
    }
  }

  private async prepare(outcome: Extract<BuildOutcome, { ok: true }>): Promise<{ plan: DevPlan; workers: WorkerOptions[]; routes: string[] }> {
    const wrangler = outcome.project.wrangler;
    if (!wrangler) throw new Error(`no wrangler config for ${this.shownRoot}; sag dev needs one (run \`sag init --force\` there to add the template's)`);
    const config = JSON.parse(outcome.project.config.text) as Record<string, unknown>;
    const plan = planWorkers(wrangler, this.options.env, this.options.root, methodsByBinding(config));
    plan.workers[0]!.source = { kind: 'file', file: outcome.entryFile };
    const workers = await workerOptionsFor(plan, this.bundler!);
    await this.bundler!.retain(new Set(plan.workers.map((w) => w.source.file)));
    return { plan, workers, routes: routeTable(config) };
  }

  private printPlan(plan: DevPlan, routes: string[]): void {
    const gateway = plan.workers[0]!;
    this.log(`sag dev: gateway ${gateway.name}${gateway.wranglerFile ? ` (${this.inProject(gateway.wranglerFile)})` : ''}${this.options.env ? `, env ${this.options.env}` : ''}`);
    this.printTargets(plan);
    for (const w of plan.workers) for (const u of w.unsupported) this.log(`  note: ${w.name}: ${u} is not simulated by sag dev (use wrangler dev for it)`);
    this.printRoutes(routes);
  }

  /** Where each binding leads, and the bound Worker configs that do not parse. */
  private targetLines(plan: DevPlan): string[] {
    const gateway = plan.workers[0]!;
    const lines: string[] = [];
    const broken = brokenBoundConfigs(plan);
    const unparsed = broken.length > 0 ? `; ${broken.map((b) => this.inProject(b.file)).join(', ')} do${broken.length === 1 ? 'es' : ''} not parse` : '';
    for (const t of plan.targets) {
      const via = t.from === gateway.name ? '' : ` (from ${t.from})`;
      if (t.wranglerFile) lines.push(`  binding ${t.binding} -> Worker ${t.service} (${this.inProject(t.wranglerFile)})${via}`);
      else lines.push(`  binding ${t.binding} -> Worker ${t.service}: NOT FOUND in ${this.shownRoot} (no wrangler config with name = "${t.service}"${unparsed}); calls through ${t.binding} answer 503${via}`);
    }
    for (const b of broken) lines.push(`  note: ${this.inProject(b.file)} does not parse (${b.problem}): wrangler would refuse it`);
    return lines;
  }

  /** The targets on stdout with the rest of the plan (read in order, before the Ready line); after a reload only when they changed. */
  private printTargets(plan: DevPlan, onlyIfChanged = false): void {
    const lines = this.targetLines(plan);
    const text = lines.join('\n');
    if (onlyIfChanged && text === this.lastTargets) return;
    this.lastTargets = text;
    for (const line of lines) this.log(line);
  }

  private printRoutes(routes: string[]): void {
    this.lastRoutes = routes.join('\n');
    this.log('Routes:');
    for (const line of routes) this.log(line);
  }

  /** Rebuilds and reloads; edits during a reload trigger one more reload afterwards. */
  private reload(files: string[]): void {
    if (this.stopped) return;
    if (this.reloading) {
      this.again = true;
      return;
    }
    this.reloading = this.reloadOnce(files).finally(() => {
      this.reloading = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.reload([]);
      }
    });
  }

  private async reloadOnce(files: string[]): Promise<void> {
    const started = performance.now();
    // Editors save through temp files; name only the files that are still there.
    const what = files.filter((f) => existsSync(f)).map((f) => this.inProject(f)).filter(Boolean).slice(0, 3).join(', ');
    // Also the begin marker of the editor's background problem matcher (`$sag`); its end is `reloaded`/`not reloaded`.
    this.log(`sag dev: rebuilding${what ? ` (${what})` : ''}`);
    const outcome = buildGateway({ root: this.options.root, layout: this.options.layout, ...(this.options.env ? { env: this.options.env } : {}) });
    this.phase('reload check+build', started);
    if (!outcome.ok) {
      reportBuildFindings(outcome, this.options.io, 'sag dev');
      this.warn('sag dev: not reloaded; still serving the last good build');
      return;
    }
    let runtimeTried = false;
    try {
      const prepared = await this.prepare(outcome);
      this.watcher?.watchFiles(this.bundler!.inputs());
      this.phase('reload bundle', started);
      if (this.stopped || !this.mf) return;
      // A bound Worker's config that does not parse (wrangler would refuse it): keep what runs, say which and why.
      const broken = brokenBoundConfigs(prepared.plan);
      if (broken.length > 0) {
        for (const b of broken) this.warn(`sag dev: ${this.inProject(b.file)} does not parse (${b.problem})`);
        this.warn('sag dev: not reloaded; still serving the last good build');
        return;
      }
      runtimeTried = true;
      await this.restartWith(prepared.workers);
      this.lastGoodWorkers = prepared.workers;
      this.phase('reload runtime', started);
      this.log(`sag dev: reloaded in ${Math.round(performance.now() - started)} ms${what ? ` (${what})` : ''}`);
      this.printTargets(prepared.plan, true);
      if (prepared.routes.join('\n') !== this.lastRoutes) this.printRoutes(prepared.routes);
    } catch (error) {
      // workerd refused the new Workers and stopped serving: start the last good ones again, so the claim holds.
      const restored = !runtimeTried || (await this.restoreLastGood());
      this.warn(`sag dev: not reloaded (${describe(error)}); ${restored ? 'still serving the last good build' : 'nothing is served until the next good save'}`);
    }
  }

  /** workerd restarted with `workers`: connections wait at the gate meanwhile, then go to its new port. */
  private async restartWith(workers: WorkerOptions[]): Promise<void> {
    this.gate!.hold();
    await this.mf!.setOptions({ ...devRuntimeOptions(WORKERD_HOST, 0), workers });
    this.gate!.forwardTo(portOf(await this.mf!.ready));
  }

  private async restoreLastGood(): Promise<boolean> {
    if (this.stopped || !this.mf) return false;
    try {
      if (this.lastGoodWorkers.length === 0) throw new Error('no build ran before');
      await this.restartWith(this.lastGoodWorkers);
      return true;
    } catch {
      this.gate!.unavailable('the last reload failed and the last good build did not start again; save a fix to reload');
      return false;
    }
  }

  /**
   * The part of stopping that must happen synchronously in a signal listener: Miniflare's own exit hook ends workerd
   * and exits the process right after our listener, so the esbuild service process is ended here, not later.
   */
  stopNow(): void {
    this.watcher?.close();
    this.gate?.close();
    try {
      void this.stack?.esbuild.stop();
    } catch {
      // Never started.
    }
  }

  /** Start-up interrupted by stop(): dispose what start() created after stop() ran. */
  private async abandon(): Promise<number> {
    this.gate?.close();
    await this.mf?.dispose().catch(() => undefined);
    await this.bundler?.dispose().catch(() => undefined);
    return 130;
  }

  /** Stops watching, disposes the bundler contexts and the runtime (which ends the workerd process). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.watcher?.close();
    this.gate?.close();
    await this.reloading?.catch(() => undefined);
    await this.mf?.dispose().catch(() => undefined);
    await this.bundler?.dispose().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error instanceof BundleError) return `bundling failed:\n${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The port a URL names, its scheme's default when it names none (`new URL('http://h:80').port` is ''). */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
