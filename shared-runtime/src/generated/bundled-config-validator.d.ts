// Types of the build-time generated ajv standalone validator for the bundled schema (see scripts/build-runtime.mjs).
export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}
declare const validate: GeneratedValidator;
export default validate;
