// One line per route saying what serves it, shared by the outline (`POST /orders → service_binding target.run`)
// and the code lens (`→ TARGET.run (sag-target)`).
import { stringOf, type RouteView } from '../rules/schema/config-view';
import type { ReferenceIndex } from './reference-index/build';

export interface RouteSummary {
  method: string;
  path: string;
  /** As configured: `service_binding target.run`, `http_proxy api`, `service orders`, `response`. */
  configured: string;
}

export function routeSummary(route: RouteView): RouteSummary {
  const method = stringOf(route.method) ?? '?';
  const path = stringOf(route.path) ?? '?';
  const props = route.integrationProps;
  const type = route.integrationType;
  if (!route.integration) return { method, path, configured: 'response' };
  if (type === undefined) return { method, path, configured: 'integration (no type)' };
  const binding = stringOf(props?.get('binding')?.value);
  switch (type) {
    case 'service_binding':
      return { method, path, configured: `service_binding ${binding ?? '?'}.${stringOf(props?.get('function')?.value) ?? 'fetch'}` };
    case 'service':
      return { method, path, configured: `service ${binding ?? '?'}` };
    case 'http':
    case 'http_proxy':
      return { method, path, configured: `${type} ${stringOf(props?.get('server')?.value) ?? '?'}` };
    default:
      return { method, path, configured: type };
  }
}

/** Where the route ends up, following aliases into the wrangler config: `TARGET.run (sag-target)`. */
export function resolvedTarget(index: ReferenceIndex, route: RouteView, entrypointFiles: Map<string, string>): string {
  const props = route.integrationProps;
  const type = route.integrationType;
  if (!route.integration) return 'static response';
  const alias = stringOf(props?.get(type === 'http' || type === 'http_proxy' ? 'server' : 'binding')?.value);
  switch (type) {
    case 'service_binding': {
      const fn = stringOf(props?.get('function')?.value) ?? 'fetch';
      const binding = alias !== undefined ? index.config.aliases.serviceBindings.get(alias)?.[0]?.second : undefined;
      if (binding === undefined) return `⚠ unknown serviceBindings alias \`${alias ?? ''}\``;
      const decl = index.wrangler?.bindings.get(binding)?.[0];
      const service = decl?.decl.service?.value;
      return `${binding}.${fn} (${decl ? service ?? 'no service' : 'not declared in the wrangler config'})`;
    }
    case 'service': {
      const entry = alias !== undefined ? index.config.aliases.services.get(alias)?.[0] : undefined;
      if (!entry || entry.second === undefined) return `⚠ unknown services alias \`${alias ?? ''}\``;
      return `${entry.second}${entrypointFiles.get(entry.second) ?? ''}`;
    }
    case 'http':
    case 'http_proxy': {
      const entry = alias !== undefined ? index.config.aliases.servers.get(alias)?.[0] : undefined;
      return entry ? `${alias} (${entry.second ?? 'no url'})` : `⚠ unknown servers alias \`${alias ?? ''}\``;
    }
    default:
      return type ?? 'integration without a type';
  }
}
