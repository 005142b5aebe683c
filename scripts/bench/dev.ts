// `npm run bench:dev`: how fast `sag dev` serves the seed example (examples/service-execution) and how it holds
// up under load. Prints a table; asserts nothing. Runs the bundled CLI (dist/sag.js) as users do.
//   start      spawn `sag dev` -> first successful request (run 1 is cold, the median of the others is warm)
//   reload     save api-config.json with a new route -> that route answers 200
//   load       wrk on loopback (2 threads, 64 connections, 30 s per route): a static route, the service route,
//              POST /orders through the hook and the bound Worker; requests/s, p99, errors, and the workerd RSS after
//              every round, so growth that levels off (V8 sizing its heaps) reads apart from growth that does not
//   control    (--control) the same load on a one-file Worker under the same Miniflare options (dev-control.ts):
//              memory that grows there too is workerd's, not the gateway's
// Options: --runs=5 --reloads=5 --duration=30 (seconds of load per route) --rounds=3 (the duration split into this many
// wrk runs, RSS after each) --repeat=1 (the whole route set again) --routes=static,service,post --sample=2 (seconds
// between RSS samples; the peak is shown) --idle=5 (seconds before the last RSS reading) --threads=2 --connections=64
// --no-load --control
// Error kinds are wrk's: `timeout` counts requests slower than wrk's 2 s (a starved CPU: check the load average
// printed beside them), `read` counts connections the server closed while wrk waited for an answer.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startControl } from './dev-control';
import { loadAverage, mib, parseRoutes, runLoad, type LoadMemory, type LoadOptions } from './dev-load';

const repo = resolve(__dirname, '..', '..');
const work = join(repo, '.bench-work', 'dev');
const sag = join(repo, 'dist', 'sag.js');
const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const runs = option('runs', 5);
const reloads = option('reloads', 5);
const load: LoadOptions = {
  duration: option('duration', 30),
  rounds: Math.max(1, option('rounds', 3)),
  repeat: Math.max(1, option('repeat', 1)),
  routes: parseRoutes(process.argv.find((a) => a.startsWith('--routes='))?.slice('--routes='.length)),
  threads: option('threads', 2),
  connections: option('connections', 64),
  sampleSeconds: Math.max(0.5, option('sample', 2)),
  idleSeconds: Math.max(0, option('idle', 5)),
};
const OFFLINE = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

function prepareProject(): string {
  if (!existsSync(sag)) {
    const built = spawnSync(process.execPath, [join(repo, 'scripts/build.mjs'), '--no-typecheck'], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(1);
  }
  const project = join(work, 'service-execution');
  rmSync(project, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(repo, 'examples', 'service-execution'), project, { recursive: true, filter: (src) => !/[\\/](vendor|\.sag|node_modules|\.wrangler)$/.test(src) });
  const vendored = spawnSync(process.execPath, [sag, 'init', project, '--upgrade'], { encoding: 'utf8' });
  if (vendored.status !== 0) throw new Error(vendored.stderr);
  return project;
}

interface Dev {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<void>;
  lines: string[];
}

function startDev(project: string): Dev {
  const child = spawn(process.execPath, [sag, 'dev', project, '--port', '0'], { env: { ...process.env, ...OFFLINE }, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  const lines: string[] = [];
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const url = new Promise<string>((resolveUrl, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        const ready = /^Ready on (http:\/\/\S+)$/.exec(line);
        if (ready) resolveUrl(ready[1]!);
      });
    }
    void exited.then(() => reject(new Error(`sag dev exited:\n${lines.join('\n')}`)));
  });
  return { child, url, exited, lines };
}

async function stopDev(dev: Dev): Promise<void> {
  dev.child.kill('SIGTERM');
  await dev.exited;
}

async function untilOk(url: string, init?: RequestInit): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
  }
}

async function main(): Promise<void> {
  const project = prepareProject();
  const configFile = join(project, 'api-config.json');
  const original = readFileSync(configFile, 'utf8');

  const starts: number[] = [];
  let dev: Dev | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    dev = startDev(project);
    const url = await dev.url;
    await untilOk(`${url}/health`);
    starts.push(performance.now() - t0);
    if (i < runs - 1) await stopDev(dev);
  }
  const url = await dev!.url;

  const reloadTimes: number[] = [];
  for (let i = 0; i < reloads; i++) {
    const config = JSON.parse(original);
    config.paths.push({ method: 'GET', path: `/bench-${i}`, response: { i } });
    const t0 = performance.now();
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    await untilOk(`${url}/bench-${i}`);
    reloadTimes.push(performance.now() - t0);
  }
  // The restore must be served before the load runs: a reload during wrk would restart workerd under it.
  const reloadsSoFar = dev!.lines.filter((l) => l.startsWith('sag dev: reloaded in')).length;
  writeFileSync(configFile, original);
  while (dev!.lines.filter((l) => l.startsWith('sag dev: reloaded in')).length === reloadsSoFar) await new Promise((r) => setTimeout(r, 20));
  await untilOk(`${url}/health`);

  console.log(`sag dev on examples/service-execution (${process.platform}, Node ${process.version}, load average ${loadAverage()})`);
  console.log(`  start -> first 200   cold ${ms(starts[0]!)}   warm median ${ms(median(starts.slice(1)))} (${starts.slice(1).map((s) => s.toFixed(0)).join(', ')} ms)`);
  console.log(`  config saved -> new route served   median ${ms(median(reloadTimes))} (${reloadTimes.map((s) => s.toFixed(0)).join(', ')} ms)`);

  const withLoad = !process.argv.includes('--no-load');
  let gatewayMemory: LoadMemory | undefined;
  if (withLoad) gatewayMemory = await runLoad('sag dev', url, dev!.child.pid!, load, work);
  await stopDev(dev!);

  if (withLoad && process.argv.includes('--control')) {
    // After sag dev has stopped: its workerd must not count in the control's RSS (both sit below this process).
    const control = await startControl(project);
    try {
      const controlMemory = await runLoad('the control Worker (same Miniflare options, no sag runtime)', control.url, process.pid, load, work);
      const line = (m: LoadMemory) => `${mib(m.before)} -> ${mib(m.after)} MiB (+${mib(m.after - m.before)})`;
      console.log(`  workerd RSS over the same load: sag dev ${line(gatewayMemory!)}, control ${line(controlMemory)}`);
    } finally {
      await control.stop();
    }
  }
  console.log(`  load average at the end: ${loadAverage()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
