// Releases what a bound Worker returned over RPC once the gateway has taken what it needs (Workers RPC lifecycle).

// Every object an RPC call returns carries a disposer that releases the stubs inside it; left alone they live until
// the request's execution context ends, and keep the callee's context open as long. Symbol.dispose is absent on
// older runtimes (and in the ES2023 lib types), hence the lookup.
const DISPOSE = (Symbol as unknown as { dispose?: symbol }).dispose;

/** Calls the value's disposer if it has one; never throws (a value disposed twice, or a foreign disposer, is not the request's problem). */
export function disposeRpcResult(value: unknown): void {
  if (DISPOSE === undefined || value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  try {
    const dispose = (value as Record<symbol, unknown>)[DISPOSE];
    if (typeof dispose === 'function') dispose.call(value);
  } catch {
    // Disposal only releases resources early; the end of the request releases them anyway.
  }
}
