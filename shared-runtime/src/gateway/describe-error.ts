// How a thrown value reads in the gateway's log lines (the request log and the hook that threw): never sent to a
// client, which sees only a request id.

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'non-Error thrown';
}
