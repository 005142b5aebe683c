// Follows a serviceBindings alias to the class of the bound Worker when its source is in the workspace:
// alias -> `binding` -> wrangler `services` entry (top level) -> `service` (+ `entrypoint`) -> the Worker whose
// name (or `<name>-<env>`) matches -> its default export class or the named entrypoint class. SAG121 and the
// SAG107/SAG109 `function` fixes use it.
import type { ClassFacts, GatewayProject, ServiceBindingDecl, WorkerProject } from '../../model';
import type { ConfigView } from './config-view';
import { stringOf } from './config-view';
import { environmentIndex } from '../wrangler/environment-index';

export interface BindingTarget {
  worker: WorkerProject;
  /** File of the Worker's main module. */
  file: string;
  cls: ClassFacts;
  decl: ServiceBindingDecl;
}


export function resolveBindingTarget(project: GatewayProject, view: ConfigView, alias: string): BindingTarget | undefined {
  const entry = view.serviceBindings.get(alias);
  const binding = stringOf(entry?.target);
  if (binding === undefined) return undefined;
  const top = project.wrangler?.environments.find((e) => e.name === '') ?? project.wrangler?.environments[0];
  const decl = top ? environmentIndex(top).services.get(binding) : undefined;
  const service = decl?.service?.value;
  if (!decl || service === undefined) return undefined;
  const worker = project.workers.deployedAs(service)?.worker;
  const module = worker?.module;
  if (!worker || !module) return undefined;
  const entrypoint = decl.entrypoint?.value;
  const cls = entrypoint !== undefined ? module.exportedClasses.get(entrypoint) : module.defaultExport?.cls;
  if (!cls) return undefined;
  return { worker, file: module.file, cls, decl };
}

/** Public instance methods a hook or RPC call may name (not `fetch`/`constructor`, not static or private). */
export function callableMethods(cls: ClassFacts): string[] {
  const names: string[] = [];
  for (const method of cls.methods.values()) {
    if (method.isStatic || method.isPrivate || method.name === 'constructor' || method.name === 'fetch') continue;
    names.push(method.name);
  }
  return names;
}
