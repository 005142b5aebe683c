// Rule family 2xx: references between config sections (SPEC D).
import type { RuleFamily } from './rule';

export const referencesRules: RuleFamily = {
  id: 'references',
  codes: [],
  check() {},
};
