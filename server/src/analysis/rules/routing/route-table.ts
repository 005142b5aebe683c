// The routes of api-config.json as the routing and security rules read them: one entry per `paths[i]` with the
// nodes findings anchor on and the parsed path segments. Built from the shared ConfigView (one walk for every
// family) and cached per RouteView, so after an incremental edit only the changed routes are read again.
import { classifySegment as sharedClassifySegment, type PatternSegment } from 'serverless-api-gateway-runtime/routing';
import type { JsonNode } from '../../parse/config-document';
import type { ConfigDocument } from '../../model';
import { routeChanges } from '../../incremental/route-changes';
import { configView, type RouteView } from '../schema/config-view';

// Local bindings: calls through a transpiled module's re-export getters add up over 10,000 routes.
const classifySegment = sharedClassifySegment;

/** SPEC A.7 `method` enum; anything else (`get`, `HEAD`) never matches and is SAG104's business. */
export const ROUTE_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'ANY']);

export interface RouteEntry {
  /** Index in `paths[]`, i.e. declaration order (updated in place when the route moves: routeEntryOf). */
  index: number;
  item: JsonNode;
  method: string | undefined;
  methodNode: JsonNode | undefined;
  path: string | undefined;
  pathNode: JsonNode | undefined;
  /** E.8 segments of `path` (after the leading `/`), classified; empty when there is no string path. */
  segments: readonly PatternSegment[];
  /** `integration.type` with `http` normalised to `http_proxy` (SPEC A.9); undefined without an integration. */
  integrationType: string | undefined;
  integrationTypeNode: JsonNode | undefined;
  /** The `integration` object (undefined when absent or not an object). */
  integrationNode: JsonNode | undefined;
  /** `integration.server` / `integration.binding` / `integration.post_process` values. */
  serverNode: JsonNode | undefined;
  bindingNode: JsonNode | undefined;
  postProcessNode: JsonNode | undefined;
  /** `auth` is truthy as the upstream runtime tests it (so the string "false" counts as on). */
  auth: boolean;
  authNode: JsonNode | undefined;
  preProcessNode: JsonNode | undefined;
  mappingNode: JsonNode | undefined;
  variablesNode: JsonNode | undefined;
  /** Method in the enum and a path that starts with `/`: the route can take part in matching. */
  routable: boolean;
}

const tables = new WeakMap<ConfigDocument, RouteEntry[]>();
/** Slots per table of classified segments (a power of two): thousands of distinct segment texts rarely collide. */
const SEGMENT_SLOTS = 8192;
/** Classified segments shared by every entry (texts repeat across thousands of routes). */
const interned: InternedSegments = { inner: new Array(SEGMENT_SLOTS).fill(undefined), last: new Array(SEGMENT_SLOTS).fill(undefined) };

/** Every path item that is an object, in declaration order. */
export function routeTable(config: ConfigDocument): RouteEntry[] {
  let routes = tables.get(config);
  if (!routes) {
    const view = configView(config);
    routes = patchedTable(view.root, view.routes) ?? fullTable(view.routes);
    if (view.root) lastTables.set(view.root, routes);
    tables.set(config, routes);
  }
  return routes;
}

/** The last table of each tree, and the route views it was read from (as routeChanges saw them). */
const lastTables = new WeakMap<JsonNode, RouteEntry[]>();
const TABLE_CONSUMER = {};

function fullTable(views: readonly RouteView[]): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const view of views) {
    const entry = routeEntryOf(view);
    if (entry) routes.push(entry);
  }
  return routes;
}

/**
 * The tree's last table with the entries of the routes an edit replaced, or undefined (rebuild). Patched only when
 * every path item is an object before and after (entry i is route i): 10,000 routes are not walked per keystroke.
 */
function patchedTable(root: JsonNode | undefined, views: readonly RouteView[]): RouteEntry[] | undefined {
  const changes = routeChanges(TABLE_CONSUMER, root, views);
  const last = root ? lastTables.get(root) : undefined;
  if (changes.kind === 'all' || !last || last.length !== views.length) return undefined;
  const routes = last.slice();
  for (const i of changes.indexes) {
    const entry = routeEntryOf(views[i]!);
    if (!entry) return undefined;
    routes[i] = entry;
  }
  return routes;
}

/** The entry of one route (for per-route checks), or undefined when the item is not an object. */
export function routeEntryOf(view: RouteView): RouteEntry | undefined {
  if (view.node.type !== 'object') return undefined;
  let entry = view.derived.routeEntry as RouteEntry | undefined;
  // Read at another index (the route moved: config-view.ts movedRouteView): the same entry, now at this one. The
  // same object, so the routing state's trie and lists, which hold entries, keep it (routing-state.ts): routes
  // inserted or removed before it shift it with all that follow, which keeps every list in declaration order (a
  // removed route keeps its old index: route-trie.ts positionOfRemoved finds it).
  if (entry && entry.index !== view.index) entry.index = view.index;
  if (!entry) {
    entry = readRoute(view.node, view.index, interned);
    view.derived.routeEntry = entry;
  }
  return entry;
}

/** One pass over the item's properties (the last duplicate key wins, as in JSON.parse). */
function readRoute(item: JsonNode, index: number, interned: InternedSegments): RouteEntry {
  let methodNode: JsonNode | undefined;
  let pathNode: JsonNode | undefined;
  let integration: JsonNode | undefined;
  let authNode: JsonNode | undefined;
  let preProcessNode: JsonNode | undefined;
  let mappingNode: JsonNode | undefined;
  let variablesNode: JsonNode | undefined;
  for (const prop of item.children ?? []) {
    const value = prop.children?.[1];
    switch (prop.children?.[0]?.value) {
      case 'method': methodNode = value; break;
      case 'path': pathNode = value; break;
      case 'integration': integration = value; break;
      case 'auth': authNode = value; break;
      case 'pre_process': preProcessNode = value; break;
      case 'mapping': mappingNode = value; break;
      case 'variables': variablesNode = value; break;
    }
  }
  const integrationNode = integration?.type === 'object' ? integration : undefined;
  let integrationTypeNode: JsonNode | undefined;
  let serverNode: JsonNode | undefined;
  let bindingNode: JsonNode | undefined;
  let postProcessNode: JsonNode | undefined;
  for (const prop of integrationNode?.children ?? []) {
    const value = prop.children?.[1];
    switch (prop.children?.[0]?.value) {
      case 'type': integrationTypeNode = value; break;
      case 'server': serverNode = value; break;
      case 'binding': bindingNode = value; break;
      case 'post_process': postProcessNode = value; break;
    }
  }
  const method = methodNode?.type === 'string' ? (methodNode.value as string) : undefined;
  const path = pathNode?.type === 'string' ? (pathNode.value as string) : undefined;
  const rawType = integrationTypeNode?.type === 'string' ? (integrationTypeNode.value as string) : undefined;
  return {
    index,
    item,
    method,
    methodNode,
    path,
    pathNode,
    segments: path !== undefined && path.startsWith('/') ? segmentsOf(path, interned) : [],
    integrationType: rawType === 'http' ? 'http_proxy' : rawType,
    integrationTypeNode,
    integrationNode,
    serverNode,
    bindingNode,
    postProcessNode,
    auth: authNode !== undefined && truthy(authNode),
    authNode,
    preProcessNode,
    mappingNode,
    variablesNode,
    routable: method !== undefined && ROUTE_METHODS.has(method) && path !== undefined && path.startsWith('/'),
  };
}

/**
 * `splitPath`'s segments, classified by the shared `classifySegment`, with one object per distinct (text, is-last)
 * pair: 10,000 routes repeat a few hundred segment texts, and fewer objects means less GC. Scanned in place: a
 * segment is looked up by a hash of its characters and confirmed with startsWith, so a segment seen before costs
 * no string (split and Map lookups of fresh substrings were half the time of reading 10,000 routes).
 */
function segmentsOf(path: string, interned: InternedSegments): PatternSegment[] {
  const out: PatternSegment[] = [];
  // E.8 as splitPath: the text after the leading `/` (the caller checked it is there), split on every `/`.
  let start = 1;
  for (;;) {
    let end = start;
    let hash = 0;
    for (let c = path.charCodeAt(end); end < path.length && c !== SLASH; c = path.charCodeAt(++end)) hash = (Math.imul(hash, 31) + c) | 0;
    const isLast = end >= path.length;
    out.push(internedSegment(interned, path, start, end, hash, isLast));
    if (isLast) return out;
    start = end + 1;
  }
}

const SLASH = 0x2f;

function internedSegment(interned: InternedSegments, path: string, start: number, end: number, hash: number, isLast: boolean): PatternSegment {
  const slots = isLast ? interned.last : interned.inner;
  const slot = (hash ^ (hash >>> 15) ^ (end - start)) & (SEGMENT_SLOTS - 1);
  const candidate = slots[slot];
  if (candidate !== undefined && candidate.text.length === end - start && path.startsWith(candidate.text, start)) return candidate;
  const segment = classifySegment(path.slice(start, end), isLast);
  // One segment per slot, the latest wins: a collision costs a classification, never a wrong answer.
  slots[slot] = segment;
  return segment;
}

/** Classified segments by text; the last segment of a path is classified apart (`{.+}` means something else there). */
interface InternedSegments {
  inner: (PatternSegment | undefined)[];
  last: (PatternSegment | undefined)[];
}

/** JavaScript truthiness of a JSON value, as the runtime's `if (route.auth)` sees it. */
function truthy(node: JsonNode): boolean {
  switch (node.type) {
    case 'object':
    case 'array':
      return true;
    case 'null':
      return false;
    case 'boolean':
      return node.value === true;
    case 'number':
      return node.value !== 0 && !Number.isNaN(node.value);
    default:
      return typeof node.value === 'string' && node.value !== '';
  }
}

/** `GET /users/{id}` — how messages name a route. */
export function routeLabel(route: RouteEntry): string {
  return `${route.method ?? '?'} ${route.path ?? '?'}`;
}
