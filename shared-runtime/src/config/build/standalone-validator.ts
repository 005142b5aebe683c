// Build-time only (imports Ajv): generates the runtime's config validator as a self-contained ES module, so workerd
// never compiles code at request time (SPEC E.1). Not re-exported from config/index.ts, to keep Ajv out of the Worker.

import Ajv2020 from 'ajv/dist/2020';
import { fastFormats } from 'ajv-formats/dist/formats';
import { buildSchema, SCHEMA_IDS } from '../schema-builder';
import type { SchemaVariant } from '../vocabulary';
import { standaloneModuleBody } from './standalone-module';
import { stripAnnotations } from './strip-annotations';

/** The export name of the validator in the generated module (also its default export). */
export const STANDALONE_EXPORT = 'validateApiConfig';

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
  const body = standaloneModuleBody(ajv, { [STANDALONE_EXPORT]: SCHEMA_IDS[variant] });
  const header = `// GENERATED from the ${variant} api-config schema by generateStandaloneValidator(). Do not edit.\n`;
  return `${header}${body}export default ${STANDALONE_EXPORT};\n`;
}
