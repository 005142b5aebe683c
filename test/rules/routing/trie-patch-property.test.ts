// patchRouteTrie (an edit replaced a few routes) must leave the trie a fresh buildRouteTrie of the new table would
// make: the same nodes (no empty ones left behind), the same routes per node in declaration order, the same
// `routes` list, under both runtimes. Random tables, random replacements, several patches in a row.
// routesMatchedBy (the routes whose sample request one pattern matches, found by a walk) must agree with asking
// trieMatches of a trie holding only that pattern, route by route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { buildRouteTrie, patchRouteTrie, routesMatchedBy, sampleRequest, trieMatches, type RouteTrie, type TrieNode } from '../../../server/src/analysis/rules/routing/route-trie';
import { routeTable, type RouteEntry } from '../../../server/src/analysis/rules/routing/route-table';

const routeArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'ANY', 'OPTIONS', 'get'),
  segments: fc.array(fc.constantFrom('a', 'b', '{x}', '{y}', '{}', '{.+}', ''), { minLength: 0, maxLength: 4 }),
  wildcard: fc.boolean(),
});

type GeneratedRoute = { method: string; segments: string[]; wildcard: boolean };

/** Route entries of a config holding `routes` (entry i has index i). */
function entries(routes: GeneratedRoute[]): RouteEntry[] {
  const paths = routes.map((r) => ({ method: r.method, path: '/' + [...r.segments, ...(r.wildcard ? ['{.+}'] : [])].join('/') }));
  return routeTable(parseConfigDocument('/gw/api-config.json', JSON.stringify({ paths })));
}

/** The trie as plain data: literal children by sorted key, routes by index, each route's shape. */
function canonical(trie: RouteTrie): unknown {
  const node = (n: TrieNode): unknown => {
    for (const r of [...n.ends, ...n.tails]) assert.ok(r.sameShape === (r.wildcard ? n.tails : n.ends), 'sameShape is the node list it sits in');
    return {
      depth: n.depth,
      ends: n.ends.map((r) => [r.route.index, r.length, r.wildcard, r.hasParam]),
      tails: n.tails.map((r) => [r.route.index, r.length, r.wildcard, r.hasParam]),
      literal: n.literal ? Object.fromEntries([...n.literal.keys()].sort().map((k) => [k, node(n.literal!.get(k)!)])) : undefined,
      param: n.param ? node(n.param) : undefined,
    };
  };
  const methods = [...trie.byMethod.keys()].sort();
  return { methods: methods.map((m) => [m, node(trie.byMethod.get(m)!)]), routes: trie.routes.map((r) => r.route.index) };
}

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`${runtime}: a patched trie equals a fresh build of the new table`, () => {
    fc.assert(
      fc.property(
        fc.array(routeArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.array(fc.tuple(fc.nat(), routeArb), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        (initial, patches) => {
          let table = entries(initial);
          const trie = buildRouteTrie(table, runtime);
          const routes = [...initial];
          let keys = routes.map((r) => JSON.stringify(r));
          for (const patch of patches) {
            for (const [at, route] of patch) routes[at % routes.length] = route;
            const next = entries(routes);
            // Unchanged positions keep their entry objects, as reused route views do after an edit.
            const merged = next.map((entry, i) => (JSON.stringify(routes[i]) === keys[i] ? table[i]! : entry));
            const removed = merged.flatMap((entry, i) => (entry === table[i] ? [] : [table[i]!]));
            const added = merged.filter((entry, i) => entry !== table[i]);
            patchRouteTrie(trie, removed, added);
            table = merged;
            keys = routes.map((r) => JSON.stringify(r));
            assert.deepStrictEqual(canonical(trie), canonical(buildRouteTrie(table, runtime)));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
}

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`${runtime}: routes inserted and removed, the others moved (same entries, new index): patched = fresh build`, () => {
    fc.assert(
      fc.property(
        fc.array(routeArb, { minLength: 1, maxLength: 14 }),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.array(routeArb, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
        (initial, patches) => {
          let table = entries(initial);
          const trie = buildRouteTrie(table, runtime);
          let routes = [...initial];
          for (const { at, remove, insert } of patches) {
            const start = at % (routes.length + 1);
            const end = Math.min(routes.length, start + remove);
            const fresh = entries([...routes.slice(0, start), ...insert, ...routes.slice(end)]);
            const inserted = fresh.slice(start, start + insert.length);
            const removed = table.slice(start, end);
            // The routes behind the edit keep their entries at their new index, as routeEntryOf updates them.
            const moved = table.slice(end);
            moved.forEach((entry, i) => (entry.index = start + insert.length + i));
            table = [...table.slice(0, start), ...inserted, ...moved];
            routes = [...routes.slice(0, start), ...insert, ...routes.slice(end)];
            patchRouteTrie(trie, removed, inserted);
            assert.deepStrictEqual(canonical(trie), canonical(buildRouteTrie(table, runtime)));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
}

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`${runtime}: routesMatchedBy finds exactly the routes whose sample request the pattern matches`, () => {
    fc.assert(
      fc.property(fc.array(routeArb, { minLength: 1, maxLength: 14 }), routeArb, (routes, pattern) => {
        const table = entries([...routes.map((r) => ({ ...r, method: 'GET' })), { ...pattern, method: 'ANY' }]);
        const trie = buildRouteTrie(table, runtime);
        const pat = table[table.length - 1]!;
        const alone = buildRouteTrie([pat], runtime).byMethod.get('ANY');
        const expected = trie.routes.filter((r) => r.route.method === 'GET' && alone !== undefined && trieMatches(alone, sampleRequest(r, runtime)));
        const root = trie.byMethod.get('GET');
        const found = root ? routesMatchedBy(root, pat, runtime) : [];
        const indexes = (list: { route: RouteEntry }[]) => list.map((r) => r.route.index).sort((a, b) => a - b);
        assert.deepStrictEqual(indexes(found), indexes(expected));
      }),
      { numRuns: 1500 },
    );
  });
}
