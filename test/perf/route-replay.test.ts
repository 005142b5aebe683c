// Routes inserted or removed before others: the routes behind them change index but not text, so their per-route
// results replay (re-indexed) instead of being checked again. Counted with every family's checkRoute wrapped; the
// findings must stay those of a fresh analysis (incremental-equivalence.test.ts tests that at random).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { propertyValue } from '../../server/src/analysis/parse/config-document';
import { RULE_FAMILIES } from '../../server/src/analysis/rules/registry';
import type { RuleFamily } from '../../server/src/analysis/rules/rule';
import { EditSession } from './edit-session';
import { ERRORS_EVERYWHERE } from './handwritten-workspaces';

/** Runs `body` with every family's checkRoute counting the routes (by index) it checks. */
function countingChecks<T>(body: (checked: Set<number>) => T): T {
  const checked = new Set<number>();
  const originals = new Map<RuleFamily, RuleFamily['checkRoute']>();
  for (const family of RULE_FAMILIES) {
    const original = family.checkRoute;
    if (!original) continue;
    originals.set(family, original);
    (family as { checkRoute: RuleFamily['checkRoute'] }).checkRoute = function (ctx, route) {
      checked.add(route.index);
      return original.call(this, ctx, route);
    };
  }
  try {
    return body(checked);
  } finally {
    for (const [family, original] of originals) (family as { checkRoute: RuleFamily['checkRoute'] }).checkRoute = original;
  }
}

test('a route cut and pasted back at the top: the routes behind it replay, re-indexed, and are not checked again', () => {
  const session = new EditSession(ERRORS_EVERYWHERE);
  const options = { runtime: 'upstream' as const };
  session.analyze(options);
  const routes = propertyValue(session.doc.root, 'paths')!.children!;
  assert.ok(routes.length >= 8, 'a workspace with routes to move');
  const [start, end] = [routes[0]!.offset, routes[1]!.offset];
  const first = session.doc.text.slice(start, end);

  const analyzeCounting = (): { findings: ReturnType<EditSession['analyze']>; checked: number[] } =>
    countingChecks((checked) => ({ findings: session.analyze(options), checked: [...checked].sort((a, b) => a - b) }));

  // Two one-line routes of this workspace get a fix that rewrites their whole line, from before the route's start
  // (SAG115, SAG116): never replayed, they are checked on every analysis. Besides them, only the pasted route and
  // the one it was pasted before.
  session.edit({ start, end, newText: '' });
  const cut = analyzeCounting();
  assert.deepStrictEqual(cut.findings, session.fresh(options));
  assert.ok(cut.findings.some((f) => f.pointer?.startsWith('/paths/5/')), 'findings of moved routes, with their new index');
  assert.ok(cut.checked.length <= 2, `routes checked again after the cut: ${cut.checked.join(', ')}`);

  session.edit({ start, end: start, newText: first });
  const pasted = analyzeCounting();
  assert.deepStrictEqual(pasted.findings, session.fresh(options));
  assert.ok(pasted.checked.length <= 4, `routes checked again after the paste: ${pasted.checked.join(', ')}`);
});

test('a report with a range from before `paths` to after it, or into another route, is not frozen for replay', async () => {
  const { freezeReport } = await import('../../server/src/analysis/incremental/frozen-reports');
  const { LineIndex } = await import('../../server/src/analysis/text/line-index');
  // One line: `{"a":1,"paths":[ROUTE0,ROUTE1],"z":2}`, the frame of ROUTE0.
  const text = '{"a":1,"paths":[{"r":0},{"r":1}],"z":2}';
  const lines = new LineIndex(text);
  const pathsStart = text.indexOf('[');
  const frame = { file: '/gw/api-config.json', lines, routeIndex: 0, routeStart: pathsStart + 1, routeEnd: text.indexOf('},') + 1, pathsStart, pathsEnd: text.indexOf(']') + 1 };
  const at = (from: number, to: number) => ({ start: lines.positionAt(from), end: lines.positionAt(to) });
  const report = (edit: { start: number; end: number }) => ({
    code: 'SAG601',
    message: 'm',
    file: frame.file,
    range: at(frame.routeStart, frame.routeStart + 2),
    fixes: [{ title: 't', safe: true, edits: [{ file: frame.file, range: at(edit.start, edit.end), newText: 'x' }] }],
  });
  assert.ok(freezeReport(report({ start: frame.routeStart + 1, end: frame.routeStart + 2 }), frame), 'inside the route');
  assert.ok(freezeReport(report({ start: text.length - 1, end: text.length - 1 }), frame), 'after paths');
  assert.equal(freezeReport(report({ start: 0, end: text.length }), frame), undefined, 'the whole file');
  assert.equal(freezeReport(report({ start: text.indexOf('{"r":1}'), end: text.indexOf('{"r":1}') + 2 }), frame), undefined, 'in another route');
});
