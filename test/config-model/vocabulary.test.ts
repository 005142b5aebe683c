// The constant lists agree with the generated schemas (one source of truth), and the field docs answer for real locations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTHORIZER_FIELDS,
  AUTHORIZER_TYPES,
  buildSchema,
  CONFIG_MODEL_VERSION,
  CORS_KEYS,
  fieldDescription,
  HTTP_METHODS,
  INTEGRATION_KEYS,
  INTEGRATION_TYPES,
  lookupField,
  PATH_ITEM_KEYS,
  ROOT_KEYS,
  type HttpMethod,
  type IntegrationType,
  type JsonSchema,
  type PathItem,
} from 'serverless-api-gateway-runtime/config';

const defs = (variant: 'upstream' | 'bundled') => buildSchema(variant).$defs as Record<string, JsonSchema>;
const keysOf = (schema: JsonSchema) => Object.keys(schema.properties as object);

test('key lists equal the schema properties', () => {
  assert.equal(CONFIG_MODEL_VERSION, 1);
  assert.deepEqual(keysOf(buildSchema('upstream')), [...ROOT_KEYS]);
  assert.deepEqual(keysOf(defs('bundled').PathItem), [...PATH_ITEM_KEYS]);
  assert.deepEqual(keysOf(defs('bundled').Integration), [...INTEGRATION_KEYS]);
  assert.deepEqual(keysOf(defs('upstream').Integration), INTEGRATION_KEYS.filter((k) => k !== 'post_process'));
  assert.deepEqual(keysOf(defs('upstream').Cors), [...CORS_KEYS]);
  assert.deepEqual(defs('upstream').Cors.required, [...CORS_KEYS]);
  assert.equal(defs('bundled').Cors.required, undefined);
  assert.deepEqual(defs('upstream').HttpMethod.enum, [...HTTP_METHODS]);
  assert.deepEqual(defs('upstream').IntegrationType.enum, [...INTEGRATION_TYPES]);
});

test('authorizer field table equals the schema variants', () => {
  const names = { jwt: 'JwtAuthorizer', auth0: 'Auth0Authorizer', supabase: 'SupabaseAuthorizer' } as const;
  for (const variant of ['upstream', 'bundled'] as const) {
    for (const type of AUTHORIZER_TYPES) {
      const schema = defs(variant)[names[type]];
      assert.deepEqual(keysOf(schema).sort(), [...AUTHORIZER_FIELDS[variant][type].allowed].sort(), `${variant} ${type}`);
      assert.deepEqual(schema.required, [...AUTHORIZER_FIELDS[variant][type].required], `${variant} ${type}`);
    }
  }
});

test('generated types use the same unions as the vocabulary', () => {
  const method: PathItem['method'] = 'ANY';
  const asVocabulary: HttpMethod = method;
  const t: IntegrationType = 'service_binding';
  assert.equal(asVocabulary, 'ANY');
  assert.ok(INTEGRATION_TYPES.includes(t));
});

test('lookupField answers by JSON pointer or segments', () => {
  assert.match(fieldDescription('/paths/0/integration/type') ?? '', /What serves the route/);
  assert.equal(fieldDescription(['paths', 3, 'integration', 'type']), fieldDescription('/paths/0/integration/type'));
  assert.equal(fieldDescription(['paths', '*', 'method']), fieldDescription('/paths/12/method'));
  const method = lookupField('/paths/0/method');
  assert.equal(method?.required, true);
  assert.equal(method?.kind, 'enum');
  assert.deepEqual(method?.enumValues, [...HTTP_METHODS]);
  assert.equal(lookupField('/paths/0')?.typeName, 'PathItem');
  assert.deepEqual(lookupField('/paths/0')?.keys, [...PATH_ITEM_KEYS]);
  assert.match(lookupField('/paths/0')?.description ?? '', /A route/);
  assert.equal(lookupField('/servicesBindings')?.deprecated, true);
  assert.match(lookupField('')?.description ?? '', /Serverless API Gateway configuration/);
  assert.equal(lookupField('/paths/0/mapping/headers/x-user')?.kind, 'string');
  assert.equal(lookupField('/variables/anything')?.kind, 'any');
});

test('lookupField differs per variant and resolves authorizer fields (with a type hint when names overlap)', () => {
  assert.equal(lookupField('/paths/0/integration/post_process', { variant: 'upstream' }), undefined);
  assert.equal(lookupField('/paths/0/integration/post_process/binding')?.required, true);
  assert.deepEqual(lookupField('/authorizer/algorithm', { variant: 'upstream' })?.enumValues, ['HS256']);
  assert.deepEqual(lookupField('/authorizer/algorithm')?.enumValues, ['HS256', 'HS384', 'HS512']);
  assert.match(fieldDescription('/authorizer/jwks_uri') ?? '', /JWKS/);
  assert.equal(lookupField('/authorizer/audience', { variant: 'upstream', typeHint: 'auth0' }), undefined);
  assert.match(fieldDescription('/authorizer/audience', { typeHint: 'auth0' }) ?? '', /bundled runtime only/);
  assert.match(fieldDescription('/authorizer/issuer', { typeHint: 'supabase' }) ?? '', /supabase/);
  assert.deepEqual(lookupField('/authorizer', { typeHint: 'supabase' })?.keys, ['type', 'jwt_secret', 'issuer', 'audience']);
  assert.equal(lookupField('/cors/allow_origins', { variant: 'upstream' })?.required, true);
  assert.equal(lookupField('/cors/allow_origins')?.required, false);
});

test('lookupField never throws on bad locations', () => {
  for (const bad of ['/nope', '/paths/0/nope', '/paths/x/y/z', '/paths/method', '/title/0', '/paths/0/path/0', '////', '/__proto__', '/paths/0/constructor']) {
    assert.equal(lookupField(bad), undefined, bad);
  }
  assert.equal(fieldDescription('/toString'), undefined);
});

test('every field of the model has a description', () => {
  const missing: string[] = [];
  const walk = (schema: unknown, at: string): void => {
    if (typeof schema !== 'object' || schema === null) return;
    const s = schema as JsonSchema;
    for (const [key, value] of Object.entries((s.properties as Record<string, JsonSchema>) ?? {})) {
      if (typeof value.description !== 'string' || value.description.length < 10) missing.push(`${at}/${key}`);
    }
    for (const [name, def] of Object.entries((s.$defs as Record<string, JsonSchema>) ?? {})) walk(def, `#${name}`);
  };
  walk(buildSchema('bundled'), '');
  assert.deepEqual(missing, []);
});
