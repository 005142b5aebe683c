// The authorizer fields each auth0_* integration needs, read and checked in one place.
import { parseAuth0Domain, type Auth0Tenant } from './auth0-domain';
import { optionalString } from './config-fields';

export type Auth0IntegrationType = 'auth0_callback' | 'auth0_userinfo' | 'auth0_callback_redirect' | 'auth0_refresh';

export interface Auth0Settings {
  tenant: Auth0Tenant;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scope: string;
  /** Optional API audience (bundled runtime only): checked on access tokens, requested on /authorize. */
  audience: string;
}

const NEEDED_FIELDS: Record<Auth0IntegrationType, readonly (keyof typeof FIELD_NAMES)[]> = {
  auth0_callback: ['clientId', 'clientSecret', 'redirectUri'],
  auth0_userinfo: [],
  auth0_callback_redirect: ['clientId', 'redirectUri', 'scope'],
  auth0_refresh: ['clientId', 'clientSecret'],
};

const FIELD_NAMES = {
  clientId: 'client_id',
  clientSecret: 'client_secret',
  redirectUri: 'redirect_uri',
  scope: 'scope',
} as const;

/**
 * Reads the auth0 authorizer for `type`, or says which field is missing. The core may call this at
 * compile time to refuse the config early; the integration calls it again per request (cheap) and
 * answers 500 AUTH_CONFIG_ERROR if it is still broken.
 */
export function readAuth0Settings(type: Auth0IntegrationType, authorizer: unknown): Auth0Settings | { error: string } {
  if (!Object.prototype.hasOwnProperty.call(NEEDED_FIELDS, type)) {
    return { error: `"${String(type).slice(0, 40)}" is not an auth0 integration (supported: ${Object.keys(NEEDED_FIELDS).join(', ')}).` };
  }
  if (typeof authorizer !== 'object' || authorizer === null || (authorizer as Record<string, unknown>).type !== 'auth0') {
    return { error: `integration "${type}" needs an authorizer of type "auth0" (with domain, client_id, client_secret, redirect_uri, scope).` };
  }
  const config = authorizer as Record<string, unknown>;
  const domain = optionalString(config, 'domain', 'auth0');
  if (!domain.ok) return { error: domain.error };
  if (domain.value === '') return { error: `integration "${type}" needs authorizer.domain (the tenant host, e.g. "my-tenant.eu.auth0.com").` };
  const tenant = parseAuth0Domain(domain.value);
  if ('error' in tenant) return tenant;
  const values: Record<string, string> = {};
  for (const key of ['clientId', 'clientSecret', 'redirectUri', 'scope', 'audience'] as const) {
    const field = key === 'audience' ? 'audience' : FIELD_NAMES[key];
    const read = optionalString(config, field, 'auth0');
    if (!read.ok) return { error: read.error };
    values[key] = read.value;
  }
  const missing = NEEDED_FIELDS[type].filter((key) => values[key] === '').map((key) => FIELD_NAMES[key]);
  if (missing.length > 0) {
    return { error: `integration "${type}" needs authorizer.${missing.join(', authorizer.')}; add ${missing.length > 1 ? 'them' : 'it'} to the auth0 authorizer (secrets as "$secret.NAME").` };
  }
  return {
    tenant,
    clientId: values.clientId!,
    clientSecret: values.clientSecret!,
    redirectUri: values.redirectUri!,
    scope: values.scope!,
    audience: values.audience!,
  };
}

/** For the core's compile step: the reason an auth0_* route cannot work with this authorizer, or null. */
export function auth0IntegrationConfigError(type: Auth0IntegrationType, authorizer: unknown): string | null {
  const settings = readAuth0Settings(type, authorizer);
  return 'error' in settings ? settings.error : null;
}
