// The `supabase` authorizer: HS256 tokens signed with the project's JWT secret, verified with jose (no Node layer).
import { failedClaim, type TokenCheck } from './errors';
import { optionalString, requiredString } from './config-fields';
import { buildTokenAuthorizer, type TokenAuthorizer } from './token-verifier';

/**
 * The upstream integration reported jsonwebtoken's codes; clients may depend on them, so a rejected
 * token keeps JWT_EXPIRED / JWT_NOT_ACTIVE / JWT_INVALID (C.6).
 */
function toSupabaseCodes(check: Extract<TokenCheck, { ok: false }>, error: unknown): TokenCheck {
  const { failure } = check;
  if (failure.status !== 401) return check;
  let code = 'JWT_INVALID';
  if (failure.code === 'ERR_JWT_EXPIRED') code = 'JWT_EXPIRED';
  else if (failedClaim(error) === 'nbf') code = 'JWT_NOT_ACTIVE';
  return { ok: false, failure: { ...failure, code } };
}

export function createSupabaseAuthorizer(config: Record<string, unknown>): TokenAuthorizer | { error: string } {
  const secret = requiredString(
    config,
    'jwt_secret',
    'supabase',
    'set "jwt_secret": "$secret.SUPABASE_JWT_SECRET" (Supabase dashboard > Project Settings > API > JWT secret) and run `wrangler secret put SUPABASE_JWT_SECRET`.',
  );
  if (!secret.ok) return { error: secret.error };
  const issuer = optionalString(config, 'issuer', 'supabase');
  if (!issuer.ok) return { error: issuer.error };
  const audience = optionalString(config, 'audience', 'supabase');
  if (!audience.ok) return { error: audience.error };
  return buildTokenAuthorizer({
    type: 'supabase',
    key: { kind: 'hmac', secret: new TextEncoder().encode(secret.value), hash: 'SHA-256' },
    keySource: 'local',
    algorithms: ['HS256'],
    issuer: issuer.value,
    audience: audience.value,
    mapFailure: toSupabaseCodes,
  });
}
