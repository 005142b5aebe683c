// Rule family 3xx: wrangler cross-file checks (SPEC D).
import type { RuleFamily } from './rule';

export const wranglerRules: RuleFamily = {
  id: 'wrangler',
  codes: [],
  check() {},
};
