// Rule family 5xx: routing (SPEC D). The checks live in rules/routing/; this file is the registry's entry.
export { routingRules } from './routing/family';
