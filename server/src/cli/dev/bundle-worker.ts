// Bundles one Worker's `main` the way wrangler does for workerd (ES module, `workerd`/`worker`/`browser`
// conditions, `cloudflare:*` left to the runtime), with one esbuild context per entry so reloads are incremental.
// Each bundle's input files are kept: sag dev watches those outside the project too (a module that imports
// `../../shared/util.js` from elsewhere in a monorepo).
import type * as Esbuild from 'esbuild';
import { resolve } from 'node:path';

export class BundleError extends Error {}

export class WorkerBundler {
  private readonly contexts = new Map<string, Promise<Esbuild.BuildContext>>();
  /** The files each context's last bundle read, by context key. */
  private readonly inputsByKey = new Map<string, string[]>();

  constructor(private readonly esbuild: typeof Esbuild) {}

  /** The bundled code of `entryFile`; node built-ins stay imports only when the Worker has `nodejs_compat`. */
  async bundle(entryFile: string, nodeCompat: boolean): Promise<string> {
    const key = `${entryFile}\u0000${nodeCompat}`;
    let context = this.contexts.get(key);
    if (!context) {
      context = this.esbuild.context({
        entryPoints: [entryFile],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        target: 'es2022',
        conditions: ['workerd', 'worker', 'browser'],
        mainFields: ['browser', 'module', 'main'],
        external: ['cloudflare:*', ...(nodeCompat ? ['node:*'] : [])],
        outdir: '/sag-dev-bundle',
        logLevel: 'silent',
        sourcemap: false,
        metafile: true,
      });
      this.contexts.set(key, context);
    }
    let result: Esbuild.BuildResult;
    try {
      result = await (await context).rebuild();
    } catch (error) {
      const failure = error as { errors?: Esbuild.Message[] };
      const messages = (failure.errors ?? []).map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text));
      throw new BundleError(messages.length > 0 ? messages.join('\n') : String(error));
    }
    this.inputsByKey.set(key, inputFiles(result.metafile));
    const output = result.outputFiles?.find((f) => f.path.endsWith('.js'));
    if (!output) throw new BundleError(`bundling ${entryFile} produced no JavaScript`);
    return output.text;
  }

  /** Drops contexts for entries no longer served. */
  async retain(keep: ReadonlySet<string>): Promise<void> {
    for (const [key, context] of this.contexts) {
      if (keep.has(key.split('\u0000')[0]!)) continue;
      this.contexts.delete(key);
      this.inputsByKey.delete(key);
      await (await context.catch(() => undefined))?.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.retain(new Set());
  }

  /** Every file the bundles of the retained entries read (absolute paths). */
  inputs(): Set<string> {
    const files = new Set<string>();
    for (const list of this.inputsByKey.values()) for (const file of list) files.add(file);
    return files;
  }
}

/**
 * The metafile's inputs as absolute paths. Its keys are relative to esbuild's working directory (this process's), or
 * `namespace:path` for inputs that are not files, which are left out (a drive letter, one character, is no namespace).
 */
function inputFiles(metafile: Esbuild.Metafile | undefined): string[] {
  if (!metafile) return [];
  return Object.keys(metafile.inputs)
    .filter((key) => !/^[a-z][\w-]+:/i.test(key))
    .map((key) => resolve(key));
}
