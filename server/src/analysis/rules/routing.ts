// Rule family 5xx: routing (SPEC D).
import type { RuleFamily } from './rule';

export const routingRules: RuleFamily = {
  id: 'routing',
  codes: [],
  check() {},
};
