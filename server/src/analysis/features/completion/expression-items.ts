// Completion of expression strings: mapping sources (`$request.header.`, `$request.jwt.`, `$request.query.`,
// `$config.`, SPEC A.7) in mapping values, and load-time substitutions (`$env.`, `$secrets.`, A.8) everywhere else,
// with names taken from what the project declares: variables, wrangler [vars] of every environment, .dev.vars, CORS
// headers, other mappings.
import { MAPPING_SOURCES } from 'serverless-api-gateway-runtime/config';
import { propertiesOf, stringOf } from '../../rules/schema/config-view';
import type { ReferenceIndex } from '../reference-index/build';
import type { CompletionEntry } from '../types';
import { placed, type ItemPlacement } from './reference-items';

/** Registered JWT claims (RFC 7519) and the ones Auth0 and Supabase tokens carry. */
const JWT_CLAIMS: [string, string][] = [
  ['sub', 'Subject: the user id.'],
  ['iss', 'Issuer.'],
  ['aud', 'Audience.'],
  ['exp', 'Expiry (seconds since the epoch).'],
  ['iat', 'Issued at.'],
  ['nbf', 'Not before.'],
  ['jti', 'Token id.'],
  ['email', 'E-mail address (OpenID Connect).'],
  ['email_verified', 'Whether the e-mail address is verified.'],
  ['name', 'Display name.'],
  ['preferred_username', 'User name (OpenID Connect).'],
  ['scope', 'Granted scopes.'],
  ['azp', 'Authorized party (the client id).'],
  ['role', 'Supabase role (`authenticated`, `anon`).'],
  ['session_id', 'Supabase session id.'],
];

const COMMON_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'user-agent', 'origin', 'referer', 'cookie', 'x-request-id', 'x-forwarded-for', 'cf-connecting-ip', 'cf-ipcountry', 'cf-ray'];

const SUBSTITUTIONS = ['$env.', '$secrets.'] as const;

/** Expressions for a value at `prefix` (what was typed so far). `mapping`: the value is a mapping expression of that route. */
export function expressionItems(index: ReferenceIndex, prefix: string, mappingRoute: number | undefined, placement: ItemPlacement): CompletionEntry[] {
  const item = (label: string, detail: string, documentation?: string): CompletionEntry => placed({ label, kind: 'variable', detail, ...(documentation ? { documentation } : {}) }, placement);
  // A mapping value is read per request: `$env.X` there was substituted at load time and maps nothing (SAG114).
  // A constant goes into `variables` (substitutions allowed there) and is read with `$config.NAME`.
  if (mappingRoute !== undefined && (prefix.startsWith('$env.') || prefix.startsWith('$secret'))) return [];
  if (prefix.startsWith('$env.')) return envNames(index).map(([name, where]) => item(`$env.${name}`, where));
  if (prefix.startsWith('$secrets.') || prefix.startsWith('$secret.')) {
    const head = prefix.startsWith('$secrets.') ? '$secrets.' : '$secret.';
    return secretNames(index).map(([name, where]) => item(`${head}${name}`, where));
  }
  if (mappingRoute !== undefined) {
    if (prefix.startsWith('$config.')) return configNames(index, mappingRoute).map(([name, where]) => item(`$config.${name}`, where));
    if (prefix.startsWith('$request.jwt.')) return JWT_CLAIMS.map(([claim, doc]) => item(`$request.jwt.${claim}`, 'JWT claim', `${doc} Set only on routes with \`auth: true\` and an authorizer.`));
    if (prefix.startsWith('$request.header.')) return headerNames(index).map((name) => item(`$request.header.${name}`, 'request header'));
    if (prefix.startsWith('$request.query.')) return queryNames(index).map((name) => item(`$request.query.${name}`, 'query parameter'));
  }
  // No source chosen yet: offer the sources themselves; choosing one asks for its names.
  if (prefix !== '' && !prefix.startsWith('$')) return [];
  const heads: readonly string[] = mappingRoute !== undefined ? MAPPING_SOURCES : SUBSTITUTIONS;
  return heads.map((head) => {
    const entry: CompletionEntry = { ...placed({ label: head, kind: 'variable', detail: describeHead(head) }, placement), retrigger: true };
    // After a bare colon the head comes with its quotes: the cursor must end inside them (a snippet's `$0`), or
    // the completion asked again right after finds itself past the closing quote, with nothing to offer.
    if (placement.quote) Object.assign(entry, { insertText: `"${head.replace(/[$}\\]/g, '\\$&')}$0"`, snippet: true });
    return entry;
  });
}

function describeHead(head: string): string {
  switch (head) {
    case '$request.header.':
      return 'a header of the incoming request';
    case '$request.jwt.':
      return 'a claim of the verified token';
    case '$request.query.':
      return 'a query parameter of the incoming request';
    case '$config.':
      return 'a route or global `variables` value';
    case '$env.':
      return 'a wrangler [vars] value, substituted at load time';
    default:
      return 'a secret (`wrangler secret put`, .dev.vars locally), substituted at load time';
  }
}

/** [name, where declared] for every env name a `$env.` may read: [vars] per environment, then .dev.vars. */
function envNames(index: ReferenceIndex): [string, string][] {
  const where = new Map<string, string[]>();
  for (const [name, targets] of index.wrangler?.vars ?? []) where.set(name, targets.map((t) => (t.env === '' ? '[vars]' : `[env.${t.env}.vars]`)));
  for (const [name, targets] of index.devVars) {
    const list = where.get(name) ?? [];
    for (const t of targets) list.push(fileName(t.site.file));
    where.set(name, list);
  }
  return [...where].map(([name, list]) => [name, list.join(', ')]);
}

function secretNames(index: ReferenceIndex): [string, string][] {
  const out: [string, string][] = [...index.devVars].map(([name, targets]) => [name, `secret (${targets.map((t) => fileName(t.site.file)).join(', ')})`]);
  for (const [name] of index.wrangler?.vars ?? []) if (!index.devVars.has(name)) out.push([name, 'wrangler [vars] (not a secret)']);
  return out;
}

function configNames(index: ReferenceIndex, routeIndex: number): [string, string][] {
  const own = index.config.routeVariables.get(routeIndex) ?? new Map();
  const out: [string, string][] = [...own.keys()].map((name) => [name, 'route variables']);
  for (const name of index.config.globalVariables.keys()) if (!own.has(name)) out.push([name, 'global variables']);
  return out;
}

function headerNames(index: ReferenceIndex): string[] {
  const names = new Set<string>();
  const cors = index.config.view.rootProps.get('cors')?.value;
  const allow = cors?.type === 'object' ? propertiesOf(cors).get('allow_headers')?.value : undefined;
  for (const item of allow?.type === 'array' ? allow.children ?? [] : []) {
    const name = stringOf(item);
    if (name && name !== '*') names.add(name.toLowerCase());
  }
  for (const name of COMMON_HEADERS) names.add(name);
  return [...names];
}

const queryNameCache = new WeakMap<ReferenceIndex['config'], string[]>();

/** Query names the config already maps, so one route's parameter is offered on the next (one walk per document). */
function queryNames(index: ReferenceIndex): string[] {
  const cached = queryNameCache.get(index.config);
  if (cached) return cached;
  const names = new Set<string>();
  for (const route of index.config.view.routes) {
    const mapping = route.props.get('mapping')?.value;
    const query = mapping?.type === 'object' ? propertiesOf(mapping).get('query')?.value : undefined;
    if (query?.type !== 'object') continue;
    for (const prop of propertiesOf(query).values()) {
      names.add(prop.key);
      const match = /^\$request\.query\.([A-Za-z0-9._-]+)/.exec(stringOf(prop.value) ?? '');
      if (match) names.add(match[1]!);
    }
  }
  const list = [...names];
  queryNameCache.set(index.config, list);
  return list;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
