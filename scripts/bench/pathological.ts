// `npm run bench:pathological`: `sag check` (the whole process, as CI runs it) on configs built to find work that
// grows faster than the input: N routes that are all the same route (every one a SAG501 with a delete fix), with no
// `$` anywhere (a search for placeholders that ran on to the next `$` scanned the rest of the file per route), and
// the same with one placeholder per route; a var and a binding missing from N wrangler environments (a fix each,
// which once walked every table or re-parsed the file). Linear work shows as time roughly proportional to N.
// Then a monorepo: N gateways beside N Workers they bind (each gateway looks up the Workers beside it), through
// `sag check` and through the language server: its workspace check at start (until its status says it is done),
// then the median of 20 keystrokes in one gateway's api-config.json (each with a pull for its diagnostics).
// Asserts nothing.
//   npm run bench:pathological [-- --sizes=15000,50000,150000] [--gateways=250,1000,2000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizePath } from '../../server/src/analysis/workspace/paths';
import { pathToUri } from '../../server/src/lsp/uri';
import { LspSession } from '../../test/lsp/support/lsp-session';

const repo = resolve(__dirname, '..', '..');
const sag = join(repo, 'dist', 'sag.js');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [15_000, 50_000, 150_000];
const gatewaysArg = process.argv.find((a) => a.startsWith('--gateways='));
const gatewayCounts = gatewaysArg ? gatewaysArg.slice('--gateways='.length).split(',').map(Number) : [250, 1000, 2000];
const WRANGLER = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';

interface Workspace {
  config: object;
  wrangler?: string;
  wranglerFile?: string;
}

const routes = (n: number, route: (i: number) => object) => Array.from({ length: n }, (_, i) => route(i));
const servers = [{ alias: 'api', url: 'https://api.example.com' }];

/** Each shape at a route count N (wrangler shapes use it as the number of environments, capped by the 1 MB limit). */
const shapes: Record<string, (n: number) => Workspace> = {
  'identical, no $': (n) => ({ config: { servers, paths: routes(n, () => ({ method: 'GET', path: '/same', response: { status: 'ok' } })) } }),
  'identical, $env each': (n) => ({
    config: { servers, paths: routes(n, () => ({ method: 'GET', path: '/same', integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-key': '$env.API_KEY' } } })) },
  }),
  'var missing, N toml envs': (n) => ({
    config: { servers, variables: { a: '$env.NEEDED' }, paths: [{ method: 'GET', path: '/x', integration: { type: 'http_proxy', server: 'api' } }] },
    wrangler: `${WRANGLER}[vars]\nNEEDED = "x"\n${Array.from({ length: Math.min(n, 36_000) }, (_, e) => `[env.e${e}]\nvars={O="1"}\n`).join('')}`,
  }),
  'binding missing, N json envs': (n) => ({
    config: { serviceBindings: [{ alias: 'sb', binding: 'SB' }], paths: [{ method: 'POST', path: '/b', integration: { type: 'service_binding', binding: 'sb', function: 'run' } }] },
    wrangler: JSON.stringify({ name: 'gw', main: 'src/index.js', compatibility_date: '2025-01-01', compatibility_flags: ['nodejs_compat'], services: [{ binding: 'SB', service: 'w' }], env: Object.fromEntries(Array.from({ length: Math.min(n, 12_000) }, (_, e) => [`e${e}`, { name: `gw-e${e}` }])) }, null, 2),
    wranglerFile: 'wrangler.json',
  }),
};

console.log('sag check process on pathological configs (wall seconds; linear work grows with N)');
console.log(`${'shape'.padEnd(30)}${'N'.padStart(9)}${'MB'.padStart(7)}${'seconds'.padStart(9)}${'findings'.padStart(10)}  first code`);
// Each workspace alone in a folder of its own (<case>/gateway): `sag check` also reads every Worker beside a gateway
// (service-binding targets), so side by side each case paid for parsing the others' huge wrangler configs.
const work = join(repo, '.bench-work', 'pathological');
rmSync(work, { recursive: true, force: true });
for (const [shape, make] of Object.entries(shapes)) {
  for (const n of sizes) {
    const dir = join(work, `${shape.replace(/\W+/g, '-')}-${n}`, 'gateway');
    mkdirSync(dir, { recursive: true });
    const workspace = make(n);
    const config = JSON.stringify(workspace.config, null, 1);
    writeFileSync(join(dir, 'api-config.json'), config);
    writeFileSync(join(dir, workspace.wranglerFile ?? 'wrangler.toml'), workspace.wrangler ?? WRANGLER);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [sag, 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0 && run.status !== 1) throw new Error(`sag check failed (${run.status}):\n${run.stderr}`);
    const megabytes = (config.length + (workspace.wrangler?.length ?? 0)) / 1e6;
    // A config over the size limit is refused with one finding (SAG100), in no time: the count shows it.
    const findings = (JSON.parse(run.stdout) as { diagnostics: { code: string }[] }).diagnostics;
    console.log(`${shape.padEnd(30)}${String(n).padStart(9)}${megabytes.toFixed(1).padStart(7)}${seconds.toFixed(2).padStart(9)}${String(findings.length).padStart(10)}  ${findings[0]?.code ?? '-'}`);
  }
}

/** N gateways, each binding its own Worker (`w<i>`, method `run`), side by side in one folder. */
function monorepo(dir: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const gateway = join(dir, `gw${i}`);
    mkdirSync(join(gateway, 'src'), { recursive: true });
    const config = { serviceBindings: [{ alias: 'w', binding: 'W' }], paths: [{ method: 'POST', path: '/b', integration: { type: 'service_binding', binding: 'w', function: 'run' } }] };
    writeFileSync(join(gateway, 'api-config.json'), JSON.stringify(config, null, 1));
    writeFileSync(join(gateway, 'wrangler.toml'), `${WRANGLER.replace('"gw"', `"gw${i}"`)}services = [ { binding = "W", service = "w${i}" } ]\n`);
    writeFileSync(join(gateway, 'src', 'index.js'), 'export default { fetch() { return new Response("x"); } };\n');
    const worker = join(dir, `w${i}`);
    mkdirSync(join(worker, 'src'), { recursive: true });
    writeFileSync(join(worker, 'wrangler.toml'), `name = "w${i}"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n`);
    writeFileSync(join(worker, 'src', 'index.js'), 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport class Api extends WorkerEntrypoint {}\nexport default class extends WorkerEntrypoint { run() { return 1; } }\n');
  }
}

/** The `/b` path value edited to `/c` and back, 20 times, 50 ms apart: the median ms to its pulled diagnostics. */
async function keystrokeMedian(session: LspSession, file: string): Promise<number> {
  const path = normalizePath(file);
  session.open(path);
  const line = session.documents.get(path)!.text.split('\n').findIndex((l) => l.includes('"path": "/b"'));
  const character = session.documents.get(path)!.text.split('\n')[line]!.indexOf('/b') + 1;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    session.change(path, { start: { line, character }, end: { line, character: character + 1 } }, i % 2 === 0 ? 'c' : 'b');
    await session.request('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) } });
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return times.sort((a, b) => a - b)[10]!;
}

async function monorepoTable(): Promise<void> {
  console.log('');
  console.log('N gateways beside N bound Workers (wall seconds; linear work grows with N)');
  console.log(`${'gateways'.padStart(9)}${'sag check'.padStart(11)}${'findings'.padStart(10)}${'server start'.padStart(14)}${'keystroke ms'.padStart(14)}`);
  for (const n of gatewayCounts) {
    const dir = join(work, `monorepo-${n}`);
    monorepo(dir, n);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [sag, 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const check = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0 && run.status !== 1) throw new Error(`sag check failed (${run.status}):\n${run.stderr}`);
    const findings = (JSON.parse(run.stdout) as { diagnostics: unknown[] }).diagnostics.length;
    const opened = process.hrtime.bigint();
    const session = await LspSession.start({ roots: [dir], timeoutMs: 600_000, pull: true });
    await session.waitForNotification('sag/status', (p) => (p as { busy?: boolean }).busy === false && (p as { gateways?: number }).gateways === n);
    const server = Number(process.hrtime.bigint() - opened) / 1e9;
    const keystroke = await keystrokeMedian(session, join(dir, 'gw0', 'api-config.json'));
    await session.stop();
    console.log(`${String(n).padStart(9)}${check.toFixed(2).padStart(11)}${String(findings).padStart(10)}${server.toFixed(2).padStart(14)}${keystroke.toFixed(1).padStart(14)}`);
  }
}

void monorepoTable();
