// What api-config.json asks of the Worker's `env`, collected in one walk per parsed document: the
// serviceBindings entries that routes or hooks use (with the functions they call), the `$env.`/`$secret.`
// placeholders, and the supabase routes. The 3xx checks compare these with each wrangler environment.
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import { configView, stringOf, type AliasEntry, type PropertyView } from '../schema/config-view';

export type BindingUseKind = 'integration' | 'pre_process' | 'post_process';

export interface BindingUse {
  kind: BindingUseKind;
  /** The alias value that names the entry (`integration.binding`, `pre_process.binding`, …). */
  aliasNode: JsonNode;
  /** `function` as written, when it is a string. */
  functionName?: string;
  functionNode?: JsonNode;
}

/** A serviceBindings (or legacy servicesBindings) entry that wins its alias at run time and is used. */
export interface UsedBinding {
  alias: string;
  /** The `env` binding name (`binding` value). */
  binding: string;
  bindingNode: JsonNode;
  pointer: string;
  uses: BindingUse[];
}

export interface EnvPlaceholder {
  prefix: '$env.' | '$secret.' | '$secrets.';
  name: string;
  node: JsonNode;
  pointer: string;
}

export interface GatewayUses {
  usedBindings: UsedBinding[];
  placeholders: EnvPlaceholder[];
  /** `integration.type` nodes of supabase_* routes, in route order. */
  supabaseTypes: JsonNode[];
}

const cache = new WeakMap<ConfigDocument, GatewayUses>();

export function gatewayUses(doc: ConfigDocument): GatewayUses {
  let uses = cache.get(doc);
  if (!uses) {
    uses = collect(doc);
    cache.set(doc, uses);
  }
  return uses;
}

function objectProps(view: PropertyView | undefined): Map<string, JsonNode | undefined> | undefined {
  const node = view?.value;
  if (!node || node.type !== 'object') return undefined;
  const map = new Map<string, JsonNode | undefined>();
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0]?.value;
    if (typeof key === 'string') map.set(key, prop.children?.[1]);
  }
  return map;
}

function collect(doc: ConfigDocument): GatewayUses {
  const view = configView(doc);
  const usesByAlias = new Map<string, BindingUse[]>();
  const addUse = (kind: BindingUseKind, aliasNode: JsonNode | undefined, functionNode: JsonNode | undefined): void => {
    const alias = stringOf(aliasNode);
    if (alias === undefined || !aliasNode) return;
    const functionName = stringOf(functionNode);
    const use: BindingUse = { kind, aliasNode, ...(functionName !== undefined && functionNode ? { functionName, functionNode } : {}) };
    const list = usesByAlias.get(alias);
    if (list) list.push(use);
    else usesByAlias.set(alias, [use]);
  };
  const supabaseTypes: JsonNode[] = [];
  for (const route of view.routes) {
    const integration = route.integrationProps;
    if (route.integrationType === 'service_binding') addUse('integration', integration?.get('binding')?.value, integration?.get('function')?.value);
    if (route.integrationType?.startsWith('supabase_')) {
      const typeNode = integration?.get('type')?.value;
      if (typeNode) supabaseTypes.push(typeNode);
    }
    const pre = objectProps(route.props.get('pre_process'));
    if (pre) addUse('pre_process', pre.get('binding'), pre.get('function'));
    const post = objectProps(integration?.get('post_process'));
    if (post) addUse('post_process', post.get('binding'), post.get('function'));
  }
  const usedBindings: UsedBinding[] = [];
  for (const [alias, entry] of view.serviceBindings) {
    const uses = usesByAlias.get(alias);
    if (!uses) continue;
    const used = usedBinding(entry, uses);
    if (used) usedBindings.push(used);
  }
  return { usedBindings, placeholders: collectPlaceholders(view.root), supabaseTypes };
}

function usedBinding(entry: AliasEntry, uses: BindingUse[]): UsedBinding | undefined {
  const binding = stringOf(entry.target);
  if (binding === undefined || binding === '' || !entry.target) return undefined;
  return { alias: entry.alias, binding, bindingNode: entry.target, pointer: `/${entry.section}/${entry.index}/binding`, uses };
}

const PREFIXES = ['$env.', '$secrets.', '$secret.'] as const;
/** Names the runtime can look up as written; others are SAG117's business. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every string value (never a key) that starts with a placeholder prefix, as the runtime's substitution walks them. */
function collectPlaceholders(root: JsonNode | undefined): EnvPlaceholder[] {
  const out: EnvPlaceholder[] = [];
  // Pointers are built during the walk: pointerOf() searches each parent array, which is quadratic at 10,000 paths.
  const stack: { node: JsonNode; pointer: string }[] = root ? [{ node: root, pointer: '' }] : [];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (node.type === 'string') {
      const value = node.value;
      if (typeof value !== 'string' || value.charCodeAt(0) !== 36 /* $ */) continue;
      const prefix = PREFIXES.find((p) => value.startsWith(p));
      if (!prefix) continue;
      const name = value.slice(prefix.length);
      if (PLAIN_NAME.test(name)) out.push({ prefix, name, node, pointer });
      continue;
    }
    if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0]?.value;
        const value = prop.children?.[1];
        if (value && typeof key === 'string') stack.push({ node: value, pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, index) => stack.push({ node: child, pointer: `${pointer}/${index}` }));
    }
  }
  return out.sort((a, b) => a.node.offset - b.node.offset);
}
