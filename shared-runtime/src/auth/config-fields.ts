// Reading authorizer fields after $env/$secret substitution, where any value may have become a non-string.

export type FieldRead = { ok: true; value: string } | { ok: false; error: string };

/** An optional string field: missing, null and "" all mean "not set" (A.6: checks are skipped when empty). */
export function optionalString(config: Record<string, unknown>, field: string, type: string): FieldRead {
  const value = config[field];
  if (value === undefined || value === null || value === '') return { ok: true, value: '' };
  if (typeof value !== 'string') {
    return { ok: false, error: `authorizer.${field} (type ${type}) must be a string, got ${describe(value)}; set it to a string or a "$env.NAME" reference to a text variable.` };
  }
  return { ok: true, value };
}

/** A required string field: missing or empty is an error naming the field and how to supply it. */
export function requiredString(config: Record<string, unknown>, field: string, type: string, hint: string): FieldRead {
  const read = optionalString(config, field, type);
  if (!read.ok) return read;
  if (read.value === '') {
    return { ok: false, error: `authorizer.${field} is required for an authorizer of type "${type}" but is missing or empty; ${hint}` };
  }
  return read;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loopback hosts may be reached over plain http (local fakes, `supabase start`); nothing else may. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** An absolute https URL, or http on a loopback host. Returns the parsed URL or a reason. */
export function parseSecureUrl(value: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not contain credentials' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  return { ok: false, reason: 'must use https:// (plain http:// is accepted only for localhost / 127.0.0.1 / [::1])' };
}
