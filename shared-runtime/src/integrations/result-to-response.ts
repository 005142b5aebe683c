// Turns a service or service_binding result into a Response (SPEC C.8 item 9, kept for compatibility) with the E.3
// change: `undefined` gives 204 instead of 400.

import { jsonResponse, JSON_CONTENT_TYPE } from '../http/json-response';

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function resultToResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  if (result === null) return new Response(null, { status: 200 });
  if (typeof result === 'string') return new Response(result, { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE } });
  if (typeof result === 'object') {
    if (Array.isArray(result)) return jsonResponse(200, { status: 'success', data: result });
    const { statusCode, error, message, ...data } = result as Record<string, unknown>;
    const failed = error !== undefined && error !== null && error !== false;
    const status = validStatus(statusCode) ?? (failed ? 500 : 200);
    // These statuses have no body (a Response with one throws): the status is the answer.
    if (NULL_BODY_STATUSES.has(status)) return new Response(null, { status });
    return jsonResponse(status, failed ? { status: 'error', message, error } : { status: 'success', message, data });
  }
  return new Response(null, { status: 400 });
}

function validStatus(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599 ? value : null;
}
