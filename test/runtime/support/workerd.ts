// Runs the gateway in workerd through Miniflare: bundles a test entry (which imports the gateway sources) with esbuild
// into a temp folder and starts it beside real bound Workers. Callers must `dispose()`.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare, type WorkerOptions } from 'miniflare';
import { WORKER_BUNDLE_OPTIONS } from '../../../scripts/worker-bundle-options';

const repoRoot = resolve(__dirname, '../../..');
export const COMPATIBILITY_DATE = '2025-09-01';

export interface WorkerdGateway {
  mf: Miniflare;
  logs: string[];
  fetch(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }>;
  dispose(): Promise<void>;
}

export interface GatewayWorkerSpec {
  /** Source of the gateway Worker entry (TypeScript); it may import `@gateway` (the runtime sources) and files in `files`. */
  entry?: string;
  /** Or an existing entry file (e.g. shared-runtime/src/worker.ts). */
  entryPath?: string;
  /** Text that `./api-config.json` imports resolve to (the default Worker's bundled config). */
  apiConfigJson?: string;
  /** Extra source files written beside the entry (e.g. local service modules). */
  files?: Record<string, string>;
  bindings?: Record<string, unknown>;
  serviceBindings?: Record<string, string | { name: string; entrypoint?: string }>;
  kvNamespaces?: string[];
  /** Other Workers (module source with `cloudflare:workers` imports), by name. */
  workers?: Record<string, string>;
}

/** Bundles the entry with esbuild (workerd resolves `cloudflare:*` itself) and starts Miniflare. */
export async function startWorkerdGateway(spec: GatewayWorkerSpec): Promise<WorkerdGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'sag-workerd-'));
  const entryPoint = spec.entryPath ?? join(dir, 'entry.ts');
  if (spec.entry !== undefined) writeFileSync(entryPoint, spec.entry);
  const configFile = join(dir, 'api-config.json');
  if (spec.apiConfigJson !== undefined) writeFileSync(configFile, spec.apiConfigJson);
  for (const [name, text] of Object.entries(spec.files ?? {})) writeFileSync(join(dir, name), text);
  const outfile = join(dir, 'gateway.mjs');
  await build({
    entryPoints: [entryPoint],
    plugins:
      spec.apiConfigJson === undefined
        ? []
        : [{ name: 'api-config', setup: (b) => b.onResolve({ filter: /^\.\/api-config\.json$/ }, () => ({ path: configFile })) }],
    outfile,
    ...WORKER_BUNDLE_OPTIONS,
    external: ['cloudflare:*'],
    alias: { '@gateway': join(repoRoot, 'shared-runtime/src/index.ts') },
    nodePaths: [join(repoRoot, 'node_modules')],
    logLevel: 'error',
  });
  const logs: string[] = [];
  const others: WorkerOptions[] = Object.entries(spec.workers ?? {}).map(([name, script]) => ({
    name,
    modules: true,
    script,
    compatibilityDate: COMPATIBILITY_DATE,
  }));
  const mf = new Miniflare({
    cf: false,
    handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
      const collect = (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      stdout.on('data', collect);
      stderr.on('data', collect);
    },
    workers: [
      {
        name: 'gateway',
        modules: true,
        scriptPath: outfile,
        modulesRoot: dir,
        compatibilityDate: COMPATIBILITY_DATE,
        bindings: spec.bindings as WorkerOptions['bindings'],
        serviceBindings: spec.serviceBindings as WorkerOptions['serviceBindings'],
        kvNamespaces: spec.kvNamespaces,
      },
      ...others,
    ],
  });
  try {
    await mf.ready;
  } catch (error) {
    await mf.dispose().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`workerd did not start: ${(error as Error).message}\n${logs.join('\n')}`);
  }
  return {
    mf,
    logs,
    async fetch(path, init) {
      const response = await mf.dispatchFetch(`http://gateway.test${path}`, init as never);
      return { status: response.status, headers: response.headers as unknown as Headers, text: await response.text() };
    },
    async dispose() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
