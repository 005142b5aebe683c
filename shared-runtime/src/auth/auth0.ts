// The `auth0` authorizer: RS/PS/ES/EdDSA tokens from the tenant, keys from inline `jwks` or a cached remote `jwks_uri`.
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { parseAuth0Domain } from './auth0-domain';
import { optionalString, parseSecureUrl, requiredString } from './config-fields';
import { buildTokenAuthorizer, type TokenAuthorizer } from './token-verifier';

/**
 * Asymmetric algorithms only: a key set that happened to hold an `oct` key must never let an
 * HS256 token signed with public material through (algorithm confusion).
 */
export const AUTH0_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

// One remote key set per URL and isolate, so recompiling a config (KV refresh) keeps the fetched keys.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();
const REMOTE_KEY_SET_LIMIT = 32;

export function remoteKeySet(url: URL): JWTVerifyGetKey {
  const cached = remoteKeySets.get(url.href);
  if (cached) return cached;
  if (remoteKeySets.size >= REMOTE_KEY_SET_LIMIT) remoteKeySets.delete(remoteKeySets.keys().next().value!);
  const created = createRemoteJWKSet(url);
  remoteKeySets.set(url.href, created);
  return created;
}

function localKeySet(jwks: unknown): JWTVerifyGetKey | { error: string } {
  let parsed: unknown = jwks;
  if (typeof jwks === 'string') {
    try {
      parsed = JSON.parse(jwks);
    } catch {
      return { error: 'authorizer.jwks is not valid JSON; it must be a JSON Web Key Set as a string, e.g. "{\\"keys\\":[...]}" (the content of https://<domain>/.well-known/jwks.json).' };
    }
  }
  try {
    return createLocalJWKSet(parsed as JSONWebKeySet);
  } catch {
    return { error: 'authorizer.jwks is not a JSON Web Key Set: it must be an object with a "keys" array of JWKs.' };
  }
}

export function createAuth0Authorizer(config: Record<string, unknown>): TokenAuthorizer | { error: string } {
  const domain = requiredString(config, 'domain', 'auth0', 'set it to the tenant host, e.g. "my-tenant.eu.auth0.com".');
  if (!domain.ok) return { error: domain.error };
  const tenant = parseAuth0Domain(domain.value);
  if ('error' in tenant) return tenant;
  const audience = optionalString(config, 'audience', 'auth0');
  if (!audience.ok) return { error: audience.error };

  // A non-empty inline `jwks` wins over `jwks_uri` (A.6); a JSON-valued var may arrive already parsed.
  const inline = config.jwks;
  let getKey: JWTVerifyGetKey;
  let keySource: 'local' | 'remote';
  if (inline !== undefined && inline !== null && inline !== '') {
    const local = localKeySet(inline);
    if ('error' in local) return local;
    getKey = local;
    keySource = 'local';
  } else {
    const uri = optionalString(config, 'jwks_uri', 'auth0');
    if (!uri.ok) return { error: uri.error };
    if (uri.value === '') {
      return { error: `authorizer of type "auth0" needs "jwks_uri" (usually "${tenant.origin}/.well-known/jwks.json") or an inline "jwks"; both are missing or empty.` };
    }
    const parsed = parseSecureUrl(uri.value);
    if (!parsed.ok) return { error: `authorizer.jwks_uri ${parsed.reason}; use "${tenant.origin}/.well-known/jwks.json".` };
    getKey = remoteKeySet(parsed.url);
    keySource = 'remote';
  }

  return buildTokenAuthorizer({
    type: 'auth0',
    key: { kind: 'keyset', getKey },
    keySource,
    algorithms: AUTH0_ALGORITHMS,
    issuer: tenant.issuer,
    audience: audience.value,
  });
}
