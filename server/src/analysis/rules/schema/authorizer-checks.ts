// SAG112 (authorizer type and the fields the targeted runtime needs, ONE finding per problem, misspelled keys
// folded into it) and SAG113 (jwt `algorithm` outside what the runtime verifies).
import { AUTHORIZER_FIELDS, AUTHORIZER_TYPES, JWT_ALGORITHMS, type AuthorizerType } from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import type { RuleContext } from '../rule';
import { localFix, pointer, renameKeyFix, replaceStringFix, sequentialEdit, typeName, type Emit } from './anchor';
import { AUTHORIZER_SKELETONS } from './authorizer-skeletons';
import type { ConfigView } from './config-view';
import { propertiesOf, stringOf } from './config-view';
import { isFoldedMatch } from './unknown-keys';

const TYPES: readonly string[] = AUTHORIZER_TYPES;
/** auth0 fields only the callback / refresh / login-redirect integrations read (A.10). */
const AUTH0_FLOW_FIELDS = ['client_id', 'client_secret', 'redirect_uri', 'scope'];
const AUTH0_FLOW_TYPES = new Set(['auth0_callback', 'auth0_refresh', 'auth0_callback_redirect']);

export function checkAuthorizer(ctx: RuleContext, view: ConfigView, emit: Emit): void {
  const prop = view.rootProps.get('authorizer');
  const node = prop?.value;
  if (!prop || !node || node.type !== 'object') return;
  const doc = view.doc;
  const props = propertiesOf(node);
  const typeNode = props.value('type');
  const type = stringOf(typeNode);
  const offSymptom = ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'the gateway treats it as "no authorizer" and serves every `auth: true` route WITHOUT authentication';
  if (type === undefined || !TYPES.includes(type)) {
    const suggestion = type !== undefined ? closestMatch(type, TYPES) : undefined;
    const fixes = [];
    if (suggestion && typeNode) fixes.push(replaceStringFix(doc, typeNode, suggestion, `Change the type to \`${suggestion}\``, isFoldedMatch(type!, suggestion)));
    else for (const t of AUTHORIZER_TYPES) fixes.push(localFix(doc, node, [], { ...AUTHORIZER_SKELETONS[t] }, `Replace with a \`${t}\` authorizer skeleton`, false));
    const what = !typeNode ? 'has no `type`' : type === undefined ? `has a \`type\` that is ${typeName(typeNode)}` : `type \`${type}\` is unknown`;
    emit('SAG112', typeNode ?? prop.keyNode, typeNode ? '/authorizer/type' : '/authorizer', `authorizer ${what} (types: ${TYPES.join(', ')}): ${offSymptom}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, { fixes });
    return;
  }
  const fields = AUTHORIZER_FIELDS[ctx.runtime][type as AuthorizerType];
  const unknown = [...props.values()].filter((p) => !fields.allowed.includes(p.key));
  const isEmpty = (key: string) => {
    const v = props.value(key);
    return !v || stringOf(v) === undefined || stringOf(v) === '';
  };
  // What is missing, and with which severity: runtime needs are errors everywhere; schema-only requirements
  // are errors under bundled (it refuses the config) and, upstream, only the auth0 flow fields matter.
  const needed = new Set<string>(fields.runtimeNeeds);
  if (ctx.runtime === 'bundled') for (const f of fields.required) needed.add(f);
  const flowRoutes = view.routes.some((r) => r.integrationType !== undefined && AUTH0_FLOW_TYPES.has(r.integrationType));
  if (type === 'auth0' && ctx.runtime === 'upstream') for (const f of AUTH0_FLOW_FIELDS) needed.add(f);
  const missing = [...needed].filter((f) => f !== 'type' && isEmpty(f));
  const oneOfMissing = fields.requireOneOf && fields.requireOneOf.every(isEmpty) ? fields.requireOneOf : undefined;
  const renames = new Map<string, string>();
  for (const p of unknown) {
    const s = closestMatch(p.key, [...missing, ...(oneOfMissing ?? [])]);
    if (s) renames.set(p.key, s);
  }
  const problems: string[] = [];
  for (const f of missing) problems.push(describeMissing(props.value(f), f, renames));
  if (oneOfMissing) problems.push(`one of ${oneOfMissing.map((f) => `\`${f}\``).join(' or ')} is needed to verify tokens${renamedFrom(oneOfMissing, renames)}`);
  if (problems.length > 0) {
    const runtimeCritical = missing.some((f) => fields.runtimeNeeds.includes(f)) || oneOfMissing !== undefined;
    const onlyFlow = !runtimeCritical && ctx.runtime === 'upstream';
    const symptom = ctx.runtime === 'bundled'
      ? 'the bundled gateway refuses the config'
      : onlyFlow
        ? flowRoutes ? 'the auth0 callback, refresh and login routes fail' : 'the auth0 callback, refresh and login integrations would fail'
        : 'every protected route answers 401 or 500';
    const insert: Record<string, unknown> = {};
    for (const f of [...missing, ...(oneOfMissing ? [oneOfMissing.includes('jwks_uri') ? 'jwks_uri' : oneOfMissing[0]!] : [])]) {
      if (!props.has(f) && !renames.has(f)) insert[f] = AUTHORIZER_SKELETONS[type as AuthorizerType][f] ?? '';
    }
    const renameFixes = [...renames].map(([from, to]) => renameKeyFix(doc, props.get(from)!.keyNode, to, isFoldedMatch(from, to)));
    const edit = Object.keys(insert).length > 0 ? sequentialEdit(doc, Object.entries(insert).map(([k, v]) => ({ path: [k], value: v })), node) : undefined;
    emit('SAG112', prop.keyNode, '/authorizer', `\`${type}\` authorizer: ${problems.join('; ')}; ${symptom}`, {
      severity: onlyFlow && !flowRoutes ? 'warning' : undefined,
      covers: [...missing, ...(oneOfMissing ?? []), ...renames.keys()].map((f) => pointer('authorizer', f)),
      fixes: [...renameFixes, edit && { title: `Add ${Object.keys(insert).map((k) => `\`${k}\``).join(', ')} placeholders`, safe: false, edits: [edit] }],
    });
  }
  for (const p of unknown) {
    if (renames.has(p.key)) continue;
    const suggestion = closestMatch(p.key, fields.allowed);
    emit('SAG112', p.keyNode, pointer('authorizer', p.key), `\`${p.key}\` is not a field of a \`${type}\` authorizer (fields: ${fields.allowed.join(', ')}): ${ctx.runtime === 'bundled' ? 'the bundled gateway refuses the config' : 'it is ignored'}${suggestion && !props.has(suggestion) ? `; did you mean \`${suggestion}\`?` : ''}`, {
      severity: ctx.runtime === 'bundled' ? 'error' : 'warning',
      fixes: suggestion && !props.has(suggestion) ? [renameKeyFix(doc, p.keyNode, suggestion, isFoldedMatch(p.key, suggestion))] : [],
    });
  }
  if (type === 'jwt') checkAlgorithm(ctx, view, emit, props.value('algorithm'));
}

function describeMissing(value: ConfigView['root'], field: string, renames: Map<string, string>): string {
  const base = !value ? `\`${field}\` is missing` : stringOf(value) === '' ? `\`${field}\` is empty` : `\`${field}\` must be a string, not ${typeName(value)}`;
  return base + renamedFrom([field], renames);
}

function renamedFrom(fields: readonly string[], renames: Map<string, string>): string {
  const from = [...renames].filter(([, to]) => fields.includes(to)).map(([f, to]) => `\`${f}\` looks like a misspelling of \`${to}\``);
  return from.length > 0 ? ` (${from.join(', ')})` : '';
}

function checkAlgorithm(ctx: RuleContext, view: ConfigView, emit: Emit, node: ConfigView['root']): void {
  if (!node) return;
  const algorithm = stringOf(node);
  const accepted = JWT_ALGORITHMS[ctx.runtime];
  if (algorithm !== undefined && accepted.includes(algorithm)) return;
  const shown = algorithm !== undefined ? `\`${algorithm}\`` : typeName(node);
  const message = ctx.runtime === 'bundled'
    ? `jwt \`algorithm\` ${shown} is not one the bundled gateway verifies (${accepted.join(', ')}): it refuses the config; for asymmetric tokens use an \`auth0\` authorizer with a JWKS`
    : `jwt \`algorithm\` ${shown} is ignored by the upstream gateway: it verifies any HMAC algorithm with the shared secret${algorithm && /^(RS|ES|PS|Ed)/i.test(algorithm) ? `, so ${algorithm} tokens never verify` : ''}; set \`HS256\``;
  // Upstream ignores the field, so writing HS256 changes nothing that runs: safe for another HMAC name only. For an
  // asymmetric one the tokens still never verify, and applied unattended the fix would hide that.
  const safe = ctx.runtime === 'upstream' && algorithm !== undefined && /^HS/i.test(algorithm);
  emit('SAG113', node, '/authorizer/algorithm', message, {
    fixes: [algorithm !== undefined ? replaceStringFix(view.doc, node, 'HS256', 'Set the algorithm to `HS256`', safe) : undefined],
  });
}
