// Versions a scaffolded project pins, and the comparison behind "the vendored runtime is older than this sag".
export { SAG_VERSION } from '../version';

/** wrangler on Node 20 (../shared/ENVIRONMENT.md): newer releases need Node 22. */
export const WRANGLER_VERSION = '4.86.0';
/** Pinned in every template's wrangler config; supported by the workerd that wrangler 4.86.0 ships. */
export const COMPATIBILITY_DATE = '2025-07-04';

/** Compares dotted numeric versions (`0.1.10` > `0.1.9`); a pre-release suffix is ignored. Negative = a < b. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.trim().replace(/^v/, '').split(/[-+]/)[0]!.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
