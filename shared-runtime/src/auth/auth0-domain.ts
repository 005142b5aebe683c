// Turns authorizer.domain into the tenant origin and the issuer every Auth0 token must carry.
import { isLoopbackHost, parseSecureUrl } from './config-fields';

export interface Auth0Tenant {
  /** `https://tenant.eu.auth0.com` (no trailing slash); endpoints are built on it. */
  origin: string;
  /** `https://tenant.eu.auth0.com/`, the `iss` of every token the tenant issues. */
  issuer: string;
}

/**
 * Accepts a bare host (`tenant.eu.auth0.com`, what the Auth0 dashboard shows) or an origin URL
 * (`https://tenant.eu.auth0.com/`). Plain http is used only for loopback hosts (`127.0.0.1:PORT`,
 * `localhost:PORT`), which lets tests and local fakes stand in for the tenant; a real tenant is never loopback.
 * Anything with a path, query, credentials or spaces is refused, so the value cannot smuggle another host in.
 */
export function parseAuth0Domain(domain: string): Auth0Tenant | { error: string } {
  const trimmed = domain.trim();
  const refuse = (reason: string) => ({
    error: `authorizer.domain "${truncate(trimmed)}" ${reason}; use the tenant host, e.g. "my-tenant.eu.auth0.com".`,
  });
  let url: URL;
  if (trimmed.includes('://')) {
    const parsed = parseSecureUrl(trimmed);
    if (!parsed.ok) return refuse(parsed.reason);
    url = parsed.url;
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return refuse('must not contain a path, query or fragment');
  } else {
    if (/[\s/\\?#@]/.test(trimmed)) return refuse('must be a bare host name (no path, query, "@" or spaces)');
    try {
      url = new URL(`https://${trimmed}/`);
    } catch {
      return refuse('is not a valid host name');
    }
    if (isLoopbackHost(url.hostname)) url = new URL(`http://${url.host}/`);
  }
  return { origin: url.origin, issuer: `${url.origin}/` };
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
