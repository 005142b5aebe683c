// The @vscode/test-electron runner (electron/run.mjs) as part of `npm test`, only where a desktop VS Code is given
// (VSCODE_EXECUTABLE): test-electron's download host cannot be reached here, and `npm test` must not try.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runElectronSuite } from './electron/run.mjs';

const executable = process.env.VSCODE_EXECUTABLE;

test('in-process scenarios in a desktop VS Code (@vscode/test-electron)', { skip: executable ? false : 'VSCODE_EXECUTABLE is not set', timeout: 10 * 60_000 }, async () => {
  const result = await runElectronSuite(executable);
  assert.equal(result.exitCode, 0);
});
