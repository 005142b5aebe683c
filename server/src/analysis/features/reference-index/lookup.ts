// The index read the other way: what sits under the cursor in any of the project's files, which origins refer
// to a target, and every declaration that shares a target's name (the same binding in each environment).
import type { Position, Range } from '../../findings';
import type { ClassFacts, ModuleFacts, WorkerProject } from '../../model';
import { nodeAtOffset } from '../json-cursor';
import type { ReferenceIndex } from './build';
import { fixedSite, type Occurrence, type Origin, type Target, type WorkerClassTarget, type WorkerMethodTarget } from './model';
import { aliasOriginsOf, configVariableOf, methodTargets, moduleFileOf, targetsOf } from './resolve';
import { devVarTargets } from './wrangler-part';
import { deployedModule } from '../../workspace/deployed-module';
import { exportedClass, exportedClassList } from '../../workspace/module-exports';

export function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** The target or origin under the cursor in `file`, or undefined. */
export function occurrenceAt(index: ReferenceIndex, file: string, position: Position): Occurrence | undefined {
  const { project } = index;
  if (file === project.config.file) {
    const doc = project.config;
    const node = nodeAtOffset(doc.root, doc.lines.offsetAt(position));
    return node ? index.config.byNode.get(node) : undefined;
  }
  if (index.wrangler && file === index.wrangler.wrangler.file) {
    return index.wrangler.occurrences.find((o) => contains(o.site.range, position));
  }
  const devVars = project.devVars.find((d) => d.file === file);
  if (devVars) return devVarTargets(devVars).find((t) => contains(t.site.range, position));
  return moduleOccurrenceAt(index, file, position);
}

/** A class or method of a workspace Worker's main module, or of a module it re-exports classes from (the innermost one holding the cursor). */
function moduleOccurrenceAt(index: ReferenceIndex, file: string, position: Position): Occurrence | undefined {
  for (const worker of index.project.workers) {
    // The module of each deployed name: an environment may run a `main` of its own (deployed-module.ts).
    for (const env of worker.wrangler.environments) {
      const main = deployedModule({ worker, envName: env.name }, index.modules);
      if (!main) continue;
      for (const [cls, exportName, module] of classesIn(main, file, index)) {
        // Methods by their own range first: one inherited from a local base class (merged into the exported class's
        // methods) lies outside the exported class, in a class nothing exports.
        for (const method of cls.methods.values()) {
          if (!contains(method.range, position)) continue;
          const target: WorkerMethodTarget = { role: 'target', kind: 'workerMethod', name: method.name, worker, module, cls, method, site: fixedSite(file, method.range) };
          return target;
        }
        if (contains(cls.range, position)) return classTarget(worker, module, cls, exportName);
      }
    }
  }
  return undefined;
}

/** The classes of `main` declared in `file`: its own when it is that file, else those it re-exports from there. */
function classesIn(main: ModuleFacts, file: string, index: ReferenceIndex): [ClassFacts, string | undefined, ModuleFacts][] {
  if (main.file === file) return classesOf(main).map(([cls, name]) => [cls, name, main]);
  if (!main.reExports && !main.reExportsAllFrom) return [];
  const out: [ClassFacts, string | undefined, ModuleFacts][] = exportedClassList(main, index.modules)
    .filter(([, found]) => found.module.file === file)
    .map(([name, found]) => [found.cls, name, found.module]);
  // `export { default } from './orders'`: the default is not among the listed names.
  const def = main.defaultExport?.kind === 'unresolved' ? exportedClass(main, 'default', index.modules) : undefined;
  if (def && def !== 'unknown' && def.module.file === file && !out.some(([cls]) => cls === def.cls)) out.push([def.cls, undefined, def.module]);
  return out;
}

function classTarget(worker: WorkerProject, module: ModuleFacts, cls: ClassFacts, exportName: string | undefined): WorkerClassTarget {
  return { role: 'target', kind: 'workerClass', name: exportName ?? cls.name ?? 'default', worker, module, cls, ...(exportName !== undefined ? { exportName } : {}), site: fixedSite(module.file, cls.range) };
}

function classesOf(module: ModuleFacts): [ClassFacts, string | undefined][] {
  const out: [ClassFacts, string | undefined][] = [...module.exportedClasses].map(([name, cls]) => [cls, name]);
  const def = module.defaultExport?.cls;
  if (def && !out.some(([cls]) => cls === def)) out.push([def, undefined]);
  return out;
}

function sameTarget(a: Target, b: Target): boolean {
  if (a.kind !== b.kind || a.site.file !== b.site.file) return false;
  if (a.kind === 'workerMethod' && b.kind === 'workerMethod') return a.method.name === b.method.name && a.cls.range.start.line === b.cls.range.start.line;
  const ra = a.site.range;
  const rb = b.site.range;
  return ra.start.line === rb.start.line && ra.start.character === rb.start.character;
}

/** Every origin that refers to `target` (for references, rename and code-lens counts). */
export function originsOf(index: ReferenceIndex, target: Target): Origin[] {
  const config = index.config;
  switch (target.kind) {
    case 'alias':
      return aliasOriginsOf(index, target.section, target.name);
    case 'wranglerBinding':
      return config.bindingOrigins.get(target.name) ?? [];
    case 'configVariable':
      return config.configOrigins.filter((o) => o.name === target.name && configVariableOf(index, o.name, o.routeIndex)?.routeIndex === target.routeIndex);
    case 'wranglerVar':
    case 'devVar':
      return config.envOrigins.get(target.name) ?? [];
    case 'moduleFile':
      return config.entrypointOrigins.filter((o) => moduleFileOf(index, o).name === target.name);
    case 'worker':
      return index.wrangler?.serviceOrigins.filter((o) => index.project.workers.deployedAs(o.name)?.worker === target.worker) ?? [];
    case 'workerClass':
      return index.wrangler?.entrypointOrigins.filter((o) => targetsOf(index, o).some((t) => sameTarget(t, target))) ?? [];
    case 'workerMethod':
      return config.functionOrigins.filter((o) => o.name === target.name && methodTargets(index, o.alias, o.name).some((t) => sameTarget(t, target)));
  }
}

/** The declarations a reference search lists with `includeDeclaration`: every entry or environment that defines the name. */
export function declarationsOf(index: ReferenceIndex, target: Target): Target[] {
  switch (target.kind) {
    case 'alias':
      return index.config.aliases[target.section].get(target.name) ?? [target];
    case 'wranglerBinding':
      return index.wrangler?.bindings.get(target.name) ?? [target];
    case 'wranglerVar':
    case 'devVar':
      return [...(index.wrangler?.vars.get(target.name) ?? []), ...(index.devVars.get(target.name) ?? [])];
    default:
      return [target];
  }
}
