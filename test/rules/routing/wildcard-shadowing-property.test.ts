// SAG511's walk (a trie walk per wildcard, skipping parameter nodes whose routes all have their shadow already)
// must find, for every `{param}` route, the shadow its definition gives: among the literal-prefix wildcards of its
// method (or ANY) one segment shorter that its segments accept, the first full shadow the upstream precedence
// confirms, else the first partial one. Random tables, checked against that definition written out route by route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { comparePrecedence } from 'serverless-api-gateway-runtime/routing';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { buildRouteTrie, isParamSegment, type TrieRoute } from '../../../server/src/analysis/rules/routing/route-trie';
import { routeTable } from '../../../server/src/analysis/rules/routing/route-table';
import { checkFixture } from '../../support/engine';

const WRANGLER = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';

const routeArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'ANY'),
  segments: fc.array(fc.constantFrom('a', 'b', '{x}', '{}'), { minLength: 0, maxLength: 3 }),
  wildcard: fc.boolean(),
});

/** One route per line (line 2 + index), so a finding's line names its route. */
function configText(routes: { method: string; segments: string[]; wildcard: boolean }[]): string {
  const items = routes.map((r) => JSON.stringify({ method: r.method, path: '/' + [...r.segments, ...(r.wildcard ? ['{.+}'] : [])].join('/'), response: {} }));
  return `{\n"paths": [\n${items.join(',\n')}\n]\n}\n`;
}

/** target index -> [wildcard index, full], from the definition. */
function expectedShadows(text: string): Map<number, [number, boolean]> {
  const trie = buildRouteTrie(routeTable(parseConfigDocument('/gw/api-config.json', text)), 'upstream');
  const wildcards = trie.routes.filter((w) => w.wildcard && !w.hasParam);
  const out = new Map<number, [number, boolean]>();
  for (const target of trie.routes) {
    if (target.wildcard || !target.hasParam) continue;
    const shadow = definitionShadow(target, wildcards);
    if (shadow) out.set(target.route.index, shadow);
  }
  return out;
}

function definitionShadow(target: TrieRoute, wildcards: TrieRoute[]): [number, boolean] | undefined {
  const segments = target.route.segments;
  let partial: [number, boolean] | undefined;
  for (const w of wildcards) {
    if (w.length !== segments.length - 1 || (w.route.method !== target.route.method && w.route.method !== 'ANY')) continue;
    let literalPath = true;
    let reached = true;
    for (let i = 0; i < w.length && reached; i++) {
      if (isParamSegment(segments[i]!, 'upstream')) literalPath = false;
      else reached = segments[i]!.text === w.route.segments[i]!.text;
    }
    if (!reached || (literalPath && !isParamSegment(segments[segments.length - 1]!, 'upstream'))) continue;
    const verdict = comparePrecedence({ method: target.route.method!, path: target.route.path! }, { method: w.route.method!, path: w.route.path! }, 'upstream');
    if (verdict?.winner !== 'b') continue;
    if (literalPath) return [w.route.index, true];
    partial ??= [w.route.index, false];
  }
  return partial;
}

test('SAG511 names, for each {param} route, the wildcard its definition picks (upstream, random tables)', () => {
  fc.assert(
    fc.property(fc.array(routeArb, { minLength: 1, maxLength: 24 }), (routes) => {
      const text = configText(routes);
      const found = new Map<number, [number, boolean]>();
      for (const f of checkFixture({ '/gw/wrangler.toml': WRANGLER, '/gw/api-config.json': text }, { runtime: 'upstream' })) {
        if (f.code !== 'SAG511') continue;
        found.set(f.range.start.line - 2, [f.related[0]!.range.start.line - 2, f.severity === 'error']);
      }
      assert.deepStrictEqual(found, expectedShadows(text), text);
    }),
    { numRuns: 400 },
  );
});
