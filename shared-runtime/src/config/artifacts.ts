// The list of generated config files and their exact text, shared by scripts/gen-schemas.ts and the drift test.

import { buildSchema } from './schema-builder';
import { generateTypes } from './types-generator';

export interface GeneratedArtifact {
  /** Path relative to the repository root. */
  readonly path: string;
  readonly text: string;
}

export function generatedConfigArtifacts(): GeneratedArtifact[] {
  return [
    { path: 'shared-runtime/schemas/api-config.upstream.schema.json', text: JSON.stringify(buildSchema('upstream'), null, 2) + '\n' },
    { path: 'shared-runtime/schemas/api-config.bundled.schema.json', text: JSON.stringify(buildSchema('bundled'), null, 2) + '\n' },
    { path: 'shared-runtime/src/config/types.generated.ts', text: generateTypes('bundled') },
  ];
}
