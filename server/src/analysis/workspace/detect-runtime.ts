// SPEC E.0 without a `.sagrc.json` runtime: is this gateway served by our bundled runtime or by upstream?
// Heuristic, in order (the first that holds decides `bundled`; none -> `upstream`):
//  1. wrangler `[build] command` runs `sag build` (the scaffolded project generates its entry that way);
//  2. the `main` module imports `serverless-api-gateway-runtime` (or a subpath of it);
//  3. the `main` module imports a file inside a `shared-runtime/` folder (a vendored copy of the runtime),
//     or `main` itself lies in one.
// The top-level environment's `main` is used; a missing main file leaves only rule 1.
import type { RuntimeTarget } from '../findings';
import type { ModuleFacts, WranglerConfig } from '../model';

export const RUNTIME_PACKAGE = 'serverless-api-gateway-runtime';

export function detectRuntime(wrangler: WranglerConfig | undefined, mainFile: string | undefined, mainModule: ModuleFacts | undefined): RuntimeTarget {
  if (!wrangler) return 'upstream';
  const build = wrangler.buildCommand?.value ?? '';
  if (/(^|[\s/&;|])sag(\.js)?\s+build\b/.test(build) || /serverless-api-gateway-tools.*\bbuild\b/.test(build)) return 'bundled';
  if (mainFile && /(^|\/)shared-runtime\//.test(mainFile)) return 'bundled';
  for (const { specifier } of mainModule?.imports ?? []) {
    if (specifier === RUNTIME_PACKAGE || specifier.startsWith(`${RUNTIME_PACKAGE}/`)) return 'bundled';
    if (/(^|\/)shared-runtime(\/|$)/.test(specifier)) return 'bundled';
  }
  return 'upstream';
}
