// Targets and origins outside api-config.json: each wrangler environment's service binding declarations and
// `[vars]` (cached per parsed wrangler config), `.dev.vars*` keys (cached per parsed file), and the
// declarations' `service` / `entrypoint`, which point at another Worker of the workspace.
import type { Range } from '../../findings';
import type { DevVarsFile, Located, WranglerConfig } from '../../model';
import { fixedSite, TextSite, type DevVarTarget, type Occurrence, type Site, type WorkerEntrypointOrigin, type WorkerServiceOrigin, type WranglerBindingTarget, type WranglerVarTarget } from './model';

export interface WranglerPart {
  wrangler: WranglerConfig;
  /** Service binding declarations by `binding`, top level first, then each env in file order. */
  bindings: Map<string, WranglerBindingTarget[]>;
  vars: Map<string, WranglerVarTarget[]>;
  serviceOrigins: WorkerServiceOrigin[];
  entrypointOrigins: WorkerEntrypointOrigin[];
  /** Everything above, for cursor lookups (a wrangler config holds a few dozen of them). */
  occurrences: Occurrence[];
}

const wranglerCache = new WeakMap<WranglerConfig, WranglerPart>();
const devVarsCache = new WeakMap<DevVarsFile, DevVarTarget[]>();

/** A located value or key of a wrangler file: the literal as written and the name inside its quotes. */
export function wranglerSite(wrangler: WranglerConfig, range: Range): Site {
  const start = wrangler.lines.offsetAt(range.start);
  const end = Math.max(start, wrangler.lines.offsetAt(range.end));
  const text = wrangler.text.slice(start, end);
  const quote = text.startsWith('"""') || text.startsWith("'''") ? 3 : text.startsWith('"') || text.startsWith("'") ? 1 : 0;
  const closed = quote > 0 && text.length >= 2 * quote && text.endsWith(text.slice(0, quote));
  return new TextSite(wrangler.file, wrangler.lines, start, end - start, start + quote, Math.max(0, end - start - quote - (closed ? quote : 0)));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function wranglerPart(wrangler: WranglerConfig): WranglerPart {
  let part = wranglerCache.get(wrangler);
  if (part) return part;
  part = { wrangler, bindings: new Map(), vars: new Map(), serviceOrigins: [], entrypointOrigins: [], occurrences: [] };
  for (const env of wrangler.environments) {
    for (const decl of env.services) {
      const target: WranglerBindingTarget = { role: 'target', kind: 'wranglerBinding', name: decl.binding.value, env: env.name, decl, wrangler, site: wranglerSite(wrangler, decl.binding.range) };
      push(part.bindings, target.name, target);
      part.occurrences.push(target);
      if (decl.service) {
        const origin: WorkerServiceOrigin = { role: 'origin', kind: 'workerService', name: decl.service.value, env: env.name, decl, site: wranglerSite(wrangler, decl.service.range) };
        part.serviceOrigins.push(origin);
        part.occurrences.push(origin);
      }
      if (decl.entrypoint) {
        const origin: WorkerEntrypointOrigin = { role: 'origin', kind: 'workerEntrypoint', name: decl.entrypoint.value, env: env.name, decl, site: wranglerSite(wrangler, decl.entrypoint.range) };
        part.entrypointOrigins.push(origin);
        part.occurrences.push(origin);
      }
    }
    for (const [name, value] of env.vars) {
      const target: WranglerVarTarget = { role: 'target', kind: 'wranglerVar', name, env: env.name, value: value.value, site: wranglerSite(wrangler, value.keyRange ?? value.range) };
      push(part.vars, name, target);
      part.occurrences.push(target);
    }
  }
  wranglerCache.set(wrangler, part);
  return part;
}

export function devVarTargets(file: DevVarsFile): DevVarTarget[] {
  let targets = devVarsCache.get(file);
  if (targets) return targets;
  targets = [...file.vars].map(([name, value]: [string, Located<string>]) => ({
    role: 'target' as const,
    kind: 'devVar' as const,
    name,
    ...(file.env !== undefined ? { env: file.env } : {}),
    site: fixedSite(file.file, value.keyRange ?? value.range),
  }));
  devVarsCache.set(file, targets);
  return targets;
}
