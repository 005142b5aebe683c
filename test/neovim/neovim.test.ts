// A second real LSP client: Debian's Neovim 0.7 headless runs add-binding.lua against dist/server.js on a copy of
// the seed example whose wrangler.toml lost its HOOKS binding, applies the add-binding fix and saves.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_JS } from '../lsp/support/lsp-session';
import { copyExample } from '../lsp/support/workspace';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const missing = nvim.error ? 'nvim is not installed (apt-get install -y neovim); skipping the Neovim client test' : undefined;

describe('neovim client', () => {
  it('receives the seed diagnostics and applies the add-binding fix', { skip: missing }, () => {
    const ws = copyExample('service-execution');
    try {
      const wrangler = ws.path('wrangler.toml');
      const original = readFileSync(wrangler, 'utf8');
      const withoutHooks = original.replace(/^.*binding = "HOOKS".*\n/m, '');
      assert.notEqual(withoutHooks, original);
      ws.write('wrangler.toml', withoutHooks);
      const resultFile = ws.path('.nvim-result.json');
      const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'add-binding.lua')}`], {
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, SAG_SERVER: SERVER_JS, SAG_ROOT: ws.root, SAG_RESULT: resultFile, XDG_CACHE_HOME: ws.path('.nvim-cache') },
      });
      assert.equal(run.status, 0, `nvim failed: ${run.stderr}`);
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
        diagnostics: { code: string; line: number; col: number; source: string }[];
        actions: string[];
        applied: boolean;
        cleared: boolean;
        errors: string[];
        log: string;
      };
      assert.deepEqual(result.errors, []);
      // Neovim's LSP log (its own cache folder here), at WARN: nothing went wrong between client and server.
      assert.ok(result.log.startsWith(ws.path('.nvim-cache')), result.log);
      const logged = existsSync(result.log) ? readFileSync(result.log, 'utf8').split('\n') : [];
      assert.deepEqual(logged.filter((line) => /^\[(ERROR|WARN)\]/.test(line)), []);
      const hooks = result.diagnostics.find((d) => d.code === 'SAG301');
      assert.ok(hooks, JSON.stringify(result.diagnostics));
      assert.equal(hooks.source, 'sag');
      assert.ok(result.actions.some((t) => t.startsWith('Add binding `HOOKS`')), result.actions.join(' | '));
      assert.equal(result.applied, true);
      assert.equal(result.cleared, true, 'the SAG301 for HOOKS is gone after the fix');
      const after = readFileSync(wrangler, 'utf8');
      // The inline array gets the new element in the file's own form; everything else is kept byte for byte.
      const added = /^ *\{ binding = "HOOKS", service = "[a-z-]+" \},\n/m.exec(after);
      assert.ok(added, after);
      assert.equal(after.replace(added[0], ''), withoutHooks);
      assert.match(after, /\{ binding = "TARGET", service = "[a-z-]+" \},\n *\{ binding = "HOOKS"/);
    } finally {
      ws.remove();
    }
  });
});
