// What a user does in the VS Code workbench, as playwright steps that wait for visible UI state (never sleeps):
// open a file from the Explorer, put the cursor on a token, read squiggles, the Problems panel, the status bar.
import { expect } from './expect.mjs';

const EDITOR = '.editor-group-container.active .monaco-editor';

/** Clicks through the Explorer to `relativePath` ('workers/hooks/wrangler.toml') and waits for its editor tab. */
export async function openFile(page, relativePath) {
  const parts = relativePath.split('/');
  for (const [index, name] of parts.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) }).first();
    await row.waitFor({ timeout: 15_000 });
    const isFolder = index < parts.length - 1;
    if (isFolder) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await expect(async () => (await row.getAttribute('aria-expanded')) === 'true', `Explorer folder ${name} expands`);
    } else {
      await row.click();
    }
  }
  const name = parts.at(-1);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator(`${EDITOR} .view-lines`).waitFor({ timeout: 15_000 });
  return name;
}

/** The active editor's `.view-line` whose text contains `lineText`. */
export function editorLine(page, lineText) {
  return page.locator(`${EDITOR} .view-line`).filter({ hasText: lineText }).first();
}

/** 1-based { line, column } of `needle` in `text` (the `occurrence`-th), plus `offset` characters. */
export function positionOf(text, needle, { offset = 0, occurrence = 1 } = {}) {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Moves the cursor of the active editor with "Go to Line/Column" (Ctrl+G) and waits for the status bar to agree. */
export async function cursorTo(page, { line, column }) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await input.press('Enter');
  await expect(async () => {
    const at = await cursorPosition(page).catch(() => null);
    return at && at.line === line && at.column === column;
  }, `the cursor is at Ln ${line}, Col ${column}`);
}

/** Gives the keyboard back to the active editor (after the Problems panel took it). */
export async function focusEditor(page) {
  await page.keyboard.press('Control+1');
  await expect(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor')), 'the editor has the keyboard focus');
}

/** Selects `length` characters to the right of the cursor. */
export async function selectRight(page, length) {
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowRight');
}

/** Screen rectangle of `token` on the editor line containing `lineText`. */
export async function tokenRect(page, lineText, token) {
  return editorLine(page, lineText).evaluate((element, wanted) => {
    const text = element.textContent ?? '';
    const start = text.indexOf(wanted);
    if (start < 0) return null;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let seen = 0;
    const range = document.createRange();
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent.length;
      if (!started && seen + length > start) {
        range.setStart(node, start - seen);
        started = true;
      }
      if (started && seen + length >= start + wanted.length) {
        range.setEnd(node, start + wanted.length - seen);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }
      seen += length;
    }
    return null;
  }, token);
}

/** Squiggle rectangles ('error' | 'warning' | 'info') in the active editor. */
export async function squiggles(page, kind = 'error') {
  return page.locator(`${EDITOR} .squiggly-${kind}`).evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
}

/** Whether any squiggle of `kind` overlaps the token's rectangle on screen. */
export async function squiggleUnder(page, lineText, token, kind = 'error') {
  const rect = await tokenRect(page, lineText, token);
  if (!rect) return false;
  const found = await squiggles(page, kind);
  return found.some((s) => s.left < rect.right && s.right > rect.left && s.top < rect.bottom + 4 && s.bottom > rect.top - 4);
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns the text of its rows. */
export async function problemRows(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: 10_000 });
  }
  return panel.locator('.monaco-list-row').allInnerTexts();
}

/**
 * Opens the Quick Fix menu (Ctrl+.) at the cursor until it lists an action matching `title` (the server may answer
 * the first request before it has the findings of that line); returns the row.
 */
export async function openQuickFix(page, title) {
  const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await expect(async () => {
    if (await row.isVisible().catch(() => false)) return true;
    if (await page.locator('.action-widget .monaco-list-row').first().isVisible().catch(() => false)) await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    await row.waitFor({ timeout: 3_000 }).catch(() => {});
    return row.isVisible();
  }, `the Quick Fix menu offers ${title}`, {
    interval: 500,
    detail: async () => `menu: ${JSON.stringify(await page.locator('.action-widget .monaco-list-row').allInnerTexts())}`,
  });
  return row;
}

/**
 * Runs a command by its palette title through F1. Retries while the palette does not list it yet: right after a
 * window (re)load the contributed commands arrive with the extension host.
 */
export async function runCommand(page, title, { timeout = 30_000 } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await expect(async () => {
    if (!(await input.isVisible().catch(() => false))) await page.keyboard.press('F1');
    await input.waitFor({ timeout: 5_000 });
    await input.fill(`>${title}`);
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return false;
  }, `the command palette lists ${title}`, {
    timeout,
    interval: 500,
    detail: async () => `palette rows: ${JSON.stringify(await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts())}`,
  });
  await row.click();
}

/**
 * What the workbench shows besides the editor, for a timed-out wait's message: the quick input (palette, picker), the
 * Quick Fix menu and the notification toasts.
 */
export async function workbenchState(page) {
  const texts = (selector) => page.locator(selector).allInnerTexts().catch((error) => [`unreadable: ${error.message}`]);
  const quickInput = (await page.locator('.quick-input-widget').isVisible().catch(() => false)) ? await texts('.quick-input-widget .monaco-list-row') : 'hidden';
  return `quick input: ${JSON.stringify(quickInput)}; Quick Fix menu: ${JSON.stringify(await texts('.action-widget .monaco-list-row'))}; notifications: ${JSON.stringify(await texts('.notification-toast'))}`;
}

/** The active editor's cursor as the status bar shows it: { line, column } (1-based). */
export async function cursorPosition(page) {
  const text = await page.locator('#status\\.editor\\.selection').innerText();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  if (!match) throw new Error(`unexpected cursor status: ${text}`);
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** File name of the active editor tab ('wrangler.toml'). */
export async function activeTabName(page) {
  return (await page.locator('.tabs-container .tab.active').first().getAttribute('data-resource-name')) ?? '';
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
