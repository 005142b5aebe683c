// Bundles one Worker's `main` the way wrangler does for workerd (ES module, `workerd`/`worker`/`browser`
// conditions, `cloudflare:*` left to the runtime), with one esbuild context per entry so reloads are incremental.
import type * as Esbuild from 'esbuild';

export class BundleError extends Error {}

export class WorkerBundler {
  private readonly contexts = new Map<string, Promise<Esbuild.BuildContext>>();

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
    const output = result.outputFiles?.find((f) => f.path.endsWith('.js'));
    if (!output) throw new BundleError(`bundling ${entryFile} produced no JavaScript`);
    return output.text;
  }

  /** Drops contexts for entries no longer served. */
  async retain(keep: ReadonlySet<string>): Promise<void> {
    for (const [key, context] of this.contexts) {
      if (keep.has(key.split('\u0000')[0]!)) continue;
      this.contexts.delete(key);
      await (await context.catch(() => undefined))?.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.retain(new Set());
  }
}
