// Scenario 7: files and folders changed outside the editor. The hooks Worker's source loses the method the
// pre_process hook calls, saved by another program: SAG304 appears (a file event; it also shows the watcher is up).
// Then its whole folder is deleted: VS Code reports one event for the folder and none for the files it held, and the
// server hears of it through its watcher for deletions of anything; with no source to check against, SAG304 goes.
// Moved back in from outside the workspace (again one event, a creation), the Worker is found and SAG304 is back.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '../harness/expect.mjs';
import { extensionLogTail } from '../harness/extension-log.mjs';
import { openFile, problemRows } from '../harness/workbench.mjs';
import { seedCopy } from '../harness/workspace.mjs';

export async function folderDeleted(session) {
  const folder = seedCopy(session.base, 'folder-deleted');
  const hooks = join(folder, 'workers/hooks/src/index.js');
  const source = readFileSync(hooks, 'utf8');
  if (!source.includes('async before(')) throw new Error(`the seed's hooks Worker has no \`before\` method:\n${source}`);
  // Outside the workspace and outside the folder its Workers are searched in (the copy's own parent folder).
  const outside = mkdtempSync(join(tmpdir(), 'sag-e2e-outside-'));
  const page = await session.open(folder);
  try {
    await openFile(page, 'api-config.json');
    const sag304 = async () => (await problemRows(page)).some((row) => row.includes('SAG304') && row.includes('before'));
    // The first check is done (the status bar counts the gateway) and found nothing: `before` is there.
    await expect(async () => (await page.locator('.statusbar-item').allInnerTexts()).some((text) => /SAG: 1 gateway/.test(text)), 'the status bar counts the gateway', { timeout: 60_000 });
    if (await sag304()) throw new Error('SAG304 before the Worker changed');
    // Saved by another program, again until the watcher (started with the window, maybe not yet up) reports it.
    await expect(async () => {
      writeFileSync(hooks, source.replace('async before(', `async beforeRequest${Date.now()}(`));
      return expect(sag304, 'SAG304', { timeout: 3_000 }).then(() => true, () => false);
    }, 'the Problems panel lists SAG304 once the hooks Worker, changed on disk, has no `before`', { timeout: 60_000, interval: 0 });
    await session.screenshot(page, '7-before-folder-deleted');
    cpSync(join(folder, 'workers/hooks'), join(outside, 'hooks'), { recursive: true });
    rmSync(join(folder, 'workers/hooks'), { recursive: true });
    await expect(async () => !(await sag304()), 'SAG304 goes once the hooks Worker\'s folder is deleted', { timeout: 30_000, detail: () => extensionLogTail(session.userDataDir) });
    await session.screenshot(page, '7-folder-deleted');
    // Moved back in from outside the workspace: one create event for the folder.
    renameSync(join(outside, 'hooks'), join(folder, 'workers/hooks-again'));
    await expect(sag304, 'SAG304 is back once the Worker\'s folder is moved in again', { timeout: 30_000, detail: () => extensionLogTail(session.userDataDir) });
    return 'pass';
  } finally {
    await page.close();
    rmSync(outside, { recursive: true, force: true });
  }
}
