// Which additional modules wrangler uploads (SPEC B.4), decided the way wrangler 4.86 decides it: user rules
// followed by the default rules, later rules of a type dropped after a rule of that type without
// `fallthrough = true`, globs matched against the path relative to base_dir. Globs are converted exactly as
// wrangler's glob-to-regexp does (`*` = one segment, `**` = any depth, nothing else special; wrangler-glob.ts), which
// is why this does not use picomatch: braces and `?` are literal characters for wrangler.
import type { WranglerRule } from '../../model';
import { matchesWranglerGlob } from './wrangler-glob';

const DEFAULT_RULES: WranglerRule[] = [
  { type: 'Text', globs: ['**/*.txt', '**/*.html', '**/*.sql'] },
  { type: 'Data', globs: ['**/*.bin'] },
  { type: 'CompiledWasm', globs: ['**/*.wasm', '**/*.wasm?module'] },
];

const JS_TYPES = new Set(['ESModule', 'CommonJS']);

/** The rules wrangler keeps, in order (see parseRules in wrangler's bundler). */
export function effectiveRules(userRules: readonly WranglerRule[]): WranglerRule[] {
  const closed = new Set<string>();
  const kept: WranglerRule[] = [];
  for (const rule of [...userRules, ...DEFAULT_RULES]) {
    if (closed.has(rule.type)) continue;
    kept.push(rule);
    if (rule.fallthrough !== true) closed.add(rule.type);
  }
  return kept;
}

export interface UploadMatch {
  rule: WranglerRule;
  glob: string;
}

/** The first rule glob that matches `relativePath` (relative to base_dir, `/`-separated), if any. */
export function matchingRule(userRules: readonly WranglerRule[], relativePath: string): UploadMatch | undefined {
  for (const rule of effectiveRules(userRules)) {
    for (const glob of rule.globs) if (matchesWranglerGlob(glob, relativePath)) return { rule, glob };
  }
  return undefined;
}

export function isJavaScriptRule(rule: WranglerRule): boolean {
  return JS_TYPES.has(rule.type);
}

/** The glob a fix adds for a file: its folder's `*.js` (one level, like the upstream layout's `services/*.js`). */
export function globForFile(relativePath: string): string {
  const slash = relativePath.lastIndexOf('/');
  const ext = /\.[^./]+$/.exec(relativePath)?.[0] ?? '.js';
  return slash < 0 ? `*${ext}` : `${relativePath.slice(0, slash)}/*${ext}`;
}
