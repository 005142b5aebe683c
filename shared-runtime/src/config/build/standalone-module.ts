// Build-time only (imports Ajv): turns Ajv's standalone output into an ES module body with no `require`, shared by
// the runtime's validator (standalone-validator.ts) and the engine's precompiled validators.

import type Ajv from 'ajv/dist/core';
import standaloneCode from 'ajv/dist/standalone';

// Ajv's standalone output `require`s two runtime helpers; we replace each with a small inline equivalent.
const RUNTIME_HELPERS: ReadonlyArray<{ require: string; name: string; source: string }> = [
  {
    require: 'require("ajv/dist/runtime/ucs2length").default',
    name: 'sagUcs2length',
    // String length in code points, as JSON Schema's minLength/maxLength count.
    source: 'function sagUcs2length(s) { let n = 0; for (const _ of s) n++; return n; }',
  },
  {
    require: 'require("ajv/dist/runtime/equal").default',
    name: 'sagEqual',
    // Deep equality of JSON values (uniqueItems).
    source: [
      'function sagEqual(a, b) {',
      '  if (a === b) return true;',
      '  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a !== a && b !== b;',
      '  if (Array.isArray(a) !== Array.isArray(b)) return false;',
      '  if (Array.isArray(a)) return a.length === b.length && a.every((v, i) => sagEqual(v, b[i]));',
      '  const ka = Object.keys(a), kb = Object.keys(b);',
      '  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sagEqual(a[k], b[k]));',
      '}',
    ].join('\n'),
  },
];

/**
 * `standaloneCode(ajv, refs)` (an ajv made with `code: { source: true, esm: true }`) with Ajv's runtime helpers
 * inlined: the code, a newline, the helpers it uses (one per line), a newline. Throws if a `require` is left.
 */
export function standaloneModuleBody(ajv: Ajv, refs: Record<string, string>): string {
  let code = standaloneCode(ajv, refs);
  const prelude: string[] = [];
  for (const helper of RUNTIME_HELPERS) {
    if (!code.includes(helper.require)) continue;
    code = code.split(helper.require).join(helper.name);
    prelude.push(helper.source);
  }
  if (/\brequire\s*\(/.test(code)) throw new Error('standalone validator still requires a module; add an inline helper for it');
  // Helpers go last: function declarations hoist, and Ajv's "use strict" stays the first statement.
  return `${code}\n${prelude.join('\n')}\n`;
}
