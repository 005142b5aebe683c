// Captures console.error/warn lines while a callback runs, so tests can assert what the gateway logged (and what it did not).
export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log };
  const sink = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  console.error = sink;
  console.warn = sink;
  console.log = sink;
  try {
    return { result: await run(), lines };
  } finally {
    Object.assign(console, original);
  }
}
