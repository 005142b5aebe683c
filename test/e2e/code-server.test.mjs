// End-to-end in a real VS Code: our VSIX installed into code-server, driven in headless Chromium (harness/), seven
// user scenarios asserting on the rendered UI and the files on disk, the activation time, and no error logged by us.
// Screenshots go to test-results/e2e/. SAG_SKIP_E2E=1 skips the suite (quick local loops; CI always runs it).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifactsDir, repoRoot } from './harness/paths.mjs';
import { startSession } from './harness/session.mjs';
import { expect } from './harness/expect.mjs';
import { extensionLogFiles } from './harness/extension-log.mjs';
import { seedCopy } from './harness/workspace.mjs';
import { addBindingQuickFix } from './scenarios/add-binding-fix.mjs';
import { aliasCompletion } from './scenarios/alias-completion.mjs';
import { goToDefinition } from './scenarios/go-to-definition.mjs';
import { clientLoggedActivation, runningExtensionsActivation } from './scenarios/activation-time.mjs';
import { missingCommands, scaffoldAndRun } from './scenarios/scaffold-and-run.mjs';
import { multiRootRun } from './scenarios/multi-root-run.mjs';
import { wranglerJsonc } from './scenarios/wrangler-jsonc.mjs';
import { folderDeleted } from './scenarios/folder-deleted.mjs';

/** The two screenshots the README shows: artifact name -> docs/images name. */
const DOCS_IMAGES = { '1-quick-fix-menu.png': 'quick-fix-add-binding.png', '2-alias-completion.png': 'alias-completion.png' };
const skip = process.env.SAG_SKIP_E2E === '1' ? 'SAG_SKIP_E2E=1' : false;
const results = {};

describe('VS Code (code-server in headless Chromium)', { skip, timeout: 20 * 60_000 }, () => {
  let session;

  before(async () => {
    session = await startSession({ log: (m) => process.stderr.write(`${m}\n`) });
    results.vsixBytes = session.vsix.bytes;
  }, { timeout: 10 * 60_000 });

  after(async () => {
    await session?.stop();
    writeFileSync(join(artifactsDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    // SAG_E2E_DOCS_IMAGES=1 refreshes the README's two screenshots from this run.
    if (process.env.SAG_E2E_DOCS_IMAGES === '1') {
      mkdirSync(join(repoRoot, 'docs/images'), { recursive: true });
      for (const [from, to] of Object.entries(DOCS_IMAGES)) {
        if (existsSync(join(artifactsDir, from))) copyFileSync(join(artifactsDir, from), join(repoRoot, 'docs/images', to));
      }
    }
  });

  test('the extension activates on a gateway workspace; activation time', { timeout: 120_000 }, async () => {
    const page = await session.open(seedCopy(session.base, 'activation'));
    try {
      const vscodeFigure = await runningExtensionsActivation(page, session.manifest.displayName);
      await session.screenshot(page, '0-running-extensions');
      await vscodeFigure.close();
      delete vscodeFigure.close;
      const logged = await expect(() => clientLoggedActivation(session.userDataDir), 'the client logs its activation time', { timeout: 5_000 }).catch(() => undefined);
      results.activation = { runningExtensions: vscodeFigure, clientLog: logged ?? null };
      process.stderr.write(`e2e: activation ${JSON.stringify(results.activation)}\n`);
      assert.ok(vscodeFigure.ms >= 0);
      // The budget is 50 ms (reported, not asserted: a loaded CI machine doubles it); awaiting the language server
      // in activate() would take seconds, and that is what this catches.
      assert.ok(logged, 'the client logs "activated in N ms" to its output channel');
      assert.ok(logged.ms < 1000, `activate() took ${logged.ms} ms: it must not wait for the server`);
    } finally {
      await page.close();
    }
  });

  test('1) missing HOOKS: squiggle, SAG301 in Problems, quick fix edits wrangler.toml keeping comments, problem gone', { timeout: 180_000 }, async () => {
    results.addBinding = await addBindingQuickFix(session).then(() => 'pass');
  });

  test('2) a misspelled alias is reported while typing; completion offers the aliases; picking one clears it', { timeout: 180_000 }, async () => {
    results.aliasCompletion = await aliasCompletion(session);
  });

  test('3) go to definition: binding -> wrangler.toml declaration; hook alias -> serviceBindings entry', { timeout: 120_000 }, async () => {
    results.definition = await goToDefinition(session);
  });

  test('4) New Gateway Project (service-execution), Run Gateway Locally, POST /orders through the gateway', { timeout: 10 * 60_000 }, async (t) => {
    const missing = missingCommands(session.manifest);
    if (missing.length > 0) {
      results.scaffoldAndRun = `skipped: commands not contributed yet: ${missing.join(', ')}`;
      t.skip(results.scaffoldAndRun);
      return;
    }
    results.scaffoldAndRun = await scaffoldAndRun(session);
  });

  test('5) multi-root: Run Gateway Locally asks which gateway and serves it on its folder\'s sag.dev.port; Stop Gateway ends it', { timeout: 5 * 60_000 }, async () => {
    results.multiRoot = await multiRootRun(session);
  });

  test('6) wrangler.json opens as JSON with Comments: its comments are no errors, and the server reads past them', { timeout: 120_000 }, async () => {
    results.wranglerJsonc = await wranglerJsonc(session);
  });

  test('7) a Worker\'s folder deleted outside the editor, then moved back in (one event each, for the folder): diagnostics follow', { timeout: 120_000 }, async () => {
    results.folderDeleted = await folderDeleted(session);
  });

  // Last: what every window above logged to our output channel (one log per extension host). An error there is a
  // bug the scenarios could not see, such as the server's request VS Code refused before initialize was answered.
  test('our output channel logged no error in any window', async () => {
    const files = extensionLogFiles(session.userDataDir);
    assert.ok(files.length > 0, 'the scenarios left output channel logs');
    const errors = files.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((line) => /\[error\]/.test(line)).map((line) => `${file}: ${line}`));
    assert.deepEqual(errors, []);
  });
});
