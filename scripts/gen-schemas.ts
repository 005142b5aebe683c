// Writes the generated config artefacts (both JSON Schemas and the bundled TypeScript types) from the one config model.
// Run: node --conditions=sag-source --import tsx scripts/gen-schemas.ts   (test/config-model/schemas.test.ts fails on drift)
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedConfigArtifacts } from '../shared-runtime/src/config/artifacts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const artifact of generatedConfigArtifacts()) {
  const target = resolve(root, artifact.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, artifact.text);
  console.log(`wrote ${artifact.path}`);
}
