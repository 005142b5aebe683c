// What a value position in api-config.json expects, from its JSON path alone (SPEC A, D.x): an alias of one
// section, a wrangler binding name, a method of the bound Worker, a module path, an HTTP method, an
// integration type, a mapping expression, or any string (where `$env.` / `$secrets.` still apply, A.8).
import { INTEGRATION_ALIAS_TARGET, type IntegrationType } from 'serverless-api-gateway-runtime/config';
import { findNodeAtLocation } from 'jsonc-parser';
import type { JsonNode } from '../../parse/config-document';
import { stringOf } from '../../rules/schema/config-view';
import type { JsonPath } from '../json-cursor';
import type { AliasSection } from '../reference-index/model';

export type Slot =
  | { kind: 'alias'; sections: AliasSection[] }
  | { kind: 'wranglerBinding' }
  | { kind: 'function'; alias?: string }
  | { kind: 'entrypoint' }
  | { kind: 'method' }
  | { kind: 'integrationType' }
  | { kind: 'mapping'; routeIndex: number }
  | { kind: 'newItem'; array: 'paths' | 'servers' | 'services' | 'serviceBindings' }
  | { kind: 'other' };

function at(root: JsonNode | undefined, path: JsonPath): JsonNode | undefined {
  return root ? findNodeAtLocation(root, path) : undefined;
}

export function slotOf(root: JsonNode | undefined, path: JsonPath, isNewItem: boolean): Slot {
  const [first, index, second, third, fourth] = path;
  if (path.length === 2 && isNewItem && typeof index === 'number') {
    if (first === 'paths' || first === 'servers' || first === 'services' || first === 'serviceBindings') return { kind: 'newItem', array: first };
  }
  if ((first === 'serviceBindings' || first === 'servicesBindings') && path.length === 3 && second === 'binding') return { kind: 'wranglerBinding' };
  if (first === 'services' && path.length === 3 && second === 'entrypoint') return { kind: 'entrypoint' };
  if (first !== 'paths' || typeof index !== 'number') return { kind: 'other' };
  if (path.length === 3 && second === 'method') return { kind: 'method' };
  if (second === 'integration' && path.length === 4) {
    if (third === 'type') return { kind: 'integrationType' };
    const type = stringOf(at(root, ['paths', index, 'integration', 'type']));
    const target = type !== undefined ? INTEGRATION_ALIAS_TARGET[type as IntegrationType] : undefined;
    if (third === 'server') return { kind: 'alias', sections: ['servers'] };
    if (third === 'binding') return { kind: 'alias', sections: target && target.field === 'binding' ? [target.section] : ['serviceBindings', 'services'] };
    if (third === 'function') return { kind: 'function', ...aliasBeside(root, ['paths', index, 'integration']) };
  }
  const hookPath: JsonPath | undefined =
    second === 'pre_process' && path.length === 4 ? ['paths', index, 'pre_process'] : second === 'integration' && third === 'post_process' && path.length === 5 ? ['paths', index, 'integration', 'post_process'] : undefined;
  const field = second === 'pre_process' ? third : fourth;
  if (hookPath && field === 'binding') return { kind: 'alias', sections: ['serviceBindings'] };
  if (hookPath && field === 'function') return { kind: 'function', ...aliasBeside(root, hookPath) };
  if (second === 'mapping' && path.length === 5 && (third === 'headers' || third === 'query')) return { kind: 'mapping', routeIndex: index };
  return { kind: 'other' };
}

/** The `binding` alias written next to a `function` (same integration or hook object). */
function aliasBeside(root: JsonNode | undefined, objectPath: JsonPath): { alias?: string } {
  const alias = stringOf(at(root, [...objectPath, 'binding']));
  return alias !== undefined ? { alias } : {};
}
