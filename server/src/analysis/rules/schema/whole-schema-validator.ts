// The whole schema of a variant compiled at run time: the oracle tests compare the split validation with. Nothing in
// the analysis calls it, so the bundles drop it and ajv's compiler with it (scripts/build.mjs marks ajv side-effect free).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildSchema, type SchemaVariant } from 'serverless-api-gateway-runtime/config';

const compiled = new Map<SchemaVariant, ValidateFunction>();

export function schemaValidator(variant: SchemaVariant): ValidateFunction {
  let validate = compiled.get(variant);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    validate = ajv.compile(buildSchema(variant));
    compiled.set(variant, validate);
  }
  return validate;
}
