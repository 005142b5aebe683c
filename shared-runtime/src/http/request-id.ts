// The request id every response carries (E.7): the caller's X-Request-Id or cf-ray when it is safe to echo, else a new one.

// Echoed ids land in logs and headers, so only short, plain tokens are accepted from the client.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: Request): string {
  const incoming = request.headers.get('x-request-id');
  if (incoming && SAFE_ID.test(incoming)) return incoming;
  const ray = request.headers.get('cf-ray');
  if (ray && SAFE_ID.test(ray)) return ray;
  return nextId();
}

// A random per-isolate prefix plus a counter: unique enough to correlate logs, and far cheaper than a UUID per request.
let prefix: string | null = null;
let counter = 0;
function nextId(): string {
  prefix ??= crypto.randomUUID().replace(/-/g, '').slice(0, 16);
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${counter.toString(36)}`;
}
