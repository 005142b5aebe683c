// Follows a serviceBindings alias to the class of the bound Worker when its source is in the workspace:
// alias -> `binding` -> wrangler `services` entry (top level) -> `service` (+ `entrypoint`) -> the Worker whose
// name (or `<name>-<env>`) matches -> its default export class or the named entrypoint class. SAG121 and the
// SAG107/SAG109 `function` fixes use it; a class the main module re-exports is found by reExportedBindingTarget.
import type { ClassFacts, GatewayProject, ModuleFacts, ServiceBindingDecl, WorkerProject } from '../../model';
import { exportedClass, type ModuleSource } from '../../workspace/module-exports';
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
  const bound = boundWorker(project, view, alias);
  if (!bound) return undefined;
  const { module, decl } = bound;
  const entrypoint = decl.entrypoint?.value;
  const cls = entrypoint !== undefined ? module.exportedClasses.get(entrypoint) : module.defaultExport?.cls;
  if (!cls) return undefined;
  return { worker: bound.worker, file: module.file, cls, decl };
}

/**
 * The target class when the bound Worker's main module re-exports it from another module of the workspace
 * (`export { Hooks } from './hooks'`, `export { default } from './hooks'`), with that module's file; undefined when
 * the main module declares it (resolveBindingTarget) or it cannot be read. Reads modules: whole-config checks only.
 */
export function reExportedBindingTarget(project: GatewayProject, view: ConfigView, alias: string, modules: ModuleSource): BindingTarget | undefined {
  const bound = boundWorker(project, view, alias);
  if (!bound) return undefined;
  const found = exportedClass(bound.module, bound.decl.entrypoint?.value ?? 'default', modules);
  if (!found || found === 'unknown' || found.module === bound.module) return undefined;
  return { worker: bound.worker, file: found.module.file, cls: found.cls, decl: bound.decl };
}

/** alias -> `binding` -> the top-level wrangler `services` entry -> the Worker of the workspace deployed as its `service`. */
function boundWorker(project: GatewayProject, view: ConfigView, alias: string): { worker: WorkerProject; module: ModuleFacts; decl: ServiceBindingDecl } | undefined {
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
  return { worker, module, decl };
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
