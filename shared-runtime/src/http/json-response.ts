// JSON response builders for every answer the gateway writes itself (E.7 bodies).

export const JSON_CONTENT_TYPE = 'application/json';

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  const response = new Response(JSON.stringify(body), { status, headers: { 'Content-Type': JSON_CONTENT_TYPE } });
  if (headers) for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const notFound = (): Response => jsonResponse(404, { message: 'No match found.' });
export const configInvalid = (): Response => jsonResponse(500, { message: 'Gateway configuration is invalid.' });
export const internalError = (requestId: string): Response => jsonResponse(500, { message: 'Internal server error', requestId });
export const badGateway = (): Response => jsonResponse(502, { message: 'Bad gateway' });
export const methodNotAllowed = (allow: readonly string[]): Response =>
  jsonResponse(405, { message: 'Method not allowed.' }, { Allow: allow.join(', ') });
export const headersTooLarge = (): Response => jsonResponse(431, { message: 'Request header fields too large.' });
export const payloadTooLarge = (): Response => jsonResponse(413, { message: 'Payload too large.' });
