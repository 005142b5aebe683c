// What the upstream gateway trusts bound Workers with: SAG609 (a route whose only access control is a pre_process
// hook that cannot run) and SAG610 (every bound Worker receives the whole env and the resolved config).
import type { ConfigDocument, WranglerEnvironment } from '../../model';
import { arrayItems, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { anchorOn } from '../routing/describe';
import type { RouteEntry } from '../routing/route-table';
import { routeLabel } from '../routing/route-table';
import { didYouMean } from '../../did-you-mean';
import { envLabel } from './env-values';

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

/** Aliases of `serviceBindings` the routes call: service_binding integrations, pre_process and post_process hooks. */
function usedAliases(routes: readonly RouteEntry[]): Set<string> {
  const used = new Set<string>();
  for (const route of routes) {
    if (route.integrationType === 'service_binding') add(used, route.bindingNode);
    if (route.preProcessNode?.type === 'object') add(used, bindingOf(route.preProcessNode));
    if (route.postProcessNode?.type === 'object') add(used, bindingOf(route.postProcessNode));
  }
  return used;
}

// Module-local on purpose: this loop runs over every route.
function add(set: Set<string>, node: JsonNode | undefined): void {
  if (node?.type === 'string' && typeof node.value === 'string') set.add(node.value);
}

/** `hook.binding` (the last duplicate key wins, as JSON.parse). */
function bindingOf(hook: JsonNode): JsonNode | undefined {
  const props = hook.children ?? [];
  for (let i = props.length - 1; i >= 0; i--) if (props[i]!.children?.[0]?.value === 'binding') return props[i]!.children?.[1];
  return undefined;
}

/** SAG610 (upstream): once per `serviceBindings` entry the routes call. */
export function checkBoundWorkers(ctx: RuleContext, config: ConfigDocument, routes: readonly RouteEntry[]): void {
  if (ctx.runtime !== 'upstream') return; // bundled: minimal context (E.3)
  const used = usedAliases(routes);
  for (const entry of bindingEntries(config).values()) {
    if (!used.has(entry.alias)) continue;
    ctx.report({
      code: 'SAG610',
      ...anchorOn(config, entry.anchor),
      file: config.file,
      message:
        `the upstream gateway calls \`${entry.binding ?? entry.alias}\` (alias \`${entry.alias}\`) with \`JSON.stringify(env)\`, every var and secret of the gateway, and the resolved config with its authorizer secrets: ` +
        'the bound Worker can read them all; make sure it is as trusted as the gateway, or switch to the bundled runtime, which passes only a minimal context',
    });
  }
}

const entriesByDoc = new WeakMap<ConfigDocument, Map<string, BindingEntry>>();
const bindingsByEnv = new WeakMap<WranglerEnvironment, Set<string>>();

function bindingEntries(config: ConfigDocument): Map<string, BindingEntry> {
  let entries = entriesByDoc.get(config);
  if (!entries) entriesByDoc.set(config, (entries = serviceBindingEntries(config)));
  return entries;
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
      message: `${intro}, but \`${alias}\` is not an alias in \`serviceBindings\`${didYouMean(alias, entries.keys())}: the upstream gateway silently skips the hook and the endpoint is open; fix the alias, or turn on \`auth\``,
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
