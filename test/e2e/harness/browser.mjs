// Debian's Chromium driven by playwright-core: a fresh persistent profile, headless, no network chatter.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SAG_E2E_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'sag-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** Opens `folder` in the workbench and waits until the workbench and its Explorer are there. */
export async function openWorkbench(page, url, folder) {
  await showWorkbench(page, `${url}/?folder=${encodeURIComponent(folder)}`);
}

/**
 * Opens a multi-root workspace (a `.code-workspace` file) the same way. After other windows of the session,
 * code-server sometimes shows the workspace with no folders ("No Folder Opened"); a reload reads it again.
 */
export async function openWorkbenchWorkspace(page, url, workspaceFile) {
  const address = `${url}/?workspace=${encodeURIComponent(workspaceFile)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await showWorkbench(page, address, attempt < 3 ? 20_000 : 60_000);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      process.stderr.write(`e2e: ${workspaceFile} shows no folders after ${attempt === 1 ? 20 : 40} s; loading it again\n`);
    }
  }
}

async function showWorkbench(page, address, timeout = 60_000) {
  await page.goto(address, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
}
