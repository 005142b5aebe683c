// The extension's activation time, two ways: VS Code's own figure in "Developer: Show Running Extensions"
// (code loading + activate()), and the client's log line "activated in N ms" (activate() alone) if it writes one.
import { readFileSync } from 'node:fs';
import { extensionLogFiles } from '../harness/extension-log.mjs';
import { expect } from '../harness/expect.mjs';
import { runCommand } from '../harness/workbench.mjs';

/**
 * Opens "Developer: Show Running Extensions" until it lists our extension with a time (the list is a snapshot taken
 * when the view opens, so it is reopened until the extension host has activated us), reads it, closes the view.
 */
export async function runningExtensionsActivation(page, displayName) {
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName }).first();
  const text = await expect(async () => {
    await runCommand(page, 'Developer: Show Running Extensions');
    const list = page.locator('.runtime-extensions-editor .monaco-list-rows').first();
    await list.waitFor({ timeout: 5_000 });
    const t = await row.innerText({ timeout: 2_000 }).catch(() => '');
    if (/Activation: \d+/.test(t)) return t;
    await page.keyboard.press('Escape');
    return false;
  }, `Running Extensions shows the activation time of ${displayName}`, { timeout: 60_000, interval: 1_000 });
  const ms = Number(/Activation: (\d+)\s*ms/.exec(text)?.[1]);
  return { ms, text: text.replace(/\s+/g, ' ').trim(), close: () => page.keyboard.press('Escape') };
}

/** `activated in 12.3 ms` (or "activate() took …") from the extension's output channel logs under the user data dir. */
export function clientLoggedActivation(userDataDir) {
  for (const file of extensionLogFiles(userDataDir)) {
    const match = /activat(?:ed|ion)[^\n\d]{0,20}([\d.]+)\s*ms/i.exec(readFileSync(file, 'utf8'));
    if (match) return { ms: Number(match[1]), file };
  }
  return undefined;
}
