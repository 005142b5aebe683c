// Which routes changed since a consumer last looked at this config tree: route views are the same objects
// while a route is untouched (config-view.ts), so comparing the two arrays by identity finds the few routes an
// edit replaced. Aggregates over all routes (alias use counts, binding uses) patch those instead of re-reading
// 10,000 routes per keystroke.
import type { JsonNode } from '../parse/config-document';
import type { RouteView } from '../rules/schema/config-view';

export type RouteChanges =
  /** First look, another tree, a different route count or many changes: rebuild from `routes`. */
  | { kind: 'all' }
  /** `indexes`: positions whose view differs from `previous` (same length). */
  | { kind: 'some'; indexes: number[]; previous: readonly RouteView[] };

/** Above this many changed routes a rebuild is as cheap as patching. */
const MAX_PATCHED = 256;

const lastSeen = new WeakMap<object, { root: JsonNode; routes: readonly RouteView[] }>();

/** The changes since `consumer`'s last call (each consumer keeps its own memory); records `routes` as seen. */
export function routeChanges(consumer: object, root: JsonNode | undefined, routes: readonly RouteView[]): RouteChanges {
  const last = lastSeen.get(consumer);
  if (root) lastSeen.set(consumer, { root, routes });
  else lastSeen.delete(consumer);
  if (!root || !last || last.root !== root || last.routes.length !== routes.length) return { kind: 'all' };
  if (last.routes === routes) return { kind: 'some', indexes: [], previous: routes };
  const indexes: number[] = [];
  const previous = last.routes;
  for (let i = 0; i < routes.length; i++) {
    if (previous[i] !== routes[i]) {
      indexes.push(i);
      if (indexes.length > MAX_PATCHED) return { kind: 'all' };
    }
  }
  return { kind: 'some', indexes, previous };
}
