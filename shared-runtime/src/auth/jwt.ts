// The `jwt` authorizer: shared-secret HMAC tokens with the algorithm pinned to `algorithm` (E.6).
import { optionalString, requiredString } from './config-fields';
import { buildTokenAuthorizer, type TokenAuthorizer } from './token-verifier';

const HMAC_HASHES = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' } as const;
type HmacAlgorithm = keyof typeof HMAC_HASHES;

export const JWT_DEFAULT_ALGORITHM: HmacAlgorithm = 'HS256';

function isHmacAlgorithm(value: string): value is HmacAlgorithm {
  return Object.prototype.hasOwnProperty.call(HMAC_HASHES, value);
}

export function createJwtAuthorizer(config: Record<string, unknown>): TokenAuthorizer | { error: string } {
  const secret = requiredString(config, 'secret', 'jwt', 'set "secret": "$secret.JWT_SECRET" and run `wrangler secret put JWT_SECRET`.');
  if (!secret.ok) return { error: secret.error };
  const algorithmField = optionalString(config, 'algorithm', 'jwt');
  if (!algorithmField.ok) return { error: algorithmField.error };
  const algorithm = algorithmField.value || JWT_DEFAULT_ALGORITHM;
  if (!isHmacAlgorithm(algorithm)) {
    return { error: `authorizer.algorithm "${algorithm}" is not supported for type "jwt" (supported: HS256, HS384, HS512); asymmetric tokens need an "auth0" authorizer with a JWKS.` };
  }
  const issuer = optionalString(config, 'issuer', 'jwt');
  if (!issuer.ok) return { error: issuer.error };
  const audience = optionalString(config, 'audience', 'jwt');
  if (!audience.ok) return { error: audience.error };
  return buildTokenAuthorizer({
    type: 'jwt',
    key: { kind: 'hmac', secret: new TextEncoder().encode(secret.value), hash: HMAC_HASHES[algorithm] },
    keySource: 'local',
    algorithms: [algorithm],
    issuer: issuer.value,
    audience: audience.value,
  });
}
