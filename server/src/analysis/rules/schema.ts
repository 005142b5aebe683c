// Rule family 1xx: schema and shape (SPEC D). The rules live in rules/schema/.
export { schemaRules } from './schema/family';
