// Every rule family, in code order. Adding a family = one import and one line here.
import type { CodeInfo, RuleFamily } from './rule';
import { modulesRules } from './modules';
import { referencesRules } from './references';
import { routingRules } from './routing';
import { schemaRules } from './schema';
import { securityRules } from './security';
import { settingsRules } from './settings';
import { wranglerRules } from './wrangler';

export const RULE_FAMILIES: readonly RuleFamily[] = [settingsRules, schemaRules, referencesRules, wranglerRules, modulesRules, routingRules, securityRules];

const byCode = new Map<string, CodeInfo>();
for (const family of RULE_FAMILIES) for (const info of family.codes) byCode.set(info.code, info);

export function codeInfo(code: string): CodeInfo | undefined {
  return byCode.get(code);
}

export function allCodes(): CodeInfo[] {
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
