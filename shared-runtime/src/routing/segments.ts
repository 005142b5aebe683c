// Route-pattern segments (SPEC A.7 path syntax, E.8): splitting, classifying and shape keys shared by both matchers.

/** The exact text of the tail wildcard segment. */
export const WILDCARD_SEGMENT = '{.+}';

export type SegmentKind = 'literal' | 'param' | 'wildcard' | 'malformed';

/**
 * Why a segment is malformed (SAG503). Upstream still gives each a meaning (see `upstreamKind`), the bundled
 * reference compares malformed segments literally.
 */
export type MalformedReason =
  | 'empty-param' // `{}`
  | 'unbalanced-brace' // `{id`, `id}`, `{a{b}`
  | 'partial-param' // `{id}.json`, `x{id}`: no partial-segment syntax exists
  | 'non-final-wildcard'; // `{.+}` before the last segment

export interface PatternSegment {
  readonly text: string;
  readonly kind: SegmentKind;
  /** Parameter name for `param` segments (`{id}` -> `id`). */
  readonly name?: string;
  readonly malformed?: MalformedReason;
  /** `{proxy+}`, `{path*}`: AWS-style greedy names, which are ordinary single-segment params here (SAG503). */
  readonly greedyLookalike?: boolean;
}

const ESCAPE = /%[0-9A-Fa-f]{2}/g;

/**
 * RFC 3986 6.2.2 normalisation of a path's percent-encoding: an escaped unreserved character (letter, digit, `-`,
 * `.`, `_`, `~`) is decoded, and every other escape gets upper-case hex. Either way the path names the same
 * resource, and a backend that decodes takes `/api/%61dmin` for `/api/admin`: compared as written, such a path
 * missed the `/api/admin` route (and its auth) and fell to a catch-all that forwarded it. `%2F` stays an escape (a
 * `{param}` value may hold a slash). Patterns and request paths both go through it before they are compared.
 */
export function normalisePercentEncoding(path: string): string {
  if (path.indexOf('%') < 0) return path;
  return path.replace(ESCAPE, (escape) => {
    const c = parseInt(escape.slice(1), 16);
    const unreserved = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;
    return unreserved ? String.fromCharCode(c) : escape.toUpperCase();
  });
}

/**
 * E.8: the path after its leading `/`, split on `/`. `/` -> [""], `/api/` -> ["api", ""], `/a//b` -> ["a", "", "b"].
 * A path without a leading `/` is split whole; matchers treat such patterns as never matching.
 */
export function splitPath(path: string): string[] {
  return (path.startsWith('/') ? path.slice(1) : path).split('/');
}

/** Classify one pattern segment. `isLast` decides whether `{.+}` is a tail wildcard. */
export function classifySegment(text: string, isLast: boolean): PatternSegment {
  if (text === WILDCARD_SEGMENT) {
    return isLast ? { text, kind: 'wildcard' } : { text, kind: 'malformed', malformed: 'non-final-wildcard' };
  }
  const opens = countChar(text, '{');
  const closes = countChar(text, '}');
  if (opens === 0 && closes === 0) return { text, kind: 'literal' };
  if (text.startsWith('{') && text.endsWith('}') && opens === 1 && closes === 1) {
    const name = text.slice(1, -1);
    if (name === '') return { text, kind: 'malformed', malformed: 'empty-param', name };
    const greedyLookalike = name.length > 1 && (name.endsWith('+') || name.endsWith('*'));
    return greedyLookalike ? { text, kind: 'param', name, greedyLookalike } : { text, kind: 'param', name };
  }
  if (opens === 1 && closes === 1 && text.indexOf('{') < text.indexOf('}')) {
    return { text, kind: 'malformed', malformed: 'partial-param' };
  }
  return { text, kind: 'malformed', malformed: 'unbalanced-brace' };
}

/** Segments of a route pattern per E.8, each classified. */
export function parsePattern(pattern: string): PatternSegment[] {
  const parts = splitPath(pattern);
  return parts.map((text, i) => classifySegment(text, i === parts.length - 1));
}

/** True when the pattern's last segment is exactly `{.+}`. */
export function isTailWildcard(pattern: string): boolean {
  return pattern === WILDCARD_SEGMENT || pattern.endsWith('/' + WILDCARD_SEGMENT);
}

/** The literal prefix before a tail wildcard (`/api/{.+}` -> `/api`), or null when there is no tail wildcard. */
export function wildcardPrefix(pattern: string): string | null {
  if (!isTailWildcard(pattern)) return null;
  return pattern.slice(0, pattern.length - WILDCARD_SEGMENT.length - 1);
}

/**
 * Shape key: the pattern with every `{param}` replaced by `{}` (SAG502: `/u/{id}` and `/u/{userId}` share `/u/{}`).
 * Wildcards and malformed segments keep their text, so only true parameter renames collide.
 */
export function routeShapeKey(pattern: string): string {
  const parts = pattern.split('/');
  const last = parts.length - 1;
  return parts.map((text, i) => (classifySegment(text, i === last).kind === 'param' ? '{}' : text)).join('/');
}

/** Key for SAG501 (same method, same path text) and SAG502 (same method, same shape). */
export function routeKey(method: string, pattern: string, by: 'text' | 'shape' = 'text'): string {
  return `${method} ${by === 'shape' ? routeShapeKey(pattern) : pattern}`;
}

/** Segments that SAG503 reports: malformed ones and greedy lookalikes, with their index in `parsePattern` order. */
export function suspiciousSegments(pattern: string): Array<{ index: number; segment: PatternSegment }> {
  const out: Array<{ index: number; segment: PatternSegment }> = [];
  parsePattern(pattern).forEach((segment, index) => {
    if (segment.kind === 'malformed' || segment.greedyLookalike) out.push({ index, segment });
  });
  return out;
}

/** Parameter names in declaration order (duplicates kept, so callers can report them). */
export function paramNames(pattern: string): string[] {
  return parsePattern(pattern)
    .filter((s) => s.kind === 'param')
    .map((s) => s.name as string);
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
