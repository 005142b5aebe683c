// Reads the deployable environments out of a LocatedObject (any format): the top level, then each
// `env.NAME` in file order, with SPEC B.2 inheritance resolved (inherited keys fall back to the top level,
// bindings never do).
import type { Range } from '../../findings';
import type { Located, OtherBindingDecl, ServiceBindingDecl, ServicesForm, WranglerEnvironment, WranglerRule } from '../../model';
import { BINDING_KINDS } from './binding-kinds';
import { entryOf, plainValue, valueOf, type LocatedEntry, type LocatedNode, type LocatedObject } from './located-tree';

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface WranglerTopLevel {
  name?: Located<string>;
  environments: WranglerEnvironment[];
  buildCommand?: Located<string>;
}

export function readEnvironments(root: LocatedObject): WranglerTopLevel {
  const name = stringEntry(entryOf(root, 'name'));
  const environments: WranglerEnvironment[] = [readEnvironment('', root, FILE_START, root, name?.value)];
  const envTable = valueOf(root, 'env');
  if (envTable?.type === 'object') {
    for (const [envName, entry] of envTable.entries) {
      if (entry.value.type !== 'object') continue;
      const range = entry.value.headerRange ?? entry.keyRange;
      environments.push(readEnvironment(envName, entry.value, range, root, name?.value));
    }
  }
  const buildCommand = stringEntry(entryOf(valueOf(root, 'build'), 'command'));
  return { ...(name ? { name } : {}), environments, ...(buildCommand ? { buildCommand } : {}) };
}

function readEnvironment(envName: string, env: LocatedObject, range: Range, top: LocatedObject, topName: string | undefined): WranglerEnvironment {
  const ownName = stringEntry(entryOf(env, 'name'))?.value;
  const workerName = envName === '' ? topName : ownName ?? (topName !== undefined ? `${topName}-${envName}` : undefined);
  const servicesNode = valueOf(env, 'services');
  // Inherited keys: the env's own entry when it has one (even of a wrong type), else the top level's.
  const inherited = (key: string): LocatedEntry | undefined => (envName !== '' && env.entries.has(key) ? entryOf(env, key) : entryOf(top, key));
  const environment: WranglerEnvironment = {
    name: envName,
    range,
    ...(workerName !== undefined ? { workerName } : {}),
    services: readServices(servicesNode),
    servicesForm: servicesFormOf(servicesNode),
    vars: readVars(valueOf(env, 'vars')),
    kvNamespaces: [],
    otherBindings: [],
  };
  const bindings = readOtherBindings(env);
  environment.kvNamespaces = bindings.filter((b) => b.kind === 'kv_namespaces');
  environment.otherBindings = bindings.filter((b) => b.kind !== 'kv_namespaces');
  for (const [varName, value] of environment.vars) {
    environment.otherBindings.push({ kind: 'vars', name: { value: varName, range: value.keyRange ?? value.range, ...(value.keyRange ? { keyRange: value.keyRange } : {}) } });
  }
  assignDefined(environment, 'main', stringEntry(inherited('main')));
  assignDefined(environment, 'baseDir', stringEntry(inherited('base_dir')));
  assignDefined(environment, 'findAdditionalModules', booleanEntry(inherited('find_additional_modules')));
  assignDefined(environment, 'rules', rulesEntry(inherited('rules')));
  const flags = inherited('compatibility_flags');
  assignDefined(environment, 'compatibilityFlags', stringListEntry(flags));
  if (flags && flags.value.type !== 'array') environment.compatibilityFlagsNotAList = located(flags, flags.value.type === 'scalar' ? JSON.stringify(flags.value.value) : '');
  assignDefined(environment, 'compatibilityDate', stringEntry(inherited('compatibility_date')));
  assignDefined(environment, 'noBundle', booleanEntry(inherited('no_bundle')));
  return environment;
}

function assignDefined<K extends keyof WranglerEnvironment>(target: WranglerEnvironment, key: K, value: WranglerEnvironment[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function located<T>(entry: LocatedEntry, value: T): Located<T> {
  return { value, range: entry.value.range, keyRange: entry.keyRange };
}

function stringEntry(entry: LocatedEntry | undefined): Located<string> | undefined {
  return entry?.value.type === 'scalar' && typeof entry.value.value === 'string' ? located(entry, entry.value.value) : undefined;
}

function booleanEntry(entry: LocatedEntry | undefined): Located<boolean> | undefined {
  return entry?.value.type === 'scalar' && typeof entry.value.value === 'boolean' ? located(entry, entry.value.value) : undefined;
}

function stringListEntry(entry: LocatedEntry | undefined): Located<string[]> | undefined {
  if (entry?.value.type !== 'array') return undefined;
  const strings = entry.value.items.flatMap((item) => (item.type === 'scalar' && typeof item.value === 'string' ? [item.value] : []));
  return located(entry, strings);
}

function rulesEntry(entry: LocatedEntry | undefined): Located<WranglerRule[]> | undefined {
  if (entry?.value.type !== 'array') return undefined;
  const rules: WranglerRule[] = [];
  for (const item of entry.value.items) {
    const type = scalarString(valueOf(item, 'type'));
    if (type === undefined) continue;
    const globsNode = valueOf(item, 'globs');
    const globs =
      globsNode?.type === 'array'
        ? globsNode.items.flatMap((g) => (g.type === 'scalar' && typeof g.value === 'string' ? [g.value] : []))
        : typeof scalarString(globsNode) === 'string'
          ? [scalarString(globsNode)!]
          : [];
    const fallthrough = valueOf(item, 'fallthrough');
    rules.push({ type, globs, ...(fallthrough?.type === 'scalar' && typeof fallthrough.value === 'boolean' ? { fallthrough: fallthrough.value } : {}) });
  }
  return located(entry, rules);
}

function scalarString(node: LocatedNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function readServices(node: LocatedNode | undefined): ServiceBindingDecl[] {
  if (node?.type !== 'array') return [];
  const services: ServiceBindingDecl[] = [];
  for (const item of node.items) {
    if (item.type !== 'object') continue;
    const binding = stringEntry(entryOf(item, 'binding'));
    if (!binding) continue;
    const service = stringEntry(entryOf(item, 'service'));
    const entrypoint = stringEntry(entryOf(item, 'entrypoint'));
    const environment = stringEntry(entryOf(item, 'environment'));
    services.push({
      binding,
      ...(service ? { service } : {}),
      ...(entrypoint ? { entrypoint } : {}),
      ...(environment ? { environment } : {}),
      range: item.range,
    });
  }
  return services;
}

function servicesFormOf(node: LocatedNode | undefined): ServicesForm {
  if (node?.type !== 'array') return { kind: 'absent' };
  switch (node.form) {
    case 'inline':
      return { kind: 'toml-inline-array', arrayRange: node.range };
    case 'json':
      return { kind: 'json-array', arrayRange: node.range };
    case 'table-array': {
      const last = node.items[node.items.length - 1];
      return last ? { kind: 'toml-table-array', lastTableRange: last.range } : { kind: 'absent' };
    }
  }
}

function readVars(node: LocatedNode | undefined): Map<string, Located<unknown>> {
  const vars = new Map<string, Located<unknown>>();
  if (node?.type !== 'object') return vars;
  for (const [key, entry] of node.entries) vars.set(key, { value: plainValue(entry.value), range: entry.value.range, keyRange: entry.keyRange });
  return vars;
}

function readOtherBindings(env: LocatedObject): OtherBindingDecl[] {
  const out: OtherBindingDecl[] = [];
  const pushName = (kind: string, item: LocatedNode | undefined, field: string | undefined): void => {
    if (!item) return;
    if (field === undefined) {
      if (item.type === 'scalar' && typeof item.value === 'string') out.push({ kind, name: { value: item.value, range: item.range } });
      return;
    }
    const name = stringEntry(entryOf(item, field));
    if (name) out.push({ kind, name });
  };
  for (const kind of BINDING_KINDS) {
    const node = valueOf(env, kind.key);
    if (!node) continue;
    switch (kind.shape) {
      case 'array':
        if (node.type === 'array') for (const item of node.items) pushName(kind.key, item, kind.nameField);
        break;
      case 'object':
        pushName(kind.key, node, kind.nameField);
        break;
      case 'nested': {
        const list = valueOf(node, kind.container!);
        if (list?.type === 'array') for (const item of list.items) pushName(kind.key, item, kind.nameField);
        break;
      }
      case 'names':
        if (node.type === 'object') {
          for (const [key, entry] of node.entries) out.push({ kind: kind.key, name: { value: key, range: entry.keyRange, keyRange: entry.keyRange } });
        }
        break;
    }
  }
  return out;
}
