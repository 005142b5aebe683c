// The compiled router of the bundled gateway (SPEC E.2, E.8): a segment trie whose match cost depends on the request's
// segment count, never on the route count. It must pick exactly what `selectRouteBundled` picks (property-tested).

import { allowList, classifySegment, normalisePercentEncoding, splitPath } from '../routing/index';

export interface RouteInput {
  readonly method: string;
  readonly path: string;
}

export type RouteMatch =
  | {
      readonly kind: 'match';
      /** Index of the winning route in the list given to `compileRouter`. */
      readonly index: number;
      readonly params: Record<string, string>;
      /** Raw segments the tail `{.+}` consumed (possibly none); null when the route has no wildcard. */
      readonly wildcardSegments: string[] | null;
      readonly viaGetFallback: boolean;
    }
  | { readonly kind: 'method-not-allowed'; readonly allow: string[] }
  | { readonly kind: 'none' };

const NO_ROUTE = -1;

/** Routes that end at one trie position: the first route per method, in declaration order (sets are tiny). */
class RouteSet {
  // The first exact method is held inline: most positions serve one route, so no array is built for them.
  private method0: string | null = null;
  private index0 = NO_ROUTE;
  /** Flat [method, index, method, index, ...] of the first route declared for each further method. */
  private more: Array<string | number> | null = null;
  firstAny = -1;
  /** Every method added, in order (for `Allow`): the first inline, the rest in an array made only when needed. */
  private firstMethod: string | null = null;
  private laterMethods: string[] | null = null;

  add(method: string, index: number): void {
    if (this.firstMethod === null) this.firstMethod = method;
    else (this.laterMethods ??= []).push(method);
    if (method === 'ANY') {
      if (this.firstAny < 0) this.firstAny = index;
    } else if (this.method0 === null) {
      this.method0 = method;
      this.index0 = index;
    } else if (this.exact(method) === NO_ROUTE) {
      (this.more ??= []).push(method, index);
    }
  }

  private exact(method: string): number {
    if (this.method0 === method) return this.index0;
    const f = this.more;
    if (f === null) return NO_ROUTE;
    for (let i = 0; i < f.length; i += 2) if (f[i] === method) return f[i + 1] as number;
    return NO_ROUTE;
  }

  pushMethods(into: string[]): void {
    if (this.firstMethod !== null) into.push(this.firstMethod);
    if (this.laterMethods !== null) into.push(...this.laterMethods);
  }

  /** Exact method beats `ANY`; within each, the earliest declared route (the first one added). */
  pick(method: string): number {
    const exact = this.exact(method);
    return exact === NO_ROUTE ? this.firstAny : exact;
  }
}

class TrieNode {
  /** The only literal child, compared in place (no substring per request, no Map for the common one-child node). */
  soleText: string | null = null;
  soleNode: TrieNode | null = null;
  /** All literal children once there are two or more (then `soleText` is null). */
  literals: Map<string, TrieNode> | null = null;
  param: TrieNode | null = null;
  /** Routes whose pattern ends exactly here. */
  terminal: RouteSet | null = null;
  /** Routes whose pattern has `{.+}` right after this node. */
  wildcard: RouteSet | null = null;
}

interface CompiledRoute {
  /** [segment position, name] of each `{param}`, in pattern order (a repeated name keeps the last value). */
  readonly params: ReadonlyArray<readonly [number, string]>;
  readonly wildcardAt: number; // segment position of `{.+}`, or -1
}

export interface CompiledRouter {
  match(method: string, path: string): RouteMatch;
  readonly routeCount: number;
}

function literalChild(node: TrieNode, text: string): TrieNode | undefined {
  if (node.literals !== null) return node.literals.get(text);
  return node.soleText === text ? (node.soleNode as TrieNode) : undefined;
}

function addLiteralChild(node: TrieNode, text: string): TrieNode {
  const existing = literalChild(node, text);
  if (existing) return existing;
  const child = new TrieNode();
  if (node.literals !== null) node.literals.set(text, child);
  else if (node.soleText === null) [node.soleText, node.soleNode] = [text, child];
  else {
    node.literals = new Map([[node.soleText, node.soleNode as TrieNode], [text, child]]);
    node.soleText = node.soleNode = null;
  }
  return child;
}

/** Shared by every route without params or wildcard (the compiled entry is read-only). */
const PLAIN_ROUTE: CompiledRoute = { params: [], wildcardAt: -1 };

/**
 * Build the trie once; routes without a leading `/` (or without string fields) can never match and are left out.
 * Matching walks the request path by index (no split, no per-request arrays on the common path); all-literal routes
 * are also indexed by their whole path, which is exact-match precedence's top rank, so a hit there needs no walk.
 */
export function compileRouter(routes: readonly RouteInput[]): CompiledRouter {
  const root = new TrieNode();
  const compiled: Array<CompiledRoute | null> = new Array(routes.length).fill(null);
  const staticPaths = new Map<string, RouteSet>();

  routes.forEach((route, index) => {
    if (typeof route.path !== 'string' || typeof route.method !== 'string' || !route.path.startsWith('/')) return;
    const path = normalisePercentEncoding(route.path);
    // Segments are cut straight from the pattern (no split array); only a braced segment goes through the
    // classifier, which is what `parsePattern` would say for it (an unbraced segment is always a literal).
    const braced = path.indexOf('{') >= 0 || path.indexOf('}') >= 0;
    let params: Array<readonly [number, string]> | null = null;
    let node = root;
    let wildcardAt = -1;
    for (let i = 0, pos = 1; ; i++) {
      let end = path.indexOf('/', pos);
      const isLast = end < 0;
      if (isLast) end = path.length;
      const text = path.slice(pos, end);
      if (braced && (text.indexOf('{') >= 0 || text.indexOf('}') >= 0)) {
        const segment = classifySegment(text, isLast);
        if (segment.kind === 'wildcard') {
          wildcardAt = i;
          break;
        } else if (segment.kind === 'param') {
          (params ??= []).push([i, segment.name as string]);
          node = node.param ??= new TrieNode();
        } else {
          // Malformed segments (`{id`, `{}`, a non-final `{.+}`) compare as raw text.
          node = addLiteralChild(node, text);
        }
      } else {
        node = addLiteralChild(node, text);
      }
      if (isLast) break;
      pos = end + 1;
    }
    const set = wildcardAt >= 0 ? (node.wildcard ??= new RouteSet()) : (node.terminal ??= new RouteSet());
    set.add(route.method, index);
    if (wildcardAt < 0 && params === null) {
      staticPaths.set(path, set);
      compiled[index] = PLAIN_ROUTE;
    } else {
      compiled[index] = { params: params ?? PLAIN_ROUTE.params, wildcardAt };
    }
  });

  // Start offset of the request's segment at each depth. Offsets depend only on the path, not on the branch taken, so
  // after a walk every depth up to the winner's holds this request's value.
  let starts: number[] = [];
  // Set when a walk reaches any route set: a failed walk that saw none is a plain 404, without the 405 scan.
  let sawRoutes = false;

  /** `pos` is where the segment at `depth` starts; `pos > path.length` means the path is exhausted. */
  function find(node: TrieNode, path: string, pos: number, depth: number, method: string): number {
    starts[depth] = pos;
    if (pos > path.length) {
      if (node.terminal) {
        sawRoutes = true;
        const hit = node.terminal.pick(method);
        if (hit !== NO_ROUTE) return hit;
      }
    } else {
      let end = path.indexOf('/', pos);
      if (end < 0) end = path.length;
      if (node.soleText !== null) {
        const text = node.soleText;
        if (end - pos === text.length && path.startsWith(text, pos)) {
          const hit = find(node.soleNode as TrieNode, path, end + 1, depth + 1, method);
          if (hit !== NO_ROUTE) return hit;
        }
      } else if (node.literals !== null) {
        const literal = node.literals.get(path.slice(pos, end));
        if (literal) {
          const hit = find(literal, path, end + 1, depth + 1, method);
          if (hit !== NO_ROUTE) return hit;
        }
      }
      if (node.param !== null && end > pos) {
        const hit = find(node.param, path, end + 1, depth + 1, method);
        if (hit !== NO_ROUTE) return hit;
      }
    }
    if (node.wildcard !== null) {
      sawRoutes = true;
      const hit = node.wildcard.pick(method);
      if (hit !== NO_ROUTE) return hit;
    }
    return NO_ROUTE;
  }

  /** Every method of every route whose path matches, for the 405 `Allow` header (the slow, rare path). */
  function collectMethods(node: TrieNode, segments: string[], depth: number, into: string[]): void {
    if (node.wildcard) node.wildcard.pushMethods(into);
    if (depth === segments.length) {
      if (node.terminal) node.terminal.pushMethods(into);
      return;
    }
    const segment = segments[depth];
    const literal = literalChild(node, segment);
    if (literal) collectMethods(literal, segments, depth + 1, into);
    if (node.param && segment !== '') collectMethods(node.param, segments, depth + 1, into);
  }

  function segmentAt(path: string, depth: number): string {
    const from = starts[depth];
    return path.slice(from, indexOrEnd(path, from));
  }

  function toMatch(index: number, path: string, viaGetFallback: boolean): RouteMatch {
    const route = compiled[index] as CompiledRoute;
    const params: Record<string, string> = {};
    for (const [position, name] of route.params) params[name] = decodeSegment(segmentAt(path, position));
    if (route.wildcardAt < 0) return { kind: 'match', index, params, wildcardSegments: null, viaGetFallback };
    return new WildcardMatch(index, params, viaGetFallback, path, starts[route.wildcardAt]);
  }

  const EMPTY_RESULT = { kind: 'none' } as const;

  return {
    routeCount: routes.length,
    match(method: string, requestPath: string): RouteMatch {
      if (requestPath.charCodeAt(0) !== 47 /* / */) return EMPTY_RESULT;
      const path = normalisePercentEncoding(requestPath);
      const exact = staticPaths.get(path);
      if (exact !== undefined) {
        const hit = exact.pick(method);
        if (hit !== NO_ROUTE) return { kind: 'match', index: hit, params: {}, wildcardSegments: null, viaGetFallback: false };
      }
      if (starts.length > 64) starts = [];
      sawRoutes = exact !== undefined;
      const direct = find(root, path, 1, 0, method);
      if (direct !== NO_ROUTE) return toMatch(direct, path, false);
      if (method === 'HEAD') {
        if (exact !== undefined) {
          const hit = exact.pick('GET');
          if (hit !== NO_ROUTE) return { kind: 'match', index: hit, params: {}, wildcardSegments: null, viaGetFallback: true };
        }
        const viaGet = find(root, path, 1, 0, 'GET');
        if (viaGet !== NO_ROUTE) return toMatch(viaGet, path, true);
      }
      if (!sawRoutes) return EMPTY_RESULT;
      const methods: string[] = [];
      collectMethods(root, splitPath(path), 0, methods);
      if (methods.length === 0) return EMPTY_RESULT;
      const allow = allowList(methods);
      return allow.length === 0 ? EMPTY_RESULT : { kind: 'method-not-allowed', allow };
    },
  };
}

/** A wildcard match whose consumed segments are split only if someone reads them (the proxy does; routing does not). */
class WildcardMatch {
  readonly kind = 'match' as const;
  private segments: string[] | null = null;
  constructor(
    readonly index: number,
    readonly params: Record<string, string>,
    readonly viaGetFallback: boolean,
    private readonly path: string,
    private readonly from: number,
  ) {}

  get wildcardSegments(): string[] {
    return (this.segments ??= this.from > this.path.length ? [] : this.path.slice(this.from).split('/'));
  }
}

function indexOrEnd(path: string, from: number): number {
  const end = path.indexOf('/', from);
  return end < 0 ? path.length : end;
}

function decodeSegment(raw: string): string {
  if (raw.indexOf('%') < 0) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
