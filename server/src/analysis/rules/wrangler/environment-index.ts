// Per-environment lookup tables over a wrangler environment (built once per parsed environment), plus the
// words the 3xx messages use to name an environment and its sections, so every message reads the same.
import type { DevVarsFile, GatewayProject, OtherBindingDecl, ServiceBindingDecl, WranglerConfig, WranglerEnvironment } from '../../model';
import { askOnce } from '../../ask-once';
import { basename } from '../../workspace/paths';

export interface EnvironmentIndex {
  /** Service bindings by `binding` (first declaration wins, as wrangler refuses duplicates anyway). */
  services: Map<string, ServiceBindingDecl>;
  /** Service bindings by target Worker name (`service`), to catch a Worker name used as a binding name. */
  byServiceName: Map<string, ServiceBindingDecl>;
  /** Every other binding kind by name: KV, D1, DO, vars, … */
  others: Map<string, OtherBindingDecl>;
}

const indexes = new WeakMap<WranglerEnvironment, EnvironmentIndex>();

export function environmentIndex(env: WranglerEnvironment): EnvironmentIndex {
  let index = indexes.get(env);
  if (index) return index;
  index = { services: new Map(), byServiceName: new Map(), others: new Map() };
  for (const decl of env.services) {
    if (!index.services.has(decl.binding.value)) index.services.set(decl.binding.value, decl);
    const service = decl.service?.value;
    if (service !== undefined && !index.byServiceName.has(service)) index.byServiceName.set(service, decl);
  }
  for (const other of [...env.kvNamespaces, ...env.otherBindings]) if (!index.others.has(other.name.value)) index.others.set(other.name.value, other);
  indexes.set(env, index);
  return index;
}

/** " (env: staging)" / " (env: top level)"; empty when the config has no named environments at all. */
export function envSuffix(wrangler: WranglerConfig, env: WranglerEnvironment): string {
  if (wrangler.environments.length <= 1) return '';
  return ` (env: ${env.name === '' ? 'top level' : env.name})`;
}

/** How the file names an environment's section: `[env.staging]` / `env.staging` / `the top level`. */
export function envSection(wrangler: WranglerConfig, envName: string, key?: string): string {
  const path = [...(envName === '' ? [] : ['env', envName]), ...(key !== undefined ? [key] : [])];
  if (path.length === 0) return 'the top level';
  return wrangler.format === 'toml' ? `[${path.join('.')}]` : `"${path.join('.')}"`;
}

/** Where a service binding of that environment is declared, as the user would write it. */
export function servicesSection(wrangler: WranglerConfig, envName: string): string {
  const path = [...(envName === '' ? [] : ['env', envName]), 'services'];
  return wrangler.format === 'toml' ? `[[${path.join('.')}]]` : `"${path.join('.')}"`;
}

export function wranglerFileName(wrangler: WranglerConfig): string {
  return basename(wrangler.file);
}

/** Names a `.dev.vars*` / `.env` file gives this environment locally. */
export function devVarNames(project: GatewayProject, envName: string): Set<string> {
  const names = new Set<string>();
  for (const file of devVarsFilesOf(project, envName)) for (const name of file.vars.keys()) names.add(name);
  return names;
}

export function devVarsFileNames(project: GatewayProject, envName: string): string[] {
  return devVarsFilesOf(project, envName).map((f) => basename(f.file));
}

/**
 * The files that apply to an environment (those of every environment, then its own, in project order), from the
 * files grouped by environment once per project: with a `.dev.vars.<env>` per environment, a pass over all of
 * them per environment (and per message naming them) grew with the square of the environments.
 */
function devVarsFilesOf(project: GatewayProject, envName: string): DevVarsFile[] {
  const grouped = askOnce(project, 'dev vars by environment', () => {
    const byEnv = new Map<string | undefined, DevVarsFile[]>();
    for (const file of project.devVars) {
      const list = byEnv.get(file.env);
      if (list) list.push(file);
      else byEnv.set(file.env, [file]);
    }
    return { byEnv, applying: new Map<string, DevVarsFile[]>() };
  });
  let files = grouped.applying.get(envName);
  if (!files) {
    const shared = grouped.byEnv.get(undefined) ?? [];
    const own = grouped.byEnv.get(envName) ?? [];
    // Both groups are in project order; merged, so is the result (as a filter over all the files gave it).
    files = own.length === 0 ? shared : shared.length === 0 ? own : mergeInOrder(project.devVars, shared, own);
    grouped.applying.set(envName, files);
  }
  return files;
}

function mergeInOrder(order: readonly DevVarsFile[], a: DevVarsFile[], b: DevVarsFile[]): DevVarsFile[] {
  const position = askOnce(order, 'positions', () => new Map(order.map((file, i) => [file, i] as const)));
  const out: DevVarsFile[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && position.get(a[i]!)! < position.get(b[j]!)!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

/** The environment a settings or `--env` name means: "" and "top" both name the top level. */
export function environmentNamed(name: string): string {
  return name === 'top' ? '' : name;
}

/** `--env NAME` for commands shown to the user; empty for the top level. */
export function envFlag(envName: string): string {
  return envName === '' ? '' : ` --env ${envName}`;
}

/** A name list for a message: at most `max` names, then how many more. */
export function nameList(names: readonly string[], max = 10): string {
  if (names.length === 0) return 'none';
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')}, ... (${names.length - max} more)`;
}
