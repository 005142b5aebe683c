// Normalisation before validation (SPEC A.9): `http` -> `http_proxy`, `servicesBindings` merged into `serviceBindings`.
// Runs on the substituted copy, so the caller's object is never mutated.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function normaliseConfig(config: unknown): unknown {
  if (!isObject(config)) return config;
  if (Array.isArray(config.paths)) {
    for (const item of config.paths) {
      if (isObject(item) && isObject(item.integration) && item.integration.type === 'http') item.integration.type = 'http_proxy';
    }
  }
  if (Array.isArray(config.servicesBindings)) {
    const merged: unknown[] = Array.isArray(config.serviceBindings) ? [...config.serviceBindings] : [];
    const seen = new Set(merged.map((e) => (isObject(e) ? e.alias : undefined)));
    for (const entry of config.servicesBindings) {
      if (!isObject(entry) || typeof entry.alias !== 'string' || entry.alias === '' || seen.has(entry.alias)) continue;
      seen.add(entry.alias);
      merged.push(entry);
    }
    config.serviceBindings = merged;
    delete config.servicesBindings;
  }
  return config;
}
