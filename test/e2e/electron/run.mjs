#!/usr/bin/env node
// The first three code-server scenarios in-process in a desktop VS Code through @vscode/test-electron, for machines
// that have one: VSCODE_EXECUTABLE=/path/to/code node test/e2e/electron/run.mjs. Without VSCODE_EXECUTABLE it does nothing
// (exit 0): test-electron would try to download VS Code, and that host is not reachable here (ENVIRONMENT.md).
// It runs the working tree as the extension under development (build first: node scripts/build.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths.mjs';
import { removeWranglerBinding, seedCopy } from '../harness/workspace.mjs';

export async function runElectronSuite(executable = process.env.VSCODE_EXECUTABLE) {
  if (!executable) return { skipped: 'VSCODE_EXECUTABLE is not set' };
  const { runTests } = await import('@vscode/test-electron');
  const base = mkdtempSync(join(tmpdir(), 'sag-electron-'));
  try {
    const workspace = seedCopy(base, 'workspace');
    removeWranglerBinding(workspace, 'HOOKS');
    const exitCode = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test/e2e/electron/suite/index.cjs'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(base, 'user-data'), '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { SAG_E2E_WORKSPACE: workspace },
    });
    return { exitCode };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runElectronSuite();
  if (result.skipped) console.log(`electron e2e: skipped (${result.skipped})`);
  process.exit(result.exitCode ?? 0);
}
