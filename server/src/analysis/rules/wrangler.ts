// Rule family 3xx: wrangler cross-file checks (SPEC D); the checks live in rules/wrangler/.
export { wranglerRules } from './wrangler/index';
