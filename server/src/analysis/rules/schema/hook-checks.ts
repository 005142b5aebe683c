// Route hooks: `pre_process` shape (SAG109), a hook on a route without integration (SAG122), the hook's
// continue value in the bound Worker's source (SAG121, upstream only) and a path-level `post_process` (SAG110).
import { PRE_PROCESS_KEYS, POST_PROCESS_TYPE } from 'serverless-api-gateway-runtime/config';
import { nodeValue } from '../../parse/config-document';
import { label, localFix, pointer, sequentialEdit, typeName, type Emit } from './anchor';
import type { RuleContext } from '../rule';
import type { ConfigView, RouteView } from './config-view';
import { propertiesOf, stringOf, type Properties } from './config-view';
import { reExportedBindingTarget, resolveBindingTarget, type BindingTarget } from './hook-target';
import { functionCandidates } from './integration-checks';
import type { RouteCheck } from './route-checks';
import { unknownKeyFinding } from './unknown-keys';

export function checkHooks(rc: RouteCheck, route: RouteView): void {
  checkPreProcess(rc, route);
  checkPathLevelPostProcess(rc, route);
}

function checkPreProcess(rc: RouteCheck, route: RouteView): void {
  const { ctx, view, emit } = rc;
  const prop = route.props.get('pre_process');
  if (!prop || !prop.value) return;
  const ptr = pointer('paths', route.index, 'pre_process');
  const node = prop.value;
  if (!route.integration) {
    emit('SAG122', prop.keyNode, ptr, `\`pre_process\` on ${label('paths', route.index)} never runs: hooks run just before the integration, and this route has none (it serves its static \`response\`)`);
  }
  if (node.type !== 'object') {
    emit('SAG109', node, ptr, `\`pre_process\` must be an object { "binding": "<serviceBindings alias>", "function": "<method>" }, but it is ${typeName(node)}`);
    return;
  }
  const props = propertiesOf(node);
  const problems: string[] = [];
  const fixes = [];
  const bindingNode = props.value('binding');
  for (const field of PRE_PROCESS_KEYS) {
    const value = props.value(field);
    if (value && stringOf(value) !== undefined && stringOf(value) !== '') continue;
    problems.push(value ? `\`${field}\` must be a non-empty string, but it is ${typeName(value)}` : `\`${field}\` is missing`);
    if (value) continue;
    // Only a single candidate makes a fix: the aliases are listed only then (thousands of routes may ask).
    const candidates = field === 'binding' ? (view.serviceBindings.size === 1 ? [...view.serviceBindings.keys()] : []) : functionCandidates(rc, route, bindingNode);
    if (candidates.length === 1) fixes.push(localFix(view.doc, node, [field], candidates[0], `Add \`"${field}": "${candidates[0]}"\``, false));
  }
  if (problems.length > 0) {
    const typeKey = props.get('type');
    const note = typeKey && !bindingNode ? ' (`pre_process` takes no `type`: name the serviceBindings alias in `binding`)' : '';
    const symptom = ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the hook is skipped or throws (500), so its check never happens';
    emit('SAG109', prop.keyNode, ptr, `\`pre_process\` in ${label('paths', route.index)}: ${problems.join('; ')}${note}; ${symptom}`, {
      fixes,
      covers: PRE_PROCESS_KEYS.map((f) => pointer('paths', route.index, 'pre_process', f)),
    });
  }
  for (const p of props.values()) {
    if ((PRE_PROCESS_KEYS as readonly string[]).includes(p.key)) continue;
    if (p.key === 'type' && !bindingNode) continue; // explained by the SAG109 above
    unknownKeyFinding(view, emit, p, PRE_PROCESS_KEYS, ['paths', route.index, 'pre_process'], label('paths', route.index, 'pre_process'));
  }
  if (ctx.runtime === 'upstream') checkContinueValue(rc, route, props);
}

/** SAG121: the bound Worker's hook method returns undefined/null (or falls off its end) somewhere. */
function checkContinueValue(rc: RouteCheck, route: RouteView, props: Properties): void {
  const alias = stringOf(props.value('binding'));
  if (alias === undefined) return;
  const target = resolveBindingTarget(rc.ctx.project, rc.view, alias);
  if (target) reportContinueValue(rc.emit, route, props, target);
}

/**
 * SAG121 for hooks whose class the bound Worker's main module re-exports from another module. Per-route checks may
 * not read modules (rules/rule.ts), so these routes are judged here, each alias resolved once.
 */
export function checkReExportedHooks(ctx: RuleContext, view: ConfigView, emit: Emit): void {
  if (ctx.runtime !== 'upstream') return;
  const targets = new Map<string, BindingTarget>();
  for (const alias of view.serviceBindings.keys()) {
    const target = reExportedBindingTarget(ctx.project, view, alias, ctx.modules);
    if (target) targets.set(alias, target);
  }
  if (targets.size === 0) return;
  for (const route of view.routes) {
    const hook = route.props.get('pre_process')?.value;
    if (hook?.type !== 'object') continue;
    const props = propertiesOf(hook);
    const alias = stringOf(props.value('binding'));
    const target = alias === undefined ? undefined : targets.get(alias);
    if (target) reportContinueValue(emit, route, props, target);
  }
}

function reportContinueValue(emit: Emit, route: RouteView, props: Properties, target: BindingTarget): void {
  const functionNode = props.value('function');
  const name = stringOf(functionNode);
  if (name === undefined || !functionNode) return;
  const method = target.cls.methods.get(name);
  if (!method) return;
  const bad = method.returns.filter((r) => r === 'undefined' || r === 'null' || r === 'implicit');
  if (bad.length === 0) return;
  const what = bad.includes('implicit') && bad.length === 1 ? 'can end without a return value (undefined)' : `returns ${[...new Set(bad.map((b) => (b === 'implicit' ? 'undefined (no return)' : b)))].join(' / ')}`;
  emit('SAG121', functionNode, pointer('paths', route.index, 'pre_process', 'function'), `hook \`${target.cls.name ?? 'default export'}.${name}\` ${what}: the upstream gateway continues only when a pre_process hook returns exactly \`true\`, anything else is sent as the response and undefined/null answer 500; return \`true\` to continue`, {
    related: [{ file: target.file, range: method.range, message: `\`${name}\` in Worker \`${target.worker.name ?? target.decl.service?.value ?? ''}\`` }],
  });
}

function checkPathLevelPostProcess(rc: RouteCheck, route: RouteView): void {
  const { view, emit } = rc;
  const prop = route.props.get('post_process');
  if (!prop) return;
  const ptr = pointer('paths', route.index, 'post_process');
  const fixes = [];
  const value = prop.value;
  const integration = route.integration;
  // Upstream runs `integration.post_process` on auth0_callback only (SPEC C.9): moved under another integration, the
  // hook would still never run, so there the message explains and no move is offered.
  const runsThere = rc.ctx.runtime !== 'upstream' || route.integrationType === 'auth0_callback';
  if (runsThere && value?.type === 'object' && integration?.type === 'object' && !route.integrationProps?.has('post_process')) {
    const hook: Record<string, unknown> = { type: POST_PROCESS_TYPE };
    for (const [key, p] of propertiesOf(value)) if (key !== 'type' && p.value) hook[key] = nodeValue(p.value);
    const edit = sequentialEdit(
      view.doc,
      [
        { path: ['integration', 'post_process'], value: hook },
        { path: ['post_process'], value: undefined },
      ],
      route.node,
    );
    if (edit) fixes.push({ title: 'Move `post_process` under `integration` with `"type": "service_binding"`', safe: false, edits: [edit] });
  }
  const where = integration ? 'move it under `integration`' : 'it belongs under a route\'s `integration`';
  const upstreamNote = rc.ctx.runtime === 'upstream' ? ' (upstream runs it only on `auth0_callback` integrations)' : '';
  emit('SAG110', prop.keyNode, ptr, `a path-level \`post_process\` is ignored by the gateway: ${where}${upstreamNote}`, { fixes });
}
