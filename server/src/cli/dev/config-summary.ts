// What `sag dev` reads from a checked api-config.json: the route table it prints, and the methods the gateway
// calls through each service binding (so a stub for a missing Worker answers each with 503).
interface RawPath {
  method?: unknown;
  path?: unknown;
  auth?: unknown;
  integration?: { type?: unknown; binding?: unknown; function?: unknown; server?: unknown; post_process?: { binding?: unknown; function?: unknown } };
  pre_process?: { binding?: unknown; function?: unknown };
}

interface RawConfig {
  paths?: unknown;
  serviceBindings?: unknown;
  servicesBindings?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function pathsOf(config: RawConfig): RawPath[] {
  return Array.isArray(config.paths) ? (config.paths.filter((p) => p && typeof p === 'object') as RawPath[]) : [];
}

/** serviceBindings alias -> env binding name (serviceBindings first, then the legacy spelling, SPEC A.4). */
function bindingAliases(config: RawConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of [config.serviceBindings, config.servicesBindings]) {
    for (const item of Array.isArray(list) ? list : []) {
      const alias = str((item as { alias?: unknown })?.alias);
      const binding = str((item as { binding?: unknown })?.binding);
      if (alias && binding && !out.has(alias)) out.set(alias, binding);
    }
  }
  return out;
}

export function methodsByBinding(config: RawConfig): Map<string, Set<string>> {
  const aliases = bindingAliases(config);
  const out = new Map<string, Set<string>>();
  const add = (alias: unknown, fn: unknown): void => {
    const binding = aliases.get(str(alias) ?? '');
    if (!binding) return;
    if (!out.has(binding)) out.set(binding, new Set());
    out.get(binding)!.add(str(fn) ?? 'fetch');
  };
  for (const p of pathsOf(config)) {
    if (p.pre_process) add(p.pre_process.binding, p.pre_process.function);
    if (p.integration?.type === 'service_binding') add(p.integration.binding, p.integration.function);
    if (p.integration?.post_process) add(p.integration.post_process.binding, p.integration.post_process.function);
  }
  return out;
}

/** One line per route: method, path, what serves it (and hooks / auth). */
export function routeTable(config: RawConfig): string[] {
  const aliases = bindingAliases(config);
  const rows = pathsOf(config).map((p) => {
    const method = str(p.method) ?? '?';
    const path = str(p.path) ?? '?';
    const i = p.integration;
    const type = str(i?.type);
    let what: string;
    if (!i || !type) what = 'static response';
    else if (type === 'service_binding') {
      const alias = str(i.binding) ?? '?';
      what = `service_binding ${aliases.get(alias) ?? alias}.${str(i.function) ?? 'fetch'}`;
    } else if (type === 'service') what = `service ${str(i.binding) ?? '?'}`;
    else if (type === 'http' || type === 'http_proxy') what = `${type} -> ${str(i.server) ?? '?'}`;
    else what = type;
    const extras: string[] = [];
    if (p.pre_process) extras.push(`pre_process ${aliases.get(str(p.pre_process.binding) ?? '') ?? str(p.pre_process.binding) ?? '?'}.${str(p.pre_process.function) ?? '?'}`);
    if (i?.post_process) extras.push(`post_process ${aliases.get(str(i.post_process.binding) ?? '') ?? '?'}.${str(i.post_process.function) ?? '?'}`);
    if (p.auth === true) extras.push('auth');
    return [method, path, extras.length ? `${what}  (${extras.join(', ')})` : what] as const;
  });
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(4, ...rows.map((r) => r[1].length));
  return rows.map(([m, p, w]) => `  ${m.padEnd(w0)}  ${p.padEnd(w1)}  ${w}`);
}
