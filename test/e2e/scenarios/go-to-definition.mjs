// Scenario 3: F12 on a serviceBindings binding lands on its wrangler.toml declaration; F12 on a hook's alias lands
// on its serviceBindings entry.
import { expect } from '../harness/expect.mjs';
import { activeTabName, cursorPosition, cursorTo, openFile, positionOf } from '../harness/workbench.mjs';
import { readText, seedCopy } from '../harness/workspace.mjs';

export async function goToDefinition(session) {
  const folder = seedCopy(session.base, 'definition');
  const config = readText(folder, 'api-config.json');
  const toml = readText(folder, 'wrangler.toml');
  const declaration = positionOf(toml, 'binding = "HOOKS"');
  const entry = positionOf(config, '{ "alias": "hooks", "binding": "HOOKS" }');
  const page = await session.open(folder);
  try {
    await openFile(page, 'api-config.json');
    await cursorTo(page, positionOf(config, '"binding": "HOOKS"', { offset: '"binding": "H'.length }));
    const landed = await expect(async () => {
      // F12 again until it lands: the server may still be loading the workspace when the file opens.
      if ((await activeTabName(page)) !== 'wrangler.toml') return void (await page.keyboard.press('F12'));
      const at = await cursorPosition(page);
      return at.line === declaration.line && at;
    }, `F12 on HOOKS opens wrangler.toml at line ${declaration.line} (binding = "HOOKS")`, { interval: 1_000, detail: () => where(page) });
    await session.screenshot(page, '3-definition-wrangler');

    await openFile(page, 'api-config.json');
    const hook = '"pre_process": { "binding": "hooks"';
    await cursorTo(page, positionOf(config, hook, { offset: hook.indexOf('hooks') + 1 }));
    const back = await expect(async () => {
      const at = await cursorPosition(page);
      if (at.line === entry.line) return at;
      await page.keyboard.press('F12');
      return false;
    }, `F12 on the hook's alias lands on the serviceBindings entry at line ${entry.line}`, { interval: 1_000, detail: () => where(page) });
    await session.screenshot(page, '3-definition-alias');
    return { wrangler: landed, alias: back };
  } finally {
    await page.close();
  }
}

async function where(page) {
  const peek = await page.locator('.peekview-widget').isVisible().catch(() => false);
  return `active tab ${await activeTabName(page).catch(() => '?')}, cursor ${JSON.stringify(await cursorPosition(page).catch(() => null))}${peek ? ', a peek view is open' : ''}`;
}
