// Rule family 4xx: service module files (SPEC D).
import type { RuleFamily } from './rule';

export const modulesRules: RuleFamily = {
  id: 'modules',
  codes: [],
  check() {},
};
