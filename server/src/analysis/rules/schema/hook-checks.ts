// Route hooks: `pre_process` shape (SAG109), a hook on a route without integration (SAG122), the hook's
// continue value in the bound Worker's source (SAG121, upstream only) and a path-level `post_process` (SAG110).
import { PRE_PROCESS_KEYS, POST_PROCESS_TYPE } from 'serverless-api-gateway-runtime/config';
import { nodeValue } from '../../parse/config-document';
import { label, localFix, pointer, sequentialEdit, typeName } from './anchor';
import type { RouteView } from './config-view';
import { propertiesOf, stringOf, type Properties } from './config-view';
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

/**
 * SAG121: the bound Worker's hook method returns undefined/null (or falls off its end) somewhere. The class may be
 * re-exported by the Worker's main module: ctx.boundTargets has it read already.
 */
function checkContinueValue(rc: RouteCheck, route: RouteView, props: Properties): void {
  const alias = stringOf(props.value('binding'));
  const functionNode = props.value('function');
  const name = stringOf(functionNode);
  if (alias === undefined || name === undefined || !functionNode) return;
  const target = rc.ctx.boundTargets.get(alias);
  const method = target?.cls.methods.get(name);
  if (!target || !method) return;
  const bad = method.returns.filter((r) => r === 'undefined' || r === 'null' || r === 'implicit');
  if (bad.length === 0) return;
  const what = bad.includes('implicit') && bad.length === 1 ? 'can end without a return value (undefined)' : `returns ${[...new Set(bad.map((b) => (b === 'implicit' ? 'undefined (no return)' : b)))].join(' / ')}`;
  rc.emit('SAG121', functionNode, pointer('paths', route.index, 'pre_process', 'function'), `hook \`${target.cls.name ?? 'default export'}.${name}\` ${what}: the upstream gateway continues only when a pre_process hook returns exactly \`true\`, anything else is sent as the response and undefined/null answer 500; return \`true\` to continue`, {
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
