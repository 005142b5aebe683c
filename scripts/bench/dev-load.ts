// bench:dev's load part: wrk rounds against one running server, the RSS of its workerd processes sampled while they
// run, one row per round, and a summary that tells growth that levels off from growth that keeps going.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type RouteName = 'static' | 'service' | 'post';

export interface LoadOptions {
  /** Seconds of load per route, split into `rounds` wrk runs. */
  duration: number;
  rounds: number;
  /** How many times the whole route set runs. */
  repeat: number;
  routes: RouteName[];
  threads: number;
  connections: number;
  sampleSeconds: number;
  idleSeconds: number;
}

const ROUTES: Record<RouteName, { label: string; path: string; post: boolean }> = {
  static: { label: 'GET /health (static)', path: '/health', post: false },
  service: { label: 'GET /hello/ada (service)', path: '/hello/ada', post: false },
  post: { label: 'POST /orders (hook + bound Worker)', path: '/orders', post: true },
};

export function parseRoutes(value: string | undefined): RouteName[] {
  const names = (value ?? 'static,service,post').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in ROUTES));
  if (unknown.length > 0) throw new Error(`--routes: unknown ${unknown.join(', ')} (known: ${Object.keys(ROUTES).join(', ')})`);
  return names as RouteName[];
}

/** Parent pid of every process, read once from /proc (Linux only; empty elsewhere). */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  if (process.platform !== 'linux') return children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields resume after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // Gone.
    }
  }
  return children;
}

/** Total RSS (kB) of the workerd processes anywhere below `rootPid` (NaN where /proc is missing). */
export function workerdRssKb(rootPid: number): number {
  if (process.platform !== 'linux') return NaN;
  const children = parentMap();
  let total = 0;
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    queue.push(...(children.get(pid) ?? []));
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^Name:\s+workerd$/m.test(status)) total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return total;
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

interface RoundResult {
  rps: number;
  p99: string;
  requests: number;
  errors: number;
  detail: string;
}

function runWrk(args: string[], timeoutSeconds: number): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.on('error', (error) => reject(new Error(`wrk: ${error.message} (install it: apt-get install -y wrk)`)));
    child.on('close', () => {
      clearTimeout(timer);
      resolveRun(out);
    });
  });
}

function parseWrk(out: string): RoundResult {
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0;
  const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p99: /^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '?',
    requests: num(/(\d+) requests in/),
    errors: non2xx + socketErrors,
    detail: `non-2xx ${non2xx}${socket ? `, connect ${socket[1]}, read ${socket[2]}, write ${socket[3]}, timeout ${socket[4]}` : ''}`,
  };
}

export const mib = (kb: number): string => (kb / 1024).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** workerd RSS (kB) around one load set. */
export interface LoadMemory {
  before: number;
  after: number;
  idle: number;
  peak: number;
}

/** Runs the load set against `url`, printing one row per round with the RSS of workerd below `rootPid`. */
export async function runLoad(title: string, url: string, rootPid: number, options: LoadOptions, workDir: string): Promise<LoadMemory> {
  const postScript = join(workDir, 'post-orders.lua');
  writeFileSync(
    postScript,
    `wrk.method = "POST"\nwrk.body = '{"item":"book","qty":1}'\nwrk.headers["content-type"] = "application/json"\nwrk.headers["x-api-key"] = "bench"\n`,
  );
  const seconds = Math.max(1, Math.round(options.duration / options.rounds));
  const before = workerdRssKb(rootPid);
  console.log(
    `  load on ${title}: wrk -t${options.threads} -c${options.connections}, ${options.duration} s per route in ${options.rounds} round(s) of ${seconds} s; ` +
      `workerd RSS before ${mib(before)} MiB (load average ${loadAverage()})`,
  );
  console.log('    route                              round   req/s  p99        requests  errors (kinds)                                       RSS after  peak   load avg');
  const afterRounds: number[] = [];
  // Growth per round, per route and pass: a route's own curve flattening is the plateau (each new route warms more isolates).
  const growth: string[] = [];
  let peak = before;
  for (let pass = 1; pass <= options.repeat; pass++) {
    for (const name of options.routes) {
      const route = ROUTES[name];
      const steps: string[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const start = afterRounds[afterRounds.length - 1] ?? before;
        const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${seconds}s`, '--latency', ...(route.post ? ['-s', postScript] : []), `${url}${route.path}`];
        let roundPeak = 0;
        const sampler = setInterval(() => (roundPeak = Math.max(roundPeak, workerdRssKb(rootPid))), options.sampleSeconds * 1000);
        const result = parseWrk(await runWrk(args, seconds + 30).finally(() => clearInterval(sampler)));
        const after = workerdRssKb(rootPid);
        roundPeak = Math.max(roundPeak, after);
        peak = Math.max(peak, roundPeak);
        afterRounds.push(after);
        steps.push(signed(after - start));
        console.log(
          `    ${route.label.padEnd(34)} ${`${round}/${options.rounds}`.padStart(5)} ${result.rps.toFixed(0).padStart(7)}  ${result.p99.padEnd(9)} ${String(result.requests).padStart(9)}  ` +
            `${`${result.errors} (${result.detail})`.padEnd(52)} ${mib(after).padStart(9)} ${mib(roundPeak).padStart(6)}   ${loadAverage()}`,
        );
      }
      growth.push(`${route.label.split(' (')[0]} ${steps.join(' ')}`);
    }
  }
  await sleep(options.idleSeconds * 1000);
  const idle = workerdRssKb(rootPid);
  console.log(`  workerd RSS (MiB) after each round: ${[before, ...afterRounds].map(mib).join(' -> ')}; after ${options.idleSeconds} s idle ${mib(idle)}; peak ${mib(peak)}`);
  console.log(`  RSS growth per round (MiB): ${growth.join('  |  ')}`);
  console.log('  (growth that shrinks round after round is V8 and workerd sizing their heaps; growth that stays level is a leak)');
  return { before, after: afterRounds[afterRounds.length - 1] ?? before, idle, peak };
}

const signed = (kb: number): string => `${kb >= 0 ? '+' : ''}${mib(kb)}`;
