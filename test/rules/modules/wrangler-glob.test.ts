// wrangler's module-rule globs, matched without a regular expression (wrangler-glob.ts): the same answers as the
// regular expression wrangler's glob-to-regexp builds (`globstar: true`), on hand-picked and on random globs and
// paths, and no backtracking on globs with many `*`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesWranglerGlob } from '../../../server/src/analysis/rules/modules/wrangler-glob';

/** glob-to-regexp 0.4.1 with `globstar: true`, not extended (what wrangler 4.86 bundles): the oracle. */
function wranglerRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if ('/$^+.()=!|?[]{},'.includes(c)) out += `\\${c}`;
    else if (c === '*') {
      const prev = glob[i - 1];
      let stars = 1;
      while (glob[i + 1] === '*') {
        stars++;
        i++;
      }
      const next = glob[i + 1];
      if (stars > 1 && (prev === '/' || prev === undefined) && (next === '/' || next === undefined)) {
        out += '((?:[^/]*(?:/|$))*)';
        i++;
      } else out += '([^/]*)';
    } else out += c;
  }
  return new RegExp(`^${out}$`);
}

test('hand-picked globs: one-segment `*`, any-depth `**`, literal braces and `?`', () => {
  const cases: [string, string, boolean][] = [
    ['services/*.js', 'services/hello.js', true],
    ['services/*.js', 'services/a/hello.js', false],
    ['**/*.js', 'hello.js', true],
    ['**/*.js', 'a/b/c/hello.js', true],
    ['src/**', 'src/', true],
    ['src/**', 'src/a/b', true],
    ['src/**', 'srcx/a', false],
    ['**', 'anything/at/all', true],
    ['**/*.wasm?module', 'a/b.wasm?module', true],
    ['**/*.wasm?module', 'a/b.wasmXmodule', false],
    ['{a,b}.js', '{a,b}.js', true],
    ['{a,b}.js', 'a.js', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/xb', false],
    ['', '', true],
    ['', 'a', false],
  ];
  for (const [glob, path, expected] of cases) {
    assert.equal(matchesWranglerGlob(glob, path), expected, `${glob} ~ ${path}`);
    assert.equal(wranglerRegExp(glob).test(path), expected, `oracle: ${glob} ~ ${path}`);
  }
});

test('random globs and paths over a small alphabet: the same answer as the regular expression', () => {
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
  for (let i = 0; i < 20_000; i++) {
    const glob = pick('ab*/.', random(9));
    const path = pick('ab/.', random(10));
    assert.equal(matchesWranglerGlob(glob, path), wranglerRegExp(glob).test(path), `${JSON.stringify(glob)} ~ ${JSON.stringify(path)}`);
  }
});

test('a glob with many `*` against a long near miss answers at once (the regular expression backtracks for minutes)', () => {
  const glob = `${'*a'.repeat(13)}*b`;
  assert.equal(matchesWranglerGlob(glob, 'a'.repeat(200)), false);
  assert.equal(matchesWranglerGlob(glob, `${'a'.repeat(200)}b`), true);
});
