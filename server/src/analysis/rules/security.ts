// Rule family 6xx: security (SPEC D). The checks live in rules/security/; this file is the registry's entry.
export { securityRules } from './security/family';
