// Reads a small JSON request body with a byte cap; bad input becomes a value, never a throw.

/** Auth and OTP bodies are a few fields; anything larger is refused before parsing. */
export const MAX_AUTH_BODY_BYTES = 64 * 1024;

export type JsonBodyRead =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413; code: 'INVALID_JSON' | 'EMPTY_BODY' | 'BODY_TOO_LARGE'; message: string };

export async function readJsonObjectBody(request: Request, maxBytes = MAX_AUTH_BODY_BYTES): Promise<JsonBodyRead> {
  const tooLarge = { ok: false, status: 413, code: 'BODY_TOO_LARGE', message: `Request body is larger than ${maxBytes} bytes.` } as const;
  const declared = Number(request.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  const text = await readCapped(request, maxBytes);
  if (text === null) return tooLarge;
  if (text.trim() === '') return { ok: false, status: 400, code: 'EMPTY_BODY', message: 'Request body is empty; send a JSON object.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, status: 400, code: 'INVALID_JSON', message: 'Request body must be a JSON object (Content-Type: application/json).' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, code: 'INVALID_JSON', message: 'Request body must be a JSON object, not an array or a scalar.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

// Streams the body so a lying or missing Content-Length cannot make us buffer an unbounded body.
async function readCapped(request: Request, maxBytes: number): Promise<string | null> {
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** A trimmed non-empty string field of at most `maxLength` characters, or undefined. */
export function stringField(body: Record<string, unknown>, field: string, maxLength: number): string | undefined {
  const value = body[field];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > maxLength ? undefined : trimmed;
}
