// $env / $secret / $secrets substitution (SPEC A.8, E.1): a deep copy of the config with placeholder values replaced.

const PREFIXES = ['$env.', '$secret.', '$secrets.'];

export interface SubstitutionResult {
  value: unknown;
  /** Names referenced but absent from env (logged by name only, never a value). */
  missing: string[];
}

/**
 * Walks values (never keys); a string that starts with a prefix becomes env[rest], missing or null -> "".
 * Returns a deep copy, or with `inPlace` (a tree nobody else holds, e.g. fresh from JSON.parse) edits it directly.
 */
export function substituteEnv(config: unknown, env: Record<string, unknown>, inPlace = false): SubstitutionResult {
  const missing = new Set<string>();
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value.charCodeAt(0) !== 36 /* $ */) return value;
      for (const prefix of PREFIXES) {
        if (!value.startsWith(prefix)) continue;
        const name = value.slice(prefix.length);
        const bound = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
        if (bound === undefined || bound === null) {
          missing.add(name);
          return '';
        }
        return bound;
      }
      return value;
    }
    if (Array.isArray(value)) {
      if (!inPlace) return value.map(visit);
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
      return value;
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = inPlace ? (value as Record<string, unknown>) : {};
      for (const key of Object.keys(value)) out[key] = visit((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  return { value: visit(config), missing: [...missing] };
}
