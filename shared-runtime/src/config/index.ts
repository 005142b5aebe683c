// Public surface of the api-config model: vocabulary lists, schema and type generation, field docs (SPEC A, E.1).
export const CONFIG_MODEL_VERSION = 1;
export * from './vocabulary';
// HttpMethod, IntegrationType and CorsMethod come from vocabulary.ts (same unions, derived from the constant lists).
export type {
  ApiConfig,
  Server,
  Service,
  ServiceBinding,
  Cors,
  Authorizer,
  JwtAuthorizer,
  Auth0Authorizer,
  SupabaseAuthorizer,
  Variables,
  PathItem,
  Integration,
  Mapping,
  PreProcess,
  PostProcess,
} from './types.generated';
export { API_CONFIG_MODEL } from './model';
export type { ConfigModel, ModelNode, Field } from './model-dsl';
export { buildSchema, SCHEMA_DIALECT, SCHEMA_IDS, type JsonSchema } from './schema-builder';
export { generateTypes } from './types-generator';
export { lookupField, fieldDescription, type FieldInfo, type FieldLookupOptions } from './field-docs';
export { generatedConfigArtifacts, type GeneratedArtifact } from './artifacts';
