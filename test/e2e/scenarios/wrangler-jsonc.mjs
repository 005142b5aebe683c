// Scenario 6: wrangler.json opens as "JSON with Comments", as wrangler reads it (a JSONC parser for .json and
// .jsonc alike): a comment in it is no "Comments are not permitted in JSON" error, and the server still reads the
// file past its comments (TARGET, left out of it, gives SAG301 in api-config.json; HOOKS, declared after a comment,
// does not).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '../harness/expect.mjs';
import { openFile, problemRows } from '../harness/workbench.mjs';
import { seedCopy } from '../harness/workspace.mjs';

const WRANGLER_JSON = `{
  // The gateway Worker; TARGET is left out on purpose.
  "name": "sag-gateway",
  "main": ".sag/entry.js",
  "compatibility_date": "2025-07-04",
  /* the hook Worker */
  "services": [{ "binding": "HOOKS", "service": "sag-gateway-hooks" }]
}
`;

export async function wranglerJsonc(session) {
  const folder = seedCopy(session.base, 'wrangler-jsonc');
  rmSync(join(folder, 'wrangler.toml'));
  writeFileSync(join(folder, 'wrangler.json'), WRANGLER_JSON);
  const page = await session.open(folder);
  try {
    await openFile(page, 'wrangler.json');
    const languageMode = () => page.locator('.statusbar-item', { hasText: 'JSON with Comments' }).count();
    await expect(async () => (await languageMode()) > 0, 'the status bar shows wrangler.json as "JSON with Comments"');
    await expect(async () => (await problemRows(page)).some((row) => row.includes('SAG301') && row.includes('TARGET')), 'the server read wrangler.json past its comments: SAG301 for TARGET', { timeout: 60_000 });
    const rows = await problemRows(page);
    if (rows.some((row) => /Comments are not permitted/i.test(row))) throw new Error(`VS Code reports the comments of wrangler.json as errors:\n${rows.join('\n')}`);
    // The SAG301 message lists what is declared: HOOKS, which sits after a block comment.
    if (!rows.some((row) => row.includes('declared: HOOKS')) || rows.some((row) => row.includes('binding `HOOKS`'))) throw new Error(`the server did not read HOOKS after the comment:\n${rows.join('\n')}`);
    await session.screenshot(page, '6-wrangler-jsonc');
    return 'pass';
  } finally {
    await page.close();
  }
}
