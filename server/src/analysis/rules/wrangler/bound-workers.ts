// The best guess of which workspace Worker a new service binding should point at (for the SAG301 fix). The Workers
// by deployed name are project.workers.deployedAs (workspace/workspace-workers.ts).
import type { GatewayProject } from '../../model';

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
  const worker = project.workers.namedLike([binding, alias]);
  if (worker?.name !== undefined) {
    const env = envName === '' ? undefined : worker.wrangler.environments.find((e) => e.name === envName);
    return { service: env?.workerName ?? worker.name, inferred: true };
  }
  return { service: binding.toLowerCase().replace(/_/g, '-'), inferred: false };
}
