// The per-route facts the whole-config security checks add up (SAG603, SAG605, SAG610, SAG611), kept per config
// tree and updated position by position against the previous route views: an untouched route keeps its RouteView
// object, so after a one-line edit only the changed routes are read again and the totals are patched, not rebuilt.
import type { ConfigDocument } from '../../model';
import { stringNodeAt, stringValue, type JsonNode } from '../../parse/config-document';
import { routeEntryOf, type RouteEntry } from '../routing/route-table';
import { configView, type RouteView } from '../schema/config-view';
import { routeUses } from '../wrangler/gateway-uses';
import { insertSorted, removeSorted } from '../../text/lower-bound';

/** The `serviceBindings` aliases one route calls: none, one (the usual case, no array), or several. */
type CalledAliases = string | string[] | undefined;

const NO_SECRETS: readonly JsonNode[] = [];
/** How a `"$secret(s).X"` placeholder starts in the raw text: SAG603 reads only strings that start so (SPEC A.8). */
const SECRET_PREFIX = '"$secret';

/**
 * Facts by position in `paths`, in parallel arrays (10,000 routes: no object per route). A position is re-read
 * when its RouteView is not the one seen last time; the totals are patched by taking its old facts out.
 */
export class SecurityRouteFacts {
  private views: readonly RouteView[] = [];
  /** The route entry per position; undefined when the item is not an object. */
  private entries: (RouteEntry | undefined)[] = [];
  /** Aliases each route calls: service_binding integration, pre_process and post_process hooks. */
  private called: CalledAliases[] = [];
  private readonly aliasCounts = new Map<string, number>();
  /** Changes whenever the set of called aliases does (cache key for SAG610 reports). */
  aliasVersion = 0;
  private authCount = 0;
  /** Changes whenever a route that takes part in SAG611 grouping changes, or the route list is rebuilt. */
  private transportVersion = 0;
  private groups: { version: number; byServer: Map<string, RouteEntry[]> } | undefined;
  /** `"$secret` string values per position (SAG603); undefined until first asked for, then kept up to date. */
  private secrets: (readonly JsonNode[])[] | undefined;
  /** Positions whose `secrets` are not empty, ascending. */
  private withSecrets: number[] = [];

  /** Bring the facts up to date with `views` (the ConfigView's routes): only positions whose view changed are re-read. */
  sync(config: ConfigDocument, views: readonly RouteView[]): void {
    if (views === this.views) return;
    const previous = this.views;
    if (previous.length !== views.length) this.rebuild(config, views);
    else {
      for (let i = 0; i < views.length; i++) if (views[i] !== previous[i]) this.replace(config, i, views[i]!);
    }
    this.views = views;
  }

  private rebuild(config: ConfigDocument, views: readonly RouteView[]): void {
    const count = views.length;
    this.entries = new Array(count);
    this.called = new Array(count);
    this.aliasCounts.clear();
    this.authCount = 0;
    this.secrets = undefined;
    this.withSecrets = [];
    for (let i = 0; i < count; i++) {
      const entry = routeEntryOf(views[i]!);
      this.entries[i] = entry;
      const called = calledAliases(views[i]!, config.text);
      this.called[i] = called;
      if (called !== undefined) this.count(called, 1);
      if (entry?.auth) this.authCount++;
    }
    this.aliasVersion++;
    this.transportVersion++;
  }

  private replace(config: ConfigDocument, i: number, view: RouteView): void {
    const old = this.entries[i];
    const oldCalled = this.called[i];
    if (oldCalled !== undefined) this.count(oldCalled, -1);
    if (old?.auth) this.authCount--;
    const entry = routeEntryOf(view);
    const called = calledAliases(view, config.text);
    this.entries[i] = entry;
    this.called[i] = called;
    if (called !== undefined) this.count(called, 1);
    if (entry?.auth) this.authCount++;
    if ((old && authServerOf(old) !== undefined) || (entry && authServerOf(entry) !== undefined)) this.transportVersion++;
    if (this.secrets) this.replaceSecrets(i, secretStringsIn(config, view.node));
  }

  /** An alias some route calls (SAG610). */
  calls(alias: string): boolean {
    return this.aliasCounts.has(alias);
  }

  /** Some route has `auth` on (SAG605). */
  hasAuthRoute(): boolean {
    return this.authCount > 0;
  }

  /** Routes with `auth` that proxy to each server alias, aliases in order of their first such route (SAG611). */
  authRoutesByServer(): Map<string, RouteEntry[]> {
    if (this.groups?.version === this.transportVersion) return this.groups.byServer;
    const byServer = new Map<string, RouteEntry[]>();
    for (const entry of this.entries) {
      const server = entry ? authServerOf(entry) : undefined;
      if (server === undefined) continue;
      let list = byServer.get(server);
      if (!list) byServer.set(server, (list = []));
      list.push(entry!);
    }
    this.groups = { version: this.transportVersion, byServer };
    return byServer;
  }

  /** `"$secret...` string values inside the routes, in text order. */
  secretStrings(config: ConfigDocument, out: JsonNode[]): void {
    if (!this.secrets) this.findAllSecrets(config);
    for (const i of this.withSecrets) for (const node of this.secrets![i]!) out.push(node);
  }

  /** One text search over every route at once (the first time), each hit given to the route that holds it. */
  private findAllSecrets(config: ConfigDocument): void {
    const views = this.views;
    const secrets: (readonly JsonNode[])[] = new Array(views.length).fill(NO_SECRETS);
    const positions: number[] = [];
    if (views.length > 0) {
      const start = views[0]!.node.offset;
      const last = views[views.length - 1]!.node;
      const text = config.text.substring(start, last.offset + last.length);
      let i = 0;
      for (let at = text.indexOf(SECRET_PREFIX); at >= 0; at = text.indexOf(SECRET_PREFIX, at + 1)) {
        const offset = start + at;
        // Hits and routes are both in text order: move on to the route that may hold this hit.
        while (i < views.length && views[i]!.node.offset + views[i]!.node.length <= offset) i++;
        if (i === views.length) break;
        const node = secretStringAt(views[i]!.node, offset);
        if (!node) continue;
        if (secrets[i] === NO_SECRETS) {
          secrets[i] = [];
          positions.push(i);
        }
        (secrets[i] as JsonNode[]).push(node);
      }
    }
    this.secrets = secrets;
    this.withSecrets = positions;
  }

  /** Route `i` changed (once secrets are tracked): keep `withSecrets` in step with its new strings. */
  private replaceSecrets(i: number, strings: readonly JsonNode[]): void {
    const had = this.secrets![i]!.length > 0;
    const has = strings.length > 0;
    this.secrets![i] = has ? strings : NO_SECRETS;
    if (had === has) return;
    if (has) insertSorted(this.withSecrets, i);
    else removeSorted(this.withSecrets, i);
  }

  private count(called: string | string[], delta: 1 | -1): void {
    if (typeof called === 'string') this.countOne(called, delta);
    else for (const alias of called) this.countOne(alias, delta);
  }

  private countOne(alias: string, delta: 1 | -1): void {
    const count = (this.aliasCounts.get(alias) ?? 0) + delta;
    if (count > 0) this.aliasCounts.set(alias, count);
    else this.aliasCounts.delete(alias);
    if (count === 0 || (count === 1 && delta === 1)) this.aliasVersion++;
  }
}

/** One state per config tree: an incremental edit keeps the root node, a full re-parse starts a new state. */
const byRoot = new WeakMap<JsonNode, SecurityRouteFacts>();

/** The facts of `config`'s routes, brought up to date. */
export function securityRouteFacts(config: ConfigDocument): SecurityRouteFacts {
  const root = config.root;
  if (!root) return new SecurityRouteFacts();
  let state = byRoot.get(root);
  if (!state) byRoot.set(root, (state = new SecurityRouteFacts()));
  state.sync(config, configView(config).routes);
  return state;
}

/** The wrangler family's binding uses of the route (cached on its view): what it calls, as SAG610 counts it. */
function calledAliases(view: RouteView, text: string): CalledAliases {
  const { uses } = routeUses(view, text);
  if (uses.length === 0) return undefined;
  return uses.length === 1 ? uses[0]!.alias : uses.map((u) => u.alias);
}

/** `integration.server` of a route with `auth` that proxies (http_proxy): SAG611 groups routes by it. */
function authServerOf(entry: RouteEntry): string | undefined {
  return entry.auth && entry.integrationType === 'http_proxy' ? stringValue(entry.serverNode) : undefined;
}

/**
 * String values (never keys) inside `container` whose raw text starts with `"$secret`: found by text search over
 * the container's text (or `start..end`) and located by binary search down from it, cheaper than visiting every node.
 */
export function secretStringsIn(config: ConfigDocument, container: JsonNode, start = container.offset, end = container.offset + container.length): JsonNode[] {
  const out: JsonNode[] = [];
  // A sliced string bounds the search (an unbounded indexOf would run on to the next hit, maybe megabytes away).
  const text = start === 0 && end === config.text.length ? config.text : config.text.substring(start, end);
  for (let at = text.indexOf(SECRET_PREFIX); at >= 0; at = text.indexOf(SECRET_PREFIX, at + 1)) {
    const node = secretStringAt(container, start + at);
    if (node) out.push(node);
  }
  return out;
}

/** The string value (not a key) that starts exactly at `offset` below `container`, if any. */
function secretStringAt(container: JsonNode, offset: number): JsonNode | undefined {
  const found = stringNodeAt(container, offset);
  const node = found?.offset === offset ? found : undefined;
  if (node?.type !== 'string' || typeof node.value !== 'string') return undefined;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) return undefined; // a key, never substituted
  return node;
}
