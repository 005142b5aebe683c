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
 * code-server sometimes shows the workspace with no folders ("No Folder Opened"); it is then loaded again.
 */
export async function openWorkbenchWorkspace(page, url, workspaceFile) {
  const address = `${url}/?workspace=${encodeURIComponent(workspaceFile)}`;
  const folders = page.locator('.explorer-folders-view .monaco-list-row').first();
  const empty = page.getByText('You have not yet added a folder to the workspace');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.goto(address, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // Whichever comes first: the folders, or the empty Explorer (given 3 s to fill in before it counts as empty).
    // The other wait runs on to its time-out: it settles quietly, never as an unhandled rejection.
    const shown = await Promise.race([
      folders.waitFor({ timeout: 60_000 }).then(() => 'folders', () => 'timeout'),
      empty.waitFor({ timeout: 60_000 }).then(() => 'empty', () => 'timeout'),
    ]);
    if (shown === 'folders' || (await folders.waitFor({ timeout: 3_000 }).then(() => true, () => false))) return;
    process.stderr.write(`e2e: ${workspaceFile} opened with no folders (attempt ${attempt}); loading it again\n`);
  }
  throw new Error(`code-server showed ${workspaceFile} without its folders three times`);
}

async function showWorkbench(page, address) {
  await page.goto(address, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}
