// Document symbols of api-config.json: the sections (servers, services, serviceBindings, variables, cors,
// authorizer) with their entries, and the route table as an outline (`POST /orders → service_binding target.run`).
import type { GatewayProject } from '../model';
import type { JsonNode } from '../parse/config-document';
import { propertiesOf, stringOf } from '../rules/schema/config-view';
import { referenceIndex } from './reference-index/build';
import { routeSummary } from './route-summary';
import { safely } from './safely';
import type { FeatureOptions, SymbolEntry } from './types';

const ALIAS_SECTIONS = new Set(['servers', 'services', 'serviceBindings', 'servicesBindings']);

export function documentSymbols(project: GatewayProject, file: string, options: FeatureOptions = {}): SymbolEntry[] {
  return safely([], () => {
    if (file !== project.config.file) return [];
    const index = referenceIndex(project, options);
    const { view, doc } = index.config;
    const range = (node: JsonNode) => doc.lines.rangeOf(node.offset, node.length);
    const out: SymbolEntry[] = [];
    for (const prop of view.rootProps.values()) {
      const value = prop.value;
      const section: SymbolEntry = { name: shownName(prop.key), kind: 'section', range: range(prop.prop), selectionRange: range(prop.keyNode) };
      if (ALIAS_SECTIONS.has(prop.key) && value?.type === 'array') {
        section.children = (value.children ?? []).flatMap((item, i): SymbolEntry[] => {
          const props = propertiesOf(item);
          const aliasNode = props.get('alias')?.value;
          const second = props.get(prop.key === 'servers' ? 'url' : prop.key === 'services' ? 'entrypoint' : 'binding')?.value;
          const alias = stringOf(aliasNode);
          const name = alias === undefined ? `[${i}]` : shownName(alias);
          return [{ name, kind: 'alias', ...(stringOf(second) !== undefined ? { detail: stringOf(second)! } : {}), range: range(item), selectionRange: range(aliasNode ?? item) }];
        });
      } else if (prop.key === 'variables' && value?.type === 'object') {
        section.children = propertiesOf(value).values().map((v) => ({ name: shownName(v.key), kind: 'variable' as const, range: range(v.prop), selectionRange: range(v.keyNode) }));
      } else if (prop.key === 'authorizer' && value?.type === 'object') {
        section.kind = 'authorizer';
        if (view.authorizerType !== undefined) section.detail = view.authorizerType;
      } else if (prop.key === 'cors') {
        section.kind = 'cors';
      } else if (prop.key === 'paths' && value?.type === 'array') {
        section.detail = `${view.routes.length} route${view.routes.length === 1 ? '' : 's'}`;
        section.children = view.routes.map((route) => {
          const s = routeSummary(route);
          return { name: `${s.method} ${s.path} → ${s.configured}`, kind: 'route' as const, range: range(route.node), selectionRange: range(route.path ?? route.node) };
        });
      } else if (!ALIAS_SECTIONS.has(prop.key) && prop.key !== 'paths') {
        section.kind = 'key';
        const text = stringOf(value);
        if (text !== undefined) section.detail = text;
      }
      out.push(section);
    }
    return out;
  }, options.onError);
}

/** A name as the outline shows it: an empty or blank one quoted (`""`), as editors refuse a symbol without a name. */
function shownName(name: string): string {
  return name.trim() === '' ? JSON.stringify(name) : name;
}
