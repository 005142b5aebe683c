// Follows a serviceBindings alias to the class of the bound Worker when its source is in the workspace:
// alias -> `binding` -> wrangler `services` entry (top level) -> `service` (+ `entrypoint`) -> the Worker whose
// name (or `<name>-<env>`) matches -> its default export class or the named entrypoint class, declared by its main
// module or re-exported from another module of the workspace (workspace/module-exports.ts, as SAG304 and the
// features follow them). Resolved once per analysis (analyze.ts), so that SAG121 and the SAG107/SAG109 `function`
// fixes, which are per-route checks, use it without reading modules themselves (rules/rule.ts).
import type { ClassFacts, GatewayProject, ModuleFacts, ServiceBindingDecl, WorkerProject } from '../../model';
import { exportedClass, type ModuleSource } from '../../workspace/module-exports';
import type { ConfigView } from './config-view';
import { stringOf } from './config-view';
import { environmentIndex } from '../wrangler/environment-index';

export interface BindingTarget {
  worker: WorkerProject;
  /** File of the module that declares the class: the Worker's main module, or the one it re-exports it from. */
  file: string;
  cls: ClassFacts;
  decl: ServiceBindingDecl;
}

/** The target of each serviceBindings alias that reaches a class in the workspace. */
export interface BoundTargets {
  get(alias: string): BindingTarget | undefined;
  /**
   * Each such alias followed by its class, in alias order: item by item the same (===) while the targets are (a
   * module keeps its facts while its text does), so per-route results replay only under the same targets
   * (incremental/outside-fingerprint.ts).
   */
  readonly identity: readonly unknown[];
}

/** No targets: for a context whose checks use none (code-lens.ts's routing-only pass). */
export const NO_BOUND_TARGETS: BoundTargets = { get: () => undefined, identity: [] };

export function boundTargets(project: GatewayProject, view: ConfigView, modules: ModuleSource): BoundTargets {
  if (!project.wrangler || project.workers.size === 0 || view.serviceBindings.size === 0) return NO_BOUND_TARGETS;
  const targets = new Map<string, BindingTarget>();
  const identity: unknown[] = [];
  for (const alias of view.serviceBindings.keys()) {
    const target = bindingTarget(project, view, alias, modules);
    if (!target) continue;
    targets.set(alias, target);
    identity.push(alias, target.cls);
  }
  return { get: (alias) => targets.get(alias), identity };
}

function bindingTarget(project: GatewayProject, view: ConfigView, alias: string, modules: ModuleSource): BindingTarget | undefined {
  const bound = boundWorker(project, view, alias);
  if (!bound) return undefined;
  const { worker, module, decl } = bound;
  const entrypoint = decl.entrypoint?.value;
  // Declared by the main module (a default-exported function with prototype methods counts as its class).
  const own = entrypoint !== undefined ? module.exportedClasses.get(entrypoint) : module.defaultExport?.cls;
  if (own) return { worker, file: module.file, cls: own, decl };
  // `export { Hooks } from './hooks'`, `export * from './rpc'`, `export { default } from './hooks'`: the class in the
  // module that declares it. A re-export from a package or a missing file is 'unknown': no target, no fix from it.
  const found = exportedClass(module, entrypoint ?? 'default', modules);
  if (!found || found === 'unknown') return undefined;
  return { worker, file: found.module.file, cls: found.cls, decl };
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
