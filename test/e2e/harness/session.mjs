// One e2e session: package the VSIX, install it into a fresh extensions folder, start code-server and Chromium;
// scenarios open their own folder in a new page. `stop()` ends Chromium and code-server's whole process group.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVsix } from '../../../scripts/package-vsix.mjs';
import { launchBrowser, openWorkbench, openWorkbenchWorkspace } from './browser.mjs';
import { freePort, installExtension, startCodeServer } from './code-server.mjs';
import { artifactsDir } from './paths.mjs';

/** SIGKILL every process whose command line names `folder` (a unique temp folder of this session). Linux only. */
function killProcessesUnder(folder) {
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(folder)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone, or not ours to read
    }
  }
}

export async function startSession({ log = () => {} } = {}) {
  const base = mkdtempSync(join(tmpdir(), 'sag-e2e-'));
  mkdirSync(artifactsDir, { recursive: true });
  const userDataDir = join(base, 'user-data');
  let codeServer;
  let browser;
  const stop = async () => {
    await browser?.close();
    codeServer?.stop();
    if (codeServer) await Promise.race([codeServer.exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    // Tasks run in terminals, which leave code-server's process group: end whatever still runs from our folder.
    killProcessesUnder(base);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    // `npm test` has just type-checked and built; the VSIX needs the minified bundles.
    // SAG_E2E_VSIX=<file> tests an existing VSIX (a release artifact) instead of packaging the working tree.
    const given = process.env.SAG_E2E_VSIX;
    const vsix = given
      ? { file: given, bytes: statSync(given).size }
      : packageVsix({ build: process.env.SAG_E2E_NO_BUILD !== '1', typecheck: false, outDir: join(base, 'vsix') });
    log(`e2e: ${vsix.file} (${(vsix.bytes / 1024).toFixed(0)} KiB)`);
    const extensionsDir = join(base, 'extensions');
    const installed = installExtension(vsix.file, { userDataDir, extensionsDir });
    log(`e2e: installed ${installed.join(', ')}`);
    // `sag dev` on a port of its own: 8787 may be taken by `npm start` (and would answer the same routes).
    const gatewayPort = await freePort();
    codeServer = await startCodeServer({ userDataDir, extensionsDir, settings: { 'sag.dev.port': gatewayPort } });
    log(`e2e: code-server on ${codeServer.url}`);
    browser = await launchBrowser();
    // The manifest of what was installed (not of the working tree): scenario 4 checks its commands.
    const manifest = JSON.parse(readFileSync(join(extensionsDir, installed[0], 'package.json'), 'utf8'));
    return {
      base,
      userDataDir,
      gatewayPort,
      url: codeServer.url,
      manifest,
      vsix,
      codeServerLog: () => codeServer.log(),
      /** A new tab showing `folder` in the workbench. */
      async open(folder) {
        const page = await browser.context.newPage();
        await openWorkbench(page, codeServer.url, folder);
        return page;
      },
      /** A new tab showing the multi-root workspace of `workspaceFile` (a .code-workspace file). */
      async openWorkspace(workspaceFile) {
        const page = await browser.context.newPage();
        try {
          await openWorkbenchWorkspace(page, codeServer.url, workspaceFile);
        } catch (error) {
          await page.screenshot({ path: join(artifactsDir, 'open-workspace-failure.png') }).catch(() => {});
          await page.close();
          throw error;
        }
        return page;
      },
      screenshot(page, name) {
        return page.screenshot({ path: join(artifactsDir, `${name}.png`) });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
