// Reference checks the schema cannot express (E.1, E.3, E.6): every alias a route or hook names exists, auth routes
// have a usable authorizer, service modules have a usable shape. Builds the compiled routes as it checks them.

import { auth0IntegrationConfigError } from '../auth/index';
import { isHeaderName } from '../config/vocabulary';
import type { Authorizer } from '../auth/index';
import type { ServiceModule } from '../gateway/types';
import { pointer, type ConfigError } from './config-error';
import type { CompiledIntegration, CompiledRoute, HookTarget, MappingRules } from './compiled-gateway';
import { resolveServiceModule } from './service-module';
import { staticBodyText } from '../integrations/static-response';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ReferenceInput {
  config: Json;
  services: Record<string, unknown>;
  authorizer: Authorizer | { error: string } | null;
}

export interface ReferenceResult {
  routes: CompiledRoute[];
  errors: ConfigError[];
}

/** First entry wins for a repeated alias (A.2-A.4). */
function aliasMap(list: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  if (!Array.isArray(list)) return map;
  for (const entry of list) if (isObject(entry) && typeof entry.alias === 'string' && !map.has(entry.alias)) map.set(entry.alias, entry);
  return map;
}

/** The first few aliases, taken from the map's keys without listing all of them (one call per unknown alias). */
function known(map: Map<string, unknown>): string {
  if (map.size === 0) return 'none are defined';
  const first: string[] = [];
  for (const alias of map.keys()) {
    if (first.length === 8) break;
    first.push(alias);
  }
  return `defined: ${first.join(', ')}`;
}

export function checkReferences({ config, services, authorizer }: ReferenceInput): ReferenceResult {
  const errors: ConfigError[] = [];
  const servers = aliasMap(config.servers);
  const serviceEntries = aliasMap(config.services);
  const bindings = aliasMap(config.serviceBindings);
  const paths = Array.isArray(config.paths) ? config.paths : [];
  const routes: CompiledRoute[] = [];

  // `where` builds the pointer only when there is a hook to check (most routes have none).
  const hook = (value: unknown, where: () => string, kind: string): HookTarget | null => {
    if (!isObject(value)) return null;
    const at = where();
    const alias = value.binding;
    if (typeof alias !== 'string' || !bindings.has(alias)) {
      errors.push({ pointer: `${at}/binding`, message: `${kind} names service binding \`${String(alias)}\`, which is not in serviceBindings (${known(bindings)})` });
      return null;
    }
    if (typeof value.function !== 'string' || value.function === '') {
      errors.push({ pointer: `${at}/function`, message: `${kind} needs \`function\`: the method to call on binding \`${alias}\`` });
      return null;
    }
    if (value.type !== undefined && value.type !== 'service_binding') {
      errors.push({ pointer: `${at}/type`, message: `${kind}.type must be "service_binding" (or left out)` });
    }
    return { alias, binding: String(bindings.get(alias)!.binding), function: value.function };
  };

  paths.forEach((item: unknown, index: number) => {
    if (!isObject(item)) return;
    const at = `/paths/${index}`;
    const integrationValue = isObject(item.integration) ? item.integration : null;
    let integration: CompiledIntegration | null = null;
    const type = integrationValue?.type;

    if (integrationValue && (type === 'http_proxy' || type === 'http')) {
      const alias = integrationValue.server;
      const server = typeof alias === 'string' ? servers.get(alias) : undefined;
      if (!server) {
        errors.push({ pointer: `${at}/integration/server`, message: `server \`${String(alias)}\` is not in servers (${known(servers)})` });
      } else {
        const parsed = parseServerUrl(server.url);
        if (!parsed) errors.push({ pointer: `${pointerOfAlias(config.servers, alias as string, 'servers')}/url`, message: `server \`${alias}\` needs an absolute http(s) URL, got ${JSON.stringify(server.url)}` });
        else integration = { type: 'http_proxy', server: { alias: alias as string, ...parsed } };
      }
    } else if (integrationValue && type === 'service') {
      const alias = integrationValue.binding;
      if (typeof alias !== 'string' || !serviceEntries.has(alias)) {
        errors.push({ pointer: `${at}/integration/binding`, message: `service \`${String(alias)}\` is not in services (${known(serviceEntries)})` });
      } else {
        const resolved = resolveServiceModule(alias, services[alias] as ServiceModule | undefined);
        if ('error' in resolved) errors.push({ pointer: `${pointerOfAlias(config.services, alias, 'services')}/entrypoint`, message: resolved.error });
        else integration = { type: 'service', alias, create: resolved.create };
      }
    } else if (integrationValue && type === 'service_binding') {
      const alias = integrationValue.binding;
      const entry = typeof alias === 'string' ? bindings.get(alias) : undefined;
      if (!entry) {
        errors.push({ pointer: `${at}/integration/binding`, message: `service binding \`${String(alias)}\` is not in serviceBindings (${known(bindings)})` });
      } else {
        const fn = typeof integrationValue.function === 'string' && integrationValue.function !== '' ? integrationValue.function : undefined;
        integration = { type: 'service_binding', target: { alias: alias as string, binding: String(entry.binding), function: fn } };
      }
    } else if (integrationValue && typeof type === 'string' && type.startsWith('auth0_')) {
      const problem = auth0IntegrationConfigError(type as 'auth0_callback', config.authorizer);
      if (problem) errors.push({ pointer: `${at}/integration/type`, message: `${type} cannot work: ${problem}` });
      else integration = { type: type as 'auth0_callback' };
    } else if (integrationValue && typeof type === 'string' && type.startsWith('supabase_')) {
      integration = { type: type as 'supabase_passwordless_auth' };
    }

    const auth = Boolean(item.auth);
    if (auth) {
      if (authorizer === null) errors.push({ pointer: `${at}/auth`, message: 'route requires auth but the config has no `authorizer`; add one or set "auth": false' });
      else if ('error' in authorizer) errors.push({ pointer: `${at}/auth`, message: `route requires auth but the authorizer is unusable: ${authorizer.error}` });
    }

    const preProcess = hook(item.pre_process, () => `${at}/pre_process`, 'pre_process');
    const postProcess = integrationValue ? hook(integrationValue.post_process, () => `${at}/integration/post_process`, 'post_process') : null;
    routes.push({
      index,
      method: String(item.method),
      path: String(item.path),
      auth,
      integration,
      responseText: staticBodyText(item.response),
      mapping: mappingRules(item.mapping, at),
      variables: isObject(item.variables) ? item.variables : null,
      preProcess: integration ? preProcess : null,
      postProcess,
      buffersBody: Boolean((integration && preProcess) || postProcess || integration?.type === 'service' || integration?.type === 'service_binding'),
    });
  });
  return { routes, errors };
}

function parseServerUrl(url: unknown): { origin: string; basePath: string } | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/+$/, '') };
  } catch {
    return null;
  }
}

function pointerOfAlias(list: unknown, alias: string, section: string): string {
  const index = Array.isArray(list) ? list.findIndex((e) => isObject(e) && e.alias === alias) : -1;
  return pointer(section, index);
}


function mappingRules(mapping: unknown, at: string): MappingRules | null {
  if (!isObject(mapping)) return null;
  const entries = (v: unknown): Array<[string, string]> =>
    isObject(v) ? Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string') : [];
  // A name no header can have is never set, by the client either: left out (every request would fail), and logged.
  const headers = entries(mapping.headers).filter(([name]) => {
    if (isHeaderName(name)) return true;
    console.warn(`[sag] ${at}/mapping/headers: ${JSON.stringify(name)} is not a header name; that mapping is left out`);
    return false;
  });
  const rules = { headers, query: entries(mapping.query) };
  return rules.headers.length || rules.query.length ? rules : null;
}
