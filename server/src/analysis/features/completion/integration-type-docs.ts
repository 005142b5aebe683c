// One line and a paragraph per integration type (SPEC A.7, C.8, E.3), for completion and hover. The config
// model documents the `type` field as a whole; these say what each value does and what it needs.
import type { IntegrationType } from 'serverless-api-gateway-runtime/config';

export interface IntegrationTypeDoc {
  summary: string;
  details: string;
}

export const INTEGRATION_TYPE_DOCS: Record<IntegrationType, IntegrationTypeDoc> = {
  http: { summary: 'proxy to a `servers` origin (alias of http_proxy)', details: 'Same as `http_proxy` (normalised to it). Needs `server`: a `servers` alias.' },
  http_proxy: { summary: 'proxy to a `servers` origin', details: 'Forwards the request to the `servers` entry named by `server`; `mapping` applies. A final `{.+}` in the path is the forwarded rest.' },
  service: { summary: 'call a local module (`services`)', details: 'Loads the `services` entry named by `binding` and calls its default export\'s `fetch`.' },
  service_binding: { summary: 'call a bound Worker (`serviceBindings`)', details: 'Calls `env[binding][function](...)` on the Worker bound under the `serviceBindings` entry named by `binding`. Bundled: without `function`, its `fetch` is called.' },
  auth0_callback: { summary: 'Auth0 login callback (code exchange)', details: 'Exchanges the authorization code for tokens. Needs an `authorizer` of type `auth0`. Upstream runs `integration.post_process` only here.' },
  auth0_userinfo: { summary: 'Auth0 user info', details: 'Returns the Auth0 user profile for the bearer token. Needs an `auth0` authorizer.' },
  auth0_callback_redirect: { summary: 'redirect to the Auth0 login page', details: 'Redirects the browser to the Auth0 authorize URL. Needs an `auth0` authorizer.' },
  auth0_refresh: { summary: 'Auth0 token refresh', details: 'Exchanges a refresh token for new tokens. Needs an `auth0` authorizer.' },
  supabase_passwordless_auth: { summary: 'Supabase passwordless sign-in (send code)', details: 'Starts a Supabase OTP sign-in. Needs `SUPABASE_URL` and `SUPABASE_SERVICE_ROLE_KEY` in `env`.' },
  supabase_passwordless_verify: { summary: 'Supabase passwordless verify (check code)', details: 'Verifies a Supabase OTP. Needs `SUPABASE_URL` and `SUPABASE_SERVICE_ROLE_KEY` in `env`.' },
  supabase_passwordless_auth_alt: { summary: 'Supabase passwordless sign-in (alternative flow)', details: 'Alternative Supabase OTP sign-in. Needs `SUPABASE_URL` and `SUPABASE_SERVICE_ROLE_KEY` in `env`.' },
};
