// A segment trie of route patterns per method, as one runtime reads the segments (SPEC C.3 upstream, E.2 bundled).
// SAG504/SAG510/SAG511 find candidate route pairs by walking it instead of comparing all pairs.
import { isUpstreamParam as sharedIsUpstreamParam, type PatternSegment, type RoutingRuntime } from 'serverless-api-gateway-runtime/routing';
import type { RouteEntry } from './route-table';
import { lowerBoundBy } from '../../text/lower-bound';

export interface TrieRoute {
  route: RouteEntry;
  /** Segments before the tail wildcard (all of them for a non-wildcard route); see `isParamSegment` for their kind. */
  length: number;
  wildcard: boolean;
  /** Some segment before the end (or before the wildcard) is a `{param}`: the route is never an "exact" C.3 match. */
  hasParam: boolean;
  /** The routes of the same method and shape (this one included), in declaration order: SAG501/SAG502. */
  sameShape: TrieRoute[];
}

export interface TrieNode {
  depth: number;
  literal: Map<string, TrieNode> | undefined;
  param: TrieNode | undefined;
  /** Non-wildcard routes whose last segment is this node. */
  ends: TrieRoute[];
  /** Tail-wildcard routes whose prefix ends at this node. */
  tails: TrieRoute[];
}

export interface RouteTrie {
  runtime: RoutingRuntime;
  /** One trie per method string (`ANY` has its own). */
  byMethod: Map<string, TrieNode>;
  routes: TrieRoute[];
}

// A local binding: calls through a transpiled module's re-export getters cost more than the test itself here.
const isUpstreamParam = sharedIsUpstreamParam;

/**
 * The routes of a node that has none: one shared, frozen list. Most nodes are inner ones with no route ending or
 * going on as a wildcard there (17,000 nodes at 10,000 paths); addToTrie gives a node its own list with its first
 * route (and a list a patch empties is the node's own).
 */
const NO_ROUTES = Object.freeze([]) as unknown as TrieRoute[];

function newNode(depth: number): TrieNode {
  return { depth, literal: undefined, param: undefined, ends: NO_ROUTES, tails: NO_ROUTES };
}

/** Is this segment a `{param}` for `runtime`? Upstream: any `{...}` (even `{}`); bundled: well-formed ones only (E.2). */
export function isParamSegment(segment: PatternSegment, runtime: RoutingRuntime): boolean {
  if (segment.kind === 'literal') return false; // no braces at all
  return runtime === 'upstream' ? segment.kind !== 'wildcard' && isUpstreamParam(segment.text) : segment.kind === 'param';
}

/**
 * How many segments precede the tail wildcard, or null when the route takes no part in precedence analysis: under
 * upstream a non-final `{.+}` stops comparing (SAG503 reports it as an error on its own).
 */
function comparedLength(route: RouteEntry, runtime: RoutingRuntime): { length: number; wildcard: boolean } | null {
  const segments = route.segments;
  const wildcard = segments[segments.length - 1]?.kind === 'wildcard';
  const length = wildcard ? segments.length - 1 : segments.length;
  if (runtime === 'upstream') for (let i = 0; i < length; i++) if (segments[i]!.malformed === 'non-final-wildcard') return null;
  return { length, wildcard };
}

export function buildRouteTrie(routes: readonly RouteEntry[], runtime: RoutingRuntime): RouteTrie {
  const trie: RouteTrie = { runtime, byMethod: new Map(), routes: [] };
  for (const route of routes) {
    const entry = addToTrie(trie, route);
    if (entry) trie.routes.push(entry);
  }
  return trie;
}

/** How the trie reads a route (undefined when it takes no part in precedence): SAG511 asks of routes an edit replaced. */
export function trieShapeOf(route: RouteEntry, runtime: RoutingRuntime): { wildcard: boolean; hasParam: boolean } | undefined {
  if (!route.routable) return undefined;
  const shape = comparedLength(route, runtime);
  if (!shape) return undefined;
  let hasParam = false;
  for (let i = 0; i < shape.length && !hasParam; i++) hasParam = isParamSegment(route.segments[i]!, runtime);
  return { wildcard: shape.wildcard, hasParam };
}

/** Put one route into the trie's nodes (not into `trie.routes`); undefined when it takes no part in precedence. */
function addToTrie(trie: RouteTrie, route: RouteEntry): TrieRoute | undefined {
  if (!route.routable) return undefined;
  const runtime = trie.runtime;
  const shape = comparedLength(route, runtime);
  if (!shape) return undefined;
  let root = trie.byMethod.get(route.method!);
  if (!root) trie.byMethod.set(route.method!, (root = newNode(0)));
  let node: TrieNode = root;
  let hasParam = false;
  for (let i = 0; i < shape.length; i++) {
    const segment = route.segments[i]!;
    if (isParamSegment(segment, runtime)) {
      hasParam = true;
      node = node.param ??= newNode(node.depth + 1);
    } else {
      const children: Map<string, TrieNode> = (node.literal ??= new Map());
      let child: TrieNode | undefined = children.get(segment.text);
      if (!child) children.set(segment.text, (child = newNode(node.depth + 1)));
      node = child;
    }
  }
  const sameShape = shape.wildcard ? node.tails : node.ends;
  const entry: TrieRoute = { route, length: shape.length, wildcard: shape.wildcard, hasParam, sameShape };
  if (sameShape.length === 0) {
    // Most shapes hold one route: a list of one slot (splicing into the empty [] reserves 17, 10,000 times).
    entry.sameShape = [entry];
    if (shape.wildcard) node.tails = entry.sameShape;
    else node.ends = entry.sameShape;
    return entry;
  }
  // Declaration order within a shape (a patch may insert a route between others).
  let at = sameShape.length;
  while (at > 0 && sameShape[at - 1]!.route.index > route.index) at--;
  sameShape.splice(at, 0, entry);
  return entry;
}

/**
 * Replace routes in place, for an edit that changed a few of them: `removed[i]` leaves (with the nodes only it
 * kept), `added[i]` joins. The result has the same nodes, routes and orders as a trie built from the new table,
 * except the iteration order of literal children that a patch created (no check depends on it).
 */
export function patchRouteTrie(trie: RouteTrie, removed: readonly RouteEntry[], added: readonly RouteEntry[]): void {
  for (const route of removed) removeFromTrie(trie, route);
  for (const route of added) {
    const entry = addToTrie(trie, route);
    if (!entry) continue;
    trie.routes.splice(firstAtOrAfter(trie.routes, route.index), 0, entry);
  }
}

/** Position of the first route declared at or after `index` (`routes` is in declaration order). */
export function firstAtOrAfter(routes: readonly TrieRoute[], index: number): number {
  return lowerBoundBy(routes, index, (r) => r.route.index);
}

/** The trie's record of a route, when the route takes part in precedence. */
export function trieRouteOf(trie: RouteTrie, route: RouteEntry): TrieRoute | undefined {
  const at = indexInRoutes(trie.routes, route);
  return at >= 0 ? trie.routes[at] : undefined;
}

/**
 * Where a route an edit replaced or removed sits in a list of routes in declaration order (the trie's, or one a
 * check keeps), or -1. A removed route keeps the index it had, which the routes shifted into its place may share
 * now: then it is found by identity.
 */
export function positionOfRemoved(routes: readonly TrieRoute[], route: RouteEntry): number {
  const at = indexInRoutes(routes, route);
  return at >= 0 ? at : routes.findIndex((r) => r.route === route);
}

function indexInRoutes(routes: readonly TrieRoute[], route: RouteEntry): number {
  const at = firstAtOrAfter(routes, route.index);
  return routes[at]?.route === route ? at : -1;
}

/**
 * The trie's routes of `route`'s method and shape now (`route` among them only when it is in the trie): the group
 * a replaced route left, or the one its replacement joined. Undefined when no route has that shape.
 */
export function sameShapeAs(trie: RouteTrie, route: RouteEntry): readonly TrieRoute[] | undefined {
  if (!route.routable) return undefined;
  const shape = comparedLength(route, trie.runtime);
  if (!shape) return undefined;
  let node: TrieNode | undefined = trie.byMethod.get(route.method!);
  for (let i = 0; i < shape.length && node; i++) {
    const segment = route.segments[i]!;
    node = isParamSegment(segment, trie.runtime) ? node.param : node.literal?.get(segment.text);
  }
  return node && (shape.wildcard ? node.tails : node.ends);
}

function removeFromTrie(trie: RouteTrie, route: RouteEntry): void {
  if (!route.routable) return;
  const shape = comparedLength(route, trie.runtime);
  if (!shape) return;
  const root = trie.byMethod.get(route.method!);
  if (!root) return;
  const path: { node: TrieNode; key: string | null }[] = [];
  let node: TrieNode | undefined = root;
  for (let i = 0; i < shape.length && node; i++) {
    const segment = route.segments[i]!;
    const key = isParamSegment(segment, trie.runtime) ? null : segment.text;
    path.push({ node, key });
    node = key === null ? node.param : node.literal?.get(key);
  }
  if (!node) return;
  const sameShape = shape.wildcard ? node.tails : node.ends;
  const at = sameShape.findIndex((r) => r.route === route);
  if (at < 0) return;
  sameShape.splice(at, 1);
  const listed = positionOfRemoved(trie.routes, route);
  if (listed >= 0) trie.routes.splice(listed, 1);
  // Drop the nodes that held nothing but this route, bottom up, as a fresh build would never have made them.
  let child = node;
  for (let i = path.length - 1; i >= 0; i--) {
    if (child.ends.length > 0 || child.tails.length > 0 || child.param || (child.literal && child.literal.size > 0)) break;
    const { node: parent, key } = path[i]!;
    if (key === null) parent.param = undefined;
    else {
      parent.literal!.delete(key);
      if (parent.literal!.size === 0) parent.literal = undefined;
    }
    child = parent;
  }
  if (root.ends.length === 0 && root.tails.length === 0 && !root.param && !root.literal) trie.byMethod.delete(route.method!);
}

/** Children of a node: literal ones first, then the parameter child. */
export function childrenOf(node: TrieNode): TrieNode[] {
  const out: TrieNode[] = node.literal ? [...node.literal.values()] : [];
  if (node.param) out.push(node.param);
  return out;
}

/**
 * Does some route of this trie match a request whose segments are given (`null` = a filler that only a
 * parameter or a wildcard accepts)? Walks literal and parameter branches; a wildcard accepts any rest.
 */
export function trieMatches(root: TrieNode, request: readonly (string | null)[], budget = 10_000): boolean {
  const stack: TrieNode[] = [root];
  let steps = 0;
  while (stack.length > 0) {
    if (++steps > budget) return false;
    const node = stack.pop()!;
    if (node.tails.length > 0) return true;
    if (node.depth === request.length) {
      if (node.ends.length > 0) return true;
      continue;
    }
    const segment = request[node.depth];
    if (segment !== null && segment !== undefined) {
      const next = node.literal?.get(segment);
      if (next) stack.push(next);
    }
    if (node.param) stack.push(node.param);
  }
  return false;
}

/**
 * The routes under `root` whose sample request (sampleRequest) `route`'s pattern matches: the routes for which
 * `trieMatches` on a trie holding `route` would answer differently with and without it. A walk along the
 * pattern, not a pass over every route: a literal segment follows one branch, a parameter every branch.
 */
export function routesMatchedBy(root: TrieNode, route: RouteEntry, runtime: RoutingRuntime): TrieRoute[] {
  const out: TrieRoute[] = [];
  if (!route.routable) return out;
  const shape = comparedLength(route, runtime);
  if (!shape) return out;
  const { length, wildcard } = shape;
  const isParam = route.segments.slice(0, length).map((segment) => isParamSegment(segment, runtime));
  const stack: TrieNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const depth = node.depth;
    if (depth === length) {
      // Every request at least this long matches a wildcard pattern; an exact one only the routes ending here.
      if (wildcard) collectSubtree(node, out);
      else appendAll(out, node.ends);
      continue;
    }
    // A wildcard route ending here has a null filler next: only a parameter takes it, and only as the last segment.
    if (depth === length - 1 && isParam[depth]) appendAll(out, node.tails);
    if (isParam[depth]) {
      if (node.literal) for (const child of node.literal.values()) stack.push(child);
      if (node.param) stack.push(node.param);
    } else {
      const child = node.literal?.get(route.segments[depth]!.text);
      if (child) stack.push(child);
    }
  }
  return out;
}

function collectSubtree(top: TrieNode, out: TrieRoute[]): void {
  const stack = [top];
  while (stack.length > 0) {
    const node = stack.pop()!;
    appendAll(out, node.ends);
    appendAll(out, node.tails);
    if (node.literal) for (const child of node.literal.values()) stack.push(child);
    if (node.param) stack.push(node.param);
  }
}

/** A request every request of the route's shape resembles: literals kept, parameters and the wildcard as `null` fillers. */
export function sampleRequest(route: TrieRoute, runtime: RoutingRuntime): (string | null)[] {
  const segments: (string | null)[] = [];
  const parsed = route.route.segments;
  for (let i = 0; i < route.length; i++) {
    const segment = parsed[i]!;
    segments.push(isParamSegment(segment, runtime) ? null : segment.text);
  }
  if (route.wildcard) segments.push(null);
  return segments;
}

/** push(...items) without spreading: a node can end 200,000 identical routes, more arguments than the stack holds. */
function appendAll(out: TrieRoute[], items: readonly TrieRoute[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]!);
}
