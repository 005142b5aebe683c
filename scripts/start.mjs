#!/usr/bin/env node
// `npm start`: build everything, vendor the runtime into the seed example (like `sag init --upgrade`; git-ignored),
// check it, then serve it with its service-bound Workers (`sag dev`) and print three curl commands once it is ready.
// Ctrl+C / SIGTERM stop `sag dev` and the workerd it runs: its own process group on POSIX, taskkill /T on Windows.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'service-execution');
const port = process.env.PORT ?? '8787';
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
const offline = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

// Type-checking is `npm run build` / CI's job; start only needs the bundles.
const built = run([join(root, 'scripts/build.mjs'), '--no-typecheck']);
if (built.status !== 0) process.exit(built.status ?? 1);

const sag = join(root, 'dist', 'sag.js');
for (const step of [['init', '--upgrade', example], ['check', example]]) {
  const result = run([sag, ...step]);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const isWindows = process.platform === 'win32';
const dev = spawn(process.execPath, [sag, 'dev', example, '--port', port], {
  cwd: root,
  env: { ...process.env, ...offline },
  stdio: ['ignore', 'pipe', 'inherit'],
  // Its own process group: a signal for it reaches workerd too, and Ctrl+C here is forwarded exactly once.
  detached: !isWindows,
});

// The curl commands as the user's shell takes them: cmd.exe and PowerShell keep single quotes, and Windows
// PowerShell's `curl` is Invoke-WebRequest, so on Windows curl.exe with double quotes (inner ones escaped).
const curl = isWindows ? 'curl.exe' : 'curl';
const arg = (value, flag) => (isWindows ? `${flag} "${value.replace(/"/g, '\\"')}"` : `${flag} '${value}'`);

createInterface({ input: dev.stdout }).on('line', (line) => {
  process.stdout.write(`${line}\n`);
  const ready = /^Ready on (http:\/\/\S+)$/.exec(line);
  if (!ready) return;
  const url = ready[1];
  process.stdout.write(
    [
      '',
      'Try it (each line is one command):',
      `${curl} -si -X POST ${url}/orders ${arg('x-api-key: demo', '-H')} ${arg('content-type: application/json', '-H')} ${arg('{"item":"book"}', '-d')}`,
      `${curl} -si -X POST ${url}/orders ${arg('content-type: application/json', '-H')} ${arg('{"item":"book"}', '-d')}`,
      `${curl} -si ${url}/hello/ada`,
      '',
      'The first passes the HOOKS.before hook and reaches TARGET.run (201), the second is short-circuited by the hook',
      '(401: no x-api-key header), the third is the local service module services/hello.js. Ctrl+C stops.',
      '',
    ].join('\n'),
  );
});

let stopping = false;
function stop(signal) {
  if (stopping || dev.exitCode !== null) return;
  stopping = true;
  if (isWindows) spawnSync('taskkill', ['/pid', String(dev.pid), '/T', '/F'], { stdio: 'ignore' });
  else {
    try {
      process.kill(-dev.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
// `sag dev` has its own process group, so a SIGTERM for npm alone never reaches it, and dash (Debian's /bin/sh,
// which npm runs this through) does not pass it on: when the parent is gone (this process re-parented), stop too.
const parent = process.ppid;
if (!isWindows) setInterval(() => process.ppid !== parent && stop('SIGTERM'), 1000).unref();
dev.on('exit', (code, signal) => {
  // A signal we forwarded is a normal stop.
  process.exit(stopping ? 0 : code ?? (signal ? 1 : 0));
});
