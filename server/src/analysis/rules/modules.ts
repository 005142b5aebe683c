// Rule family 4xx: service module files (SPEC D); the checks live in rules/modules/.
export { modulesRules } from './modules/index';
