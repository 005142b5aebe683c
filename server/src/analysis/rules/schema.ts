// Rule family 1xx: schema and shape (SPEC D).
import type { RuleFamily } from './rule';

export const schemaRules: RuleFamily = {
  id: 'schema',
  codes: [],
  check() {},
};
