// npm run bench:runtime — the bundled gateway's speed (issue 3): route match (first/last/404) beside hono's RegExpRouter
// and TrieRouter and find-my-way on the same generated route sets, whole-handler time for a static route (beside a
// Hono app), and config compile time (parse + validate + compile). Prints one table per measurement.
import { Hono } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { TrieRouter } from 'hono/router/trie-router';
import findMyWay from 'find-my-way';
import { compileConfig, compileRouter, createGateway } from '../../shared-runtime/src/index';

const SIZES = [10, 100, 1_000, 10_000];
const QUICK = process.argv.includes('--quick');

interface Route {
  method: 'GET' | 'ANY';
  path: string;
}

/** Static, `{param}` and `{.+}` routes in turn, spread over a few shared prefixes like a real API. */
function generateRoutes(n: number): Route[] {
  const routes: Route[] = [];
  for (let i = 0; i < n; i++) {
    const base = `/api/v${i % 3}/r${i}`;
    if (i % 3 === 0) routes.push({ method: 'GET', path: `${base}/items` });
    else if (i % 3 === 1) routes.push({ method: 'GET', path: `${base}/{id}` });
    else routes.push({ method: 'ANY', path: `${base}/files/{.+}` });
  }
  return routes;
}

/** A request path that the route serves. */
function requestFor(route: Route): string {
  return route.path.replace('{.+}', 'a/b.txt').replace('{id}', '42');
}

const honoPath = (path: string) => path.replace('{.+}', '*').replace(/\{([^}]+)\}/g, ':$1');

type Matcher = (method: string, path: string) => unknown;

function buildMatchers(routes: Route[]): Record<string, { build: number; match: Matcher }> {
  const out: Record<string, { build: number; match: Matcher }> = {};
  const timed = (name: string, make: () => Matcher, warm: string) => {
    const start = performance.now();
    const match = make();
    match('GET', warm); // RegExpRouter builds its regex on the first match: count it as build time.
    out[name] = { build: performance.now() - start, match };
  };
  const warm = requestFor(routes[0]);
  timed('sag trie', () => {
    const router = compileRouter(routes);
    return (m, p) => router.match(m, p);
  }, warm);
  timed('hono RegExpRouter', () => {
    const router = new RegExpRouter<number>();
    routes.forEach((r, i) => router.add(r.method === 'ANY' ? 'ALL' : r.method, honoPath(r.path), i));
    return (m, p) => router.match(m, p);
  }, warm);
  timed('hono TrieRouter', () => {
    const router = new TrieRouter<number>();
    routes.forEach((r, i) => router.add(r.method === 'ANY' ? 'ALL' : r.method, honoPath(r.path), i));
    return (m, p) => router.match(m, p);
  }, warm);
  timed('find-my-way', () => {
    const router = findMyWay();
    const noop = () => undefined;
    for (const r of routes) {
      if (r.method === 'ANY') router.all(honoPath(r.path), noop);
      else router.on(r.method, honoPath(r.path), noop);
    }
    return (m, p) => router.find(m as 'GET', p);
  }, warm);
  return out;
}

let sink: unknown;
/** Nanoseconds per call, best of a few rounds (less noise from GC and JIT tiers); slow calls get fewer iterations. */
function nsPerOp(run: () => unknown, maxIterations: number): number {
  const probe = process.hrtime.bigint();
  for (let i = 0; i < 20_000; i++) sink = run();
  const probeNs = Number(process.hrtime.bigint() - probe) / 20_000;
  const iterations = Math.max(10_000, Math.min(maxIterations, Math.floor(60e6 / Math.max(probeNs, 1))));
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink = run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
  }
  return best;
}

async function nsPerRequest(handler: (request: Request) => Promise<Response>, request: Request, iterations: number): Promise<number> {
  for (let i = 0; i < 2_000; i++) await (await handler(request)).arrayBuffer();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await (await handler(request)).arrayBuffer();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
  }
  return best;
}

const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const pad = (s: string, n: number) => s.padEnd(n);

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\n${title}`);
  console.log(header.map((h, i) => pad(h, widths[i])).join('  '));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(row.map((c, i) => pad(c, widths[i])).join('  '));
}

function configFor(routes: Route[]): Record<string, unknown> {
  return { paths: routes.map((r) => ({ method: r.method, path: r.path, response: { ok: true } })) };
}

async function main(): Promise<void> {
  const iterations = QUICK ? 50_000 : 200_000;
  const matchRows: string[][] = [];
  const buildRows: string[][] = [];
  const compileRows: string[][] = [];
  const handlerRows: string[][] = [];

  for (const size of SIZES) {
    const routes = generateRoutes(size);
    const first = requestFor(routes[0]);
    // The last route of each kind: static, {param}, {.+}.
    const lastOf = (kind: number) => requestFor(routes[routes.length - 1 - ((routes.length - 1 - kind) % 3)]);
    const requests = [first, lastOf(0), lastOf(1), lastOf(2), '/api/v1/nope/items/x'];
    const matchers = buildMatchers(routes);
    for (const [name, { build, match }] of Object.entries(matchers)) {
      matchRows.push([String(size), name, ...requests.map((path) => fmt(nsPerOp(() => match('GET', path), iterations)))]);
      buildRows.push([String(size), name, `${build.toFixed(2)} ms`]);
    }

    const text = JSON.stringify(configFor(routes));
    const compileTimes: number[] = [];
    for (let i = 0; i < (size >= 10_000 ? 5 : 20); i++) {
      const start = performance.now();
      const result = compileConfig({ source: text, env: {}, services: {} });
      compileTimes.push(performance.now() - start);
      if (!result.ok) throw new Error(`generated config refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
    }
    compileTimes.sort((a, b) => a - b);
    compileRows.push([String(size), `${(text.length / 1024).toFixed(0)} KiB`, `${compileTimes[0].toFixed(2)} ms`, `${compileTimes[Math.floor(compileTimes.length / 2)].toFixed(2)} ms`]);

    const gateway = createGateway({ config: text });
    const staticRequest = new Request(`http://gw.test${first}`);
    const hono = new Hono();
    for (const r of routes) hono.on(r.method === 'ANY' ? 'ALL' : r.method, honoPath(r.path), (c) => c.json({ ok: true }));
    const perHandler = QUICK ? 5_000 : 30_000;
    handlerRows.push([
      String(size),
      fmt(await nsPerRequest((q) => gateway.fetch(q), staticRequest, perHandler)),
      fmt(await nsPerRequest(async (q) => hono.fetch(q), staticRequest, perHandler)),
      fmt(await nsPerRequest(async () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }), staticRequest, perHandler)),
    ]);
  }

  printTable('Route match per call (GET): first route; last static, last {param}, last {.+} route; a 404', ['routes', 'router', 'first', 'last static', 'last param', 'last {.+}', '404'], matchRows);
  printTable('Router build (incl. first match)', ['routes', 'router', 'build'], buildRows);
  printTable('Config compile: JSON.parse + substitute + validate (build-time validator) + reference checks + trie', ['routes', 'config', 'best', 'median'], compileRows);
  printTable('Whole handler per request, static-response route (sag createGateway vs a Hono app on the same routes)', ['routes', 'sag gateway', 'hono app', 'floor: new Response + read'], handlerRows);
  console.log(`\nTargets: match <= 0.3 µs at 10,000 and flat; compile <= 30 ms at 10,000; handler <= 10 µs. (${typeof sink})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
