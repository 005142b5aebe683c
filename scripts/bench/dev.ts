// `npm run bench:dev`: how fast `sag dev` serves the seed example (examples/service-execution) and how it holds
// up under load. Prints a table; asserts nothing. Runs the bundled CLI (dist/sag.js) as users do.
//   start      spawn `sag dev` -> first successful request (run 1 is cold, the median of the others is warm)
//   reload     save api-config.json with a new route -> that route answers 200
//   load       wrk on loopback (2 threads, 64 connections, --duration=30 s): a static route, the service route,
//              POST /orders through the hook and the bound Worker; requests/s, p99, errors; workerd RSS before/after
// Options: --runs=5 --reloads=5 --duration=30 --threads=2 --connections=64 --rounds=1 (repeat the load set) --no-load
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(__dirname, '..', '..');
const work = join(repo, '.bench-work', 'dev');
const sag = join(repo, 'dist', 'sag.js');
const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const runs = option('runs', 5);
const reloads = option('reloads', 5);
const duration = option('duration', 30);
const threads = option('threads', 2);
const connections = option('connections', 64);
const rounds = option('rounds', 1);
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

/** RSS (kB) of the workerd processes started by `pid` (Linux /proc; NaN elsewhere). */
function workerdRssKb(pid: number): number {
  if (process.platform !== 'linux') return NaN;
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (!/^Name:\s+workerd$/m.test(status)) continue;
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== pid) continue;
      total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return total;
}

interface LoadResult {
  /** Which errors: non-2xx responses and socket errors by kind. */
  detail: string;
  rps: number;
  p99: string;
  errors: number;
  requests: number;
}

function wrk(url: string, script?: string): LoadResult {
  const args = [`-t${threads}`, `-c${connections}`, `-d${duration}s`, '--latency', ...(script ? ['-s', script] : []), url];
  const run = spawnSync('wrk', args, { encoding: 'utf8', timeout: (duration + 30) * 1000 });
  if (run.error) throw new Error(`wrk: ${run.error.message} (install it: apt-get install -y wrk)`);
  const out = run.stdout;
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0;
  const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
  return {
    detail: `(non-2xx ${non2xx}${socket ? `, connect ${socket[1]}, read ${socket[2]}, write ${socket[3]}, timeout ${socket[4]}` : ''})`,
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p99: /^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '?',
    errors: non2xx + socketErrors,
    requests: num(/(\d+) requests in/),
  };
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

  console.log(`sag dev on examples/service-execution (${process.platform}, Node ${process.version})`);
  console.log(`  start -> first 200   cold ${ms(starts[0]!)}   warm median ${ms(median(starts.slice(1)))} (${starts.slice(1).map((s) => s.toFixed(0)).join(', ')} ms)`);
  console.log(`  config saved -> new route served   median ${ms(median(reloadTimes))} (${reloadTimes.map((s) => s.toFixed(0)).join(', ')} ms)`);

  if (!process.argv.includes('--no-load')) {
    const postScript = join(work, 'post-orders.lua');
    writeFileSync(
      postScript,
      `wrk.method = "POST"\nwrk.body = '{"item":"book","qty":1}'\nwrk.headers["content-type"] = "application/json"\nwrk.headers["x-api-key"] = "bench"\n`,
    );
    const pid = dev!.child.pid!;
    const rssBefore = workerdRssKb(pid);
    console.log(`  load: wrk -t${threads} -c${connections} -d${duration}s on loopback; workerd RSS before ${(rssBefore / 1024).toFixed(1)} MiB`);
    console.log('    route                              req/s      p99        requests   errors (kinds); workerd RSS after');
    for (let round = 1; round <= rounds; round++) for (const [label, target, script] of [
      ['GET /health (static)', `${url}/health`, undefined],
      ['GET /hello/ada (service)', `${url}/hello/ada`, undefined],
      ['POST /orders (hook + bound Worker)', `${url}/orders`, postScript],
    ] as const) {
      const r = wrk(target, script);
      const rss = workerdRssKb(pid);
      console.log(`    ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(8)}   ${r.p99.padEnd(9)}  ${String(r.requests).padStart(9)}   ${String(r.errors).padEnd(6)} ${r.detail}; RSS ${(rss / 1024).toFixed(1)} MiB`);
    }
    const rssAfter = workerdRssKb(pid);
    console.log(`  workerd RSS after ${(rssAfter / 1024).toFixed(1)} MiB (${rssAfter >= rssBefore ? '+' : ''}${((rssAfter - rssBefore) / 1024).toFixed(1)} MiB)`);
  }
  await stopDev(dev!);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
