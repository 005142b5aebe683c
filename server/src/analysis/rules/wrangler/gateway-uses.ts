// What api-config.json asks of the Worker's `env`, collected in one walk per parsed document: the
// serviceBindings entries that routes or hooks use (with the functions they call), the `$env.`/`$secret.`
// placeholders, and the supabase routes. The 3xx checks compare these with each wrangler environment.
import { editStamp } from '../../parse/edit-stamps';
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import { stringNodeAt } from '../../parse/config-document';
import { routeChanges } from '../../incremental/route-changes';
import { sameItems } from '../../incremental/same-items';
import { configView, propertiesOf, stringOf, type AliasEntry, type RouteView } from '../schema/config-view';
import { routeEntryOf } from '../routing/route-table';
import { insertSorted, removeSorted } from '../../text/lower-bound';

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
  /** The route's index the placeholders' pointers name (`/paths/<index>/...`). */
  index?: number;
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
  // Placeholders found at another index (the route moved: config-view.ts movedRouteView) name the old one.
  if (found && (found.placeholders.length === 0 || found.index === route.index)) return found;
  let uses: RouteUses['uses'] | undefined;
  let supabaseType: JsonNode | undefined;
  // The route table's entry: the item's nodes read in one pass, shared with the references and routing rules.
  const entry = routeEntryOf(route);
  if (entry) {
    if (route.integrationType === 'service_binding') uses = addUse(uses, 'integration', entry.bindingNode, route.integrationProps?.value('function'));
    if (route.integrationType?.startsWith('supabase_')) supabaseType = entry.integrationTypeNode;
    // As JSON.parse reads a hook object: the last duplicate key wins.
    const pre = entry.preProcessNode;
    if (pre?.type === 'object') {
      const props = propertiesOf(pre);
      uses = addUse(uses, 'pre_process', props.value('binding'), props.value('function'));
    }
    const post = entry.postProcessNode;
    if (post?.type === 'object') {
      const props = propertiesOf(post);
      uses = addUse(uses, 'post_process', props.value('binding'), props.value('function'));
    }
  }
  const placeholders = routePlaceholders(route, docText);
  found = uses || supabaseType || placeholders.length > 0 ? { uses: uses ?? NO_USES, ...(supabaseType ? { supabaseType } : {}), placeholders, index: route.index } : NOTHING_USED;
  route.derived.envUses = found;
  return found;
}

/** `uses` with one more when the alias is a string (the list is made for the first one). */
function addUse(uses: RouteUses['uses'] | undefined, kind: BindingUseKind, aliasNode: JsonNode | undefined, functionNode: JsonNode | undefined): RouteUses['uses'] | undefined {
  const alias = stringOf(aliasNode);
  if (alias === undefined || !aliasNode) return uses;
  const functionName = stringOf(functionNode);
  const use: BindingUse = functionName !== undefined && functionNode ? { kind, aliasNode, functionName, functionNode } : { kind, aliasNode };
  if (!uses) return [{ alias, use }];
  uses.push({ alias, use });
  return uses;
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
 * route by route across edits (routeChanges), with each alias's uses in route order (made in the same pass on a
 * rebuild; after a patch, when first asked for).
 */
interface RouteIndex {
  aliases: Map<string, AliasRoutes>;
  supabaseRoutes: number[];
}

interface AliasRoutes {
  routes: number[];
  /** undefined: to be read again from the routes (one of them changed). */
  uses: BindingUse[] | undefined;
}

const indexOfTree = new WeakMap<JsonNode, RouteIndex>();

function indexRoute(routeIndex: RouteIndex, uses: RouteUses, index: number, add: boolean): void {
  for (const { alias } of uses.uses) {
    let named = routeIndex.aliases.get(alias);
    if (named) named.uses = undefined;
    if (add) {
      if (!named) routeIndex.aliases.set(alias, (named = { routes: [], uses: undefined }));
      insertSorted(named.routes, index);
    } else if (named) {
      removeSorted(named.routes, index);
      if (named.routes.length === 0) routeIndex.aliases.delete(alias);
    }
  }
  if (uses.supabaseType) {
    if (add) insertSorted(routeIndex.supabaseRoutes, index);
    else removeSorted(routeIndex.supabaseRoutes, index);
  }
}

/** Every route in order: indexes and uses are appended, already sorted, in one pass. */
function rebuildRouteIndex(routeIndex: RouteIndex, routes: readonly RouteView[], docText: string): void {
  const aliases = new Map<string, AliasRoutes>();
  const supabaseRoutes: number[] = [];
  for (let i = 0; i < routes.length; i++) {
    const found = routeUses(routes[i]!, docText);
    if (found === NOTHING_USED) continue;
    for (const { alias, use } of found.uses) {
      const named = aliases.get(alias);
      if (!named) aliases.set(alias, { routes: [i], uses: [use] });
      else {
        if (named.routes[named.routes.length - 1] !== i) named.routes.push(i);
        named.uses!.push(use);
      }
    }
    if (found.supabaseType) supabaseRoutes.push(i);
  }
  routeIndex.aliases = aliases;
  routeIndex.supabaseRoutes = supabaseRoutes;
}

function updateRouteIndex(doc: ConfigDocument, routes: readonly RouteView[], root: JsonNode | undefined): RouteIndex {
  const fresh = (): RouteIndex => ({ aliases: new Map(), supabaseRoutes: [] });
  if (!root) return fresh();
  let routeIndex = indexOfTree.get(root);
  if (!routeIndex) indexOfTree.set(root, (routeIndex = fresh()));
  const changes = routeChanges(routeIndex, root, routes);
  if (changes.kind === 'all') {
    rebuildRouteIndex(routeIndex, routes, doc.text);
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
  const named = routeIndex.aliases.get(alias);
  if (!named) return undefined;
  if (named.uses) return named.uses;
  const uses: BindingUse[] = [];
  for (const i of named.routes) for (const u of routeUses(routes[i]!, docText).uses) if (u.alias === alias) uses.push(u.use);
  named.uses = uses;
  return uses;
}

function collect(doc: ConfigDocument): GatewayUsesWithOutside {
  const view = configView(doc);
  const routes = view.routes;
  const routeIndex = updateRouteIndex(doc, routes, view.root);
  const pathsNode = view.rootProps.get('paths')?.value;
  const routesNode = pathsNode?.type === 'array' ? pathsNode : undefined;
  const outside = placeholdersOutside(view.root, routesNode);
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
  const text = docText.slice(routeNode.offset, routeNode.offset + routeNode.length);
  // `$` and `\` are searched alone (far faster than `"$`, as `"` is everywhere), merged in text order, and kept
  // when a `"` comes just before (-1: no more of that kind).
  let dollar = text.indexOf('$');
  let escape = text.indexOf('\\');
  if (dollar < 0 && escape < 0) return NO_PLACEHOLDERS;
  let out: EnvPlaceholder[] | undefined;
  while (dollar >= 0 || escape >= 0) {
    let at: number;
    if (escape < 0 || (dollar >= 0 && dollar < escape)) {
      at = dollar;
      dollar = text.indexOf('$', at + 1);
      if (text.charCodeAt(at - 1) !== 34 /* " */) continue;
      // Unescaped, the character after `$` is the value's: only `$env.`, `$secret.`, `$secrets.` can follow
      // (the far more common `$request.`, `$config.` values are skipped without a tree lookup).
      const next = text.charCodeAt(at + 1);
      if (next !== 101 /* e */ && next !== 115 /* s */ && next !== 92 /* \ */) continue;
    } else {
      at = escape;
      escape = text.indexOf('\\', at + 1);
      if (text.charCodeAt(at - 1) !== 34 /* " */) continue;
    }
    const string = stringValueAt(routeNode, routeNode.offset + at - 1);
    if (!string) continue;
    // The pointer is built only for real placeholders.
    if (!placeholderOf(string, '')) continue;
    (out ??= []).push(placeholderOf(string, pointerWithin(string, routeNode, `/paths/${route.index}`))!);
  }
  return out ?? NO_PLACEHOLDERS;
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

/** The last placeholders found outside `paths` per tree, with what they were found under (see below). */
const outsideByRoot = new WeakMap<JsonNode, { under: readonly (JsonNode | number | null | undefined)[]; found: EnvPlaceholder[] }>();

/**
 * The placeholders outside the routes array. Kept while every member of the root has the same value node with
 * the same edit stamp (parse/edit-stamps.ts: same text inside): an edit inside `paths` re-parses nothing outside
 * it (nodes after it only move, which keeps their order and pointers), and the walk over servers, bindings and
 * the rest made a pointer string per value on every edit.
 */
function placeholdersOutside(root: JsonNode | undefined, routesNode: JsonNode | undefined): EnvPlaceholder[] {
  if (!root) return [];
  // Value node and stamp of each member; the routes array stands as null (skipped, whatever node it is now).
  const under: (JsonNode | number | null | undefined)[] = [];
  for (const member of root.children ?? []) {
    const value = member.children?.[1];
    if (value !== undefined && value === routesNode) under.push(null, 0);
    else under.push(value, value ? editStamp(value) : 0);
  }
  const kept = outsideByRoot.get(root);
  if (kept && sameItems(kept.under, under)) return kept.found;
  const found = collectPlaceholders(root, '', routesNode);
  outsideByRoot.set(root, { under, found });
  return found;
}

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
