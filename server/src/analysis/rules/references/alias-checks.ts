// SAG201–SAG208: every alias a route, hook or post-process names, looked up in the section its type reads
// (Maps built once in the config view), plus duplicate and unused definitions.
import { INTEGRATION_ALIAS_TARGET, type AliasSection, type IntegrationType } from 'serverless-api-gateway-runtime/config';
import { askOnce } from '../../ask-once';
import { suggester, type Suggest } from '../../did-you-mean';
import type { Fix } from '../../findings';
import type { JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { pointer, rangeOf, replaceStringFix, type Emit } from '../schema/anchor';
import type { AliasEntry, AliasSectionName, ConfigView, RouteView } from '../schema/config-view';
import { propertiesOf, stringOf } from '../schema/config-view';
import { routeEntryOf, type RouteEntry } from '../routing/route-table';
import { routeChanges } from '../../incremental/route-changes';
import { removeSiblingEdit } from '../../fixes/json-node-edits';
import { addEntryFix } from './stub-fixes';

const SHOWN_ALIASES = 8;

/** Whether a route (hook, post_process) names an alias of the section. */
interface Usage {
  servers(alias: string): boolean;
  services(alias: string): boolean;
  serviceBindings(alias: string): boolean;
}

/**
 * The aliases one route names (integration target, pre_process and post_process bindings), in that order, as
 * flat (section, alias) pairs: one array per route and no object per use (10,000 routes per analysis). The
 * integration's section is written `integration:<section>`: only an integration may mean the entry of the other
 * section (SAG208), a hook never does.
 */
type RouteAliasUses = readonly string[];
const NO_USES: RouteAliasUses = [];

/** Own entries only: an integration type such as `constructor` must not find Object's prototype. */
const ALIAS_TARGETS = new Map(Object.entries(INTEGRATION_ALIAS_TARGET));

function usesOf(targetSection: AliasSection | undefined, targetAlias: string | undefined, hookAlias: string | undefined, postAlias: string | undefined, misplacedPostAlias: string | undefined): RouteAliasUses {
  const named =
    (targetAlias !== undefined && targetAlias !== '' ? 1 : 0) +
    (hookAlias !== undefined && hookAlias !== '' ? 1 : 0) +
    (postAlias !== undefined && postAlias !== '' ? 1 : 0) +
    (misplacedPostAlias !== undefined && misplacedPostAlias !== '' ? 1 : 0);
  if (named === 0) return NO_USES;
  // Allocated at its final size: kept per route (10,000 of them), and a pushed-to [] reserves 17 slots.
  const uses: string[] = new Array<string>(2 * named);
  let at = 0;
  const add = (section: string, alias: string): void => {
    uses[at++] = section;
    uses[at++] = alias;
  };
  if (targetAlias !== undefined && targetAlias !== '') add(INTEGRATION_SECTION[targetSection!], targetAlias);
  if (hookAlias !== undefined && hookAlias !== '') add('serviceBindings', hookAlias);
  if (postAlias !== undefined && postAlias !== '') add('serviceBindings', postAlias);
  if (misplacedPostAlias !== undefined && misplacedPostAlias !== '') add('serviceBindings', misplacedPostAlias);
  return uses;
}

/**
 * The alias of a `post_process` beside `integration`. It never runs there (SAG110), but SAG110's fix moves it under
 * `integration`, and rename and references carry it: its alias is used, not one to remove (SAG207).
 */
function misplacedPostAliasOf(route: RouteView): string | undefined {
  const hook = route.props.get('post_process')?.value;
  return hook ? stringOf(bindingOf(hook)) : undefined;
}

function bindingOf(hook: JsonNode | undefined): JsonNode | undefined {
  return hook?.type === 'object' ? propertiesOf(hook).value('binding') : undefined;
}

type AliasTarget = (typeof INTEGRATION_ALIAS_TARGET)[IntegrationType];

/** The section a route's integration names an alias of, by its type (none for types without one). */
function aliasTargetOf(route: RouteView): AliasTarget | undefined {
  return route.integrationType !== undefined ? ALIAS_TARGETS.get(route.integrationType) : undefined;
}

/**
 * The integration's node that names the alias (`server` or `binding`). The entry's integration fields are set
 * only when `integration` is an object, as route.integrationProps.
 */
function targetNodeOf(entry: RouteEntry, target: AliasTarget | undefined): JsonNode | undefined {
  return target ? (target.field === 'server' ? entry.serverNode : entry.bindingNode) : undefined;
}

/**
 * What a route names, read once per route view (an unchanged route keeps its view across edits). checkRouteAliases
 * stores it while it reads the same nodes; this reads it for a route that was not checked.
 */
function aliasUsesOf(route: RouteView): RouteAliasUses {
  const known = route.derived.aliasUses as RouteAliasUses | undefined;
  if (known) return known;
  const entry = routeEntryOf(route);
  let uses = NO_USES;
  if (entry) {
    const target = aliasTargetOf(route);
    uses = usesOf(target?.section, stringOf(targetNodeOf(entry, target)), stringOf(bindingOf(entry.preProcessNode)), stringOf(bindingOf(entry.postProcessNode)), misplacedPostAliasOf(route));
  }
  route.derived.aliasUses = uses;
  return uses;
}

/** SAG201–SAG205, SAG208 for one route; also stores what the route names (for SAG207). */
export function checkRouteAliases(ctx: RuleContext, view: ConfigView, emit: Emit, route: RouteView): void {
  // The route table's entry holds the nodes read in one pass over the item (the routing rules read it too).
  const entry = routeEntryOf(route);
  if (!entry) {
    route.derived.aliasUses = NO_USES;
    return;
  }
  const type = route.integrationType;
  const target = aliasTargetOf(route);
  const node = targetNodeOf(entry, target);
  const alias = stringOf(node);
  if (node && alias !== undefined && alias !== '' && !view[target!.section].has(alias)) reportIntegrationAlias(ctx, view, emit, route.index, type as IntegrationType, target!, node, alias);
  const hookBinding = bindingOf(entry.preProcessNode);
  const hookAlias = stringOf(hookBinding);
  if (hookBinding && hookAlias !== undefined && hookAlias !== '' && !view.serviceBindings.has(hookAlias)) {
    const symptom = ctx.runtime === 'bundled'
      ? 'the bundled gateway refuses the config'
      : 'the upstream gateway silently SKIPS the hook, so requests reach the integration without its check';
    reportUnknown(view, emit, 'SAG204', hookBinding, pointer('paths', route.index, 'pre_process', 'binding'), 'pre_process hook', hookAlias, 'serviceBindings', symptom);
  }
  const postBinding = bindingOf(entry.postProcessNode);
  const postAlias = stringOf(postBinding);
  if (postBinding && postAlias !== undefined && postAlias !== '' && !view.serviceBindings.has(postAlias)) checkPostProcessAlias(ctx, view, emit, route.index, type, entry.postProcessNode!, postBinding, postAlias);
  route.derived.aliasUses = usesOf(target?.section, alias, hookAlias, postAlias, misplacedPostAliasOf(route));
}

const INTEGRATION_SECTION: Record<AliasSection, string> = { servers: 'integration:servers', services: 'integration:services', serviceBindings: 'integration:serviceBindings' };
const SECTION_OF_USE = new Map<string, AliasSection>([
  ...(['servers', 'services', 'serviceBindings'] as const).map((section): [string, AliasSection] => [section, section]),
  ...(['servers', 'services', 'serviceBindings'] as const).map((section): [string, AliasSection] => [INTEGRATION_SECTION[section], section]),
]);

/**
 * How many routes name each alias, per section and config tree, kept up to date route by route across edits; and
 * how many of those are integrations (`byIntegration`).
 */
type UseCounts = Record<AliasSection, Map<string, number>> & { byIntegration: Record<AliasSection, Map<string, number>> };
const useCountsOfTree = new WeakMap<JsonNode, { counts: UseCounts }>();

function noCounts(): UseCounts {
  return { servers: new Map(), services: new Map(), serviceBindings: new Map(), byIntegration: { servers: new Map(), services: new Map(), serviceBindings: new Map() } };
}

function countUses(counts: UseCounts, route: RouteView | undefined, step: 1 | -1): void {
  if (!route) return;
  const uses = aliasUsesOf(route);
  for (let i = 0; i < uses.length; i += 2) {
    const section = SECTION_OF_USE.get(uses[i]!)!;
    const alias = uses[i + 1]!;
    count(counts[section], alias, step);
    if (uses[i] !== section) count(counts.byIntegration[section], alias, step);
  }
}

function count(map: Map<string, number>, alias: string, step: 1 | -1): void {
  const n = (map.get(alias) ?? 0) + step;
  if (n === 0) map.delete(alias);
  else map.set(alias, n);
}

function aliasUseCounts(view: ConfigView): UseCounts {
  const root = view.root!;
  let state = useCountsOfTree.get(root);
  if (!state) useCountsOfTree.set(root, (state = { counts: noCounts() }));
  const changes = routeChanges(state, root, view.routes);
  if (changes.kind === 'all') {
    state.counts = noCounts();
    for (const route of view.routes) countUses(state.counts, route, 1);
  } else {
    for (const i of changes.indexes) {
      countUses(state.counts, changes.previous[i], -1);
      countUses(state.counts, view.routes[i], 1);
    }
  }
  return state.counts;
}

/** SAG206 and SAG207: duplicate definitions, and definitions no route, hook or post_process names. */
export function checkAliasDefinitions(view: ConfigView, emit: Emit): void {
  const counts = aliasUseCounts(view);
  const named = (section: AliasSection, alias: string): boolean => counts[section].has(alias);
  // An integration that looks in the other section, where the alias is not (SAG208), means this entry: a use of it,
  // as references and rename count it. A hook reads serviceBindings only.
  const meant = (other: AliasSection, alias: string): boolean => counts.byIntegration[other].has(alias) && !view[other].has(alias);
  const used = {
    servers: (alias: string) => named('servers', alias),
    services: (alias: string) => named('services', alias) || meant('serviceBindings', alias),
    serviceBindings: (alias: string) => named('serviceBindings', alias) || meant('services', alias),
  };
  checkDuplicates(view, emit);
  checkUnused(view, emit, used);
}

function reportIntegrationAlias(ctx: RuleContext, view: ConfigView, emit: Emit, index: number, type: IntegrationType, target: { field: string; section: AliasSection }, node: JsonNode, alias: string): void {
  const ptr = pointer('paths', index, 'integration', target.field);
  const swapped: AliasSection | undefined = target.section === 'services' && view.serviceBindings.has(alias) ? 'serviceBindings' : target.section === 'serviceBindings' && view.services.has(alias) ? 'services' : undefined;
  if (swapped) {
    const otherType = swapped === 'services' ? 'service' : 'service_binding';
    const typeNode = view.routes[index]?.integrationProps?.value('type');
    emit('SAG208', node, ptr, `\`${alias}\` is a \`${swapped}\` alias, but a \`${type}\` integration looks it up in \`${target.section}\`: ${ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the route answers 404'}; switch the type to \`${otherType}\` or move the entry`, {
      fixes: typeNode ? [replaceStringFix(view.doc, typeNode, otherType, `Change the integration type to \`${otherType}\``, false)] : [],
    });
    return;
  }
  const code = target.section === 'servers' ? 'SAG201' : target.section === 'services' ? 'SAG202' : 'SAG203';
  const symptom = ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the route answers 404 "No match found."';
  reportUnknown(view, emit, code, node, ptr, `\`${type}\` integration`, alias, target.section, symptom);
}

/** What an unknown alias is compared with: a section's aliases, made once per section map, not once per finding. */
interface SectionAliases {
  defined: string[];
  suggest: Suggest;
  /** serviceBindings: wrangler binding name -> alias of the first entry with it. */
  aliasOfBinding: Map<string, string>;
}

function sectionAliases(entries: Map<string, AliasEntry>, withBindings: boolean): SectionAliases {
  return askOnce(entries, 'section aliases', () => {
    const defined = [...entries.keys()];
    const aliasOfBinding = new Map<string, string>();
    if (withBindings) {
      for (const e of entries.values()) {
        const binding = stringOf(e.target);
        if (binding !== undefined && !aliasOfBinding.has(binding)) aliasOfBinding.set(binding, e.alias);
      }
    }
    return { defined, suggest: suggester(defined), aliasOfBinding };
  });
}

function reportUnknown(view: ConfigView, emit: Emit, code: string, node: JsonNode, ptr: string, who: string, alias: string, section: AliasSection, symptom: string): void {
  const { defined, suggest, aliasOfBinding } = sectionAliases(view[section], section === 'serviceBindings');
  // A value equal to an entry's `binding` (the wrangler name) means that entry's alias.
  const byBinding = aliasOfBinding.get(alias);
  const suggestion = byBinding ?? suggest(alias);
  const list = defined.length === 0 ? `there is no \`${section}\` entry` : `defined: ${defined.slice(0, SHOWN_ALIASES).join(', ')}${defined.length > SHOWN_ALIASES ? ', ...' : ''}`;
  const hint = byBinding ? `; \`${alias}\` is the wrangler binding of alias \`${byBinding}\`: use the alias` : suggestion ? `; did you mean \`${suggestion}\`?` : '';
  const fixes: (Fix | undefined)[] = [];
  if (suggestion) fixes.push(replaceStringFix(view.doc, node, suggestion, `Change to \`${suggestion}\``, false));
  fixes.push(addEntryFix(view, section, alias));
  emit(code, node, ptr, `${who} names \`${alias}\`, which is not an alias in \`${section}\` (${list}): ${symptom}${hint}`, { fixes });
}

/** SAG205 for a post_process `binding` that names no serviceBindings alias. */
function checkPostProcessAlias(ctx: RuleContext, view: ConfigView, emit: Emit, index: number, type: string | undefined, hook: JsonNode, node: JsonNode, alias: string): void {
  // Upstream runs the hook only on auth0_callback with type "service_binding"; elsewhere SAG110 already says it never runs.
  const runsUpstream = type === 'auth0_callback' && stringOf(propertiesOf(hook).value('type')) === 'service_binding';
  if (ctx.runtime === 'upstream' && !runsUpstream) return;
  const noSection = !view.rootProps.has('serviceBindings') && !view.rootProps.has('servicesBindings');
  const symptom = ctx.runtime === 'bundled'
    ? 'the bundled gateway refuses the config'
    : noSection ? 'there is no `serviceBindings` section at all, so the lookup throws and the route answers 500' : 'the upstream gateway silently skips the hook';
  reportUnknown(view, emit, 'SAG205', node, pointer('paths', index, 'integration', 'post_process', 'binding'), 'post_process hook', alias, 'serviceBindings', symptom);
}

function checkDuplicates(view: ConfigView, emit: Emit): void {
  for (const section of ['servers', 'services', 'serviceBindings', 'servicesBindings'] as AliasSectionName[]) {
    const first = new Map<string, AliasEntry>();
    for (const entry of view.entries[section]) {
      const earlier = first.get(entry.alias);
      if (!earlier) {
        first.set(entry.alias, entry);
        continue;
      }
      emit('SAG206', entry.aliasNode, pointer(section, entry.index, 'alias'), `alias \`${entry.alias}\` is already defined in ${section}[${earlier.index}]; the first entry wins, so this one is never used`, {
        related: [{ file: view.doc.file, range: rangeOf(view.doc, earlier.aliasNode), message: `first definition of \`${entry.alias}\`` }],
        fixes: [removeEntryFix(view, entry, `Remove this duplicate \`${entry.alias}\` entry (the first one stays)`)],
      });
    }
  }
}

/** Remove a `servers` / `services` / `serviceBindings` entry, with its comma (unsafe: the user decides). */
function removeEntryFix(view: ConfigView, entry: AliasEntry, title: string): Fix {
  return { title, safe: false, edits: [removeSiblingEdit(view.doc, entry.entry)] };
}

function checkUnused(view: ConfigView, emit: Emit, used: Usage): void {
  const sections: [AliasSectionName, keyof Usage][] = [['servers', 'servers'], ['services', 'services'], ['serviceBindings', 'serviceBindings'], ['servicesBindings', 'serviceBindings']];
  for (const [section, usage] of sections) {
    for (const entry of view.entries[section]) {
      // Only the definition that wins at run time; duplicates are SAG206, shadowed legacy entries SAG103.
      if (view[usage].get(entry.alias) !== entry || used[usage](entry.alias)) continue;
      emit('SAG207', entry.aliasNode, pointer(section, entry.index, 'alias'), `\`${section}\` alias \`${entry.alias}\` is never used by a route${usage === 'serviceBindings' ? ', hook or post_process' : ''}`, {
        fixes: [removeEntryFix(view, entry, `Remove the unused \`${entry.alias}\` entry`)],
      });
    }
  }
}
