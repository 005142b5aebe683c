// Writes the schema-derived artefacts from the one config model: both JSON Schemas, the bundled TypeScript types and
// the engine's precompiled validators. `npm run gen` and `npm run build` run it; files already up to date are not
// touched. Run: node --conditions=sag-source --import tsx scripts/gen-schemas.ts  (drift tests: test/config-model/
// schemas.test.ts, test/rules/schema/precompiled-validators.test.ts)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedConfigArtifacts } from '../shared-runtime/src/config/artifacts';
import { schemaValidatorArtifacts } from './schemas/schema-validators';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let unchanged = 0;
for (const artifact of [...generatedConfigArtifacts(), ...schemaValidatorArtifacts()]) {
  const target = resolve(root, artifact.path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === artifact.text) {
    unchanged++;
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, artifact.text);
  console.log(`gen-schemas: wrote ${artifact.path}`);
}
if (unchanged > 0) console.log(`gen-schemas: ${unchanged} file(s) already up to date`);
