// CORS of the bundled gateway (SPEC E.5): headers only for allowed origins, `Vary` appended, strict preflight, and `*`
// never combined with credentials (the origin is never reflected for `*`).

import { isHeaderName } from '../config/vocabulary';

type Json = Record<string, unknown>;

export interface CompiledCors {
  /** Exact origins, `*`, and `*`-patterns split at their `*`s (matchesWildcards), in declaration order. */
  origins: Array<{ kind: 'any' } | { kind: 'exact'; value: string } | { kind: 'pattern'; parts: string[] }>;
  methods: Set<string>;
  anyMethod: boolean;
  allowHeaders: string;
  exposeHeaders: string;
  credentials: boolean;
  maxAge: number | null;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);


/** The header names of a list; the others are dropped with a log line (they cannot go out in a header). */
function headerNames(v: unknown, key: string): string {
  const names = strings(v);
  const valid = names.filter(isHeaderName); // `*` is one too; anything else would make every response throw
  if (valid.length !== names.length) console.warn(`[sag] cors.${key}: ${names.length - valid.length} entr${names.length - valid.length === 1 ? 'y is' : 'ies are'} not a header name and left out`);
  return valid.join(', ');
}

export function compileCors(cors: unknown): CompiledCors | null {
  if (typeof cors !== 'object' || cors === null || Array.isArray(cors)) return null;
  const c = cors as Json;
  const methods = strings(c.allow_methods).map((m) => m.toUpperCase());
  return {
    origins: strings(c.allow_origins).map((entry) => {
      if (entry === '*') return { kind: 'any' as const };
      if (!entry.includes('*')) return { kind: 'exact' as const, value: entry };
      // Everything but `*` is literal (upstream left `.` as a regex wildcard); each `*` is any run of characters.
      return { kind: 'pattern' as const, parts: entry.split('*') };
    }),
    methods: new Set(methods),
    anyMethod: methods.includes('*'),
    allowHeaders: headerNames(c.allow_headers, 'allow_headers'),
    exposeHeaders: headerNames(c.expose_headers, 'expose_headers'),
    credentials: c.allow_credentials === true,
    maxAge: typeof c.max_age === 'number' && Number.isFinite(c.max_age) && c.max_age >= 0 ? Math.floor(c.max_age) : null,
  };
}

/** The Access-Control-Allow-Origin value for this origin, and whether credentials may be allowed; null when not allowed. */
export function allowedOrigin(cors: CompiledCors, origin: string | null): { value: string; credentials: boolean } | null {
  if (!origin) return null;
  for (const rule of cors.origins) {
    if (rule.kind === 'any') return { value: '*', credentials: false };
    if (rule.kind === 'exact' ? rule.value === origin : matchesWildcards(rule.parts, origin)) return { value: origin, credentials: cors.credentials };
  }
  return null;
}

/**
 * `text` matches the parts of a pattern split at its `*`s (the anchored regex `^p0.*p1.*...$` of E.5), in linear time:
 * the first part starts it, the last ends it, each middle part is taken where it first occurs after the one before
 * (the earliest place leaves the most room for the rest). As a regex, `https://*.*.*.example.com` took three minutes
 * on one 8 KB `Origin` header, which a client chooses.
 */
export function matchesWildcards(parts: readonly string[], text: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) return text === first;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i]!, at);
    if (found < 0 || found + parts[i]!.length > end) return false;
    at = found + parts[i]!.length;
  }
  return true;
}

function appendVary(headers: Headers, value: string): void {
  const current = headers.get('Vary');
  if (!current) headers.set('Vary', value);
  else if (!current.split(',').some((v) => v.trim().toLowerCase() === value.toLowerCase() || v.trim() === '*')) headers.set('Vary', `${current}, ${value}`);
}

/** The response headers that grant cross-origin access: with `cors` set the gateway alone decides them. */
const GRANTING_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
];

/**
 * Sets the response-side CORS headers (E.5) on a mutable response. A backend's, a service's or a hook's own
 * `Access-Control-*` headers are removed first: one reflecting any origin with credentials would otherwise grant
 * the sites the gateway refuses (upstream replaces them too, C.5).
 */
export function applyCors(cors: CompiledCors, request: Request, headers: Headers): void {
  for (const name of GRANTING_HEADERS) headers.delete(name);
  const origin = request.headers.get('Origin');
  if (!origin) return;
  appendVary(headers, 'Origin');
  const allowed = allowedOrigin(cors, origin);
  if (!allowed) return;
  headers.set('Access-Control-Allow-Origin', allowed.value);
  if (allowed.credentials) headers.set('Access-Control-Allow-Credentials', 'true');
  if (cors.exposeHeaders) headers.set('Access-Control-Expose-Headers', cors.exposeHeaders);
}

// Preflight answers carry exactly the CORS headers decided here; the common finishing step must not add more.
const preflightAnswers = new WeakSet<Response>();
export const isPreflightAnswer = (response: Response): boolean => preflightAnswers.has(response);

/** The preflight answer (E.5, E.8): 204, with CORS headers only for an allowed origin asking for an allowed method. */
export function preflightResponse(cors: CompiledCors, request: Request): Response {
  const response = new Response(null, { status: 204 });
  preflightAnswers.add(response);
  const origin = request.headers.get('Origin');
  if (origin) appendVary(response.headers, 'Origin');
  const allowed = allowedOrigin(cors, origin);
  const requested = request.headers.get('Access-Control-Request-Method')?.toUpperCase();
  if (!allowed || !requested || !(cors.anyMethod || cors.methods.has(requested))) return response;
  const h = response.headers;
  h.set('Access-Control-Allow-Origin', allowed.value);
  if (allowed.credentials) h.set('Access-Control-Allow-Credentials', 'true');
  h.set('Access-Control-Allow-Methods', [...cors.methods].join(', '));
  if (cors.allowHeaders) h.set('Access-Control-Allow-Headers', cors.allowHeaders);
  if (cors.maxAge !== null) h.set('Access-Control-Max-Age', String(cors.maxAge));
  return response;
}
