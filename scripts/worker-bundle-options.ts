// The esbuild settings that turn the gateway sources into a Worker module, shared by the runtime build
// (scripts/build-runtime.mjs) and the workerd tests, so the tests run the gateway bundled exactly as shipped.
import type { BuildOptions } from 'esbuild';

export const WORKER_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['sag-source', 'worker', 'browser'],
  mainFields: ['module', 'main'],
} satisfies BuildOptions;
