// `npm run bench:pathological`: `sag check` (the whole process, as CI runs it) on configs built to find work that
// grows faster than the input: N routes that are all the same route (every one a SAG501 with a delete fix), with no
// `$` anywhere (a search for placeholders that ran on to the next `$` scanned the rest of the file per route), and
// the same with one placeholder per route. Linear work shows as time roughly proportional to N. Asserts nothing.
//   npm run bench:pathological [-- --sizes=15000,50000,150000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');
const sag = join(repo, 'dist', 'sag.js');
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : [15_000, 50_000, 150_000];
const WRANGLER = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';

const shapes: Record<string, (i: number) => unknown> = {
  'identical, no $': () => ({ method: 'GET', path: '/same', response: { status: 'ok' } }),
  'identical, $env each': () => ({ method: 'GET', path: '/same', integration: { type: 'http_proxy', server: 'api' }, mapping: { headers: { 'x-key': '$env.API_KEY' } } }),
};

console.log('sag check process on pathological configs (wall seconds; linear work grows with N)');
console.log(`${'shape'.padEnd(22)}${'routes'.padStart(9)}${'MB'.padStart(7)}${'seconds'.padStart(9)}`);
for (const [shape, route] of Object.entries(shapes)) {
  for (const n of sizes) {
    const dir = join(repo, '.bench-work', 'pathological', `${shape.replace(/\W+/g, '-')}-${n}`);
    mkdirSync(dir, { recursive: true });
    const paths = Array.from({ length: n }, (_, i) => route(i));
    const config = JSON.stringify({ servers: [{ alias: 'api', url: 'https://api.example.com' }], paths }, null, 1);
    writeFileSync(join(dir, 'api-config.json'), config);
    writeFileSync(join(dir, 'wrangler.toml'), WRANGLER);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [sag, 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0 && run.status !== 1) throw new Error(`sag check failed (${run.status}):\n${run.stderr}`);
    console.log(`${shape.padEnd(22)}${String(n).padStart(9)}${(config.length / 1e6).toFixed(1).padStart(7)}${seconds.toFixed(2).padStart(9)}`);
  }
}
