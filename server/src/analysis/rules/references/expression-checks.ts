// SAG209 (`$config.NAME` with no variable) and SAG210 (`$request.jwt.*` where no token is verified), read
// from each route's mapping values the way the runtime reads them.
import { AUTHORIZER_TYPES } from 'serverless-api-gateway-runtime/config';
import { closestMatch, suggester, type Suggest } from '../../did-you-mean';
import type { Fix, RuntimeTarget } from '../../findings';
import { localFix, pointer, replaceStringFix, type Emit } from '../schema/anchor';
import { isShadowed, shadowIndex, type JsonNode } from '../../parse/config-document';
import { routeEntryOf } from '../routing/route-table';
import type { ConfigView, RouteView } from '../schema/config-view';
import { propertiesOf, stringOf } from '../schema/config-view';
import { readMappingValue } from '../schema/mapping-expression';
import { removeSiblingEdit } from '../../fixes/json-node-edits';
import { addVariableFix } from './stub-fixes';

interface Outside {
  globals: Set<string>;
  authorizerUsable: boolean;
  /** Suggestions among the global variables, indexed once per view (not once per route: 4,000 routes took 68 s). */
  suggestGlobal?: Suggest;
}

const outsideOfView = new WeakMap<ConfigView, Outside>();

/** The global variables and authorizer state, read once per view. */
function outsideOf(view: ConfigView): Outside {
  let outside = outsideOfView.get(view);
  if (!outside) {
    const globalVariables = view.rootProps.value('variables');
    outside = {
      globals: new Set(globalVariables?.type === 'object' ? propertiesOf(globalVariables).keys() : []),
      authorizerUsable: view.authorizerType !== undefined && (AUTHORIZER_TYPES as readonly string[]).includes(view.authorizerType),
    };
    outsideOfView.set(view, outside);
  }
  return outside;
}

/** SAG209 and SAG210 in one route's mapping. */
export function checkRouteExpressions(view: ConfigView, emit: Emit, route: RouteView, runtime: RuntimeTarget): void {
  // The route table's entry (one pass over the item, shared with the routing rules) instead of key lookups.
  const entry = routeEntryOf(route);
  const mapping = entry?.mappingNode;
  if (!entry || !mapping || mapping.type !== 'object' || !mapping.children) return;
  const { globals, authorizerUsable } = outsideOf(view);
  // The route's variables, and what an unknown name is compared with: made on the first `$config` reference that
  // needs them, once per route (a hostile mapping may hold thousands).
  let routeVariables: { names: Set<string>; defined: string[]; suggest: Suggest } | undefined;
  const variables = () => {
    if (!routeVariables) {
      const names = variablesOf(entry.variablesNode);
      const outside = outsideOf(view);
      const suggestGlobal = (outside.suggestGlobal ??= suggester(globals));
      // The route's own names come first, as closestMatch over both lists in that order would pick.
      const suggestOwn = names.size > 0 ? suggester(names) : undefined;
      const suggest: Suggest = suggestOwn
        ? (name) => {
            const own = suggestOwn(name);
            const global = suggestGlobal(name);
            return own !== undefined && global !== undefined ? closestMatch(name, [own, global]) : (own ?? global);
          }
        : suggestGlobal;
      routeVariables = { names, defined: firstNames(DEFINED_SHOWN, names, globals), suggest };
    }
    return routeVariables;
  };
  const parts = mapping.children;
  const partKeys = lastKeys(parts);
  for (let p = 0; p < parts.length; p++) {
    const partKey = partKeys[p];
    if (partKey !== 'headers' && partKey !== 'query') continue;
    const partValue = parts[p]!.children?.[1];
    if (partValue?.type !== 'object' || !partValue.children) continue;
    const entries = partValue.children;
    const keys = lastKeys(entries);
    for (let e = 0; e < entries.length; e++) {
      const key = keys[e];
      if (key === undefined) continue;
      const valueNode = entries[e]!.children?.[1];
      const value = stringOf(valueNode);
      if (value === undefined || !valueNode || !value.includes('$')) continue;
      const read = readMappingValue(value);
      if (read.kind !== 'expression' && read.kind !== 'embedded') continue;
      if (read.source === 'config') {
        const { names, defined, suggest } = variables();
        if (names.has(read.name) || globals.has(read.name)) continue;
        const suggestion = suggest(read.name);
        const fixes: (Fix | undefined)[] = [];
        if (suggestion && read.kind === 'expression') fixes.push(replaceStringFix(view.doc, valueNode, `$config.${suggestion}`, `Change to \`$config.${suggestion}\``, false));
        fixes.push(addVariableFix(view, read.name));
        emit('SAG209', valueNode, pointer('paths', route.index, 'mapping', partKey, key), `\`$config.${read.name}\` names a variable in neither the route's \`variables\` nor the global \`variables\`${defined.length > 0 ? ` (defined: ${defined.join(', ')})` : ''}, so the ${partKey === 'headers' ? 'header' : 'query parameter'} \`${key}\` is never set${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, { fixes });
      } else if (read.source === 'jwt') {
        const authNode = entry.authNode;
        const authOn = authNode ? authNode.type !== 'null' && Boolean(authNode.value) && !(authNode.type === 'number' && authNode.value === 0) : false;
        if (authOn && authorizerUsable) continue;
        const why = !authOn ? `the route's \`auth\` is ${authNode ? 'falsy' : 'not set'}` : view.authorizer ? `the authorizer type ${view.authorizerType ? `\`${view.authorizerType}\` is unknown` : 'is missing'}` : 'there is no `authorizer`';
        emit('SAG210', valueNode, pointer('paths', route.index, 'mapping', partKey, key), `\`$request.jwt.${read.name}\` is never set here: ${why}, so no token is verified on ${route.path && stringOf(route.path) ? `\`${stringOf(route.path)}\`` : `paths[${route.index}]`}${!authOn ? clientValueNote(runtime, partKey) : ''}`, {
          fixes: [
            ...(!authOn && authorizerUsable ? [localFix(view.doc, route.node, ['auth'], true, 'Set `"auth": true`', false)] : []),
            ...(valueNode.parent?.type === 'property' ? [{ title: `Remove the mapping of \`${key}\``, safe: false, edits: [removeSiblingEdit(view.doc, valueNode.parent)] }] : []),
          ],
        });
      }
    }
  }
}

/**
 * Per property, its key when it is a string and no later property repeats it (JSON.parse keeps the last one), else
 * undefined: Properties.values() without a PropertyView per property.
 */
function lastKeys(props: readonly JsonNode[]): (string | undefined)[] {
  const shadowed = shadowIndex(props);
  return props.map((prop, i) => {
    const key = prop.children?.[0]?.value;
    return typeof key === 'string' && !isShadowed(props, i, shadowed) ? key : undefined;
  });
}

function variablesOf(node: JsonNode | undefined): Set<string> {
  return new Set(node?.type === 'object' ? propertiesOf(node).keys() : []);
}

/** What reaches the backend under the mapped name when the expression is never set: A.7 (upstream) vs E.7 (bundled). */
function clientValueNote(runtime: RuntimeTarget, partKey: string): string {
  const what = partKey === 'headers' ? 'header' : 'query parameter';
  return runtime === 'upstream' ? ` (a client-sent ${what} of that name may pass through)` : ` (the bundled gateway removes a client-sent ${what} of that name)`;
}

/** How many defined variables a SAG209 message lists. */
const DEFINED_SHOWN = 8;

/** The first `count` names of the lists, in order, without copying the lists (the globals may be thousands). */
function firstNames(count: number, ...lists: Iterable<string>[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    for (const name of list) {
      if (out.length >= count) return out;
      out.push(name);
    }
  }
  return out;
}
