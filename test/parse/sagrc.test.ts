// parseSagRc: the SPEC E.0 project file, its values and the problems it reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSagRc } from '../../server/src/analysis/parse/sagrc';
import { r } from '../support/ranges';

test('a complete file', () => {
  const rc = parseSagRc('/gw/.sagrc.json', JSON.stringify({
    $schema: './node_modules/x.json', runtime: 'bundled', environments: ['', 'staging'], wranglerConfig: '../wrangler.toml',
    rules: { SAG409: 'off', SAG302: 'warning' }, ignore: [{ code: 'SAG501', file: 'api-config.json', pointer: '/paths/3/path' }], exclude: ['fixtures/**'],
  }));
  assert.deepEqual(rc, {
    file: '/gw/.sagrc.json', problems: [], codeMentions: [{ code: 'SAG409', range: r(0, 130, 0, 138) }, { code: 'SAG302', range: r(0, 145, 0, 153) }, { code: 'SAG501', range: r(0, 183, 0, 191) }], runtime: 'bundled', environments: ['', 'staging'], wranglerConfig: '../wrangler.toml',
    environmentRanges: [r(0, 71, 0, 73), r(0, 74, 0, 83)],
    wranglerConfigRange: r(0, 102, 0, 120),
    rules: { SAG409: 'off', SAG302: 'warning' }, ignore: [{ code: 'SAG501', file: 'api-config.json', pointer: '/paths/3/path' }], exclude: ['fixtures/**'],
  });
});

test('unknown keys (with did-you-mean) and bad values are problems; good values still apply', () => {
  const text = '{\n  "runtim": "bundled",\n  "runtime": "cloud",\n  "environments": "staging",\n  "rules": { "SAG409": "loud", "X1": "off", "SAG302": "hint" },\n  "ignore": [{ "code": "SAG501" }],\n  "exclude": ["a/**"]\n}\n';
  const rc = parseSagRc('/gw/.sagrc.json', text);
  assert.deepEqual(rc.problems.map((p) => [p.range.start.line, p.range.start.character]), [[1, 2], [2, 13], [3, 18], [4, 23], [4, 31], [5, 13]]);
  assert.match(rc.problems[0]!.message, /unknown key `runtim`.*did you mean `runtime`\?/);
  assert.deepEqual(rc.problems[0]!.range, r(1, 2, 1, 10));
  assert.equal(rc.runtime, undefined);
  assert.deepEqual(rc.rules, { SAG302: 'hint' });
  assert.deepEqual(rc.ignore, []);
  assert.deepEqual(rc.exclude, ['a/**']);
});

test('bad JSON and bad input never throw', () => {
  assert.equal(parseSagRc('/gw/.sagrc.json', '{ "runtime": "bundled", // note\n }').runtime, 'bundled', 'comments and trailing commas are fine');
  assert.ok(parseSagRc('/gw/.sagrc.json', '{ "runtime": ').problems.length > 0);
  assert.match(parseSagRc('/gw/.sagrc.json', '[]').problems[0]!.message, /one JSON object/);
  for (const text of ['', '\u0000', '{"ignore": [1, null, {"code": 1, "file": "x"}]}', '{"rules": []}', `${'['.repeat(100000)}`]) {
    assert.ok(Array.isArray(parseSagRc('/gw/.sagrc.json', text).problems));
  }
});

test('a misspelled severity gets a did-you-mean: a prefix (warn, info, err) or a near miss', () => {
  const rc = parseSagRc('/gw/.sagrc.json', '{ "rules": { "SAG302": "warn", "SAG303": "info", "SAG304": "eror", "SAG305": "loud" } }');
  assert.deepEqual(rc.problems.map((p) => p.message.match(/did you mean "(\w+)"/)?.[1]), ['warning', 'information', 'error', undefined]);
});

test('exclude globs that name no folder below, or that picomatch cannot read, are problems and left out', () => {
  const text = '{ "exclude": ["", "./", "/", "fixtures/", "./build/**", "[", "a\\\\b"] }';
  const rc = parseSagRc('/gw/.sagrc.json', text);
  assert.deepEqual(rc.exclude, ['fixtures', 'build/**', '[', 'a/b']);
  assert.deepEqual(rc.problems.map((p) => p.message.replace(/ \(write.*/, '')), ['""', '"./"', '"/"'].map((g) => `\`exclude\` glob ${g} names no folder below this one`));
});

test('exclude globs that would take picomatch minutes (more than two * in one folder name, very long) are refused', () => {
  const slow = '*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
  const rc = parseSagRc('/gw/.sagrc.json', JSON.stringify({ exclude: [slow, `${'x'.repeat(300)}/**`, '**/*legacy*', '**/**/**/tmp'] }));
  assert.deepEqual(rc.exclude, ['**/*legacy*', '**/**/**/tmp']);
  assert.match(rc.problems[0]!.message, /more than two `\*` in one folder name, which can take minutes to match/);
  assert.match(rc.problems[1]!.message, /longer than 256 characters/);
});

test('exclude globs with `**` and two folder names of two * each are refused: their costs multiply', () => {
  const rc = parseSagRc('/gw/.sagrc.json', JSON.stringify({ exclude: ['**/*a*/**/*a*/**/b', '*a*/*a*/**/b', '**/*legacy*/**', '*a*/*b*/c', '**/*a/**/*b/**/c'] }));
  assert.deepEqual(rc.exclude, ['**/*legacy*/**', '*a*/*b*/c', '**/*a/**/*b/**/c']);
  assert.equal(rc.problems.length, 2);
  for (const problem of rc.problems) assert.match(problem.message, /has `\*\*` and more than one folder name with two `\*`, which can take minutes to match/);
});
