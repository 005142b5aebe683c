// Scenario 2: a misspelled alias typed into the integration shows a diagnostic while typing (unsaved); completion
// offers the declared serviceBindings aliases; picking one removes the diagnostic; the saved file has the alias.
import assert from 'node:assert/strict';
import { expect } from '../harness/expect.mjs';
import { extensionLogTail } from '../harness/extension-log.mjs';
import { cursorTo, editorLine, focusEditor, openFile, positionOf, problemRows, selectRight, squiggleUnder } from '../harness/workbench.mjs';
import { readText, seedCopy } from '../harness/workspace.mjs';

const LINE = '"type": "service_binding", "binding": "target"';

export async function aliasCompletion(session) {
  const folder = seedCopy(session.base, 'alias-completion');
  const config = readText(folder, 'api-config.json');
  const aliasAt = positionOf(config, LINE, { offset: LINE.lastIndexOf('target') });
  const page = await session.open(folder);
  try {
    await openFile(page, 'api-config.json');
    await cursorTo(page, aliasAt);
    await selectRight(page, 'target'.length);
    await page.keyboard.type('targte', { delay: 30 });
    const typo = '"binding": "targte"';
    await expect(() => squiggleUnder(page, typo, 'targte', 'error').then(async (e) => e || squiggleUnder(page, typo, 'targte', 'warning')), 'a squiggle under the typed alias `targte` (file not saved)', { timeout: 30_000 });
    const rows = await expect(async () => {
      const all = await problemRows(page);
      return all.some((row) => row.includes('targte') && /SAG2\d\d/.test(row)) && all;
    }, 'the Problems panel reports the unknown alias `targte`');
    await session.screenshot(page, '2-typo-diagnostic');

    await focusEditor(page);
    await cursorTo(page, aliasAt);
    await selectRight(page, 'targte'.length);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Space');
    const suggestions = page.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor({ timeout: 15_000 });
    const labels = await expect(async () => {
      const texts = await page.locator('.suggest-widget .monaco-list-row .label-name').allInnerTexts();
      const names = texts.map((t) => t.replace(/"/g, '').trim());
      return names.includes('target') && names.includes('hooks') && names;
    }, 'completion offers the declared aliases hooks and target', {
      detail: async () => `suggestions: ${JSON.stringify(await suggestions.allInnerTexts())}; line: ${await editorLine(page, '"type": "service_binding"').innerText()}`,
    });
    await session.screenshot(page, '2-alias-completion');
    await page.locator('.suggest-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: /^"?target"?$/ }) }).first().click();

    await expect(async () => ((await editorLine(page, '"type": "service_binding"').innerText()).replace(/\u00a0/g, ' ').includes(LINE)), 'the integration reads "binding": "target" again');
    const detail = () => extensionLogTail(session.userDataDir);
    await expect(async () => !(await squiggleUnder(page, '"binding": "target"', 'target')), 'the squiggle is gone', { detail });
    await expect(async () => !(await problemRows(page)).some((row) => row.includes('targte')), 'the Problems entry is gone', { detail });
    await focusEditor(page);
    await page.keyboard.press('Control+S');
    await expect(() => readText(folder, 'api-config.json') === config, 'the saved api-config.json equals the original');
    assert.ok(rows.length > 0);
    return { labels };
  } finally {
    await page.close();
  }
}
