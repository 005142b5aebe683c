// The classes a Worker's main module exports, re-exports included: `export { Orders } from './orders'` and
// `export * from './rpc'` are followed to modules of the workspace, resolved as wrangler's bundler (esbuild) resolves
// a relative import. SAG304, completion, hover and go to definition read entrypoint classes through here, so a
// Worker whose index only re-exports its entrypoints is judged and navigated like one that declares them.
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

/** Re-exports followed at most this deep: a longer chain is a generated barrel, not worth the reads. */
const MAX_DEPTH = 8;

/** esbuild's default resolveExtensions, in its order; a written `.js` may name a `.ts` source. */
const EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js', '.mjs', '.cjs', '.mts', '.cts'];
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/**
 * The class `module` exports as `name`: its own, or one it re-exports from a module of the workspace. 'unknown'
 * when a re-export that may provide it cannot be read (a package, a file that is not there, a chain too deep), so
 * a caller must not say the class is missing; undefined when it is certainly not exported.
 */
export function exportedClass(module: ModuleFacts, name: string, modules: ModuleSource): ExportedClass | 'unknown' | undefined {
  return find(module, name, modules, 0, new Set());
}

/** Every class `module` exports, by exported name, re-exports followed as far as they can be read. */
export function exportedClassList(module: ModuleFacts, modules: ModuleSource): [string, ExportedClass][] {
  const out = new Map<string, ExportedClass>();
  collect(module, modules, 0, new Set(), out);
  return [...out];
}

function find(module: ModuleFacts, name: string, modules: ModuleSource, depth: number, seen: Set<string>): ExportedClass | 'unknown' | undefined {
  const own = module.exportedClasses.get(name);
  if (own) return { cls: own, module };
  if (seen.has(module.file)) return undefined;
  seen.add(module.file);
  let unknown = false;
  for (const reExport of module.reExports ?? []) {
    if (reExport.exported !== name) continue;
    const found = follow(module, reExport.specifier, modules, depth, (next) => find(next, reExport.imported, modules, depth + 1, seen));
    if (found === 'unknown') unknown = true;
    else if (found) return found;
  }
  // `export *` never re-exports a name the module exports itself, nor `default` (ECMAScript's star export rules).
  if (name !== 'default') {
    for (const specifier of module.reExportsAllFrom ?? []) {
      const found = follow(module, specifier, modules, depth, (next) => find(next, name, modules, depth + 1, seen));
      if (found === 'unknown') unknown = true;
      else if (found) return found;
    }
  }
  return unknown ? 'unknown' : undefined;
}

function collect(module: ModuleFacts, modules: ModuleSource, depth: number, seen: Set<string>, out: Map<string, ExportedClass>): void {
  if (seen.has(module.file)) return;
  seen.add(module.file);
  for (const [name, cls] of module.exportedClasses) if (!out.has(name)) out.set(name, { cls, module });
  for (const reExport of module.reExports ?? []) {
    if (out.has(reExport.exported)) continue;
    const found = follow(module, reExport.specifier, modules, depth, (next) => find(next, reExport.imported, modules, depth + 1, new Set(seen)));
    if (found && found !== 'unknown') out.set(reExport.exported, found);
  }
  for (const specifier of module.reExportsAllFrom ?? []) {
    follow(module, specifier, modules, depth, (next) => {
      const names = new Map<string, ExportedClass>();
      collect(next, modules, depth + 1, seen, names);
      for (const [name, found] of names) if (name !== 'default' && !out.has(name)) out.set(name, found);
      return undefined;
    });
  }
}

/** Read the module `specifier` names from `from` and hand it to `then`; 'unknown' when it cannot be read. */
function follow<T>(from: ModuleFacts, specifier: string, modules: ModuleSource, depth: number, then: (next: ModuleFacts) => T): T | 'unknown' {
  if (depth >= MAX_DEPTH) return 'unknown';
  const next = resolveRelativeModule(from.file, specifier, modules);
  return next ? then(next) : 'unknown';
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
