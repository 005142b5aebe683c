// One route's `mapping`: applied only to http/http_proxy (SAG115), shape and unknown keys (SAG114, SAG108), header
// names a header can have (SAG114), and each value read the way the runtime reads it (SAG114): one expression.
import { isHeaderName, MAPPABLE_INTEGRATION_TYPES, MAPPING_KEYS } from 'serverless-api-gateway-runtime/config';
import { label, localFix, pointer, replaceStringFix, typeName } from './anchor';
import type { RouteView } from './config-view';
import { propertiesOf, stringOf } from './config-view';
import { readMappingValue, SUPPORTED_SOURCES_TEXT } from './mapping-expression';
import type { RouteCheck } from './route-checks';
import { unknownKeyFinding } from './unknown-keys';

const MAPPABLE: readonly string[] = MAPPABLE_INTEGRATION_TYPES;

export function checkMapping(rc: RouteCheck, route: RouteView): void {
  const { view, emit } = rc;
  const prop = route.props.get('mapping');
  if (!prop || !prop.value) return;
  const ptr = pointer('paths', route.index, 'mapping'); // one per mapped route, not per value
  const type = route.integrationType;
  if (!route.integration || (type !== undefined && !MAPPABLE.includes(type))) {
    emit('SAG115', prop.keyNode, ptr, `\`mapping\` is applied only to \`http\`/\`http_proxy\` integrations; on ${route.integration ? `a \`${type}\` integration` : 'a static-response route'} it is ignored`, {
      fixes: [localFix(view.doc, route.node, ['mapping'], undefined, 'Remove the ignored `mapping`', false)],
    });
  }
  const node = prop.value;
  if (node.type !== 'object') {
    emit('SAG114', node, ptr, `\`mapping\` must be an object { "headers": {...}, "query": {...} }, but it is ${typeName(node)}`);
    return;
  }
  for (const part of propertiesOf(node).values()) {
    if (!(MAPPING_KEYS as readonly string[]).includes(part.key)) {
      unknownKeyFinding(view, emit, part, MAPPING_KEYS, ['paths', route.index, 'mapping'], label('paths', route.index, 'mapping'));
      continue;
    }
    if (!part.value) continue;
    if (part.value.type !== 'object') {
      emit('SAG114', part.value, `${ptr}/${part.key}`, `\`mapping.${part.key}\` must be an object of output name to expression, but it is ${typeName(part.value)}`);
      continue;
    }
    for (const entry of propertiesOf(part.value).values()) {
      if (part.key === 'headers' && !isHeaderName(entry.key)) {
        const shown = JSON.stringify(entry.key).slice(1, -1);
        emit('SAG114', entry.keyNode, pointer('paths', route.index, 'mapping', 'headers', entry.key), `\`${shown}\` is not a header name (letters, digits and !#$%&'*+-.^_\`|~ only), so it is never set: the upstream gateway fails every request of this route with 500, the bundled one leaves the mapping out`);
        continue;
      }
      checkValue(rc, route, part.key, entry.key, entry.value);
    }
  }
}


function checkValue(rc: RouteCheck, route: RouteView, part: string, name: string, node: RouteView['path']): void {
  if (!node) return;
  const value = stringOf(node);
  if (value !== undefined && readMappingValue(value).kind === 'expression') return;
  const ptr = pointer('paths', route.index, 'mapping', part, name);
  const what = `${part === 'headers' ? 'header' : 'query parameter'} \`${name}\``;
  if (value === undefined) {
    rc.emit('SAG114', node, ptr, `${what}: the mapping value must be an expression string (${SUPPORTED_SOURCES_TEXT}), not ${typeName(node)}; it is never set`);
    return;
  }
  const read = readMappingValue(value);
  switch (read.kind) {
    case 'expression':
      return;
    case 'embedded': {
      const lost = [value.slice(0, read.offset), value.slice(read.offset + read.expression.length)].filter((s) => s !== '').map((s) => `\`${s}\``).join(' and ');
      rc.emit('SAG114', node, ptr, `${what}: only the expression \`${read.expression}\` is used and it replaces the whole value, so ${lost} is lost; write it as a pure expression`, {
        fixes: [replaceStringFix(rc.view.doc, node, read.expression, `Keep only \`${read.expression}\``, false)],
      });
      return;
    }
    case 'unknown-source':
      rc.emit('SAG114', node, ptr, `${what}: \`${read.text}\` is not a mapping source (supported: ${SUPPORTED_SOURCES_TEXT}; path parameters and the body cannot be mapped), so it is never set`);
      return;
    case 'substitution':
      rc.emit('SAG114', node, ptr, `${what}: \`${value}\` is substituted when the config loads and then is a constant, which mappings cannot set; put it in \`variables\` and map \`$config.NAME\``);
      return;
    case 'constant':
      rc.emit('SAG114', node, ptr, `${what}: the constant \`${value}\` is not an expression, and mappings cannot set constants, so it is never set; put it in \`variables\` and map \`$config.NAME\``);
      return;
  }
}
