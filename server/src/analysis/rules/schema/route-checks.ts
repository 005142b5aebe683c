// Per-route shape checks, one pass over `paths`: item type (SAG101), `method` (SAG104), `path` (SAG105),
// unknown keys (SAG108), `auth` (SAG120), integration/response presence (SAG116); the integration, hook and
// mapping checks are delegated per route.
import { HTTP_METHODS, INTEGRATION_TYPES, PATH_ITEM_KEYS } from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import type { JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { label, localFix, openingOf, pointer, replaceStringFix, replaceValueFix, typeName, type Emit } from './anchor';
import type { ConfigView, RouteView } from './config-view';
import { stringOf } from './config-view';
import { checkHooks } from './hook-checks';
import { checkIntegration } from './integration-checks';
import { checkMapping } from './mapping-checks';
import { unknownKeyFinding } from './unknown-keys';

export interface RouteCheck {
  ctx: RuleContext;
  view: ConfigView;
  emit: Emit;
}

const METHODS: readonly string[] = HTTP_METHODS;
const KNOWN_TYPES: ReadonlySet<string> = new Set(INTEGRATION_TYPES);
/** Keys handled by their own code rather than as unknown keys. */
const PATH_KEYS_WITH_OWN_CODE = new Set<string>([...PATH_ITEM_KEYS, 'post_process']);
const PATH_KEY_SUGGESTIONS = [...PATH_ITEM_KEYS, 'post_process'];

/** Every direct check of one path item. */
export function checkRoute(rc: RouteCheck, route: RouteView): void {
  if (route.node.type !== 'object') {
    rc.emit('SAG101', route.node, pointer('paths', route.index), `${label('paths', route.index)} must be a route object ({ "method", "path", ... }), but it is ${typeName(route.node)}`);
    return;
  }
  checkMethod(rc, route);
  checkPath(rc, route);
  if (route.props.hasKeyOutside(PATH_KEYS_WITH_OWN_CODE)) for (const prop of route.props.values()) {
    if (!PATH_KEYS_WITH_OWN_CODE.has(prop.key)) unknownKeyFinding(rc.view, rc.emit, prop, PATH_KEY_SUGGESTIONS, ['paths', route.index], label('paths', route.index));
  }
  checkAuth(rc, route);
  checkIntegration(rc, route);
  checkHooks(rc, route);
  checkMapping(rc, route);
  checkResponse(rc, route);
  checkRouteVariables(rc, route);
}

function checkMethod({ view, emit }: RouteCheck, route: RouteView): void {
  const node = route.method;
  const method = stringOf(node);
  if (method !== undefined && METHODS.includes(method)) return;
  const where = label('paths', route.index);
  const ptr = pointer('paths', route.index, 'method');
  if (!node) {
    emit('SAG104', route.node, ptr, `${where} has no \`method\`: the route never matches (use one of ${METHODS.join(', ')})`, { range: openingOf(view.doc, route.node) });
    return;
  }
  if (method === undefined) {
    emit('SAG104', node, ptr, `\`method\` must be a string, one of ${METHODS.join(', ')}, but it is ${typeName(node)}: the route never matches`);
    return;
  }
  const upper = method.toUpperCase();
  const fixes = [];
  let hint = '';
  if (METHODS.includes(upper)) {
    hint = `; methods are compared case-sensitively, use \`${upper}\``;
    fixes.push(replaceStringFix(view.doc, node, upper, `Change the method to \`${upper}\``, true));
  } else if (upper === 'HEAD' || upper === '*' || upper === 'ALL') {
    hint = upper === 'HEAD' ? '; `HEAD` requests reach only `ANY` routes (the bundled gateway also serves them from `GET`)' : '; use `ANY` to match every method';
    fixes.push(replaceStringFix(view.doc, node, 'ANY', 'Change the method to `ANY`', false));
  } else {
    const suggestion = closestMatch(upper, METHODS);
    if (suggestion) {
      hint = `; did you mean \`${suggestion}\`?`;
      fixes.push(replaceStringFix(view.doc, node, suggestion, `Change the method to \`${suggestion}\``, false));
    }
  }
  emit('SAG104', node, ptr, `method \`${method}\` is not one of ${METHODS.join(', ')}, so the route never matches${hint}`, { fixes });
}

function checkPath({ view, emit }: RouteCheck, route: RouteView): void {
  const node = route.path;
  const path = stringOf(node);
  if (path !== undefined && path.startsWith('/')) return;
  const where = label('paths', route.index);
  const ptr = pointer('paths', route.index, 'path');
  if (!node) {
    emit('SAG105', route.node, ptr, `${where} has no \`path\`: the route never matches (add e.g. \`"path": "/orders"\`)`, { range: openingOf(view.doc, route.node) });
    return;
  }
  if (path === undefined) {
    emit('SAG105', node, ptr, `\`path\` must be a string starting with \`/\`, but it is ${typeName(node)}: the route never matches`);
    return;
  }
  emit('SAG105', node, ptr, `path \`${path}\` does not start with \`/\`, so no request ever matches it; write \`/${path}\``, {
    fixes: [replaceStringFix(view.doc, node, `/${path}`, `Prefix the path with \`/\``, true)],
  });
}

function checkAuth({ ctx, view, emit }: RouteCheck, route: RouteView): void {
  const node = route.props.value('auth');
  if (!node || node.type === 'boolean' || node.type === 'null') return;
  const ptr = pointer('paths', route.index, 'auth');
  const truthy = isTruthy(node);
  const effect = truthy ? 'authentication is ON for this route' : 'authentication is OFF for this route';
  const runtimeNote = ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : `the gateway tests truthiness, so ${effect}`;
  const fixes = [];
  if (node.type === 'number' && (node.value === 0 || node.value === 1)) {
    fixes.push(replaceValueFix(view.doc, node, node.value === 1, `Replace with \`${node.value === 1}\``, ctx.runtime === 'upstream'));
  } else if (node.type === 'string') {
    const meant = /^(false|no|off|0)$/i.test(String(node.value).trim()) ? false : /^(true|yes|on|1)$/i.test(String(node.value).trim()) ? true : undefined;
    if (meant !== undefined) fixes.push(replaceValueFix(view.doc, node, meant, `Replace with \`${meant}\``, false));
    if (meant !== truthy) fixes.push(replaceValueFix(view.doc, node, truthy, `Replace with \`${truthy}\` (what the gateway does today)`, false));
  } else {
    fixes.push(replaceValueFix(view.doc, node, truthy, `Replace with \`${truthy}\``, false));
  }
  emit('SAG120', node, ptr, `\`auth\` must be \`true\` or \`false\`, not ${typeName(node)}: ${runtimeNote}`, { fixes });
}

function isTruthy(node: JsonNode): boolean {
  if (node.type === 'object' || node.type === 'array') return true;
  return Boolean(node.value);
}

function checkResponse({ view, emit }: RouteCheck, route: RouteView): void {
  const response = route.props.get('response');
  if (!route.integration && !response) {
    emit('SAG116', route.path ?? route.node, pointer('paths', route.index), `${label('paths', route.index)} has neither \`integration\` nor \`response\`: it answers 200 with an empty body`, route.path ? {} : { range: openingOf(view.doc, route.node) });
    return;
  }
  if (route.integration && response && route.integrationType !== undefined && KNOWN_TYPES.has(route.integrationType)) {
    emit('SAG116', response.keyNode, pointer('paths', route.index, 'response'), `\`response\` is never sent: the \`${route.integrationType}\` integration answers this route`, {
      fixes: [localFix(view.doc, route.node, ['response'], undefined, 'Remove the unused `response`', true)],
    });
  }
}

function checkRouteVariables({ emit }: RouteCheck, route: RouteView): void {
  const node = route.props.value('variables');
  if (node && node.type !== 'object') {
    emit('SAG101', node, pointer('paths', route.index, 'variables'), `${label('paths', route.index, 'variables')} must be an object of \`$config\` values, but it is ${typeName(node)}`);
  }
}
