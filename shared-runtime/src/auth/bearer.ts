// Reads the token from `Authorization: Bearer <token>` without ever throwing on hostile headers.
import { missingTokenFailure, type AuthFailure } from './errors';

/** Longer tokens are refused before any parsing (real JWTs are a few KiB at most). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

// RFC 6750 b64token; a JWS compact token (three base64url parts) is a subset of it.
const BEARER_PATTERN = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export type BearerResult = { ok: true; token: string } | { ok: false; failure: AuthFailure };

export function readBearerToken(request: Request): BearerResult {
  return parseBearerHeader(request.headers.get('Authorization'));
}

export function parseBearerHeader(header: string | null): BearerResult {
  if (header === null || header.trim() === '') return { ok: false, failure: missingTokenFailure() };
  // Bound the work before the regex and the JWT parser see the value.
  if (header.length > MAX_TOKEN_LENGTH + 64) {
    return { ok: false, failure: missingTokenFailure(`Token is too large (limit ${MAX_TOKEN_LENGTH} characters).`, true) };
  }
  const match = BEARER_PATTERN.exec(header);
  if (match === null) return { ok: false, failure: missingTokenFailure() };
  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, failure: missingTokenFailure(`Token is too large (limit ${MAX_TOKEN_LENGTH} characters).`, true) };
  }
  return { ok: true, token };
}

/** A raw token from a header such as `X-Access-Token`, with the same size bound; a `Bearer ` prefix is tolerated. */
export function readPlainToken(value: string | null): string | undefined {
  if (value === null) return undefined;
  let token = value.trim();
  if (/^bearer +/i.test(token)) token = token.replace(/^bearer +/i, '');
  if (token === '' || token.length > MAX_TOKEN_LENGTH || /[\s,;"]/.test(token)) return undefined;
  return token;
}
