// SAG111: the `cors` object. Missing fields fall back to empty lists / false / 0 (both runtimes, warning);
// values of the wrong type or outside the enum are refused by the bundled gateway (error there).
import { CORS_KEYS, CORS_METHODS, type CorsKey } from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import type { JsonNode } from '../../parse/config-document';
import { pointer, renameKeyFix, replaceStringFix, sequentialEdit, typeName, type Emit } from './anchor';
import type { ConfigView } from './config-view';
import { propertiesOf } from './config-view';
import { isFoldedMatch } from './unknown-keys';

/** Defaults a fix inserts: usable, never more permissive than the user's own origins list. */
const FIX_DEFAULTS: Record<CorsKey, unknown> = {
  allow_origins: [],
  allow_methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
  allow_headers: ['Content-Type', 'Authorization'],
  expose_headers: [],
  allow_credentials: false,
  max_age: 0,
};

const RUNTIME_DEFAULT_TEXT: Record<CorsKey, string> = {
  allow_origins: 'no origin is allowed',
  allow_methods: '`Access-Control-Allow-Methods` is empty',
  allow_headers: '`Access-Control-Allow-Headers` is empty',
  expose_headers: 'no header is exposed',
  allow_credentials: 'credentials are not allowed',
  max_age: 'preflights are not cached',
};

export function checkCors(view: ConfigView, emit: Emit): void {
  const prop = view.rootProps.get('cors');
  const node = prop?.value;
  if (!prop || !node || node.type !== 'object') return;
  const doc = view.doc;
  const props = propertiesOf(node);

  const unknown = [...props.values()].filter((p) => !(CORS_KEYS as readonly string[]).includes(p.key));
  const missing = CORS_KEYS.filter((k) => !props.has(k));
  const renames = new Map<string, CorsKey>();
  for (const p of unknown) {
    const suggestion = closestMatch(p.key, missing) as CorsKey | undefined;
    if (suggestion && ![...renames.values()].includes(suggestion)) renames.set(p.key, suggestion);
  }
  for (const p of unknown) {
    const suggestion = renames.get(p.key);
    emit('SAG111', p.keyNode, pointer('cors', p.key), `unknown \`cors\` field \`${p.key}\` is ignored${suggestion ? `; did you mean \`${suggestion}\`?` : ` (fields: ${CORS_KEYS.join(', ')})`}`, {
      fixes: suggestion ? [renameKeyFix(doc, p.keyNode, suggestion, isFoldedMatch(p.key, suggestion))] : [],
    });
  }
  const reallyMissing = missing.filter((k) => ![...renames.values()].includes(k));
  if (reallyMissing.length > 0) {
    const edit = sequentialEdit(doc, reallyMissing.map((k) => ({ path: [k], value: FIX_DEFAULTS[k] })), node);
    emit('SAG111', prop.keyNode, '/cors', `\`cors\` lacks ${reallyMissing.map((k) => `\`${k}\``).join(', ')}: ${reallyMissing.map((k) => RUNTIME_DEFAULT_TEXT[k]).join(', ')}, so browsers reject preflights and responses`, {
      covers: reallyMissing.map((k) => pointer('cors', k)),
      fixes: [edit && { title: `Add ${reallyMissing.map((k) => `\`${k}\``).join(', ')} with usable defaults`, safe: false, edits: [edit] }],
    });
  }
  for (const key of CORS_KEYS) {
    const value = props.value(key);
    if (!value) continue;
    for (const problem of valueProblems(key, value)) emit('SAG111', problem.node, pointer('cors', key) + problem.suffix, `\`cors.${key}\`: ${problem.message}`, { fixes: problem.fix ? [problem.fix(doc)] : [] });
  }
}

interface ValueProblem {
  node: JsonNode;
  suffix: string;
  message: string;
  fix?: (doc: ConfigView['doc']) => ReturnType<typeof replaceStringFix>;
}

function valueProblems(key: CorsKey, value: JsonNode): ValueProblem[] {
  if (key === 'allow_credentials') {
    return value.type === 'boolean' ? [] : [{ node: value, suffix: '', message: `must be \`true\` or \`false\`, not ${typeName(value)}` }];
  }
  if (key === 'max_age') {
    if (value.type === 'number' && Number.isInteger(value.value) && value.value >= 0) return [];
    return [{ node: value, suffix: '', message: `must be a whole number of seconds, 0 or more, not ${typeName(value)}` }];
  }
  if (value.type !== 'array') return [{ node: value, suffix: '', message: `must be an array of strings, not ${typeName(value)}` }];
  const out: ValueProblem[] = [];
  const seen = new Set<string>();
  const items = value.children ?? [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type !== 'string') {
      out.push({ node: item, suffix: `/${i}`, message: `entries must be strings, not ${typeName(item)}` });
      continue;
    }
    const text = String(item.value);
    if (seen.has(text) && (key === 'allow_origins' || key === 'allow_methods')) {
      out.push({ node: item, suffix: `/${i}`, message: `\`${text}\` is listed twice` });
      continue;
    }
    seen.add(text);
    if (key === 'allow_methods' && !(CORS_METHODS as readonly string[]).includes(text)) {
      const upper = text.toUpperCase();
      const ok = (CORS_METHODS as readonly string[]).includes(upper);
      out.push({
        node: item,
        suffix: `/${i}`,
        message: `\`${text}\` is not one of ${CORS_METHODS.join(', ')}${ok ? `; write \`${upper}\`` : ''}`,
        fix: ok ? (doc) => replaceStringFix(doc, item, upper, `Change to \`${upper}\``, true) : undefined,
      });
      continue;
    }
    if (key === 'allow_origins' && text !== '*' && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(text)) {
      const trimmed = text.replace(/\/+$/, '');
      const trailing = trimmed !== text && /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i.test(trimmed);
      out.push({
        node: item,
        suffix: `/${i}`,
        message: trailing
          ? `origin \`${text}\` ends with \`/\`, but an Origin header never does, so it never matches; write \`${trimmed}\``
          : `\`${text}\` is not an origin (\`scheme://host[:port]\`) or \`*\`, so it never matches a request's Origin header`,
        fix: trailing ? (doc) => replaceStringFix(doc, item, trimmed, `Change to \`${trimmed}\``, true) : undefined,
      });
    }
  }
  return out;
}
