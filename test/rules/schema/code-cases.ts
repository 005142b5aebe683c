// Table-driven per-code cases shared by the 1xx and 2xx tests: a config that triggers the code (with the
// text the finding must start at) and a near-miss that must not, run through the whole engine (checkFixture).
import assert from 'node:assert/strict';
import type { Finding, RuntimeTarget } from '../../../server/src/analysis/findings';
import { checkFixture } from '../../support/engine';

export const CONFIG = '/gw/api-config.json';
export const WRANGLER = '/gw/wrangler.toml';
const WRANGLER_TEXT = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';

export interface CodeCase {
  code: string;
  /** Runtimes to run under (default: both). */
  runtimes?: RuntimeTarget[];
  /** api-config.json text that triggers the code. */
  config: string;
  /** The finding starts at the `nth` occurrence of this text (after `offsetInNeedle` characters). */
  at: string;
  nth?: number;
  offsetInNeedle?: number;
  /** Expected severity per runtime (default: not checked). */
  severity?: Partial<Record<RuntimeTarget, Finding['severity']>>;
  /** A close variant that must not produce the code. */
  nearMiss: string;
  /** Extra files (wrangler, other Workers). */
  files?: Record<string, string>;
}

export function check(config: string, runtime: RuntimeTarget, files: Record<string, string> = {}): Finding[] {
  return checkFixture({ [WRANGLER]: WRANGLER_TEXT, ...files, [CONFIG]: config }, { runtime });
}

/** 0-based position of the nth occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, nth = 0, offsetInNeedle = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`needle ${JSON.stringify(needle)} #${nth} not in text`);
  }
  offset += offsetInNeedle;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function assertCase(c: CodeCase): void {
  for (const runtime of c.runtimes ?? (['upstream', 'bundled'] as RuntimeTarget[])) {
    const found = check(c.config, runtime, c.files).filter((f) => f.code === c.code);
    assert.ok(found.length > 0, `${c.code} (${runtime}) not reported`);
    const expected = positionOf(c.config, c.at, c.nth, c.offsetInNeedle);
    const hit = found.find((f) => f.range.start.line === expected.line && f.range.start.character === expected.character);
    assert.ok(hit, `${c.code} (${runtime}) expected at ${expected.line}:${expected.character}, got ${found.map((f) => `${f.range.start.line}:${f.range.start.character}`).join(', ')}`);
    assert.equal(hit.file, CONFIG);
    assert.ok(hit.message.length > 20 && !/must (NOT )?(have|be equal|match)/.test(hit.message), `${c.code}: message reads like ajv: ${hit.message}`);
    const sev = c.severity?.[runtime];
    if (sev) assert.equal(hit.severity, sev, `${c.code} (${runtime}) severity`);
    const miss = check(c.nearMiss, runtime, c.files).filter((f) => f.code === c.code);
    assert.deepEqual(miss.map((f) => f.message), [], `${c.code} (${runtime}) near-miss must not trigger`);
  }
}
