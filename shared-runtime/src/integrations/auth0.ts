// The auth0_* integrations (C.8 items 4-7 with the E.6 fixes): code exchange, userinfo, login redirect, refresh.
import { createAuthorizer } from '../auth/index';
import { readBearerToken, readPlainToken, MAX_TOKEN_LENGTH } from '../auth/bearer';
import { errorResponse, failureResponse, jsonResponse } from '../auth/errors';
import { readAuth0Settings, type Auth0IntegrationType, type Auth0Settings } from '../auth/auth0-settings';
import { readJsonObjectBody, stringField } from '../auth/json-body';
import { checkLoginState, clearedStateCookie, newLoginState, stateCookie } from '../auth/login-state';
import { isTokenAuthorizer, type Authorizer, type TokenAuthorizer } from '../auth/token-verifier';
import { callUpstream, type UpstreamResult } from '../auth/upstream-call';

export interface Auth0Context {
  /** The `authorizer` object of the config, after $env/$secret substitution. */
  authorizer: Record<string, unknown>;
  /** The verifier the core built with createAuthorizer for that authorizer. */
  verifier: Authorizer;
  /** Runs `integration.post_process`; the Response it returns replaces ours (E.3). */
  runPostProcess?: (response: Response) => Promise<Response>;
}

type Flow = (request: Request, settings: Auth0Settings, verifier: TokenAuthorizer) => Promise<Response>;

const FLOWS: Record<Auth0IntegrationType, Flow> = {
  auth0_callback: callback,
  auth0_userinfo: userinfo,
  auth0_callback_redirect: callbackRedirect,
  auth0_refresh: refresh,
};

export async function handleAuth0(type: Auth0IntegrationType, request: Request, ctx: Auth0Context): Promise<Response> {
  if (!Object.prototype.hasOwnProperty.call(FLOWS, type)) {
    return errorResponse(500, 'AUTH_CONFIG_ERROR', 'Unknown auth0 integration type.');
  }
  const settings = readAuth0Settings(type, ctx.authorizer);
  if ('error' in settings) {
    console.warn(`[sag] ${type}: ${settings.error}`);
    return errorResponse(500, 'AUTH_CONFIG_ERROR', 'The auth0 authorizer is not configured for this route.');
  }
  const verifier = auth0Verifier(ctx);
  if ('error' in verifier) {
    console.warn(`[sag] ${type}: ${verifier.error}`);
    return errorResponse(500, 'AUTH_CONFIG_ERROR', 'The auth0 authorizer is not configured for this route.');
  }
  let response: Response;
  try {
    response = await FLOWS[type](request, settings, verifier);
  } catch (error) {
    console.error(`[sag] ${type} failed: ${error instanceof Error ? error.name : typeof error}`);
    return errorResponse(500, 'AUTH0_ERROR', 'The Auth0 request could not be completed.');
  }
  // Outside the try: a failing hook is the core's to report (E.3 names the hook), not an Auth0 error.
  if (type === 'auth0_callback' && response.ok && ctx.runPostProcess) response = await ctx.runPostProcess(response);
  return response;
}

// The core hands us its verifier; a foreign one (or none) is replaced by ours, whose key sets are cached per isolate.
function auth0Verifier(ctx: Auth0Context): TokenAuthorizer | { error: string } {
  if (isTokenAuthorizer(ctx.verifier) && ctx.verifier.type === 'auth0') return ctx.verifier;
  const built = createAuthorizer(ctx.authorizer);
  if ('error' in built) return built;
  return isTokenAuthorizer(built) ? built : { error: 'the authorizer is not of type "auth0".' };
}

function upstreamFailure(result: Exclude<UpstreamResult, { kind: 'ok' }>, what: string): Response {
  if (result.kind === 'network-error') return errorResponse(502, 'AUTH0_NETWORK_ERROR', `Auth0 ${what} could not be reached.`);
  const detail = result.detail ? `: ${result.detail}` : '';
  return errorResponse(result.status, 'AUTH0_UPSTREAM_ERROR', `Auth0 ${what} answered ${result.status}${detail}`);
}

function tokenEndpointCall(settings: Auth0Settings, form: Record<string, string>): Promise<UpstreamResult> {
  return callUpstream(`${settings.tenant.origin}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
}

/** auth0_callback: state check, code exchange, id_token verification, then the token JSON. */
async function callback(request: Request, settings: Auth0Settings, verifier: TokenAuthorizer): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const state = checkLoginState(request, query.get('state'));
  // The state cookie is single-use: every callback answer clears it when it was sent.
  const cookieHeaders = state.ok && !state.hadCookie ? undefined : { 'Set-Cookie': clearedStateCookie() };
  if (!state.ok) {
    return errorResponse(400, 'INVALID_STATE', 'The `state` query parameter does not match the login that this browser started; start the login again.', cookieHeaders);
  }
  const code = query.get('code');
  if (code === null || code === '' || code.length > MAX_TOKEN_LENGTH) {
    return errorResponse(400, 'missing_code', 'The `code` query parameter is missing; this route must be the redirect_uri Auth0 returns to.', cookieHeaders);
  }
  const exchange = await tokenEndpointCall(settings, {
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    code,
    redirect_uri: settings.redirectUri,
  });
  if (exchange.kind !== 'ok') return withHeaders(upstreamFailure(exchange, 'token endpoint'), cookieHeaders);
  const idToken = exchange.json.id_token;
  if (typeof idToken !== 'string' || idToken === '') {
    return errorResponse(502, 'AUTH0_UPSTREAM_ERROR', 'Auth0 answered without an id_token; include "openid" in authorizer.scope.', cookieHeaders);
  }
  // OIDC: an id_token's audience is the client, whatever API audience access tokens carry.
  const verified = await verifier.verifyToken(idToken, { audience: settings.clientId });
  if (!verified.ok) return withHeaders(failureResponse(verified.failure), cookieHeaders);
  return jsonResponse(200, exchange.json, cookieHeaders);
}

/** auth0_userinfo: the profile for the access token in X-Access-Token or the Bearer header. */
async function userinfo(request: Request, settings: Auth0Settings): Promise<Response> {
  const bearer = readBearerToken(request);
  const token = readPlainToken(request.headers.get('X-Access-Token')) ?? (bearer.ok ? bearer.token : undefined);
  if (token === undefined) {
    return errorResponse(401, 'missing_access_token', 'No access token: send it in X-Access-Token or as Authorization: Bearer <token>.', {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const result = await callUpstream(`${settings.tenant.origin}/userinfo`, {
    method: 'GET',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (result.kind !== 'ok') return upstreamFailure(result, 'userinfo endpoint');
  return jsonResponse(200, result.json);
}

/** auth0_callback_redirect: 302 to /authorize, every parameter URL-encoded, with a fresh state (E.6). */
async function callbackRedirect(_request: Request, settings: Auth0Settings): Promise<Response> {
  const state = newLoginState();
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state,
  });
  if (settings.audience !== '') params.set('audience', settings.audience);
  return new Response(null, {
    status: 302,
    headers: {
      Location: `${settings.tenant.origin}/authorize?${params.toString()}`,
      'Set-Cookie': stateCookie(state),
      'Cache-Control': 'no-store',
    },
  });
}

/** auth0_refresh: "still valid" while the bearer verifies; a refresh_token grant once it has expired. */
async function refresh(request: Request, settings: Auth0Settings, verifier: TokenAuthorizer): Promise<Response> {
  let refreshToken = readPlainToken(request.headers.get('X-Refresh-Token'));
  if (refreshToken === undefined && request.method === 'POST') {
    const body = await readJsonObjectBody(request);
    if (!body.ok && body.code !== 'EMPTY_BODY') return errorResponse(body.status, body.code, body.message);
    if (body.ok) refreshToken = stringField(body.value, 'refresh_token', MAX_TOKEN_LENGTH);
  }
  if (refreshToken === undefined) {
    return errorResponse(400, 'missing_refresh_token', 'No refresh token: send it in X-Refresh-Token or as {"refresh_token": "..."} in a POST JSON body.');
  }
  const bearer = readBearerToken(request);
  if (!bearer.ok) return failureResponse(bearer.failure);
  const current = await verifier.verifyToken(bearer.token);
  if (current.ok) return jsonResponse(200, { message: 'Token is still valid', code: 'token_still_valid' });
  if (current.failure.code !== 'ERR_JWT_EXPIRED') return failureResponse(current.failure);
  const grant = await tokenEndpointCall(settings, {
    grant_type: 'refresh_token',
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    refresh_token: refreshToken,
  });
  if (grant.kind !== 'ok') return upstreamFailure(grant, 'token endpoint');
  return jsonResponse(200, grant.json);
}

function withHeaders(response: Response, headers: Record<string, string> | undefined): Response {
  if (headers === undefined) return response;
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
