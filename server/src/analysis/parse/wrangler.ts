// parseWranglerConfig: wrangler.toml / wrangler.json / wrangler.jsonc -> WranglerConfig with a range for every
// key and value, per environment (SPEC B.*). Never throws: bad input gives syntaxErrors and as much model as
// could be read. TOML goes through toml-eslint-parser (positions; the `toml` package has none), JSON through jsonc-parser.
import type { WranglerConfig, WranglerFormat } from '../model';
import { LineIndex } from '../text/line-index';
import { withoutByteOrderMark } from '../text/byte-order-mark';
import { readEnvironments } from './wrangler/environments';
import { parseJsonTree } from './wrangler/json-tree';
import { parseTomlTree } from './wrangler/toml-tree';

/**
 * Wrangler configs are a few KB; one of 10,000 bindings is ~500 KB. Anything bigger is not one, and parsing it would
 * only cost time and memory: a 2 MB wrangler.toml of 40,000 [[services]] tables took 1.3 s and 300 MB, and every
 * wrangler config in the workspace is read (the bound Workers), not only the gateway's.
 */
export const MAX_WRANGLER_BYTES = 1024 * 1024;

export const WRANGLER_FILE_NAMES = ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml'] as const;

export function wranglerFormatOf(file: string): WranglerFormat {
  // `WRANGLER.TOML` is wrangler.toml where file names ignore case (FileHost.ignoresCase).
  const lower = file.toLowerCase();
  if (lower.endsWith('.toml')) return 'toml';
  if (lower.endsWith('.jsonc')) return 'jsonc';
  return 'json';
}

export function parseWranglerConfig(file: string, text: string, format: WranglerFormat = wranglerFormatOf(file)): WranglerConfig {
  const lines = new LineIndex(text);
  const base = { file, format, text, lines };
  const fileStart = lines.rangeOf(0, 0);
  if (text.length > MAX_WRANGLER_BYTES) {
    return { ...base, syntaxErrors: [{ message: `the file is ${text.length} characters long, too large to be a wrangler config (limit ${MAX_WRANGLER_BYTES})`, range: fileStart }], environments: [] };
  }
  if (text.includes('\u0000')) {
    return { ...base, syntaxErrors: [{ message: 'the file is binary (it contains NUL bytes), not a wrangler config', range: fileStart }], environments: [] };
  }
  try {
    const body = withoutByteOrderMark(text);
    const { root, syntaxErrors } = format === 'toml' ? parseTomlTree(body, lines) : parseJsonTree(body, lines);
    if (!root) return { ...base, syntaxErrors, environments: [] };
    return { ...base, syntaxErrors, ...readEnvironments(root) };
  } catch (error) {
    // Last line of defence (e.g. a stack overflow on absurd nesting): a model without environments.
    return { ...base, syntaxErrors: [{ message: `the file could not be read: ${(error as Error)?.message ?? String(error)}`, range: fileStart }], environments: [] };
  }
}
