// Auth failures as data (AuthFailure) and their `{"error","code"}` JSON responses with WWW-Authenticate.
import { errors as joseErrors } from 'jose';

/** One reason a request was not authorized, before it becomes a Response. */
export interface AuthFailure {
  status: number;
  code: string;
  /** Safe for clients: never a secret, a key, a token or a stack trace. */
  message: string;
  /** true when a token was presented and rejected (RFC 6750 `error="invalid_token"`). */
  invalidToken: boolean;
}

export type TokenCheck =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; failure: AuthFailure };

export const MISSING_TOKEN_MESSAGE = 'No token provided or token format is invalid.';

export function missingTokenFailure(message = MISSING_TOKEN_MESSAGE, invalidToken = false): AuthFailure {
  return { status: 401, code: 'AUTH_ERROR', message, invalidToken };
}

/** A JSON response; auth answers are never cacheable (they depend on credentials). */
export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  const merged = new Headers(headers);
  merged.set('Content-Type', 'application/json');
  merged.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status, headers: merged });
}

export function errorResponse(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { error: message, code }, headers);
}

export function failureResponse(failure: AuthFailure): Response {
  const headers: Record<string, string> = {};
  if (failure.status === 401) {
    headers['WWW-Authenticate'] = failure.invalidToken ? 'Bearer error="invalid_token"' : 'Bearer';
  }
  return errorResponse(failure.status, failure.code, failure.message, headers);
}

// jose codes that mean "this token is not acceptable" (401), as opposed to a broken key or key source.
const TOKEN_REJECTION_CODES = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWS_INVALID',
  'ERR_JWT_INVALID',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

// Fixed messages: jose's own texts are safe today, but pinning them keeps responses stable across jose releases.
const TOKEN_REJECTION_MESSAGES: Record<string, string> = {
  ERR_JWT_EXPIRED: 'Token has expired.',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'Token signature verification failed.',
  ERR_JWS_INVALID: 'Token is not a valid JWS.',
  ERR_JWT_INVALID: 'Token is not a valid JWT.',
  ERR_JOSE_ALG_NOT_ALLOWED: 'Token algorithm is not allowed.',
  ERR_JOSE_NOT_SUPPORTED: 'Token uses an unsupported feature.',
  ERR_JWKS_NO_MATCHING_KEY: 'No key in the key set matches the token.',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'Several keys in the key set match the token; set a `kid`.',
};

/** The claim named by a jose claim-validation error (`exp`, `nbf`, `iss`, `aud`, ...), if any. */
export function failedClaim(error: unknown): string | undefined {
  if (error instanceof joseErrors.JWTClaimValidationFailed || error instanceof joseErrors.JWTExpired) return error.claim;
  return undefined;
}

function claimMessage(error: unknown): string {
  switch (failedClaim(error)) {
    case 'nbf': return 'Token is not active yet (nbf).';
    case 'iat': return 'Token issued-at (iat) is invalid.';
    case 'iss': return 'Token issuer (iss) is not accepted.';
    case 'aud': return 'Token audience (aud) is not accepted.';
    case 'exp': return 'Token has expired.';
    default: return 'Token claim validation failed.';
  }
}

export type KeySource = 'local' | 'remote';

/**
 * Turns whatever jwtVerify threw into an AuthFailure. Token problems are 401 with jose's code;
 * a remote key set that cannot be loaded is 503 (the token may be fine); anything else is a 500.
 */
export function classifyVerifyError(error: unknown, keySource: KeySource): AuthFailure {
  const code = error instanceof joseErrors.JOSEError ? error.code : undefined;
  if (code !== undefined && TOKEN_REJECTION_CODES.has(code)) {
    const message = code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? claimMessage(error) : TOKEN_REJECTION_MESSAGES[code] ?? 'Token is invalid.';
    return { status: 401, code, message, invalidToken: true };
  }
  if (keySource === 'remote') {
    return { status: 503, code: 'JWKS_UNAVAILABLE', message: 'The signing keys could not be loaded from jwks_uri; try again later.', invalidToken: false };
  }
  return { status: 500, code: 'AUTH_CONFIG_ERROR', message: 'The authorizer could not verify the token; check its key configuration.', invalidToken: false };
}
