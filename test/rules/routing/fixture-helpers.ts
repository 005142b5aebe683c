// Helpers for the routing and security rule tests: build api-config.json text, run the engine under a runtime,
// and find where a piece of text sits so positions are asserted exactly.
import assert from 'node:assert/strict';
import type { Finding, Position, RuntimeTarget } from '../../../server/src/analysis/findings';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { isCreateEdit } from '../../../server/src/analysis/findings';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { checkFixture } from '../../support/engine';

export const CONFIG = '/gw/api-config.json';
export const WRANGLER = '/gw/wrangler.toml';
export const RUNTIMES: readonly RuntimeTarget[] = ['upstream', 'bundled'];

/** A config object as pretty JSON (two-space indent), the way users write it. */
export function json(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Findings of one code for a workspace (api-config.json text, plus other files) under a runtime. */
export function run(code: string, configText: string, runtime: RuntimeTarget, files: Record<string, string> = {}): Finding[] {
  return checkFixture({ [CONFIG]: configText, ...files }, { runtime }).filter((f) => f.code === code);
}

/** Position of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `fixture does not contain ${JSON.stringify(needle)} (#${occurrence})`);
  }
  return new LineIndex(text).positionAt(at);
}

/** Asserts exactly one finding, in `file`, starting where `needle` starts. */
export function assertOneAt(findings: Finding[], file: string, text: string, needle: string, occurrence = 0): Finding {
  assert.equal(findings.length, 1, `expected one finding, got ${findings.length}: ${findings.map((f) => `${f.code} ${f.message}`).join(' | ')}`);
  const finding = findings[0]!;
  assert.equal(finding.file, file);
  assert.deepEqual(finding.range.start, positionOf(text, needle, occurrence));
  return finding;
}

/** The text after applying every edit of a fix that touches `file`. */
export function applyFix(text: string, file: string, finding: Finding, fixIndex = 0): string {
  const fix = finding.fixes[fixIndex];
  assert.ok(fix, `finding ${finding.code} has no fix #${fixIndex}`);
  const edits = fix.edits.filter((e) => e.file === file && !isCreateEdit(e)) as { range: Finding['range']; newText: string }[];
  return applyTextEdits(text, new LineIndex(text), edits);
}
