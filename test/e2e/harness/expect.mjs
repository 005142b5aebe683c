// Waiting for a condition the UI or the disk will reach: polls `check` until it returns a truthy value, then returns
// that value; on timeout throws with `what`, the last value and `detail()` (what the UI showed instead). The only way e2e steps wait.
export async function expect(check, what, { timeout = 20_000, interval = 100, detail } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = detail ? `; ${await Promise.resolve(detail()).catch((e) => `detail failed: ${e.message}`)}` : '';
      const why = lastError ? ` (last error: ${lastError.message})` : ` (last value: ${JSON.stringify(last)})`;
      throw new Error(`timed out after ${timeout} ms waiting until ${what}${why}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
