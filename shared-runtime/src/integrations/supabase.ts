// The supabase_passwordless_* integrations (C.8 item 10) over Supabase Auth's HTTP API with fetch.
import { parseSecureUrl } from '../auth/config-fields';
import { errorResponse, jsonResponse } from '../auth/errors';
import { readJsonObjectBody, stringField } from '../auth/json-body';
import { randomUrlSafeString } from '../auth/random';
import { callUpstream, type UpstreamResult } from '../auth/upstream-call';

export type SupabaseIntegrationType = 'supabase_passwordless_auth' | 'supabase_passwordless_verify' | 'supabase_passwordless_auth_alt';

interface SupabaseApi {
  /** `https://<ref>.supabase.co` (or a self-hosted base), no trailing slash. */
  base: string;
  serviceRoleKey: string;
}

interface Contact {
  email?: string;
  phone?: string;
}

type Flow = (api: SupabaseApi, body: Record<string, unknown>) => Promise<Response>;

const FLOWS: Record<SupabaseIntegrationType, Flow> = {
  supabase_passwordless_auth: sendCode,
  supabase_passwordless_verify: verifyCode,
  supabase_passwordless_auth_alt: signUp,
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,30}$/;

export async function handleSupabase(type: SupabaseIntegrationType, request: Request, env: Record<string, unknown>): Promise<Response> {
  if (!Object.prototype.hasOwnProperty.call(FLOWS, type)) return errorResponse(500, 'SUPABASE_ERROR', 'Unknown supabase integration type.');
  const api = readSupabaseEnv(env);
  if ('response' in api) return api.response;
  const body = await readJsonObjectBody(request);
  if (!body.ok) return errorResponse(body.status, body.code, body.message);
  try {
    return await FLOWS[type](api, body.value);
  } catch (error) {
    console.error(`[sag] ${type} failed: ${error instanceof Error ? error.name : typeof error}`);
    return errorResponse(500, 'SUPABASE_ERROR', 'The Supabase request could not be completed.');
  }
}

// Names only in answers and logs: the values are the project URL and a service-role secret.
function readSupabaseEnv(env: Record<string, unknown>): SupabaseApi | { response: Response } {
  const missing = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'].filter((name) => typeof env[name] !== 'string' || (env[name] as string).trim() === '');
  if (missing.length > 0) {
    console.warn(`[sag] supabase integration: ${missing.join(' and ')} not set (add to [vars] or \`wrangler secret put\`)`);
    return { response: errorResponse(500, 'SUPABASE_ENV_MISSING', `Supabase is not configured: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`) };
  }
  const parsed = parseSecureUrl((env.SUPABASE_URL as string).trim());
  if (!parsed.ok) {
    console.warn(`[sag] supabase integration: SUPABASE_URL ${parsed.reason}`);
    return { response: errorResponse(500, 'SUPABASE_ENV_INVALID', `Supabase is not configured: SUPABASE_URL ${parsed.reason}.`) };
  }
  const { url } = parsed;
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, serviceRoleKey: (env.SUPABASE_SERVICE_ROLE_KEY as string).trim() };
}

function readContact(body: Record<string, unknown>, allowPhone: boolean): Contact | { response: Response } {
  const email = stringField(body, 'email', 254);
  const phone = allowPhone ? stringField(body, 'phone', 32) : undefined;
  if (email === undefined && phone === undefined) {
    const wanted = allowPhone ? '"email" or "phone"' : '"email"';
    return { response: errorResponse(400, 'MISSING_FIELDS', `Request body needs ${wanted} (a non-empty string).`) };
  }
  if (email !== undefined) {
    if (!EMAIL_PATTERN.test(email)) return { response: errorResponse(400, 'INVALID_FIELD', '"email" is not an email address.') };
    return { email };
  }
  if (!PHONE_PATTERN.test(phone!)) return { response: errorResponse(400, 'INVALID_FIELD', '"phone" must be a phone number in international format, e.g. "+4915112345678".') };
  return { phone };
}

function authCall(api: SupabaseApi, endpoint: string, payload: Record<string, unknown>): Promise<UpstreamResult> {
  return callUpstream(`${api.base}/auth/v1/${endpoint}`, {
    method: 'POST',
    headers: {
      apikey: api.serviceRoleKey,
      Authorization: `Bearer ${api.serviceRoleKey}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify(payload),
  });
}

function upstreamFailure(result: Exclude<UpstreamResult, { kind: 'ok' }>, endpoint: string): Response {
  if (result.kind === 'network-error') return errorResponse(502, 'SUPABASE_NETWORK_ERROR', `Supabase ${endpoint} could not be reached.`);
  const detail = result.detail ? `: ${result.detail}` : '';
  return errorResponse(result.status, 'SUPABASE_UPSTREAM_ERROR', `Supabase ${endpoint} answered ${result.status}${detail}`);
}

/** supabase_passwordless_auth: an OTP by email or SMS; email falls back to an admin magic link. */
async function sendCode(api: SupabaseApi, body: Record<string, unknown>): Promise<Response> {
  const contact = readContact(body, true);
  if ('response' in contact) return contact.response;
  const channel = contact.email !== undefined ? 'email' : 'phone';
  const otp = await authCall(api, 'otp', { ...contact, create_user: true });
  if (otp.kind === 'ok') return jsonResponse(200, { message: 'Verification code sent.', channel });
  if (contact.email === undefined) return upstreamFailure(otp, 'otp');
  const link = await authCall(api, 'admin/generate_link', { type: 'magiclink', email: contact.email });
  if (link.kind !== 'ok') return upstreamFailure(link, 'admin/generate_link');
  // The generated link logs its holder in: it must never reach the (unauthenticated) caller.
  return jsonResponse(200, { message: 'Magic link generated.', channel, method: 'magiclink' });
}

/** supabase_passwordless_verify: exchanges {token, email|phone} for a session. */
async function verifyCode(api: SupabaseApi, body: Record<string, unknown>): Promise<Response> {
  const token = stringField(body, 'token', 512);
  const contact = readContact(body, true);
  if (token === undefined) return errorResponse(400, 'MISSING_FIELDS', 'Request body needs "token" (the code that was sent) and "email" or "phone".');
  if ('response' in contact) return contact.response;
  const type = contact.email !== undefined ? 'email' : 'sms';
  const result = await authCall(api, 'verify', { type, token, ...contact });
  if (result.kind !== 'ok') return upstreamFailure(result, 'verify');
  return jsonResponse(200, result.json);
}

/**
 * supabase_passwordless_auth_alt: sign-up by email. Supabase's sign-up needs a password, so a random one
 * is used that nobody learns; the user signs in by the emailed link. The answer never includes a session.
 */
async function signUp(api: SupabaseApi, body: Record<string, unknown>): Promise<Response> {
  const contact = readContact(body, false);
  if ('response' in contact) return contact.response;
  const result = await authCall(api, 'signup', { email: contact.email, password: randomUrlSafeString(48) });
  if (result.kind !== 'ok') return upstreamFailure(result, 'signup');
  return jsonResponse(200, { message: 'Sign-up email sent.', channel: 'email' });
}
