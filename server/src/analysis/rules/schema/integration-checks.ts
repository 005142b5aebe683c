// One route's `integration`: shape and type (SAG106), the fields its type needs for the targeted runtime
// (SAG107, with a fix when exactly one candidate exists), unknown keys (SAG108) and `integration.post_process`
// (SAG110; upstream runs it only on auth0_callback with type "service_binding").
import {
  INTEGRATION_ALIAS_TARGET,
  INTEGRATION_KEYS,
  INTEGRATION_REQUIRED_FIELDS,
  INTEGRATION_TYPES,
  POST_PROCESS_KEYS,
  POST_PROCESS_TYPE,
  type IntegrationType,
} from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import { label, localFix, openingOf, pointer, replaceStringFix, typeName } from './anchor';
import type { RouteView } from './config-view';
import { propertiesOf, stringOf } from './config-view';
import { callableMethods } from './hook-target';
import type { RouteCheck } from './route-checks';
import { isFoldedMatch, unknownKeyFinding } from './unknown-keys';

const KNOWN_TYPES: readonly string[] = INTEGRATION_TYPES;
const INTEGRATION_KEY_SET: ReadonlySet<string> = new Set(INTEGRATION_KEYS);

export function checkIntegration(rc: RouteCheck, route: RouteView): void {
  const node = route.integration;
  if (!node) return;
  const { view, emit } = rc;
  if (node.type !== 'object') {
    emit('SAG106', node, pointer('paths', route.index, 'integration'), `\`integration\` must be an object such as { "type": "http_proxy", "server": "api" }, but it is ${typeName(node)}: the route answers its static \`response\` instead`);
    return;
  }
  const props = route.integrationProps!;
  const typeNode = props.value('type');
  const type = stringOf(typeNode);
  if (!typeNode || type === undefined) {
    emit('SAG106', typeNode ?? node, pointer('paths', route.index, 'integration', 'type'), `${label('paths', route.index, 'integration')} has ${typeNode ? `a \`type\` that is ${typeName(typeNode)}` : 'no `type`'}: the route answers its static \`response\` instead (types: ${KNOWN_TYPES.join(', ')})`, typeNode ? {} : { range: openingOf(view.doc, node) });
  } else if (!KNOWN_TYPES.includes(type)) {
    const suggestion = closestMatch(type, KNOWN_TYPES);
    emit('SAG106', typeNode, pointer('paths', route.index, 'integration', 'type'), `unknown integration type \`${type}\`: the route answers its static \`response\` (usually an empty 200) instead${suggestion ? `; did you mean \`${suggestion}\`?` : ` (types: ${KNOWN_TYPES.join(', ')})`}`, {
      fixes: suggestion ? [replaceStringFix(view.doc, typeNode, suggestion, `Change the type to \`${suggestion}\``, isFoldedMatch(type, suggestion))] : [],
    });
  } else {
    checkRequiredFields(rc, route, type as IntegrationType, typeNode);
  }
  if (props.hasKeyOutside(INTEGRATION_KEY_SET)) for (const prop of props.values()) {
    if (!INTEGRATION_KEY_SET.has(prop.key)) unknownKeyFinding(view, emit, prop, INTEGRATION_KEYS, ['paths', route.index, 'integration'], label('paths', route.index, 'integration'));
  }
  checkPostProcess(rc, route, type);
}

function checkRequiredFields(rc: RouteCheck, route: RouteView, type: IntegrationType, typeNode: NonNullable<RouteView['integration']>): void {
  const { ctx, view, emit } = rc;
  const required = INTEGRATION_REQUIRED_FIELDS[ctx.runtime][type] ?? [];
  const props = route.integrationProps!;
  let allSet = true; // the common case, decided without the arrays below
  for (let i = 0; i < required.length && allSet; i++) allSet = !!stringOf(props.value(required[i]!));
  if (allSet) return;
  const missing: string[] = [];
  const mistyped: string[] = [];
  for (const field of required) {
    const value = props.value(field);
    if (!value) missing.push(field);
    else if (stringOf(value) === undefined || stringOf(value) === '') mistyped.push(field);
  }
  if (missing.length === 0 && mistyped.length === 0) return;
  const aliasTarget = INTEGRATION_ALIAS_TARGET[type];
  const symptom = ctx.runtime === 'bundled'
    ? 'the bundled gateway refuses the config'
    : missing.includes('function') || mistyped.includes('function') ? 'the RPC call fails with 500' : 'the alias lookup fails and the route answers 404';
  const parts = [
    ...missing.map((f) => `\`${f}\` is missing`),
    ...mistyped.map((f) => `\`${f}\` must be a non-empty string, but it is ${typeName(props.value(f))}`),
  ];
  const fixes = [];
  for (const field of missing) {
    const candidates = field === 'function' ? functionCandidates(rc, route) : aliasTarget && aliasTarget.field === field ? [...view[aliasTarget.section].keys()] : [];
    const hint = candidates.length > 0 && candidates.length <= 8 ? ` (${field === 'function' ? 'methods' : `\`${aliasTarget?.section}\` aliases`}: ${candidates.join(', ')})` : '';
    parts[missing.indexOf(field)] += hint;
    if (candidates.length === 1) {
      fixes.push(localFix(view.doc, route.integration, [field], candidates[0], `Add \`"${field}": "${candidates[0]}"\``, false));
    }
  }
  emit('SAG107', typeNode, pointer('paths', route.index, 'integration', 'type'), `\`${type}\` integration in ${label('paths', route.index)}: ${parts.join('; ')}; ${symptom}`, {
    fixes,
    covers: [...missing, ...mistyped].map((f) => pointer('paths', route.index, 'integration', f)),
  });
}

/**
 * Methods of the bound Worker a `function` may name, when its source is in the workspace: of the class its main
 * module declares or re-exports (ctx.boundTargets), so a Worker whose index only re-exports gets the fix too.
 */
export function functionCandidates(rc: RouteCheck, route: RouteView, bindingNode = route.integrationProps?.value('binding')): string[] {
  const alias = stringOf(bindingNode);
  if (alias === undefined) return [];
  const target = rc.ctx.boundTargets.get(alias);
  return target ? callableMethods(target.cls) : [];
}

function checkPostProcess(rc: RouteCheck, route: RouteView, type: string | undefined): void {
  const { ctx, view, emit } = rc;
  const prop = route.integrationProps!.get('post_process');
  if (!prop || !prop.value) return;

  const ptr = pointer('paths', route.index, 'integration', 'post_process');
  const node = prop.value;
  if (node.type !== 'object') {
    emit('SAG110', node, ptr, `\`post_process\` must be an object { "type": "service_binding", "binding", "function" }, but it is ${typeName(node)}: the hook never runs`);
    return;
  }
  const props = propertiesOf(node);
  const typeNode = props.value('type');
  const hookType = stringOf(typeNode);
  const missing = ['binding', 'function'].filter((f) => stringOf(props.value(f)) === undefined);
  if (missing.length > 0) {
    emit('SAG110', prop.keyNode, ptr, `\`post_process\` needs string ${missing.map((f) => `\`${f}\``).join(' and ')}: the hook never runs`);
  }
  if (typeNode && hookType !== POST_PROCESS_TYPE) {
    emit('SAG110', typeNode, `${ptr}/type`, `\`post_process.type\` must be \`"${POST_PROCESS_TYPE}"\`, not ${typeName(typeNode)}: ${ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the hook never runs'}`, {
      severity: ctx.runtime === 'bundled' ? 'error' : undefined,
      fixes: [replaceStringFix(view.doc, typeNode, POST_PROCESS_TYPE, `Set the type to \`${POST_PROCESS_TYPE}\``, true)],
    });
  } else if (!typeNode && ctx.runtime === 'upstream') {
    emit('SAG110', prop.keyNode, ptr, `\`post_process\` has no \`"type": "${POST_PROCESS_TYPE}"\`: the upstream gateway skips the hook`, {
      fixes: [localFix(view.doc, node, ['type'], POST_PROCESS_TYPE, `Add \`"type": "${POST_PROCESS_TYPE}"\``, true)],
    });
  }
  if (ctx.runtime === 'upstream' && type !== undefined && type !== 'auth0_callback') {
    emit('SAG110', prop.keyNode, ptr, `the upstream gateway runs \`integration.post_process\` only on \`auth0_callback\` integrations, so this hook on a \`${type}\` integration never runs; move its logic into the integration`);
  }
  for (const p of props.values()) {
    if (!(POST_PROCESS_KEYS as readonly string[]).includes(p.key)) unknownKeyFinding(view, emit, p, POST_PROCESS_KEYS, ['paths', route.index, 'integration', 'post_process'], label('paths', route.index, 'integration', 'post_process'));
  }
}
