// The Miniflare settings `sag dev` runs workerd with, besides the Workers themselves; `npm run bench:dev -- --control`
// serves its one-file control Worker with the same ones, so the two memory curves are comparable.
import type { SharedOptions } from 'miniflare';

export function devRuntimeOptions(host: string, port: number): Pick<SharedOptions, 'host' | 'port' | 'cf'> {
  // Deliberately no inspectorPort and no verbose: memory and load figures then describe the Workers, not a debugger.
  return { host, port, cf: false };
}
