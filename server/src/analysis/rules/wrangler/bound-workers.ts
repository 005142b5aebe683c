// The other Workers of the workspace as service-binding targets: by deployed name (`name`, `<name>-<env>` or an
// env's own `name`), and the best guess of which Worker a new binding should point at (for the SAG301 fix).
import type { GatewayProject, WorkerProject } from '../../model';

export interface DeployedWorker {
  worker: WorkerProject;
  /** "" when the name is the Worker's top-level name. */
  envName: string;
}

const byName = new WeakMap<GatewayProject, Map<string, DeployedWorker>>();

/** Deployed Worker names -> the Worker project that deploys them. */
export function deployedWorkers(project: GatewayProject): Map<string, DeployedWorker> {
  let map = byName.get(project);
  if (map) return map;
  map = new Map();
  for (const worker of project.workers) {
    if (project.wrangler && worker.wrangler.file === project.wrangler.file) continue;
    for (const env of worker.wrangler.environments) {
      const name = env.name === '' ? worker.name ?? env.workerName : env.workerName;
      if (name !== undefined && !map.has(name)) map.set(name, { worker, envName: env.name });
    }
  }
  byName.set(project, map);
  return map;
}

function folded(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

export interface ServiceNameGuess {
  service: string;
  /** true when a workspace Worker's name equals the binding or alias (case and separators aside). */
  inferred: boolean;
}

/**
 * Which Worker a binding most likely targets: a workspace Worker whose name matches the binding or the alias
 * (for a named environment, that Worker's deployment of the same environment when it has one); otherwise a
 * placeholder derived from the binding name, which the user must check.
 */
export function guessServiceName(project: GatewayProject, binding: string, alias: string, envName: string): ServiceNameGuess {
  const wanted = new Set([folded(binding), folded(alias)]);
  for (const worker of project.workers) {
    if (project.wrangler && worker.wrangler.file === project.wrangler.file) continue;
    const name = worker.name;
    if (name === undefined || !wanted.has(folded(name))) continue;
    const env = envName === '' ? undefined : worker.wrangler.environments.find((e) => e.name === envName);
    return { service: env?.workerName ?? name, inferred: true };
  }
  return { service: binding.toLowerCase().replace(/_/g, '-'), inferred: false };
}
