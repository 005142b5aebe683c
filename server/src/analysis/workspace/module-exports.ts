// The classes a Worker's main module exports, re-exports included: `export { Orders } from './orders'` and
// `export * from './rpc'` are followed to modules of the workspace, resolved as wrangler's bundler (esbuild) resolves
// a relative import. SAG304, completion, hover and go to definition read entrypoint classes through here, so a
// Worker whose index only re-exports its entrypoints is judged and navigated like one that declares them.
// Whatever cannot be known here (a package, a missing or broken file, an imported binding exported again, a name
// two `export *` both give) is 'unknown', never "missing": no finding may rest on it.
import type { ClassFacts, ModuleFacts } from '../model';
import { dirname, resolvePath } from './paths';

/** What reading modules takes: the engine's ModuleReader, or anything that reads facts by path. */
export interface ModuleSource {
  read(path: string): ModuleFacts | undefined;
}

/** A class and the module that declares it (its ranges are in that module's file). */
export interface ExportedClass {
  cls: ClassFacts;
  module: ModuleFacts;
}

type Lookup = ExportedClass | 'unknown' | undefined;

/** Lookups per name asked at most: a generated barrel of thousands of files is not worth more. */
const MAX_LOOKUPS = 5_000;
/** Re-exports followed at most this deep (each level is a stack frame); deeper is 'unknown', and not listed. */
const MAX_DEPTH = 256;

/** esbuild's default resolveExtensions that name modules, in its order; a written `.js` may name a `.ts` source. */
const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js'];
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/**
 * The class `module` exports as `name`: its own, or one it re-exports from a module of the workspace. 'unknown'
 * when the export may be a class this cannot see; undefined when it is certainly not an exported class.
 */
export function exportedClass(module: ModuleFacts, name: string, modules: ModuleSource): Lookup {
  return new ExportResolver(modules).find(module, name);
}

/** Every class `module` exports, by exported name, re-exports followed as far as they can be read. */
export function exportedClassList(module: ModuleFacts, modules: ModuleSource): [string, ExportedClass][] {
  const resolver = new ExportResolver(modules);
  const out: [string, ExportedClass][] = [];
  for (const name of resolver.namesOf(module)) {
    // Each name its own budget (answers already found are kept): a big barrel lists all its classes.
    resolver.lookups = 0;
    const found = resolver.find(module, name);
    if (found && found !== 'unknown') out.push([name, found]);
  }
  return out;
}

/** One question's lookups, each (module, name) answered once; cycles end where they began. */
class ExportResolver {
  private readonly answers = new Map<string, Lookup>();
  private readonly resolved = new Map<string, ModuleFacts | undefined>();
  private readonly asking = new Set<string>();
  /** Cycles cut so far: an answer reached through a cut is not kept (another path may still give the class). */
  private cuts = 0;
  lookups = 0;

  constructor(private readonly modules: ModuleSource) {}

  find(module: ModuleFacts, name: string): Lookup {
    const key = `${module.file}\u0000${name}`;
    if (this.answers.has(key)) return this.answers.get(key);
    if (this.asking.has(key)) {
      this.cuts++;
      return undefined;
    }
    if (++this.lookups > MAX_LOOKUPS || this.asking.size >= MAX_DEPTH) return 'unknown';
    this.asking.add(key);
    const cutsBefore = this.cuts;
    const answer = this.lookUp(module, name);
    this.asking.delete(key);
    if (this.cuts === cutsBefore) this.answers.set(key, answer);
    return answer;
  }

  private lookUp(module: ModuleFacts, name: string): Lookup {
    // A module that does not parse (being typed, say) may export anything.
    if (module.parseError) return 'unknown';
    if (name === 'default') {
      const def = module.defaultExport;
      if (!def) return undefined;
      if (def.kind !== 'unresolved') return def.cls && def.kind === 'class' ? { cls: def.cls, module } : undefined;
      // `export { default } from './hooks'` (or `{ Hooks as default }`): the class that module exports so.
      const reExport = module.reExports?.find((r) => r.exported === 'default');
      const next = reExport && this.resolve(module, reExport.specifier);
      return next ? this.find(next, reExport.imported) : 'unknown';
    }
    const own = module.exportedClasses.get(name);
    if (own) return { cls: own, module };
    const other = module.otherExports?.get(name);
    if (other) return other === 'opaque' ? 'unknown' : undefined;
    for (const reExport of module.reExports ?? []) {
      if (reExport.exported !== name) continue;
      const next = this.resolve(module, reExport.specifier);
      return next ? this.find(next, reExport.imported) : 'unknown';
    }
    // `export *` never passes a default on (ECMAScript's star exports), and a name two of them give is exported by
    // neither; which one esbuild would take is not judged here.
    let found: Lookup;
    for (const specifier of module.reExportsAllFrom ?? []) {
      const next = this.resolve(module, specifier);
      const answer = next ? this.find(next, name) : 'unknown';
      if (answer === undefined) continue;
      if (answer === 'unknown' || (found !== undefined && (found === 'unknown' || found.cls !== answer.cls))) return 'unknown';
      found = answer;
    }
    return found;
  }

  /** The names `module` may export as classes (its own, its re-exports', its star exports' but `default`). */
  namesOf(module: ModuleFacts): string[] {
    const names = new Set<string>();
    const visited = new Set<string>();
    const visit = (current: ModuleFacts, depthLeft: number): void => {
      if (visited.has(current.file) || depthLeft === 0 || visited.size > MAX_LOOKUPS) return;
      visited.add(current.file);
      for (const name of current.exportedClasses.keys()) names.add(name);
      for (const reExport of current.reExports ?? []) names.add(reExport.exported);
      for (const specifier of current.reExportsAllFrom ?? []) {
        const next = this.resolve(current, specifier);
        if (next) visit(next, depthLeft - 1);
      }
    };
    visit(module, MAX_DEPTH);
    names.delete('default');
    return [...names];
  }

  /** Each specifier of each folder resolved once per question (a star export is met again for every name asked). */
  private resolve(from: ModuleFacts, specifier: string): ModuleFacts | undefined {
    const key = `${dirname(from.file)}\u0000${specifier}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const module = resolveRelativeModule(from.file, specifier, this.modules);
    this.resolved.set(key, module);
    return module;
  }
}

/** The module a relative specifier names (`./orders`, `./orders.js` for orders.ts, `./rpc` for rpc/index.ts). */
export function resolveRelativeModule(fromFile: string, specifier: string, modules: ModuleSource): ModuleFacts | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolvePath(dirname(fromFile), specifier);
  const written = /\.[cm]?[jt]sx?$/.exec(specifier)?.[0];
  const candidates = written ? [base, ...(TS_FOR_JS[written] ?? []).map((ext) => base.slice(0, -written.length) + ext)] : [...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  for (const candidate of candidates) {
    const module = modules.read(candidate);
    if (module) return module;
  }
  return undefined;
}
