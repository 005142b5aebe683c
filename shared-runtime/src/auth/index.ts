// Entry of the authorization module: createAuthorizer builds one verifier per compiled config (E.6).
import { createAuth0Authorizer } from './auth0';
import { createJwtAuthorizer } from './jwt';
import { createSupabaseAuthorizer } from './supabase';
import type { Authorizer } from './token-verifier';

export type { Authorizer, AuthorizerType, TokenAuthorizer, TokenOverrides, VerifyResult } from './token-verifier';
export { CLOCK_TOLERANCE_SECONDS, isTokenAuthorizer } from './token-verifier';
export type { AuthFailure, TokenCheck } from './errors';
export { MAX_TOKEN_LENGTH, readBearerToken } from './bearer';
export { parseAuth0Domain, type Auth0Tenant } from './auth0-domain';
export { auth0IntegrationConfigError } from './auth0-settings';

const SUPPORTED_TYPES = ['jwt', 'auth0', 'supabase'];

/**
 * Builds the verifier for `config` (the `authorizer` object after $env/$secret substitution).
 * Returns `{ error }` when the authorizer cannot work; the core refuses the config with it (E.1).
 * Never throws, whatever `config` holds.
 */
export function createAuthorizer(config: unknown): Authorizer | { error: string } {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { error: 'authorizer must be an object with a "type" of "jwt", "auth0" or "supabase".' };
  }
  const fields = config as Record<string, unknown>;
  switch (fields.type) {
    case 'jwt':
      return createJwtAuthorizer(fields);
    case 'auth0':
      return createAuth0Authorizer(fields);
    case 'supabase':
      return createSupabaseAuthorizer(fields);
    default: {
      const shown = typeof fields.type === 'string' ? `"${fields.type.slice(0, 40)}"` : fields.type === undefined ? 'missing' : `not a string`;
      return { error: `authorizer.type is ${shown}; supported types: ${SUPPORTED_TYPES.join(', ')}.` };
    }
  }
}
