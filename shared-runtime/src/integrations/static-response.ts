// A route without integration (SPEC C.8 item 8): 200 with the JSON-encoded `response`, or an empty body when absent.

import { JSON_CONTENT_TYPE } from '../http/json-response';

export function staticResponse(bodyText: string | null): Response {
  return new Response(bodyText, { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE } });
}

/** Encoded once per compile, not per request. */
export function staticBodyText(body: unknown): string | null {
  return body === undefined ? null : JSON.stringify(body);
}
