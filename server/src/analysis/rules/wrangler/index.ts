// Rule family 3xx: the api-config.json checked against the wrangler config, once per environment (SPEC D 3xx).
import type { RuleFamily } from '../rule';
import { BINDING_CODES } from './codes-bindings';
import { PROJECT_CODES } from './codes-project';
import { checkConfigFiles } from './config-files';
import { checkDeclarations } from './declarations';
import { checkGatewaySettings } from './gateway-settings';
import { checkServiceBindings } from './service-bindings';
import { checkTargetMethods } from './target-methods';
import { checkRouteVariables, checkVariables } from './variables';

export const wranglerRules: RuleFamily = {
  id: 'wrangler',
  codes: [...BINDING_CODES, ...PROJECT_CODES].sort((a, b) => a.code.localeCompare(b.code)),
  // `$env.`/`$secret.` values inside one path item (SAG306, SAG307); bindings are checked once per used entry.
  checkRoute(ctx, route) {
    checkRouteVariables(ctx, route);
  },
  check(ctx) {
    checkConfigFiles(ctx);
    checkServiceBindings(ctx);
    checkTargetMethods(ctx);
    checkDeclarations(ctx);
    checkGatewaySettings(ctx);
    checkVariables(ctx);
  },
};
