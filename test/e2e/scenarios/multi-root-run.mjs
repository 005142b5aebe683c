// Scenario 5: a multi-root workspace of two gateways, the second with its own `sag.dev.port` in its folder
// settings. "SAG: Run Gateway Locally" asks which gateway, serves the one picked on that folder's port (not the
// user setting), and the status bar shows that URL; "SAG: Stop Gateway" ends it.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../harness/code-server.mjs';
import { expect } from '../harness/expect.mjs';
import { repoRoot } from '../harness/paths.mjs';
import { runCommand } from '../harness/workbench.mjs';
import { seedCopy } from '../harness/workspace.mjs';
import { paletteTitles, RUN_LOCALLY, STOP } from './scaffold-and-run.mjs';

export async function multiRootRun(session) {
  const root = join(session.base, 'multi-root');
  mkdirSync(root, { recursive: true });
  const folders = ['orders', 'billing'].map((name) => seedCopy(root, name));
  // `sag dev` finds wrangler in the project's node_modules, as after `npm install` in a scaffolded project.
  for (const folder of folders) symlinkSync(join(repoRoot, 'node_modules'), join(folder, 'node_modules'), 'dir');
  const billingPort = await freePort();
  assert.notEqual(billingPort, session.gatewayPort);
  mkdirSync(join(folders[1], '.vscode'), { recursive: true });
  writeFileSync(join(folders[1], '.vscode', 'settings.json'), `${JSON.stringify({ 'sag.dev.port': billingPort }, null, 2)}\n`);
  const workspaceFile = join(root, 'gateways.code-workspace');
  writeFileSync(workspaceFile, `${JSON.stringify({ folders: folders.map((path) => ({ path })) }, null, 2)}\n`);

  const page = await session.openWorkspace(workspaceFile);
  try {
    const titles = paletteTitles(session.manifest);
    await runCommand(page, titles.find((t) => t.includes(RUN_LOCALLY)));
    // Two gateways: the command asks which one.
    const billingRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'billing' }).first();
    await billingRow.waitFor({ timeout: 30_000 });
    const offered = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    assert.ok(offered.some((t) => t.includes('orders')), `both gateways are offered: ${JSON.stringify(offered)}`);
    await billingRow.click();

    const url = await expect(async () => {
      const texts = await page.locator('.statusbar-item').allInnerTexts();
      return texts.join('\n').match(/https?:\/\/127\.0\.0\.1:\d+/)?.[0];
    }, 'the status bar shows the running gateway URL', { timeout: 120_000, interval: 250 });
    assert.equal(new URL(url).port, String(billingPort), `the billing folder's sag.dev.port (${billingPort}), not the user setting (${session.gatewayPort})`);
    const health = await expect(async () => {
      const r = await fetch(`${url}/health`).catch(() => undefined);
      return r?.status === 200 && r.status;
    }, `GET ${url}/health answers 200`, { timeout: 120_000, interval: 500 });
    await session.screenshot(page, '5-multi-root-running');
    // The task belongs to the folder it serves (a workspace-wide task was named after the first folder, "orders").
    const panel = await page.locator('.part.panel').innerText();
    assert.match(panel, /dev billing \(billing\)/, `the task is named after its folder: ${panel.slice(0, 400)}`);
    assert.doesNotMatch(panel, /\(orders\)/);

    await runCommand(page, titles.find((t) => t.includes(STOP)));
    await expect(async () => !(await fetch(`${url}/health`).then(() => true, () => false)), 'the gateway stops', { timeout: 30_000, interval: 500 });
    return { url, health, billingPort };
  } catch (error) {
    await session.screenshot(page, '5-failure').catch(() => {});
    throw error;
  } finally {
    await page.close();
  }
}
