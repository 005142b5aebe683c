// How the runtime reads one mapping value (SPEC A.7 ValueMapper): the first `$request.header|jwt|query.NAME`
// or `$config.NAME` expression replaces the whole value. Shared by SAG114 (shape), SAG209 ($config) and SAG210 (jwt).
import { MAPPING_SOURCES, SUBSTITUTION_PREFIXES } from 'serverless-api-gateway-runtime/config';

export type MappingSourceName = 'header' | 'jwt' | 'query' | 'config';

export type MappingValue =
  /** Exactly one expression: what the runtime supports. */
  | { kind: 'expression'; source: MappingSourceName; name: string }
  /** An expression with text around it: only the expression is used. */
  | { kind: 'embedded'; source: MappingSourceName; name: string; expression: string; offset: number }
  /** `$request.path.id`, `$request.body.x`: not a source the runtime knows. */
  | { kind: 'unknown-source'; text: string }
  /** `$env.X` / `$secret.X`: replaced at load time, then a constant. */
  | { kind: 'substitution' }
  | { kind: 'constant' };

const EXPRESSION = /\$(?:request\.(header|jwt|query)|(config))\.([A-Za-z0-9._-]+)/;
const UNKNOWN_REQUEST_SOURCE = /\$request\.([A-Za-z_]+)/;

export function readMappingValue(value: string): MappingValue {
  const match = EXPRESSION.exec(value);
  if (match) {
    const source = (match[1] ?? match[2]) as MappingSourceName;
    const name = match[3]!;
    if (match.index === 0 && match[0].length === value.length) return { kind: 'expression', source, name };
    return { kind: 'embedded', source, name, expression: match[0], offset: match.index };
  }
  if (SUBSTITUTION_PREFIXES.some((p) => value.startsWith(p))) return { kind: 'substitution' };
  const unknown = UNKNOWN_REQUEST_SOURCE.exec(value);
  if (unknown) return { kind: 'unknown-source', text: unknown[0] };
  return { kind: 'constant' };
}

export const SUPPORTED_SOURCES_TEXT = MAPPING_SOURCES.map((s) => `\`${s}NAME\``).join(', ');
