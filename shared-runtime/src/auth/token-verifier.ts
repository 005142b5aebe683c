// The verifier shared by the three authorizer types: jose jwtVerify with pinned algorithms and claim options.
import { jwtVerify, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { classifyVerifyError, failureResponse, type KeySource, type TokenCheck } from './errors';
import { readBearerToken } from './bearer';

export type AuthorizerType = 'jwt' | 'auth0' | 'supabase';

export type VerifyResult = { ok: true; payload: Record<string, unknown> } | { ok: false; response: Response };

/** What the gateway core calls: one instance per compiled config. */
export interface Authorizer {
  type: AuthorizerType;
  verify(request: Request): Promise<VerifyResult>;
}

export interface TokenOverrides {
  /** Replaces the configured audience (the Auth0 callback checks an id_token against `client_id`). */
  audience?: string;
}

/** The Authorizer this module builds: it can also verify a bare token and report the jose code. */
export interface TokenAuthorizer extends Authorizer {
  verifyToken(token: string, overrides?: TokenOverrides): Promise<TokenCheck>;
}

/** Clock skew accepted on exp/nbf/iat (E.6). */
export const CLOCK_TOLERANCE_SECONDS = 30;

export interface VerifierSettings {
  type: AuthorizerType;
  /** An HMAC secret (imported on first use, then reused) or a key set function. */
  key: { kind: 'hmac'; secret: Uint8Array<ArrayBuffer>; hash: 'SHA-256' | 'SHA-384' | 'SHA-512' } | { kind: 'keyset'; getKey: JWTVerifyGetKey };
  keySource: KeySource;
  algorithms: readonly string[];
  issuer?: string;
  audience?: string;
  /** Rewrites failures, e.g. to the codes an upstream integration used. */
  mapFailure?: (check: Extract<TokenCheck, { ok: false }>, error: unknown) => TokenCheck;
}

export function buildTokenAuthorizer(settings: VerifierSettings): TokenAuthorizer {
  const resolveKey = keyResolver(settings.key);
  const verifyToken = async (token: string, overrides?: TokenOverrides): Promise<TokenCheck> => {
    const options: JWTVerifyOptions = {
      algorithms: [...settings.algorithms],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    };
    if (settings.issuer) options.issuer = settings.issuer;
    const audience = overrides?.audience ?? settings.audience;
    if (audience) options.audience = audience;
    try {
      const key = resolveKey();
      const result = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, await key, options);
      return { ok: true, payload: result.payload as Record<string, unknown> };
    } catch (error) {
      const failure = classifyVerifyError(error, settings.keySource);
      if (failure.status >= 500) logVerifierProblem(settings.type, error);
      const check: TokenCheck = { ok: false, failure };
      return settings.mapFailure ? settings.mapFailure(check, error) : check;
    }
  };
  return {
    type: settings.type,
    verifyToken,
    async verify(request: Request): Promise<VerifyResult> {
      const bearer = readBearerToken(request);
      if (!bearer.ok) return { ok: false, response: failureResponse(bearer.failure) };
      const check = await verifyToken(bearer.token);
      return check.ok ? check : { ok: false, response: failureResponse(check.failure) };
    },
  };
}

// The HMAC key is imported once per authorizer; a failed import is retried on the next request.
function keyResolver(key: VerifierSettings['key']): () => JWTVerifyGetKey | Promise<CryptoKey> {
  if (key.kind === 'keyset') return () => key.getKey;
  let imported: Promise<CryptoKey> | undefined;
  return () => {
    imported ??= crypto.subtle
      .importKey('raw', key.secret, { name: 'HMAC', hash: key.hash }, false, ['verify'])
      .catch((error: unknown) => {
        imported = undefined;
        throw error;
      });
    return imported;
  };
}

// Only the error class and code reach the log: messages of key/fetch errors may carry URLs, never secrets, but stay terse.
function logVerifierProblem(type: AuthorizerType, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'none';
  console.warn(`[sag] ${type} authorizer could not verify a token: ${name} (code ${code})`);
}

export function isTokenAuthorizer(value: unknown): value is TokenAuthorizer {
  return typeof value === 'object' && value !== null && typeof (value as TokenAuthorizer).verifyToken === 'function';
}
