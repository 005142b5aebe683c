// What the upstream gateway trusts bound Workers with: SAG609 (a route whose only access control is a pre_process
// hook that cannot run) and SAG610 (every bound Worker receives the whole env and the resolved config).
import type { ConfigDocument, WranglerEnvironment } from '../../model';
import { arrayItems, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import { editStamp } from '../../parse/edit-stamps';
import type { Report, RuleContext } from '../rule';
import { anchorOn } from '../routing/describe';
import type { RouteEntry } from '../routing/route-table';
import { routeLabel } from '../routing/route-table';
import { askOnce } from '../../ask-once';
import { didYouMean, suggester, type Suggest } from '../../did-you-mean';
import { envLabel } from './env-values';
import type { SecurityRouteFacts } from './route-facts';

interface BindingEntry {
  alias: string;
  binding: string | undefined;
  /** Where a finding about the entry sits: its `binding` value, else its `alias` value. */
  anchor: JsonNode;
}

/** `serviceBindings` merged with the legacy `servicesBindings` (SPEC A.4, A.9): the first entry of an alias wins. */
export function serviceBindingEntries(config: ConfigDocument): Map<string, BindingEntry> {
  const entries = new Map<string, BindingEntry>();
  const root = config.root?.type === 'object' ? config.root : undefined;
  for (const key of ['serviceBindings', 'servicesBindings']) {
    for (const item of arrayItems(propertyValue(root, key))) {
      const aliasNode = propertyValue(item, 'alias');
      const alias = stringValue(aliasNode);
      if (alias === undefined || !aliasNode || entries.has(alias)) continue;
      const bindingNode = propertyValue(item, 'binding');
      entries.set(alias, { alias, binding: stringValue(bindingNode), anchor: bindingNode ?? aliasNode });
    }
  }
  return entries;
}

/** SAG610 (upstream): once per `serviceBindings` entry the routes call. */
export function checkBoundWorkers(ctx: RuleContext, config: ConfigDocument, routes: SecurityRouteFacts): void {
  if (ctx.runtime !== 'upstream') return; // bundled: minimal context (E.3)
  for (const report of boundWorkerReports(config, routes)) ctx.report(report);
}

/**
 * The SAG610 reports, kept while the binding arrays, the set of called aliases and the arrays' places (start
 * line and column: the text inside them is unchanged, so every position inside is too) stay the same.
 */
function boundWorkerReports(config: ConfigDocument, routes: SecurityRouteFacts): Report[] {
  const bindings = bindingsOf(config);
  const place = bindings.arrays.map((node) => (node ? positionKey(config, node) : '-')).join(' ');
  const kept = bindings.reports;
  if (kept && kept.routes === routes && kept.aliasVersion === routes.aliasVersion && kept.file === config.file && kept.place === place) return kept.list;
  const list: Report[] = [];
  for (const entry of bindings.entries.values()) {
    if (!routes.calls(entry.alias)) continue;
    list.push({
      code: 'SAG610',
      ...anchorOn(config, entry.anchor),
      file: config.file,
      message:
        `the upstream gateway calls \`${entry.binding ?? entry.alias}\` (alias \`${entry.alias}\`) with \`JSON.stringify(env)\`, every var and secret of the gateway, and the resolved config with its authorizer secrets: ` +
        'the bound Worker can read them all; make sure it is as trusted as the gateway, or switch to the bundled runtime, which passes only a minimal context',
    });
  }
  bindings.reports = { routes, aliasVersion: routes.aliasVersion, file: config.file, place, list };
  return list;
}

function positionKey(config: ConfigDocument, node: JsonNode): string {
  const at = config.lines.positionAt(node.offset);
  return `${at.line}:${at.character}`;
}

/** The merged binding entries of one pair of `serviceBindings`/`servicesBindings` arrays, and reports made from them. */
interface Bindings {
  arrays: [JsonNode | undefined, JsonNode | undefined];
  stamps: [number, number];
  entries: Map<string, BindingEntry>;
  reports?: { routes: SecurityRouteFacts; aliasVersion: number; file: string; place: string; list: Report[] };
}

/** Per config tree; the same array nodes with the same edit stamps hold the same text, so the same entries. */
const bindingsByRoot = new WeakMap<JsonNode, Bindings>();
const bindingsByEnv = new WeakMap<WranglerEnvironment, Set<string>>();

function bindingsOf(config: ConfigDocument): Bindings {
  const root = config.root?.type === 'object' ? config.root : undefined;
  const arrays: Bindings['arrays'] = [propertyValue(root, 'serviceBindings'), propertyValue(root, 'servicesBindings')];
  const stamps: Bindings['stamps'] = [arrays[0] ? editStamp(arrays[0]) : 0, arrays[1] ? editStamp(arrays[1]) : 0];
  if (!root) return { arrays, stamps, entries: serviceBindingEntries(config) };
  let bindings = bindingsByRoot.get(root);
  const same = bindings && bindings.arrays[0] === arrays[0] && bindings.arrays[1] === arrays[1] && bindings.stamps[0] === stamps[0] && bindings.stamps[1] === stamps[1];
  if (!bindings || !same) bindingsByRoot.set(root, (bindings = { arrays, stamps, entries: serviceBindingEntries(config) }));
  return bindings;
}

function bindingEntries(config: ConfigDocument): Map<string, BindingEntry> {
  return bindingsOf(config).entries;
}

/** Suggestions from the serviceBindings aliases, made once per entries map (a route may ask, thousands of routes). */
function aliasSuggester(entries: Map<string, BindingEntry>): Suggest {
  return askOnce(entries, 'alias suggester', () => suggester(entries.keys()));
}

function declaredIn(env: WranglerEnvironment): Set<string> {
  let names = bindingsByEnv.get(env);
  if (!names) bindingsByEnv.set(env, (names = new Set(env.services.map((s) => s.binding.value))));
  return names;
}

/**
 * SAG609 (upstream) for one route: its only access control is a pre_process hook that cannot run. A per-route
 * check: besides the route it reads `serviceBindings` and the wrangler environments, which lie outside `paths`.
 */
export function checkHookRoute(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  if (ctx.runtime !== 'upstream' || route.auth || route.preProcessNode?.type !== 'object') return; // bundled refuses unknown hooks (E.1)
  const hookNode = propertyValue(route.preProcessNode, 'binding');
  const alias = stringValue(hookNode);
  if (!hookNode || alias === undefined) return;
  const entries = bindingEntries(config);
  const intro = `\`${routeLabel(route)}\` has no \`auth\`, so its pre_process hook \`${alias}\` is its only access control`;
  const entry = entries.get(alias);
  if (!entry) {
    ctx.report({
      code: 'SAG609',
      ...anchorOn(config, hookNode),
      file: config.file,
      message: `${intro}, but \`${alias}\` is not an alias in \`serviceBindings\`${didYouMean(alias, aliasSuggester(entries))}: the upstream gateway silently skips the hook and the endpoint is open; fix the alias, or turn on \`auth\``,
    });
    return;
  }
  if (entry.binding === undefined || !ctx.project.wrangler) return;
  for (const env of ctx.environments) {
    if (declaredIn(env).has(entry.binding)) continue;
    ctx.report({
      code: 'SAG609',
      ...anchorOn(config, hookNode),
      file: config.file,
      env: env.name,
      message: `${intro}, but binding \`${entry.binding}\` is not declared in the wrangler config ${envLabel(env)}: the hook cannot run there and nothing else protects the endpoint; declare the binding, or turn on \`auth\``,
    });
  }
}
