// SAG209 (`$config.NAME` with no variable) and SAG210 (`$request.jwt.*` where no token is verified), read
// from each route's mapping values the way the runtime reads them.
import { AUTHORIZER_TYPES } from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import type { Fix } from '../../findings';
import { localFix, pointer, replaceStringFix, type Emit } from '../schema/anchor';
import type { ConfigView, RouteView } from '../schema/config-view';
import { propertiesOf, stringOf } from '../schema/config-view';
import { readMappingValue } from '../schema/mapping-expression';
import { addVariableFix } from './stub-fixes';

interface Outside {
  globals: Set<string>;
  authorizerUsable: boolean;
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
export function checkRouteExpressions(view: ConfigView, emit: Emit, route: RouteView): void {
  const { globals, authorizerUsable } = outsideOf(view);
  {
    const mapping = route.props.value('mapping');
    if (!mapping || mapping.type !== 'object') return;
    let routeVariables: Set<string> | undefined;
    for (const part of propertiesOf(mapping).values()) {
      if ((part.key !== 'headers' && part.key !== 'query') || part.value?.type !== 'object') continue;
      for (const entry of propertiesOf(part.value).values()) {
        const value = stringOf(entry.value);
        if (value === undefined || !entry.value || !value.includes('$')) continue;
        const read = readMappingValue(value);
        if (read.kind !== 'expression' && read.kind !== 'embedded') continue;
        const ptr = (): string => pointer('paths', route.index, 'mapping', part.key, entry.key);
        if (read.source === 'config') {
          routeVariables ??= variablesOf(route);
          if (routeVariables.has(read.name) || globals.has(read.name)) continue;
          const candidates = [...routeVariables, ...globals];
          const suggestion = closestMatch(read.name, candidates);
          const fixes: (Fix | undefined)[] = [];
          if (suggestion && read.kind === 'expression') fixes.push(replaceStringFix(view.doc, entry.value, `$config.${suggestion}`, `Change to \`$config.${suggestion}\``, false));
          fixes.push(addVariableFix(view, read.name));
          emit('SAG209', entry.value, ptr(), `\`$config.${read.name}\` names a variable in neither the route's \`variables\` nor the global \`variables\`${candidates.length > 0 ? ` (defined: ${candidates.slice(0, 8).join(', ')})` : ''}, so the ${part.key === 'headers' ? 'header' : 'query parameter'} \`${entry.key}\` is never set${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`, { fixes });
        } else if (read.source === 'jwt') {
          const authNode = route.props.value('auth');
          const authOn = authNode ? authNode.type !== 'null' && Boolean(authNode.value) && !(authNode.type === 'number' && authNode.value === 0) : false;
          if (authOn && authorizerUsable) continue;
          const why = !authOn ? `the route's \`auth\` is ${authNode ? 'falsy' : 'not set'}` : view.authorizer ? `the authorizer type ${view.authorizerType ? `\`${view.authorizerType}\` is unknown` : 'is missing'}` : 'there is no `authorizer`';
          emit('SAG210', entry.value, ptr(), `\`$request.jwt.${read.name}\` is never set here: ${why}, so no token is verified on ${route.path && stringOf(route.path) ? `\`${stringOf(route.path)}\`` : `paths[${route.index}]`}${!authOn ? ' (a client-sent header of that name may pass through)' : ''}`, {
            fixes: !authOn && authorizerUsable ? [localFix(view.doc, route.node, ['auth'], true, 'Set `"auth": true`', false)] : [],
          });
        }
      }
    }
  }
}

function variablesOf(route: RouteView): Set<string> {
  const node = route.props.value('variables');
  return new Set(node?.type === 'object' ? propertiesOf(node).keys() : []);
}
