// The features' last line of defence: an editor request about a half-typed file must answer "nothing here",
// never throw into the server. The error still reaches the caller's `onError` (the server logs it; tests fail on it).
export function safely<T>(fallback: T, run: () => T, onError?: (error: unknown) => void): T {
  try {
    return run();
  } catch (error) {
    onError?.(error);
    return fallback;
  }
}
