// Build-time only (imports Ajv): generates the runtime's config validator as a self-contained ES module, so workerd
// never compiles code at request time (SPEC E.1). Not re-exported from config/index.ts, to keep Ajv out of the Worker.

import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { fastFormats } from 'ajv-formats/dist/formats';
import { buildSchema, SCHEMA_IDS } from '../schema-builder';
import type { SchemaVariant } from '../vocabulary';
import { stripAnnotations } from './strip-annotations';

/** The export name of the validator in the generated module (also its default export). */
export const STANDALONE_EXPORT = 'validateApiConfig';

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
 * Source of an ES module exporting `validateApiConfig(data): boolean` (also the default export) for `variant`.
 * After a failed call, `validateApiConfig.errors` lists Ajv errors with `instancePath` JSON pointers (allErrors).
 * The module has no imports, no `require`, no `new Function`/`eval`: bundle it or write it next to the runtime as is.
 * Format `uri` uses ajv-formats' "fast" pattern (a RegExp, so it can be inlined).
 */
export function generateStandaloneValidator(variant: SchemaVariant = 'bundled'): string {
  const ajv = new Ajv2020({
    allErrors: true,
    strictRequired: false,
    code: { source: true, esm: true, lines: false },
  });
  ajv.addFormat('uri', fastFormats.uri as RegExp);
  ajv.addSchema(stripAnnotations(buildSchema(variant)));
  let code = standaloneCode(ajv, { [STANDALONE_EXPORT]: SCHEMA_IDS[variant] });

  const prelude: string[] = [];
  for (const helper of RUNTIME_HELPERS) {
    if (!code.includes(helper.require)) continue;
    code = code.split(helper.require).join(helper.name);
    prelude.push(helper.source);
  }
  if (/\brequire\s*\(/.test(code)) throw new Error('standalone validator still requires a module; add an inline helper for it');
  const header = `// GENERATED from the ${variant} api-config schema by generateStandaloneValidator(). Do not edit.\n`;
  // Helpers go last: function declarations hoist, and Ajv's "use strict" stays the first statement.
  return `${header}${code}\n${prelude.join('\n')}\nexport default ${STANDALONE_EXPORT};\n`;
}
