// Schema validation with the validator generated at build time (E.1): no code generation at request time, so it runs on workerd.

import validateBundledConfig from '../generated/bundled-config-validator';
import type { ConfigError } from './config-error';

/** Errors against the bundled schema, one per ajv error (duplicates of one pointer and message dropped). */
export function schemaErrors(config: unknown): ConfigError[] {
  if (validateBundledConfig(config)) return [];
  const seen = new Set<string>();
  const out: ConfigError[] = [];
  for (const error of validateBundledConfig.errors ?? []) {
    const message = describe(error.keyword, error.params, error.message);
    const key = error.instancePath + '\u0000' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: error.instancePath, message });
  }
  return out;
}

function describe(keyword: string, params: Record<string, unknown>, message: string | undefined): string {
  if (keyword === 'additionalProperties') return `unknown key \`${String(params.additionalProperty)}\``;
  if (keyword === 'enum' && Array.isArray(params.allowedValues)) return `must be one of ${params.allowedValues.join(', ')}`;
  return message ?? keyword;
}
