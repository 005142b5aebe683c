// A typed index over api-config.json built in ONE walk and cached per parsed document: the root keys,
// alias sections (first definition wins, as at run time), and one RouteView per path item. Rules of the
// 1xx and 2xx families read it instead of re-walking the tree, so 10,000 routes cost one pass.
import { isShadowed, shadowIndex, type JsonNode } from '../../parse/config-document';
import { currentStamp, editedSince, editStamp } from '../../parse/edit-stamps';
import type { ConfigDocument } from '../../model';

export type AliasSectionName = 'servers' | 'services' | 'serviceBindings' | 'servicesBindings';

export interface PropertyView {
  key: string;
  keyNode: JsonNode;
  /** undefined when the tree was cut by a syntax error. */
  value: JsonNode | undefined;
  prop: JsonNode;
}

export interface AliasEntry {
  section: AliasSectionName;
  index: number;
  entry: JsonNode;
  alias: string;
  aliasNode: JsonNode;
  /** The entry's second field: servers `url`, services `entrypoint`, (service)Bindings `binding`. */
  target?: JsonNode;
}

/**
 * One path item. After an incremental edit the view of an untouched route is the SAME object as before
 * (same node, same edit stamp, same index), so caches keyed by a RouteView hold exactly while its text does.
 */
export interface RouteView {
  index: number;
  node: JsonNode;
  /** editStamp(node) when the view was made. */
  stamp: number;
  /** Properties of the item by key (last duplicate wins, as JSON.parse). */
  props: Properties;
  method?: JsonNode;
  path?: JsonNode;
  integration?: JsonNode;
  /** `integration.type` as written (string values only). */
  integrationType?: string;
  integrationProps?: Properties;
  /**
   * Per-route facts other families derive from this route, cached here (fields set once, typed by their owner):
   * a WeakMap per family would cost 10,000 entries each per analysis. Valid as long as the view is reused; a view
   * of the same text at another index (movedRouteView) starts with them, and an owner whose slot holds the index
   * brings it up to date.
   */
  derived: RouteDerived;
}

/** Slots for RouteView.derived, one per consumer (each file casts its own). */
export interface RouteDerived {
  /** references/alias-checks.ts */
  aliasUses: unknown;
  /** wrangler/gateway-uses.ts */
  envUses: unknown;
  /** routing/route-table.ts */
  routeEntry: unknown;
}

export interface ConfigView {
  doc: ConfigDocument;
  /** The root when it is an object. */
  root?: JsonNode;
  rootProps: Properties;
  /** The alias sections' arrays the entries were read from (the next view re-uses them while these are unedited). */
  sectionNodes: Record<AliasSectionName, JsonNode | undefined>;
  /** Entries with a string alias per section, in order. */
  entries: Record<AliasSectionName, AliasEntry[]>;
  /** First definition per alias. `serviceBindings` holds the runtime's merged view (A.4). */
  servers: Map<string, AliasEntry>;
  services: Map<string, AliasEntry>;
  serviceBindings: Map<string, AliasEntry>;
  routes: RouteView[];
  /** The path item nodes the routes were made from, and the edit stamp counter then (for the next view). */
  routeNodes: readonly JsonNode[];
  stampAtBuild: number;
  authorizer?: JsonNode;
  /** `authorizer.type` when it is a string. */
  authorizerType?: string;
}

/**
 * The properties of an object node, read on demand from its children (last duplicate wins, as JSON.parse).
 * Objects in a config have a handful of keys, so a scan beats building a Map per route (10,000 of them).
 */
export class Properties implements Iterable<[string, PropertyView]> {
  constructor(private readonly node: JsonNode | undefined) {}

  private get props(): JsonNode[] {
    return this.node && this.node.type === 'object' ? this.node.children ?? [] : [];
  }

  /** The value node of `key` (last duplicate wins), without making a PropertyView: the hot lookup of every rule. */
  value(key: string): JsonNode | undefined {
    const node = this.node;
    if (!node || node.type !== 'object' || !node.children) return undefined;
    const props = node.children;
    for (let i = props.length - 1; i >= 0; i--) {
      const pair = props[i]!.children;
      if (pair && pair[0] && pair[0].value === key) return pair[1];
    }
    return undefined;
  }

  get(key: string): PropertyView | undefined {
    const props = this.props;
    for (let i = props.length - 1; i >= 0; i--) {
      const prop = props[i]!;
      const keyNode = prop.children?.[0];
      if (keyNode && keyNode.value === key) return { key, keyNode, value: prop.children?.[1], prop };
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Each key once, at its last occurrence, in file order. */
  values(): PropertyView[] {
    const out: PropertyView[] = [];
    const props = this.props;
    const shadowed = shadowIndex(props);
    for (let i = 0; i < props.length; i++) {
      const prop = props[i]!;
      const keyNode = prop.children?.[0];
      if (!keyNode || typeof keyNode.value !== 'string') continue;
      if (!isShadowed(props, i, shadowed)) out.push({ key: keyNode.value, keyNode, value: prop.children?.[1], prop });
    }
    return out;
  }

  /** True when some key is outside `known` (a cheap pre-check before reporting unknown keys). */
  hasKeyOutside(known: ReadonlySet<string>): boolean {
    for (const prop of this.props) {
      const key = prop.children?.[0]?.value;
      if (typeof key === 'string' && !known.has(key)) return true;
    }
    return false;
  }

  keys(): string[] {
    return this.values().map((p) => p.key);
  }

  [Symbol.iterator](): Iterator<[string, PropertyView]> {
    return this.values().map((p): [string, PropertyView] => [p.key, p])[Symbol.iterator]();
  }
}

export function propertiesOf(node: JsonNode | undefined): Properties {
  return new Properties(node);
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

const cache = new WeakMap<ConfigDocument, ConfigView>();
/** The last view built over a tree root: the next document of an incremental edit shares that root. */
const lastViewOfRoot = new WeakMap<JsonNode, ConfigView>();

/** The view of a parsed config; built once per document object (re-parsing makes a new document). */
export function configView(doc: ConfigDocument): ConfigView {
  let view = cache.get(doc);
  if (!view) {
    view = buildView(doc, doc.root ? lastViewOfRoot.get(doc.root) : undefined);
    cache.set(doc, view);
    if (doc.root) lastViewOfRoot.set(doc.root, view);
  }
  return view;
}

/** One pass over the item's pairs for the three keys every family reads (last duplicate wins, as Properties.value). */
function newRouteView(node: JsonNode, index: number, stamp: number): RouteView {
  let method: JsonNode | undefined;
  let path: JsonNode | undefined;
  let integration: JsonNode | undefined;
  const pairs = node.type === 'object' ? node.children : undefined;
  if (pairs) {
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i]!.children;
      const key = pair?.[0]?.value;
      if (key === 'method') method = pair![1];
      else if (key === 'path') path = pair![1];
      else if (key === 'integration') integration = pair![1];
    }
  }
  const integrationProps = integration?.type === 'object' ? propertiesOf(integration) : undefined;
  return {
    derived: { aliasUses: undefined, envUses: undefined, routeEntry: undefined },
    index,
    node,
    stamp,
    props: propertiesOf(node),
    method,
    path,
    integration,
    integrationType: stringOf(integrationProps?.value('type')),
    integrationProps,
  };
}

/**
 * The view of a route that moved to `index`: what was derived from its text is shared (each slot's owner adjusts
 * what depends on the index, as routeEntryOf does).
 */
function movedRouteView(view: RouteView, index: number): RouteView {
  return { ...view, index, derived: { ...view.derived } };
}

/**
 * Where the route `node` now at `index` was before the edit, if it moved: by the change in the number of routes
 * (`delta`: routes inserted or removed before it) or by one (a route moved across it). Any other move is not
 * looked for (a map of 10,000 routes per edit would cost ~2 MB): such a route is read and checked again.
 */
export function movedFrom(nodeAt: (j: number) => JsonNode | undefined, node: JsonNode, index: number, delta: number): number | undefined {
  if (delta !== 0 && index - delta >= 0 && nodeAt(index - delta) === node) return index - delta;
  if (index > 0 && nodeAt(index - 1) === node) return index - 1;
  if (nodeAt(index + 1) === node) return index + 1;
  return undefined;
}

const SECOND_FIELD: Record<AliasSectionName, string> = { servers: 'url', services: 'entrypoint', serviceBindings: 'binding', servicesBindings: 'binding' };

/** The four alias sections' arrays (undefined where a section is missing or not an array). */
function sectionNodesOf(rootProps: Properties): Record<AliasSectionName, JsonNode | undefined> {
  const arrayOrNothing = (node: JsonNode | undefined): JsonNode | undefined => (node?.type === 'array' ? node : undefined);
  return {
    servers: arrayOrNothing(rootProps.value('servers')),
    services: arrayOrNothing(rootProps.value('services')),
    serviceBindings: arrayOrNothing(rootProps.value('serviceBindings')),
    servicesBindings: arrayOrNothing(rootProps.value('servicesBindings')),
  };
}

/** The alias sections' entries and first definitions, read from their arrays. */
function readSections(sections: Record<AliasSectionName, JsonNode | undefined>): Pick<ConfigView, 'entries' | 'servers' | 'services' | 'serviceBindings'> {
  const entries: Record<AliasSectionName, AliasEntry[]> = { servers: [], services: [], serviceBindings: [], servicesBindings: [] };
  for (const section of Object.keys(entries) as AliasSectionName[]) {
    const array = sections[section];
    if (!array) continue;
    (array.children ?? []).forEach((entry, index) => {
      const props = propertiesOf(entry);
      const aliasNode = props.value('alias');
      const alias = stringOf(aliasNode);
      if (alias === undefined || !aliasNode) return;
      entries[section].push({ section, index, entry, alias, aliasNode, target: props.value(SECOND_FIELD[section]) });
    });
  }
  const firstByAlias = (list: AliasEntry[], into = new Map<string, AliasEntry>()): Map<string, AliasEntry> => {
    for (const e of list) if (e.alias !== '' && !into.has(e.alias)) into.set(e.alias, e);
    return into;
  };
  return {
    entries,
    servers: firstByAlias(entries.servers),
    services: firstByAlias(entries.services),
    serviceBindings: firstByAlias(entries.servicesBindings, firstByAlias(entries.serviceBindings)),
  };
}

function buildView(doc: ConfigDocument, previous: ConfigView | undefined): ConfigView {
  const root = doc.root && doc.root.type === 'object' ? doc.root : undefined;
  const rootProps = propertiesOf(root);
  const stampAtBuild = currentStamp();
  // Nodes edited in place since the previous view (a handful); undefined = ask each node for its stamp.
  const edited = previous ? editedSince(previous.stampAtBuild) : undefined;
  const sectionNodes = sectionNodesOf(rootProps);
  // The same section arrays, none edited since (an edit in `paths` leaves them alone): the same entries.
  const sameSections =
    previous !== undefined &&
    edited !== undefined &&
    (Object.keys(sectionNodes) as AliasSectionName[]).every((s) => sectionNodes[s] === previous.sectionNodes[s] && !(sectionNodes[s] && edited.has(sectionNodes[s]!)));
  const sections = sameSections ? previous : readSections(sectionNodes);
  const pathsNode = rootProps.value('paths');
  const routeNodes = pathsNode && pathsNode.type === 'array' ? pathsNode.children ?? [] : [];
  const routes: RouteView[] = new Array(routeNodes.length);
  if (pathsNode && pathsNode.type === 'array') {
    const before = previous?.routes;
    const beforeNodes = previous?.routeNodes;
    for (let index = 0; index < routeNodes.length; index++) {
      const node = routeNodes[index]!;
      if (edited && beforeNodes && beforeNodes[index] === node && !edited.has(node)) {
        routes[index] = before![index]!;
        continue;
      }
      const stamp = editStamp(node);
      const earlier = before?.[index];
      if (earlier && earlier.node === node && earlier.stamp === stamp) {
        routes[index] = earlier;
        continue;
      }
      // Routes inserted or removed before it: the same unedited node at another index. A new view (a view is only
      // reused at its own index) that keeps what was derived from the unchanged text.
      const from = earlier?.node !== node && beforeNodes ? movedFrom((j) => beforeNodes[j], node, index, routeNodes.length - beforeNodes.length) : undefined;
      const moved = from !== undefined ? before![from] : undefined;
      routes[index] = moved && moved.stamp === stamp ? movedRouteView(moved, index) : newRouteView(node, index, stamp);
    }
  }
  const authorizer = rootProps.value('authorizer');
  return {
    doc,
    root,
    rootProps,
    sectionNodes,
    entries: sections.entries,
    servers: sections.servers,
    services: sections.services,
    serviceBindings: sections.serviceBindings,
    routes,
    routeNodes: [...routeNodes],
    stampAtBuild,
    authorizer,
    authorizerType: authorizer?.type === 'object' ? stringOf(propertiesOf(authorizer).value('type')) : undefined,
  };
}
