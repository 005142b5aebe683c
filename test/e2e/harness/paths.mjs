// Where the e2e suite reads and writes: the repository root and the artifacts folder (test-results/e2e, gitignored).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const artifactsDir = join(repoRoot, 'test-results', 'e2e');
