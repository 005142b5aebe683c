// Targets and origins of api-config.json, collected in ONE pass over the cached config view and cached per
// parsed document: alias entries, variables, and every value that names one of them (integration and hook
// aliases, wrangler binding names, entrypoints, functions, `$config.X`, `$env.X`).
import { INTEGRATION_ALIAS_TARGET, INTEGRATION_TYPES, type IntegrationType } from 'serverless-api-gateway-runtime/config';
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import { configView, propertiesOf, stringOf, type AliasSectionName, type ConfigView } from '../../rules/schema/config-view';
import { gatewayUses } from '../../rules/wrangler/gateway-uses';
import {
  TextSite,
  type AliasOrigin,
  type AliasSection,
  type AliasTarget,
  type BindingOrigin,
  type ConfigVariableOrigin,
  type ConfigVariableTarget,
  type EntrypointOrigin,
  type EnvVariableOrigin,
  type FunctionOrigin,
  type HookRole,
  type Occurrence,
} from './model';

export interface ConfigPart {
  doc: ConfigDocument;
  view: ConfigView;
  /** String value (or variable key) node -> what it is, for O(1) cursor lookups. */
  byNode: Map<JsonNode, Occurrence>;
  /** Every entry per alias, in the order the runtime looks them up (the winner first). */
  aliases: Record<AliasSection, Map<string, AliasTarget[]>>;
  /** Alias origins by the section they read; `any` holds those whose integration type does not say. */
  aliasOrigins: Record<AliasSection | 'any', Map<string, AliasOrigin[]>>;
  bindingOrigins: Map<string, BindingOrigin[]>;
  entrypointOrigins: EntrypointOrigin[];
  functionOrigins: FunctionOrigin[];
  globalVariables: Map<string, ConfigVariableTarget>;
  routeVariables: Map<number, Map<string, ConfigVariableTarget>>;
  configOrigins: ConfigVariableOrigin[];
  envOrigins: Map<string, EnvVariableOrigin[]>;
}

const cache = new WeakMap<ConfigDocument, ConfigPart>();

export function configPart(doc: ConfigDocument): ConfigPart {
  let part = cache.get(doc);
  if (!part) {
    part = collect(doc);
    cache.set(doc, part);
  }
  return part;
}

/** Site of a JSON string node: the whole literal, and its content between the quotes. */
export function stringSite(doc: ConfigDocument, node: JsonNode, nameStart = 0, nameLength?: number): TextSite {
  const closed = node.length >= 2 && doc.text.charCodeAt(node.offset + node.length - 1) === 34;
  const contentLength = Math.max(0, node.length - (closed ? 2 : 1));
  return new TextSite(doc.file, doc.lines, node.offset, node.length, node.offset + 1 + nameStart, nameLength ?? contentLength);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const SECTION_OF: Record<AliasSectionName, AliasSection> = { servers: 'servers', services: 'services', serviceBindings: 'serviceBindings', servicesBindings: 'serviceBindings' };
/** First `$request.header|jwt|query.X` or `$config.X` in a raw mapping value: only the first one counts (A.7). */
const MAPPING_EXPRESSION = /\$(?:request\.(?:header|jwt|query)|(config))\.([A-Za-z0-9._-]+)/;

function collect(doc: ConfigDocument): ConfigPart {
  const view = configView(doc);
  const part: ConfigPart = {
    doc,
    view,
    byNode: new Map(),
    aliases: { servers: new Map(), services: new Map(), serviceBindings: new Map() },
    aliasOrigins: { servers: new Map(), services: new Map(), serviceBindings: new Map(), any: new Map() },
    bindingOrigins: new Map(),
    entrypointOrigins: [],
    functionOrigins: [],
    globalVariables: new Map(),
    routeVariables: new Map(),
    configOrigins: [],
    envOrigins: new Map(),
  };
  collectAliasEntries(part);
  collectVariables(part, view.rootProps.get('variables')?.value, undefined);
  for (const route of view.routes) collectRoute(part, route.index, route.node);
  for (const placeholder of gatewayUses(doc).placeholders) {
    const origin: EnvVariableOrigin = { role: 'origin', kind: 'envVariable', name: placeholder.name, prefix: placeholder.prefix, site: stringSite(doc, placeholder.node, placeholder.prefix.length, placeholder.name.length) };
    push(part.envOrigins, placeholder.name, origin);
    part.byNode.set(placeholder.node, origin);
  }
  return part;
}

function collectAliasEntries(part: ConfigPart): void {
  const { view, doc } = part;
  for (const sectionKey of ['servers', 'services', 'serviceBindings', 'servicesBindings'] as AliasSectionName[]) {
    const section = SECTION_OF[sectionKey];
    const winners = view[section];
    for (const entry of view.entries[sectionKey]) {
      const target: AliasTarget = {
        role: 'target',
        kind: 'alias',
        name: entry.alias,
        section,
        sectionKey,
        index: entry.index,
        entry: entry.entry,
        ...(stringOf(entry.target) !== undefined ? { second: stringOf(entry.target)! } : {}),
        winner: winners.get(entry.alias) === entry,
        site: stringSite(doc, entry.aliasNode),
      };
      part.byNode.set(entry.aliasNode, target);
      const list = part.aliases[section].get(entry.alias);
      if (!list) part.aliases[section].set(entry.alias, [target]);
      else if (target.winner) list.unshift(target);
      else list.push(target);
      const second = entry.target;
      const value = stringOf(second);
      if (!second || value === undefined) continue;
      if (sectionKey === 'services') {
        const origin: EntrypointOrigin = { role: 'origin', kind: 'entrypoint', name: value, index: entry.index, alias: entry.alias, site: stringSite(doc, second) };
        part.entrypointOrigins.push(origin);
        part.byNode.set(second, origin);
      } else if (section === 'serviceBindings') {
        const origin: BindingOrigin = { role: 'origin', kind: 'binding', name: value, sectionKey: sectionKey as BindingOrigin['sectionKey'], index: entry.index, alias: entry.alias, site: stringSite(doc, second) };
        push(part.bindingOrigins, value, origin);
        part.byNode.set(second, origin);
      }
    }
  }
  // Entries without an alias still name a binding: rename and references must see them.
  for (const sectionKey of ['serviceBindings', 'servicesBindings'] as const) {
    const array = view.rootProps.get(sectionKey)?.value;
    (array?.type === 'array' ? array.children ?? [] : []).forEach((item, index) => {
      const props = propertiesOf(item);
      if (stringOf(props.get('alias')?.value) !== undefined) return;
      const node = props.get('binding')?.value;
      const value = stringOf(node);
      if (!node || value === undefined) return;
      const origin: BindingOrigin = { role: 'origin', kind: 'binding', name: value, sectionKey, index, site: stringSite(doc, node) };
      push(part.bindingOrigins, value, origin);
      part.byNode.set(node, origin);
    });
  }
}

function collectVariables(part: ConfigPart, node: JsonNode | undefined, routeIndex: number | undefined): void {
  if (node?.type !== 'object') return;
  const into = routeIndex === undefined ? part.globalVariables : new Map<string, ConfigVariableTarget>();
  for (const prop of propertiesOf(node).values()) {
    const target: ConfigVariableTarget = {
      role: 'target',
      kind: 'configVariable',
      name: prop.key,
      ...(routeIndex !== undefined ? { routeIndex } : {}),
      ...(prop.value ? { value: prop.value } : {}),
      site: stringSite(part.doc, prop.keyNode),
    };
    into.set(prop.key, target);
    part.byNode.set(prop.keyNode, target);
  }
  if (routeIndex !== undefined && into.size > 0) part.routeVariables.set(routeIndex, into);
}

/** The values of the keys a route reads, in one pass over an object's properties (the last duplicate wins, as JSON.parse). */
function fields<K extends string>(node: JsonNode | undefined, keys: readonly K[]): Partial<Record<K, JsonNode>> {
  const out: Partial<Record<K, JsonNode>> = {};
  if (node?.type !== 'object') return out;
  for (const prop of node.children ?? []) {
    const key = prop.children?.[0]?.value;
    const value = prop.children?.[1];
    if (value && typeof key === 'string' && (keys as readonly string[]).includes(key)) out[key as K] = value;
  }
  return out;
}

const ROUTE_KEYS = ['integration', 'pre_process', 'post_process', 'variables', 'mapping'] as const;
const INTEGRATION_KEYS = ['type', 'server', 'binding', 'function', 'post_process'] as const;
const HOOK_KEYS = ['binding', 'function'] as const;

function collectRoute(part: ConfigPart, routeIndex: number, routeNode: JsonNode): void {
  const route = fields(routeNode, ROUTE_KEYS);
  if (route.integration?.type === 'object') {
    const integration = fields(route.integration, INTEGRATION_KEYS);
    const integrationType = stringOf(integration.type);
    const target = integrationType !== undefined ? INTEGRATION_ALIAS_TARGET[integrationType as IntegrationType] : undefined;
    const unknownType = integrationType === undefined || !isKnownType(integrationType);
    if (target) addAlias(part, integration[target.field], target.section, routeIndex, 'integration', integrationType);
    else if (unknownType) {
      // The type is missing or misspelled: the user still means an alias; `server` can only be a servers alias.
      addAlias(part, integration.server, 'servers', routeIndex, 'integration', integrationType);
      addAlias(part, integration.binding, undefined, routeIndex, 'integration', integrationType);
    }
    if (integrationType === 'service_binding' || unknownType) addFunction(part, integration.function, stringOf(integration.binding), routeIndex, 'integration');
    addHook(part, integration.post_process, routeIndex, 'post_process');
  }
  addHook(part, route.pre_process, routeIndex, 'pre_process');
  // A `post_process` beside `integration` (SAG110 moves it in): its alias is renamed with the others, so the move keeps it.
  addHook(part, route.post_process, routeIndex, 'post_process');
  collectVariables(part, route.variables, routeIndex);
  if (route.mapping?.type === 'object') {
    for (const group of route.mapping.children ?? []) {
      const values = group.children?.[1];
      if (values?.type !== 'object') continue;
      for (const entry of values.children ?? []) addConfigExpression(part, entry.children?.[1], routeIndex);
    }
  }
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(INTEGRATION_TYPES);

function isKnownType(type: string): boolean {
  return KNOWN_TYPES.has(type);
}

function addAlias(part: ConfigPart, node: JsonNode | undefined, section: AliasSection | undefined, routeIndex: number, hook: HookRole, integrationType?: string): void {
  const name = stringOf(node);
  if (!node || name === undefined) return;
  // Plain literals (no spreads): this runs once per route of a 10,000-route config.
  const origin: AliasOrigin = { role: 'origin', kind: 'alias', name, routeIndex, hook, section, integrationType, site: stringSite(part.doc, node) };
  push(part.aliasOrigins[section ?? 'any'], name, origin);
  part.byNode.set(node, origin);
}

function addFunction(part: ConfigPart, node: JsonNode | undefined, alias: string | undefined, routeIndex: number, hook: HookRole): void {
  const name = stringOf(node);
  if (!node || name === undefined) return;
  const origin: FunctionOrigin = { role: 'origin', kind: 'function', name, routeIndex, hook, alias, site: stringSite(part.doc, node) };
  part.functionOrigins.push(origin);
  part.byNode.set(node, origin);
}

function addHook(part: ConfigPart, hook: JsonNode | undefined, routeIndex: number, role: HookRole): void {
  if (hook?.type !== 'object') return;
  const { binding, function: fn } = fields(hook, HOOK_KEYS);
  addAlias(part, binding, 'serviceBindings', routeIndex, role);
  addFunction(part, fn, stringOf(binding), routeIndex, role);
}

function addConfigExpression(part: ConfigPart, node: JsonNode | undefined, routeIndex: number): void {
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || !node.value.includes('$config.')) return;
  // Positions come from the raw text (escapes would shift the decoded value's offsets).
  const raw = part.doc.text.slice(node.offset + 1, node.offset + Math.max(1, node.length - 1));
  const match = MAPPING_EXPRESSION.exec(raw);
  if (!match || match[1] !== 'config') return;
  const name = match[2]!;
  const origin: ConfigVariableOrigin = { role: 'origin', kind: 'configVariable', name, routeIndex, site: stringSite(part.doc, node, match.index + '$config.'.length, name.length) };
  part.configOrigins.push(origin);
  part.byNode.set(node, origin);
}
