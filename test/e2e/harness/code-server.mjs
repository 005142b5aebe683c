// A real VS Code for the e2e suite: code-server (Node 24, from the npm cache of code-server-install.mjs) with our
// VSIX installed into a fresh extensions folder, on a free 127.0.0.1 port, settings that keep it quiet and offline.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCodeServer } from '../code-server-install.mjs';

export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.quickSuggestionsDelay': 10,
  'editor.hover.delay': 200,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `code-server --install-extension x.vsix` into `extensionsDir`; returns the installed folder name. */
export function installExtension(vsix, { extensionsDir, userDataDir }) {
  const { node, codeServer } = ensureCodeServer();
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(node, [codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`--install-extension ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const installed = readdirSync(extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
  if (installed.length === 0) throw new Error(`--install-extension reported success but ${extensionsDir} is empty:\n${result.stdout}`);
  return installed;
}

async function waitForHealthz(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}) before answering /healthz:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts code-server in its own process group (so stop() ends it and every child: extension host, language server,
 * wrangler) and waits for /healthz. `stop()` is safe to call twice.
 */
export async function startCodeServer({ userDataDir, extensionsDir, env = {}, settings = {} }) {
  const { node, codeServer } = ensureCodeServer();
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2)}\n`);
  const port = await freePort();
  const args = [
    codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' },
  });
  let log = '';
  const keep = (chunk) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    timer.unref();
  };
  try {
    await waitForHealthz(url, child, () => log, 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, port, pid: child.pid, stop, log: () => log, exited: new Promise((resolve) => child.once('exit', resolve)) };
}
