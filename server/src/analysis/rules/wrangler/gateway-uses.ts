// What api-config.json asks of the Worker's `env`, collected in one walk per parsed document: the
// serviceBindings entries that routes or hooks use (with the functions they call), the `$env.`/`$secret.`
// placeholders, and the supabase routes. The 3xx checks compare these with each wrangler environment.
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import { stringNodeAt } from '../../parse/config-document';
import { routeChanges } from '../../incremental/route-changes';
import { configView, propertiesOf, stringOf, type AliasEntry, type RouteView } from '../schema/config-view';

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

/** What one path item asks of `env`; read once per route view (an unchanged route keeps its view across edits). */
export interface RouteUses {
  uses: { alias: string; use: BindingUse }[];
  supabaseType?: JsonNode;
  /** The route's placeholders, in text order. */
  placeholders: EnvPlaceholder[];
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

/** `docText`: the text of the document the route view belongs to. */
export function routeUses(route: RouteView, docText: string): RouteUses {
  let found = route.derived.envUses as RouteUses | undefined;
  if (found) return found;
  let uses: RouteUses['uses'] | undefined;
  const addUse = (kind: BindingUseKind, aliasNode: JsonNode | undefined, functionNode: JsonNode | undefined): void => {
    const alias = stringOf(aliasNode);
    if (alias === undefined || !aliasNode) return;
    const functionName = stringOf(functionNode);
    (uses ??= []).push({ alias, use: { kind, aliasNode, ...(functionName !== undefined && functionNode ? { functionName, functionNode } : {}) } });
  };
  let supabaseType: JsonNode | undefined;
  const integration = route.integrationProps;
  if (route.integrationType === 'service_binding') addUse('integration', integration?.value('binding'), integration?.value('function'));
  if (route.integrationType?.startsWith('supabase_')) supabaseType = integration?.value('type');
  // As JSON.parse reads a hook object: the last duplicate key wins.
  const pre = route.props.value('pre_process');
  if (pre?.type === 'object') {
    const props = propertiesOf(pre);
    addUse('pre_process', props.value('binding'), props.value('function'));
  }
  const post = integration?.value('post_process');
  if (post?.type === 'object') {
    const props = propertiesOf(post);
    addUse('post_process', props.value('binding'), props.value('function'));
  }
  const placeholders = routePlaceholders(route, docText);
  found = uses || supabaseType || placeholders.length > 0 ? { uses: uses ?? NO_USES, ...(supabaseType ? { supabaseType } : {}), placeholders } : NOTHING_USED;
  route.derived.envUses = found;
  return found;
}

const NO_USES: RouteUses['uses'] = [];
const NO_PLACEHOLDERS: EnvPlaceholder[] = [];
/** Most routes ask nothing of `env`: they share one empty answer. */
const NOTHING_USED: RouteUses = { uses: NO_USES, placeholders: NO_PLACEHOLDERS };

export interface GatewayUsesWithOutside extends GatewayUses {
  /** Placeholders outside the path items (checkVariables reports those; each route reports its own). */
  outsidePlaceholders: EnvPlaceholder[];
}

/**
 * Which routes name each alias and which are supabase routes (sorted route indexes), per config tree, patched
 * route by route across edits (routeChanges), with each alias's uses in route order built when first asked for.
 */
interface RouteIndex {
  aliasRoutes: Map<string, number[]>;
  supabaseRoutes: number[];
  usesOfAlias: Map<string, BindingUse[]>;
}

const indexOfTree = new WeakMap<JsonNode, RouteIndex>();

function insertSorted(list: number[], value: number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  if (list[low] !== value) list.splice(low, 0, value);
}

function removeSorted(list: number[], value: number): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
}

function indexRoute(routeIndex: RouteIndex, uses: RouteUses, index: number, add: boolean): void {
  for (const { alias } of uses.uses) {
    routeIndex.usesOfAlias.delete(alias);
    let list = routeIndex.aliasRoutes.get(alias);
    if (add) {
      if (!list) routeIndex.aliasRoutes.set(alias, (list = []));
      insertSorted(list, index);
    } else if (list) {
      removeSorted(list, index);
      if (list.length === 0) routeIndex.aliasRoutes.delete(alias);
    }
  }
  if (uses.supabaseType) {
    if (add) insertSorted(routeIndex.supabaseRoutes, index);
    else removeSorted(routeIndex.supabaseRoutes, index);
  }
}

function updateRouteIndex(doc: ConfigDocument, routes: readonly RouteView[], root: JsonNode | undefined): RouteIndex {
  const fresh = (): RouteIndex => ({ aliasRoutes: new Map(), supabaseRoutes: [], usesOfAlias: new Map() });
  if (!root) return fresh();
  let routeIndex = indexOfTree.get(root);
  if (!routeIndex) indexOfTree.set(root, (routeIndex = fresh()));
  const changes = routeChanges(routeIndex, root, routes);
  if (changes.kind === 'all') {
    Object.assign(routeIndex, fresh());
    routes.forEach((route, i) => indexRoute(routeIndex, routeUses(route, doc.text), i, true));
    return routeIndex;
  }
  for (const i of changes.indexes) {
    const before = changes.previous[i];
    if (before) indexRoute(routeIndex, routeUses(before, doc.text), i, false);
    indexRoute(routeIndex, routeUses(routes[i]!, doc.text), i, true);
  }
  return routeIndex;
}

function usesOf(routeIndex: RouteIndex, alias: string, routes: readonly RouteView[], docText: string): BindingUse[] | undefined {
  let uses = routeIndex.usesOfAlias.get(alias);
  if (uses) return uses;
  const indexes = routeIndex.aliasRoutes.get(alias);
  if (!indexes) return undefined;
  uses = [];
  for (const i of indexes) for (const u of routeUses(routes[i]!, docText).uses) if (u.alias === alias) uses.push(u.use);
  routeIndex.usesOfAlias.set(alias, uses);
  return uses;
}

function collect(doc: ConfigDocument): GatewayUsesWithOutside {
  const view = configView(doc);
  const routes = view.routes;
  const routeIndex = updateRouteIndex(doc, routes, view.root);
  const pathsNode = view.rootProps.get('paths')?.value;
  const routesNode = pathsNode?.type === 'array' ? pathsNode : undefined;
  const outside = collectPlaceholders(view.root, '', routesNode);
  const supabaseTypes: JsonNode[] = [];
  for (const i of routeIndex.supabaseRoutes) supabaseTypes.push(routeUses(routes[i]!, doc.text).supabaseType!);
  const usedBindings: UsedBinding[] = [];
  for (const [alias, entry] of view.serviceBindings) {
    const uses = usesOf(routeIndex, alias, routes, doc.text);
    if (!uses) continue;
    const used = usedBinding(entry, uses);
    if (used) usedBindings.push(used);
  }
  let placeholders: EnvPlaceholder[] | undefined;
  return {
    usedBindings,
    // Every placeholder in text order: only the editor features ask, so it is made when first read.
    get placeholders(): EnvPlaceholder[] {
      if (placeholders) return placeholders;
      placeholders = [];
      const routesStart = routesNode?.offset ?? Infinity;
      let o = 0;
      while (o < outside.length && outside[o]!.node.offset < routesStart) placeholders.push(outside[o++]!);
      for (const route of routes) for (const p of routeUses(route, doc.text).placeholders) placeholders.push(p);
      while (o < outside.length) placeholders.push(outside[o++]!);
      return placeholders;
    },
    outsidePlaceholders: outside,
    supabaseTypes,
  };
}

/** Placeholders outside the path items. */
export function outsidePlaceholders(doc: ConfigDocument): EnvPlaceholder[] {
  return (gatewayUses(doc) as GatewayUsesWithOutside).outsidePlaceholders;
}

function usedBinding(entry: AliasEntry, uses: BindingUse[]): UsedBinding | undefined {
  const binding = stringOf(entry.target);
  if (binding === undefined || binding === '' || !entry.target) return undefined;
  return { alias: entry.alias, binding, bindingNode: entry.target, pointer: `/${entry.section}/${entry.index}/binding`, uses };
}

/** The placeholder of a string value node, or undefined. */
function placeholderOf(node: JsonNode, pointer: string): EnvPlaceholder | undefined {
  const value = node.value;
  if (typeof value !== 'string' || value.charCodeAt(0) !== 36 /* $ */) return undefined;
  const prefix = PREFIXES.find((p) => value.startsWith(p));
  if (!prefix) return undefined;
  const name = value.slice(prefix.length);
  return PLAIN_NAME.test(name) ? { prefix, name, node, pointer } : undefined;
}


/**
 * The placeholders of one path item, found in its text: a string value that starts with `$` starts with `"$`,
 * or with `"\` (an escape such as \u0024); only those strings are looked up in the tree. Same result as
 * collectPlaceholders over the route (text order, same pointers), without walking all its nodes.
 */
function routePlaceholders(route: RouteView, docText: string): EnvPlaceholder[] {
  const routeNode = route.node;
  const out: EnvPlaceholder[] = [];
  const text = docText.slice(routeNode.offset, routeNode.offset + routeNode.length);
  if (text.indexOf('"$') < 0 && text.indexOf('"\\') < 0) return NO_PLACEHOLDERS;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next !== 36 /* $ */ && next !== 92 /* \ */) continue;
    const string = stringValueAt(routeNode, routeNode.offset + i);
    if (!string) continue;
    // The pointer is built only for real placeholders (`$request.…`, `$config.…` values are far more common).
    if (!placeholderOf(string, '')) continue;
    out.push(placeholderOf(string, pointerWithin(string, routeNode, `/paths/${route.index}`))!);
  }
  return out;
}

/** The string node that starts exactly at `offset` and is a value (not a key). */
function stringValueAt(start: JsonNode, offset: number): JsonNode | undefined {
  const node = stringNodeAt(start, offset);
  if (!node || node.offset !== offset) return undefined;
  const parent = node.parent;
  return parent?.type === 'property' && parent.children?.[0] === node ? undefined : node;
}

/** RFC 6901 pointer of `node` below `top` (whose pointer is given), as collectPlaceholders builds it. */
function pointerWithin(node: JsonNode, top: JsonNode, topPointer: string): string {
  const segments: string[] = [];
  let current = node;
  while (current !== top && current.parent) {
    const parent: JsonNode = current.parent;
    if (parent.type === 'property') {
      const key = String(parent.children?.[0]?.value);
      segments.push(key.replace(/~/g, '~0').replace(/\//g, '~1'));
      current = parent.parent!;
    } else {
      segments.push(String(parent.children!.indexOf(current)));
      current = parent;
    }
  }
  let pointer = topPointer;
  for (let i = segments.length - 1; i >= 0; i--) pointer += `/${segments[i]}`;
  return pointer;
}

const PREFIXES = ['$env.', '$secrets.', '$secret.'] as const;
/** Names the runtime can look up as written; others are SAG117's business. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Every string value (never a key) under `start` that starts with a placeholder prefix, as the runtime's
 * substitution walks them, in text order; `skip` (the routes array) is left out.
 */
function collectPlaceholders(start: JsonNode | undefined, startPointer: string, skip?: JsonNode): EnvPlaceholder[] {
  const out: EnvPlaceholder[] = [];
  // Pointers are built during the walk: pointerOf() searches each parent array, which is quadratic at 10,000 paths.
  const stack: { node: JsonNode; pointer: string }[] = start ? [{ node: start, pointer: startPointer }] : [];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (node === skip) continue;
    if (node.type === 'string') {
      const found = placeholderOf(node, pointer);
      if (found) out.push(found);
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
