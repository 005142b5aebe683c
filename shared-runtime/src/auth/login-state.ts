// The OAuth `state` of the Auth0 login: a random value in the authorize URL and in an HttpOnly cookie, compared on callback.
import { randomUrlSafeString } from './random';

export const STATE_COOKIE = 'sag_auth_state';
/** Ten minutes: long enough for a login form, short enough to limit replay. */
export const STATE_COOKIE_MAX_AGE = 600;

/** 32 random bytes, base64url (43 characters). */
export function newLoginState(): string {
  return randomUrlSafeString(32);
}

/** Path=/ because the callback route usually differs from the redirect route. */
export function stateCookie(state: string): string {
  return `${STATE_COOKIE}=${state}; Path=/; Max-Age=${STATE_COOKIE_MAX_AGE}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedStateCookie(): string {
  return `${STATE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}

/** The state cookie value if present and well-formed; a malformed one counts as present-but-unmatchable. */
export function readStateCookie(request: Request): string | undefined {
  const header = request.headers.get('Cookie');
  if (header === null || header.length > 16 * 1024) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === STATE_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type StateCheck = { ok: true; hadCookie: boolean } | { ok: false };

/**
 * Our rule (upstream never checks state, SAG612): when the browser holds the state cookie that
 * auth0_callback_redirect set, the callback's `state` must equal it (a missing `state` is a mismatch).
 * Without the cookie (a login started elsewhere, or a cross-site fetch that does not send Lax cookies)
 * nothing can be compared and the callback proceeds as upstream does.
 */
export function checkLoginState(request: Request, queryState: string | null): StateCheck {
  const cookie = readStateCookie(request);
  if (cookie === undefined) return { ok: true, hadCookie: false };
  if (queryState === null || cookie === '' || !constantTimeEqual(cookie, queryState)) return { ok: false };
  return { ok: true, hadCookie: true };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
