// Scenario 7: a folder deleted outside the editor. VS Code reports one event for the folder and none for the files
// it held; the server hears of it through its watcher for deletions of anything. The hooks Worker lacks the method
// the pre_process hook calls (SAG304); once its folder is gone, there is no source to check against and SAG304 goes.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  writeFileSync(hooks, source.replace('async before(', 'async beforeRequest('));
  const page = await session.open(folder);
  try {
    await openFile(page, 'api-config.json');
    const sag304 = async () => (await problemRows(page)).some((row) => row.includes('SAG304') && row.includes('before'));
    await expect(sag304, 'the Problems panel lists SAG304: the hooks Worker has no `before`', { timeout: 60_000 });
    await session.screenshot(page, '7-before-folder-deleted');
    rmSync(join(folder, 'workers/hooks'), { recursive: true });
    await expect(async () => !(await sag304()), 'SAG304 goes once the hooks Worker\'s folder is deleted', { timeout: 30_000, detail: () => extensionLogTail(session.userDataDir) });
    await session.screenshot(page, '7-folder-deleted');
    return 'pass';
  } finally {
    await page.close();
  }
}
