// Mapping expressions (SPEC A.7) with the bundled removal rule (E.7): a mapped name whose expression resolves to
// "not set" is removed, so a client can never supply a header the gateway meant to derive.

import type { MappingRules } from '../compile/compiled-gateway';

// Only the first expression in a value counts, and it replaces the whole value (A.7).
const EXPRESSION = /\$(request\.header|request\.jwt|request\.query|config)\.([A-Za-z0-9._-]+)/;

export interface MappingSources {
  request: Request;
  url: URL;
  jwt: Record<string, unknown> | null;
  routeVariables: Record<string, unknown> | null;
  globalVariables: Record<string, unknown>;
}

const own = (o: Record<string, unknown> | null, k: string): boolean => o !== null && Object.prototype.hasOwnProperty.call(o, k);

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The value of one expression string, or undefined for "not set" (including a constant with no expression). */
export function resolveExpression(expression: string, sources: MappingSources): string | undefined {
  const found = EXPRESSION.exec(expression);
  if (!found) return undefined;
  const [, source, name] = found;
  switch (source) {
    case 'request.header':
      return sources.request.headers.get(name) ?? undefined;
    case 'request.jwt':
      return sources.jwt && own(sources.jwt, name) ? asText(sources.jwt[name]) : undefined;
    case 'request.query':
      return sources.url.searchParams.get(name) || undefined;
    default:
      if (own(sources.routeVariables, name)) return asText(sources.routeVariables![name]);
      return own(sources.globalVariables, name) ? asText(sources.globalVariables[name]) : undefined;
  }
}

/** Applies header and query rules to the outgoing headers and target URL (both mutated). */
export function applyMapping(rules: MappingRules, sources: MappingSources, headers: Headers, target: URL): void {
  removeSpellingTwins(rules, headers);
  for (const [name, expression] of rules.headers) {
    const value = resolveExpression(expression, sources);
    if (value === undefined) {
      headers.delete(name);
      continue;
    }
    try {
      headers.set(name, value);
    } catch {
      // A value no header may carry (e.g. a claim with a line break) is treated as "not set".
      headers.delete(name);
    }
  }
  for (const [name, expression] of rules.query) setQueryParameter(target, name, resolveExpression(expression, sources));
}

/**
 * Removes the client's headers that are a mapped header under another spelling (`x_user_id` for `x-user-id`, and
 * the other way round): CGI-style backends (PHP, WSGI, nginx with underscores_in_headers) read both as one
 * variable, so a client could otherwise stand in for a header the gateway derives (E.7).
 */
function removeSpellingTwins(rules: MappingRules, headers: Headers): void {
  if (rules.headers.length === 0) return;
  const mapped = new Map<string, string>();
  for (const [name] of rules.headers) mapped.set(name.toLowerCase().replace(/_/g, '-'), name.toLowerCase());
  const twins: string[] = [];
  for (const [name] of headers) {
    const own = mapped.get(name.replace(/_/g, '-'));
    if (own !== undefined && own !== name) twins.push(name);
  }
  for (const name of twins) headers.delete(name);
}

/**
 * Sets (or, with undefined, removes) one query parameter and leaves every other byte of the query as the client
 * sent it (C.8: the query is the incoming one): URLSearchParams would write all of it again (`a;b` as `a%3Bb`,
 * `flag` as `flag=`), which breaks signed and exact-match query strings.
 */
function setQueryParameter(target: URL, name: string, value: string | undefined): void {
  const raw = target.search.slice(1);
  const kept = raw === '' ? [] : raw.split('&').filter((pair) => pair !== '' && parameterName(pair) !== name);
  if (value !== undefined) kept.push(new URLSearchParams([[name, value]]).toString());
  target.search = kept.length > 0 ? `?${kept.join('&')}` : '';
}

/** The decoded name of one `name=value` pair, as URLSearchParams reads it (`+` is a space). */
function parameterName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
