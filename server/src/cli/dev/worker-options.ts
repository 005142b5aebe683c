// DevPlan -> Miniflare worker options: each Worker bundled (or its stub), with its vars, local secrets, KV
// namespaces (in memory) and service bindings; the gateway first, so it is the one that serves requests.
import { dirname } from 'node:path';
import type { WorkerOptions } from 'miniflare';
import { COMPATIBILITY_DATE } from '../scaffold/versions';
import type { WorkerBundler } from './bundle-worker';
import type { DevPlan } from './plan-workers';

export async function workerOptionsFor(plan: DevPlan, bundler: WorkerBundler): Promise<WorkerOptions[]> {
  return Promise.all(
    plan.workers.map(async (worker): Promise<WorkerOptions> => {
      const file = worker.source.file;
      const flags = worker.compatibilityFlags;
      const contents = worker.source.kind === 'stub' ? worker.source.code : await bundler.bundle(file, flags.some((f) => f === 'nodejs_compat' || f === 'nodejs_compat_v2'));
      return {
        name: worker.name,
        modulesRoot: dirname(file),
        modules: [{ type: 'ESModule', path: file, contents }],
        compatibilityDate: worker.compatibilityDate ?? COMPATIBILITY_DATE,
        compatibilityFlags: flags,
        bindings: worker.vars as WorkerOptions['bindings'],
        serviceBindings: worker.serviceBindings,
        kvNamespaces: worker.kvNamespaces,
      } as WorkerOptions;
    }),
  );
}
