// The incremental path (updateConfigDocument + every analysis cache) must find exactly what a fresh full
// analysis of the same text finds: same codes, files, ranges, messages, severities, environments, fixes, order.
// Random one-line edits (fast-check) on a generated 200-path workspace and on handwritten ones with findings in
// every rule family; the session analyses after some edits only, as an editor debouncing keystrokes does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { AnalysisOptions } from '../../server/src/analysis/analyze';
import type { Finding, RuntimeTarget } from '../../server/src/analysis/findings';
import { applyBlockEdit, blockEditSpec, changeFor, EditSession, editSpec, readWorkspace } from './edit-session';
import { checkFixture } from '../support/engine';
import { CRLF_AUTH0, ERRORS_EVERYWHERE, ROUTING_TANGLE } from './handwritten-workspaces';

const GENERATOR = join(import.meta.dirname, '../../../shared/bench/gen-workspace.mjs');

const optionsArb: fc.Arbitrary<AnalysisOptions> = fc.oneof(
  fc.constant({}),
  fc.constantFrom<RuntimeTarget>('upstream', 'bundled').map((runtime) => ({ runtime })),
  fc.constant({ runtime: 'upstream' as const, env: 'staging' }),
);

function assertEquivalent(files: Record<string, string>, runs: number, editsPerRun: number): void {
  fc.assert(
    fc.property(fc.array(fc.tuple(editSpec, fc.boolean()), { minLength: 1, maxLength: editsPerRun }), optionsArb, (edits, options) => {
      const session = new EditSession(files);
      session.analyze(options); // warm every cache on the original text
      edits.forEach(([spec, analyzeNow], i) => {
        session.edit(changeFor(session.doc, spec));
        if (!analyzeNow && i < edits.length - 1) return;
        const incremental = session.analyze(options);
        const fresh = session.fresh(options);
        assert.deepStrictEqual(incremental, fresh, `after edit ${i + 1} of ${edits.length}`);
      });
    }),
    { numRuns: runs },
  );
}

/** Block edits (whole routes deleted, pasted twice, moved) mixed with one-line ones, over longer sessions. */
function assertEquivalentWithBlocks(files: Record<string, string>, runs: number): void {
  const anyEdit = fc.oneof(editSpec.map((line) => ({ line })), blockEditSpec.map((block) => ({ block })));
  fc.assert(
    fc.property(fc.array(fc.tuple(anyEdit, fc.boolean()), { minLength: 1, maxLength: 20 }), optionsArb, (edits, options) => {
      const session = new EditSession(files);
      session.analyze(options);
      edits.forEach(([edit, analyzeNow], i) => {
        if ('line' in edit) session.edit(changeFor(session.doc, edit.line));
        else applyBlockEdit(session, edit.block);
        if (!analyzeNow && i < edits.length - 1) return;
        assert.deepStrictEqual(session.analyze(options), session.fresh(options), `after edit ${i + 1} of ${edits.length}`);
      });
    }),
    { numRuns: runs },
  );
}

test('handwritten workspace with findings in every family: incremental = fresh after random one-line edits', () => {
  assertEquivalent(ERRORS_EVERYWHERE, 60, 8);
});

test('CRLF, tab-indented auth0 workspace: incremental = fresh after random one-line edits', () => {
  assertEquivalent(CRLF_AUTH0, 40, 8);
});

test('routes that shadow, tie, duplicate and cover each other: incremental = fresh after random one-line edits', () => {
  // The routing family patches its trie and re-uses verdicts and reports between analyses (routing-state.ts).
  assertEquivalent(ROUTING_TANGLE, 80, 10);
});

test('blocks of lines deleted, duplicated, moved and replaced, among one-line edits: incremental = fresh', () => {
  // Whole routes appear, vanish and change places (the JSON stays valid), or a block cut mid-route breaks it: every
  // route after the block moves, and routes change index.
  assertEquivalentWithBlocks(ERRORS_EVERYWHERE, 40);
  assertEquivalentWithBlocks(CRLF_AUTH0, 25);
  assertEquivalentWithBlocks(ROUTING_TANGLE, 40);
});

test('scripted edits that flip coverage, shadowing and ties: incremental = fresh after each', () => {
  // Random edits rarely hit the one OPTIONS route; these do, and the ANY / wildcard / param routes around it.
  const edits: [string, string][] = [
    ['"OPTIONS", "path": "/users/{.+}"', '"OPTIONS", "path": "/{.+}"'], // now covers every ANY route (SAG505 gone)
    ['"OPTIONS", "path": "/{.+}"', '"OPTIONS", "path": "/orders/{id}"'], // covers one of them
    ['"ANY", "path": "/health"', '"GET", "path": "/health"'], // one more GET-only route (SAG510 count)
    ['"method": "ANY",\n      "path": "/orders/{id}"', '"method": "GET",\n      "path": "/orders/{id}"'],
    ['"GET", "path": "/users/{.+}"', '"GET", "path": "/users/me/{.+}"'], // the wildcard moves a level down
    ['"GET", "path": "/users/me/{.+}"', '"GET", "path": "/users/{.+}"'],
    ['"GET", "path": "/a/b/c", "response": {} }, {', '"GET", "path": "/a/b/d", "response": {} }, {'], // no duplicate any more
    ['"OPTIONS", "path": "/orders/{id}"', '"POST", "path": "/orders/{id}"'],
    ['"POST", "path": "/files/{name}"', '"POST", "path": "/files/{name}/x"'],
    // An ANY wildcard that widens, moves and narrows: the GET routes it covers (SAG510) change without being edited.
    ['"ANY", "path": "/orders/{.+}"', '"ANY", "path": "/{.+}"'],
    ['"ANY", "path": "/{.+}"', '"ANY", "path": "/users/{id}"'],
    ['"ANY", "path": "/users/{id}"', '"ANY", "path": "/a/{p}/{.+}"'],
    ['"ANY", "path": "/a/{p}/{.+}"', '"ANY", "path": "/orders/{.+}"'],
  ];
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(ROUTING_TANGLE);
    session.analyze({ runtime });
    for (const [from, to] of edits) {
      const at = session.doc.text.indexOf(from);
      assert.ok(at >= 0, `edit target not found: ${from}`);
      session.edit({ start: at, end: at + from.length, newText: to });
      assert.deepStrictEqual(session.analyze({ runtime }), session.fresh({ runtime }), `${runtime}, after ${from} -> ${to}`);
    }
  }
});

test('a minified (one-line) config: incremental = fresh after random and scripted edits', () => {
  // Every route shares one line with all the text before it: kept line prefixes and fix texts must not read it.
  const minified = (files: Record<string, string>) => ({ ...files, '/gw/api-config.json': JSON.stringify(JSON.parse(files['/gw/api-config.json']!)) });
  assertEquivalent(minified(ROUTING_TANGLE), 40, 8);
  assertEquivalent(minified(ERRORS_EVERYWHERE), 30, 8);
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(minified(ROUTING_TANGLE));
    session.analyze({ runtime });
    for (const [from, to] of [
      ['"/orders/{.+}"', '"/{.+}"'],
      ['"OPTIONS"', '"GET"'],
      ['{"method":', '\n  {"method":'], // a route moves to a line of its own: its fixes now indent
    ] as const) {
      const at = session.doc.text.indexOf(from);
      assert.ok(at >= 0, `edit target not found: ${from}`);
      session.edit({ start: at, end: at + from.length, newText: to });
      assert.deepStrictEqual(session.analyze({ runtime }), session.fresh({ runtime }), `${runtime}, after ${from} -> ${to}`);
    }
  }
});

test('a minified config with a mistake in one route: the authorizer fix of SAG601 stays right while other routes change', () => {
  // In a broken one-line file the authorizer fix of SAG601 inserts before `paths`, as the root's first property.
  // Typing in another route (spliced in on its own while the JSON is broken) must not leave a stale fix behind.
  // (It once rewrote the whole file, then inserted after `paths`, formatted by the text before it on that line;
  // a range that spans parts is refused for replay, route-replay.test.ts.)
  const files = { ...ROUTING_TANGLE, '/gw/api-config.json': JSON.stringify(JSON.parse(ROUTING_TANGLE['/gw/api-config.json']!)) };
  const session = new EditSession(files);
  session.analyze({ runtime: 'upstream' });
  const auth = session.doc.text.lastIndexOf('"method":"GET"');
  session.edit({ start: auth, end: auth, newText: '"auth":true,"x" ' }); // a mistake (a missing colon) and auth on
  assert.ok(session.doc.syntaxErrors.length > 0);
  const first = session.analyze({ runtime: 'upstream' });
  assert.ok(first.some((f) => f.code === 'SAG601' && f.fixes.some((fix) => fix.edits.some((e) => 'range' in e && e.range.start.line === 0 && e.range.start.character === 1))), 'a SAG601 fix inserts after the opening brace');
  const method = session.doc.text.indexOf('"method"');
  session.edit({ start: method, end: method + '"method"'.length, newText: '"verb"' });
  assert.deepStrictEqual(session.analyze({ runtime: 'upstream' }), session.fresh({ runtime: 'upstream' }));
});

test('hundreds of routes of one shape under hundreds of wildcards: edits that re-judge them all', () => {
  // 300 `{param}` routes share a shape (one duplicate group, searched through a map) and 300 wildcards shadow all of
  // them; editing an early wildcard re-judges every target, past the point where the edit path walks the whole trie.
  const routes: string[] = [];
  for (let i = 0; i < 300; i++) routes.push(`{ "method": "GET", "path": "/a/b${i}/{.+}", "response": {} }`);
  for (let i = 0; i < 300; i++) routes.push(`{ "method": "GET", "path": "/a/{p${i % 7}}/x", "response": {} }`);
  const files = {
    '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n',
    '/gw/api-config.json': `{\n  "paths": [\n    ${routes.join(',\n    ')}\n  ]\n}\n`,
  };
  const edits: [string, string][] = [
    ['"/a/b0/{.+}"', '"/c/b0/{.+}"'], // the first wildcard leaves: every target falls to the next one
    ['"/c/b0/{.+}"', '"/a/b0/{.+}"'],
    ['"/a/{p3}/x"', '"/a/{q}/x"'], // a new path text in the group of 300
    ['"/a/b1/{.+}"', '"/a/{z}/{.+}"'], // a wildcard that no longer shadows (a parameter in its prefix)
  ];
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(files);
    const before = session.analyze({ runtime });
    if (runtime === 'upstream') assert.equal(before.filter((f) => f.code === 'SAG511').length, 300, 'every param route is shadowed');
    for (const [from, to] of edits) {
      const at = session.doc.text.indexOf(from);
      assert.ok(at >= 0, `edit target not found: ${from}`);
      session.edit({ start: at, end: at + from.length, newText: to });
      assert.deepStrictEqual(session.analyze({ runtime }), session.fresh({ runtime }), `${runtime}, after ${from} -> ${to}`);
    }
  }
});

test('generated 200-path workspace: incremental = fresh after random one-line and block edits', { skip: !existsSync(GENERATOR) && 'bench generator not found' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sag-equivalence-'));
  try {
    execFileSync(process.execPath, [GENERATOR, dir, '--paths', '200', '--bindings', '20', '--errors', '8', '--schema-errors', '6'], { stdio: 'ignore' });
    const files = readWorkspace(dir);
    assertEquivalent(files, 25, 6);
    // Routes inserted, removed and moved: the routes behind them change index, their results replay re-indexed.
    assertEquivalentWithBlocks(files, 15);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same session analysed under both runtimes in turn stays equal to fresh analyses', () => {
  const session = new EditSession(ERRORS_EVERYWHERE);
  const at = session.doc.text.indexOf('"/orders/{id}"');
  for (const [i, runtime] of (['upstream', 'bundled', 'upstream', 'bundled'] as const).entries()) {
    session.edit({ start: at, end: at + '"/orders/{id}"'.length, newText: i % 2 ? '"/orders/{id}"' : '"/orders/{key}"' });
    assert.deepStrictEqual(session.analyze({ runtime }), session.fresh({ runtime }));
  }
});

test('rule settings and left-out codes that change between analyses of one session: equal to fresh ones', () => {
  // Findings kept per route are handed out whole while their route stays put: only under the same options.
  const variants: AnalysisOptions[] = [
    {},
    { settings: { rules: { SAG509: 'off', SAG210: 'error' } } },
    {},
    { excludeCodes: new Set(['SAG115', 'SAG209']) },
    { settings: { rules: { SAG107: 'hint' } } },
    {},
  ];
  const session = new EditSession(ERRORS_EVERYWHERE);
  const at = session.doc.text.indexOf('"/orders/{id}"');
  assert.ok(at > 0);
  for (const [i, options] of variants.entries()) {
    // An edit inside one route that moves no other: every other route's findings could be handed out whole.
    session.edit({ start: at, end: at + '"/orders/{id}"'.length, newText: i % 2 ? '"/orders/{id}"' : '"/orders/{ix}"' });
    session.analyze(options);
    session.analyze(options);
    assert.deepStrictEqual(session.analyze(options), session.fresh(options), `variant ${i}`);
    assert.deepStrictEqual(session.analyze(variants[(i + 1) % variants.length]!), session.fresh(variants[(i + 1) % variants.length]!), `variant ${i} then the next`);
  }
});

test('CRLF routes: a line ending changed just before a route (its position unchanged) changes the fix it gets', () => {
  // SAG505's fix takes its line ending from the line before the route: the kept report must not be handed out.
  const files = { ...ROUTING_TANGLE, '/gw/api-config.json': ROUTING_TANGLE['/gw/api-config.json']!.replace(/\n/g, '\r\n') };
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(files);
    session.analyze({ runtime });
    const at = session.doc.text.indexOf('\r\n    {\r\n      "method": "ANY"');
    assert.ok(at > 0);
    session.edit({ start: at, end: at + 1, newText: '' });
    const incremental = session.analyze({ runtime });
    assert.deepStrictEqual(incremental, session.fresh({ runtime }));
    assert.ok(incremental.some((f) => f.code === 'SAG505' && f.fixes[0]!.edits.some((e) => 'newText' in e && e.newText.includes('\n') && !e.newText.includes('\r'))));
  }
});

test('a one-off analysis (remember: false, as sag check runs) finds exactly what a remembering one finds', () => {
  for (const files of [ERRORS_EVERYWHERE, CRLF_AUTH0, ROUTING_TANGLE]) {
    for (const runtime of ['upstream', 'bundled'] as const) {
      assert.deepStrictEqual(checkFixture(files, { runtime, remember: false }), checkFixture(files, { runtime, remember: true }));
    }
  }
});

test('`paths` before the sections: a line added in a later route moves the fixes and related places after `paths`', () => {
  // Reports of unchanged routes are handed out again while the route stays put; a range after `paths` (a fix that
  // declares a binding in `serviceBindings`, a related place there) moves with every line added in `paths`.
  const config = JSON.parse(ERRORS_EVERYWHERE['/gw/api-config.json']!) as Record<string, unknown>;
  const { paths, ...sections } = config;
  const routeLines = (paths as unknown[]).map((route) => `    ${JSON.stringify(route)}`).join(',\n');
  const rest = JSON.stringify(sections, null, 2).slice(1); // "\n  \"title\": ...\n}"
  const files = { ...ERRORS_EVERYWHERE, '/gw/api-config.json': `{\n  "paths": [\n${routeLines}\n  ],${rest}\n` };
  assertEquivalent(files, 40, 8);
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(files);
    const before = session.analyze({ runtime });
    const pathsEnd = session.doc.text.indexOf('\n  ],');
    // The premise: a route's finding reaches after `paths` (else this tests nothing).
    const pathsEndLine = session.doc.lines.positionAt(pathsEnd).line;
    const config = '/gw/api-config.json';
    const reachesAfter = (f: Finding) =>
      f.related.some((r) => r.file === config && r.range.start.line > pathsEndLine) ||
      f.fixes.some((fix) => fix.edits.some((e) => e.file === config && 'range' in e && e.range.start.line > pathsEndLine));
    assert.ok(before.some((f) => f.pointer?.startsWith('/paths/') && reachesAfter(f)), 'a route finding with a place after `paths`');
    const lastRoute = session.doc.text.lastIndexOf('\n    {', pathsEnd);
    // Twice: the second edit meets the reports the first one replayed and kept.
    for (const newText of ['\n', '\n\n']) {
      session.edit({ start: lastRoute, end: lastRoute, newText });
      assert.deepStrictEqual(session.analyze({ runtime }), session.fresh({ runtime }), `${runtime}, after adding ${JSON.stringify(newText)}`);
    }
  }
});

test('the route after a duplicate deleted: the duplicate\'s delete fix (which takes its comma) is made again', () => {
  const route = (path: string) => `    { "method": "GET", "path": "${path}", "response": { "status": 200 } }`;
  const files = {
    '/gw/api-config.json': `{\n  "paths": [\n${[route('/a'), route('/a'), route('/c')].join(',\n')}\n  ]\n}\n`,
    '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
  };
  for (const runtime of ['upstream', 'bundled'] as const) {
    const session = new EditSession(files);
    session.analyze({ runtime });
    const last = `,\n${route('/c')}`;
    const at = session.doc.text.indexOf(last);
    session.edit({ start: at, end: at + last.length, newText: '' });
    const incremental = session.analyze({ runtime });
    assert.ok(incremental.some((f) => f.fixes.some((x) => x.title.startsWith('Delete the unreachable route'))));
    assert.deepStrictEqual(incremental, session.fresh({ runtime }), runtime);
  }
  // Minified: the fix takes the spaces after the duplicate's comma, up to the next route, which an edit there moves.
  const minified = { ...files, '/gw/api-config.json': '{"paths":[{"method":"GET","path":"/a","response":{}}, {"method":"GET","path":"/a","response":{}}, {"method":"GET","path":"/c","response":{}}]}' };
  const session = new EditSession(minified);
  session.analyze({ runtime: 'upstream' });
  const before = session.doc.text.lastIndexOf(' {');
  session.edit({ start: before, end: before, newText: '   ' });
  assert.deepStrictEqual(session.analyze({ runtime: 'upstream' }), session.fresh({ runtime: 'upstream' }));
});

test('text around a route that its fixes read (a comment after the comma before it, a line ending before a tied route): incremental = fresh', () => {
  const route = (path: string, status = 200) => `    { "method": "GET", "path": "${path}", "response": { "status": ${status} } }`;
  const wrangler = { '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n' };
  const text = (routes: string[], eol: string) => `{${eol}  "paths": [${eol}${routes.join(`,${eol}`)}${eol}  ]${eol}}${eol}`;
  const cases: { routes: string[]; eol: string; edits: [string, string][] }[] = [
    // The delete fix of the last (duplicate) route keeps a comment typed after the comma before it.
    { routes: [route('/a'), route('/o'), route('/a', 2)], eol: '\r\n', edits: [['"/o", "response": { "status": 200 } },', '"/o", "response": { "status": 200 } }, /**/'], [', /**/', ', //x']] },
    // SAG504's move copies the tied route's line ending and whether it stands on a line of its own.
    { routes: [route('/a/{x}/c'), route('/o'), route('/a/b/{y}')], eol: '\n', edits: [['"paths": [\n', '"paths": [\r\n'], ['"/o", "response": { "status": 200 } },\n    ', '"/o", "response": { "status": 200 } }\n   ,']] },
    // A line comment kept before the closing bracket when that shares the route's line.
    { routes: [route('/a'), route('/a', 2)], eol: '\n', edits: [['"status": 200 } },\n', '"status": 200 } }, // main\n'], ['2 } }\n  ]', '2 } }]']] },
    // The last route's own trailing comment, which its delete removes and SAG504's move takes along, changed past
    // the characters of the line the kept reports remember.
    { routes: [route('/a/{x}/c'), route('/a'), `${route('/a', 2)} // ${'x'.repeat(300)}`], eol: '\n', edits: [['xxxx\n', 'xxxxyy\n'], ['xxyy\n', '\n']] },
    { routes: [route('/a/{x}/c'), route('/o'), `${route('/a/b/{y}')} // ${'x'.repeat(300)}`], eol: '\n', edits: [['xxxx\n', 'xxxx tail\n']] },
  ];
  for (const { routes, eol, edits } of cases) {
    const session = new EditSession({ '/gw/api-config.json': text(routes, eol), ...wrangler });
    session.analyze({ runtime: 'upstream' });
    for (const [from, to] of edits) {
      const at = session.doc.text.indexOf(from);
      assert.ok(at >= 0, `edit target not found: ${JSON.stringify(from)}`);
      session.edit({ start: at, end: at + from.length, newText: to });
      assert.deepStrictEqual(session.analyze({ runtime: 'upstream' }), session.fresh({ runtime: 'upstream' }), `after ${JSON.stringify(from)} -> ${JSON.stringify(to)}`);
    }
  }
});
