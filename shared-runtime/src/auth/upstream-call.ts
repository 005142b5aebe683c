// One HTTP call to an identity provider (Auth0, Supabase GoTrue): timeout, no redirects, capped JSON answer.

export const UPSTREAM_TIMEOUT_MS = 10_000;
const MAX_UPSTREAM_BODY_CHARS = 1024 * 1024;

export type UpstreamResult =
  | { kind: 'ok'; status: number; json: Record<string, unknown> }
  /** The provider answered with an error status (or 2xx with a body that is not a JSON object). */
  | { kind: 'upstream-error'; status: number; detail: string }
  /** Nothing usable came back: DNS, connection, TLS, timeout. */
  | { kind: 'network-error' };

export async function callUpstream(url: string, init: RequestInit): Promise<UpstreamResult> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  } catch {
    return { kind: 'network-error' };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    return { kind: 'network-error' };
  }
  const json = text.length <= MAX_UPSTREAM_BODY_CHARS ? parseObject(text) : undefined;
  if (response.status < 200 || response.status > 299) {
    return { kind: 'upstream-error', status: clientVisibleStatus(response.status), detail: errorDetail(json) };
  }
  if (json === undefined) return { kind: 'upstream-error', status: 502, detail: 'the answer was not a JSON object' };
  return { kind: 'ok', status: response.status, json };
}

// A 3xx or 1xx from a token endpoint is a provider problem; we report it as a bad gateway.
function clientVisibleStatus(status: number): number {
  return status >= 400 && status <= 599 ? status : 502;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The provider's OAuth-style error name and description (`invalid_grant: Invalid authorization code`),
 * limited to short printable text: they help the caller and carry no secret of ours.
 */
function errorDetail(json: Record<string, unknown> | undefined): string {
  if (json === undefined) return '';
  const parts: string[] = [];
  for (const key of ['error', 'error_code', 'error_description', 'msg', 'message']) {
    const value = json[key];
    if (typeof value === 'string' && value !== '' && !parts.includes(value)) parts.push(value);
  }
  return parts.join(': ').replace(/[^\x20-\x7E]/g, '').slice(0, 200);
}
