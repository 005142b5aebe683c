// Rule family 6xx: security (SPEC D).
import type { RuleFamily } from './rule';

export const securityRules: RuleFamily = {
  id: 'security',
  codes: [],
  check() {},
};
