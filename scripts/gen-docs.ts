// Writes docs/diagnostics.md from the rule metadata (`npm run docs`); `--check` only compares and exits 1 on drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { allCodes } from '../server/src/analysis/rules/registry';
import { renderDiagnosticsPage } from './docs/diagnostics-page';

// The repository root from this script's own path (no import.meta: run through tsx as CommonJS too).
const repoRoot = resolve(dirname(process.argv[1] ?? '.'), '..');
const target = join(repoRoot, 'docs', 'diagnostics.md');
const page = renderDiagnosticsPage(allCodes());

if (process.argv.includes('--check')) {
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== page) {
    process.stderr.write(`docs/diagnostics.md is out of date with the rule metadata: run \`npm run docs\`\n`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, page, 'utf8');
  process.stdout.write(`wrote ${target} (${allCodes().length} codes)\n`);
}
