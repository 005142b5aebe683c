// Rule family 2xx: references between config sections (SPEC D). The rules live in rules/references/.
export { referencesRules } from './references/family';
