// Request size limits (E.7): total header bytes (431) and buffered bodies for hook and service calls (413).

export const MAX_HEADER_BYTES = 32 * 1024;
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Header bytes as they travel on the wire: `name: value\r\n` per header. */
export function headerBytes(headers: Headers): number {
  let total = 0;
  headers.forEach((value, name) => {
    total += name.length + value.length + 4;
  });
  return total;
}

export type BufferedBody = { ok: true; body: ArrayBuffer | null } | { ok: false };

/**
 * Reads the whole body, refusing as soon as it passes `limit` bytes (a lying or missing Content-Length is not trusted).
 * GET/HEAD and bodiless requests give `body: null`.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<BufferedBody> {
  if (request.body === null) return { ok: true, body: null };
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body.cancel().catch(() => undefined);
    return { ok: false };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body: body.buffer };
}

/** A fresh Request over a buffered body, so the hook, the integration and post_process each get their own copy. */
export function withBody(request: Request, body: ArrayBuffer | null, url?: string): Request {
  const init: RequestInit = { method: request.method, headers: request.headers, redirect: request.redirect };
  if (body !== null && request.method !== 'GET' && request.method !== 'HEAD') init.body = body.slice(0);
  return new Request(url ?? request.url, init);
}
