// Origin -> target resolution, following the runtime's own lookups: an alias to the entry that wins it (A.4),
// a binding to each wrangler environment's declaration (B.1), an entrypoint to the module the runtime loads
// (A.3 / E.4), a function through alias -> binding -> `service` -> Worker -> entrypoint class -> method (D.x).
import type { ClassFacts, DeployedWorker, ModuleFacts } from '../../model';
import { resolveEntrypoint } from '../../rules/modules/resolve-entrypoint';
import { deployedModule } from '../../workspace/deployed-module';
import { exportedClass } from '../../workspace/module-exports';
import type { ReferenceIndex } from './build';
import { fixedSite, type AliasOrigin, type AliasSection, type AliasTarget, type ConfigVariableTarget, type EntrypointOrigin, type ModuleFileTarget, type Occurrence, type Target, type WorkerClassTarget, type WorkerMethodTarget, type WorkerTarget, type WranglerBindingTarget } from './model';

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The entry an alias origin means: the one the runtime uses (an origin of unknown type: serviceBindings, then
 * services), else for an integration the same name in the other of services / serviceBindings, the entry SAG208
 * says the route meant (switch its type) and which rename and references must carry along.
 */
export function aliasTargetOf(index: ReferenceIndex, origin: AliasOrigin): AliasTarget | undefined {
  for (const section of sectionsSearched(origin)) {
    const winner = index.config.aliases[section].get(origin.name)?.[0];
    if (winner) return winner;
  }
  return undefined;
}

/** The sections aliasTargetOf looks in for an origin, in order. */
export function sectionsSearched(origin: AliasOrigin): readonly AliasSection[] {
  if (!origin.section) return BINDINGS_FIRST;
  return origin.hook === 'integration' ? (SWAPPABLE[origin.section] ?? [origin.section]) : [origin.section];
}

const BINDINGS_FIRST: readonly AliasSection[] = ['serviceBindings', 'services'];
const SWAPPABLE: Partial<Record<AliasSection, readonly AliasSection[]>> = { services: ['services', 'serviceBindings'], serviceBindings: ['serviceBindings', 'services'] };

/** Every origin that means the `section` entry named `name` (aliasTargetOf), in route order. */
export function aliasOriginsOf(index: ReferenceIndex, section: AliasSection, name: string): AliasOrigin[] {
  return originsNamed(index, name)
    .filter((origin) => aliasTargetOf(index, origin)?.section === section)
    .sort((a, b) => a.routeIndex - b.routeIndex);
}

/** Every alias origin written `name`, whatever section it reads. */
export function originsNamed(index: ReferenceIndex, name: string): AliasOrigin[] {
  const origins = index.config.aliasOrigins;
  return [origins.servers, origins.services, origins.serviceBindings, origins.any].flatMap((byName) => byName.get(name) ?? []);
}

/** Every environment's declaration of a wrangler binding name, top level first. */
export function bindingDeclarations(index: ReferenceIndex, binding: string): WranglerBindingTarget[] {
  return index.wrangler?.bindings.get(binding) ?? [];
}

/** The `binding` (wrangler name) a serviceBindings alias stands for, as the runtime's merged view has it. */
export function bindingOfAlias(index: ReferenceIndex, alias: string): string | undefined {
  return index.config.aliases.serviceBindings.get(alias)?.[0]?.second;
}

export function moduleFileOf(index: ReferenceIndex, origin: EntrypointOrigin): ModuleFileTarget {
  const resolved = resolveEntrypoint(index.project, index.runtime, origin.name, index.modules);
  return { role: 'target', kind: 'moduleFile', name: resolved.file, exists: resolved.exists, site: fixedSite(resolved.file, FILE_START) };
}

/** One link per wrangler environment: binding declaration -> target Worker -> its module -> the selected class. */
export interface ChainLink {
  env: string;
  decl?: WranglerBindingTarget;
  service?: string;
  worker?: DeployedWorker;
  module?: ModuleFacts;
  /** The class the binding reaches: the `entrypoint` named export, or the default export's class. */
  cls?: ClassFacts;
  /** The module that declares `cls`: `module`, or the one `module` re-exports it from. */
  classModule?: ModuleFacts;
  /** `module` re-exports the entrypoint from a module that cannot be read (a package, a missing file). */
  classUnknown?: boolean;
  exportName?: string;
  /** The default export is a plain `{ fetch }` object: only `fetch` is reachable. */
  objectExport?: boolean;
}

export function bindingChain(index: ReferenceIndex, binding: string): ChainLink[] {
  const wrangler = index.project.wrangler;
  if (!wrangler) return [];
  const decls = bindingDeclarations(index, binding);
  return wrangler.environments.map((env) => {
    const decl = decls.find((d) => d.env === env.name);
    const link: ChainLink = { env: env.name };
    if (!decl) return link;
    link.decl = decl;
    const service = decl.decl.service?.value;
    if (service === undefined) return link;
    link.service = service;
    const worker = index.project.workers.deployedAs(service);
    if (!worker) return link;
    link.worker = worker;
    const module = deployedModule(worker, index.modules);
    if (!module) return link;
    link.module = module;
    const exportName = decl.decl.entrypoint?.value;
    if (exportName !== undefined) {
      link.exportName = exportName;
      const found = exportedClass(module, exportName, index.modules);
      if (found === 'unknown') link.classUnknown = true;
      else if (found) {
        link.cls = found.cls;
        link.classModule = found.module;
      }
      return link;
    }
    const def = module.defaultExport;
    if (def?.cls) {
      link.cls = def.cls;
      link.classModule = module;
    } else if (def?.kind === 'object') link.objectExport = true;
    else if (def?.kind === 'unresolved') {
      // `export { default } from './hooks'`.
      const found = exportedClass(module, 'default', index.modules);
      if (found === 'unknown') link.classUnknown = true;
      else if (found) {
        link.cls = found.cls;
        link.classModule = found.module;
      }
    }
    return link;
  });
}

/** Public instance methods an RPC call can reach (not static, not private, not the constructor). */
export function callableMethods(cls: ClassFacts): string[] {
  return [...cls.methods.values()].filter((m) => !m.isStatic && !m.isPrivate && m.name !== 'constructor' && !m.name.startsWith('#')).map((m) => m.name);
}

/** The methods a `function` value lands on, one per distinct Worker class (environments often share one). */
export function methodTargets(index: ReferenceIndex, alias: string | undefined, name: string): WorkerMethodTarget[] {
  if (alias === undefined) return [];
  const binding = bindingOfAlias(index, alias);
  if (binding === undefined) return [];
  const out: WorkerMethodTarget[] = [];
  for (const link of bindingChain(index, binding)) {
    const method = link.cls?.methods.get(name);
    const module = link.classModule;
    if (!link.cls || !method || !module || !link.worker) continue;
    if (out.some((t) => t.module.file === module.file && t.method === method)) continue;
    out.push({ role: 'target', kind: 'workerMethod', name, worker: link.worker.worker, module, cls: link.cls, method, site: fixedSite(module.file, method.range) });
  }
  return out;
}

export function configVariableOf(index: ReferenceIndex, name: string, routeIndex: number): ConfigVariableTarget | undefined {
  return index.config.routeVariables.get(routeIndex)?.get(name) ?? index.config.globalVariables.get(name);
}

function workerTarget(index: ReferenceIndex, service: string): WorkerTarget | undefined {
  const deployed = index.project.workers.deployedAs(service);
  if (!deployed) return undefined;
  const wrangler = deployed.worker.wrangler;
  const env = wrangler.environments.find((e) => e.name === deployed.envName);
  const range = deployed.envName === '' ? wrangler.name?.range ?? FILE_START : env?.range ?? FILE_START;
  return { role: 'target', kind: 'worker', name: service, worker: deployed.worker, envName: deployed.envName, site: fixedSite(wrangler.file, range) };
}

function classTarget(index: ReferenceIndex, service: string | undefined, exportName: string): WorkerClassTarget | undefined {
  const deployed = service !== undefined ? index.project.workers.deployedAs(service) : undefined;
  const main = deployed ? deployedModule(deployed, index.modules) : undefined;
  const found = main ? exportedClass(main, exportName, index.modules) : undefined;
  if (!deployed || !found || found === 'unknown') return undefined;
  const { module, cls } = found;
  return { role: 'target', kind: 'workerClass', name: exportName, worker: deployed.worker, module, cls, exportName, site: fixedSite(module.file, cls.range) };
}

/** What an occurrence refers to (a target refers to itself). */
export function targetsOf(index: ReferenceIndex, occurrence: Occurrence): Target[] {
  if (occurrence.role === 'target') return [occurrence];
  switch (occurrence.kind) {
    case 'alias': {
      const target = aliasTargetOf(index, occurrence);
      return target ? [target] : [];
    }
    case 'binding':
      return bindingDeclarations(index, occurrence.name);
    case 'entrypoint': {
      const file = moduleFileOf(index, occurrence);
      return file.exists ? [file] : [];
    }
    case 'function':
      return methodTargets(index, occurrence.alias, occurrence.name);
    case 'configVariable': {
      const target = configVariableOf(index, occurrence.name, occurrence.routeIndex);
      return target ? [target] : [];
    }
    case 'envVariable': {
      const vars = [...(index.wrangler?.vars.get(occurrence.name) ?? [])];
      const dev = index.devVars.get(occurrence.name) ?? [];
      // A secret lives in .dev.vars locally; a var in [vars]. Both read `env`, so both count (A.8).
      return occurrence.prefix === '$env.' ? [...vars, ...dev] : [...dev, ...vars];
    }
    case 'workerService': {
      const target = workerTarget(index, occurrence.name);
      return target ? [target] : [];
    }
    case 'workerEntrypoint': {
      const target = classTarget(index, occurrence.decl.service?.value, occurrence.name);
      return target ? [target] : [];
    }
  }
}
