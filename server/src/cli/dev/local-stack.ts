// The local Workers stack `sag dev` drives: Miniflare (workerd) and esbuild, loaded at run time from the project's
// own wrangler install (the exact versions `wrangler dev` and `wrangler deploy` use there), else from the tools'.
// Neither can be bundled into dist/sag.js: workerd and esbuild are native binaries found next to their packages.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Esbuild from 'esbuild';
import type * as MiniflareModule from 'miniflare';

export interface LocalStack {
  Miniflare: typeof MiniflareModule.Miniflare;
  esbuild: typeof Esbuild;
  /** Where they came from, for the banner ("wrangler 4.86.0 in ./node_modules"). */
  source: string;
}

export class LocalStackMissing extends Error {}

export function loadLocalStack(projectRoot: string, toolsRoot: string | undefined): LocalStack {
  const searchFrom = [projectRoot, ...(toolsRoot ? [toolsRoot] : [])];
  const requireHere = createRequire(join(projectRoot, 'package.json'));
  let wranglerPackage: string | undefined;
  try {
    wranglerPackage = requireHere.resolve('wrangler/package.json', { paths: searchFrom });
  } catch {
    wranglerPackage = undefined;
  }
  const attempts: string[] = [];
  for (const base of [...(wranglerPackage ? [wranglerPackage] : []), ...searchFrom.map((f) => join(f, 'package.json'))]) {
    const load = createRequire(base);
    try {
      const miniflare = load('miniflare') as typeof MiniflareModule;
      const esbuild = load('esbuild') as typeof Esbuild;
      const version = wranglerPackage && base === wranglerPackage ? (load(wranglerPackage) as { version?: string }).version : undefined;
      return { Miniflare: miniflare.Miniflare, esbuild, source: version ? `wrangler ${version} (${dirname(wranglerPackage!)})` : `miniflare from ${dirname(base)}` };
    } catch (error) {
      attempts.push(`${dirname(base)}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new LocalStackMissing(
    `sag dev runs the gateway on workerd through the Miniflare that wrangler installs, and found none: run \`npm install\` in ${projectRoot} (its package.json pins wrangler)` +
      (attempts.length ? `\n  tried: ${attempts.join('\n  tried: ')}` : ''),
  );
}
