// Which additional modules wrangler uploads (SPEC B.4), decided the way wrangler 4.86 decides it: user rules
// followed by the default rules, later rules of a type dropped after a rule of that type without
// `fallthrough = true`, globs matched against the path relative to base_dir. Globs are converted exactly as
// wrangler's glob-to-regexp does (`*` = one segment, `**` = any depth, nothing else special), which is why this
// does not use picomatch: braces and `?` are literal characters for wrangler.
import type { WranglerRule } from '../../model';

const DEFAULT_RULES: WranglerRule[] = [
  { type: 'Text', globs: ['**/*.txt', '**/*.html', '**/*.sql'] },
  { type: 'Data', globs: ['**/*.bin'] },
  { type: 'CompiledWasm', globs: ['**/*.wasm', '**/*.wasm?module'] },
];

const JS_TYPES = new Set(['ESModule', 'CommonJS']);

const regexCache = new Map<string, RegExp>();

/** wrangler's glob semantics (glob-to-regexp with `globstar: true`, not extended). */
export function wranglerGlobRegExp(glob: string): RegExp {
  let cached = regexCache.get(glob);
  if (cached) return cached;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if ('/$^+.()=!|?[]{},'.includes(c)) {
      out += `\\${c}`;
    } else if (c === '*') {
      const prev = glob[i - 1];
      let stars = 1;
      while (glob[i + 1] === '*') {
        stars++;
        i++;
      }
      const next = glob[i + 1];
      if (stars > 1 && (prev === '/' || prev === undefined) && (next === '/' || next === undefined)) {
        out += '((?:[^/]*(?:/|$))*)';
        i++;
      } else {
        out += '([^/]*)';
      }
    } else {
      out += c;
    }
  }
  try {
    cached = new RegExp(`^${out}$`);
  } catch {
    // wrangler would throw on such a glob too; here it simply matches nothing.
    cached = /(?!)/;
  }
  regexCache.set(glob, cached);
  return cached;
}

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
    for (const glob of rule.globs) if (wranglerGlobRegExp(glob).test(relativePath)) return { rule, glob };
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
