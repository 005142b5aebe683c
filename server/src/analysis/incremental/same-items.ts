// Cache keys kept between analyses, compared with what is there now: lists (a fingerprint, a report's places and
// dependencies, the nodes a result was found under, a file's encoded diagnostics) are equal when they hold the same
// items, compared with ===, in the same order.

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
