// The expression injection grammar: vscode-tmgrammar-test runs the fixture files (test/grammar/*.json) against
// VS Code's JSON grammar plus ours, and the manifest contributes the grammar exactly as the tests load it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const testConfig = join(root, 'test/grammar/fixtures/grammar-test-config.json');
const tool = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const grammarPath = join(root, 'syntaxes/sag-expressions.injection.tmLanguage.json');

interface GrammarContribution { scopeName: string; path: string; injectTo?: string[]; language?: string }
interface RuleNode { match?: string; begin?: string; end?: string; while?: string; patterns?: RuleNode[]; include?: string }

function runTool(files: string[]) {
  const result = spawnSync(process.execPath, [tool, '--config', testConfig, ...files], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const fixtureFiles = readdirSync(join(root, 'test/grammar'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => relative(root, join(root, 'test/grammar', name)));

test('the fixture files pass vscode-tmgrammar-test', () => {
  assert.ok(fixtureFiles.length >= 2, `expected fixture files in test/grammar, found ${fixtureFiles.join(', ')}`);
  const { status, output } = runTool(fixtureFiles);
  assert.equal(status, 0, output);
  for (const file of fixtureFiles) assert.match(output, new RegExp(`✓ ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
});

test('a wrong expectation fails the tool (the fixtures can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sag-grammar-'));
  try {
    const file = join(dir, 'wrong.json');
    // `$env` is not a request expression: asserting it is one must fail.
    writeFileSync(file, ['// SYNTAX TEST "source.json" "must fail"', '{ "a": "$env.X" }', '//       ^^^^ variable.language.request.sag', ''].join('\n'));
    const { status, output } = runTool([file]);
    assert.notEqual(status, 0, output);
    assert.match(output, /missing required scopes: variable\.language\.request\.sag/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json contributes the grammar as the tests load it, injected into source.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  const config = JSON.parse(readFileSync(testConfig, 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { scopeName: string; injectionSelector: string };
  const contributed = manifest.contributes?.grammars?.find((g) => g.scopeName === grammar.scopeName);
  assert.ok(contributed, `package.json contributes.grammars has no entry for ${grammar.scopeName}`);
  assert.equal(resolve(root, contributed.path), grammarPath);
  assert.deepEqual(contributed.injectTo, ['source.json']);
  assert.equal(contributed.language, undefined, 'an injection grammar must not claim a language');
  const loaded = config.contributes.grammars.find((g) => g.scopeName === grammar.scopeName);
  assert.ok(loaded);
  assert.equal(resolve(dirname(testConfig), loaded.path), grammarPath);
  assert.deepEqual(loaded.injectTo, contributed.injectTo);
  assert.equal(grammar.injectionSelector, 'L:source.json string.quoted.double.json');
});

test('every rule is a single-line match that cannot consume a quote or a backslash', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as { patterns: RuleNode[]; repository: Record<string, RuleNode> };
  const rules = Object.entries(grammar.repository);
  assert.ok(rules.length >= 5);
  for (const [name, rule] of rules) {
    assert.equal(rule.begin, undefined, `${name}: begin/end rules could swallow the JSON string's closing quote`);
    assert.equal(rule.while, undefined, name);
    assert.equal(typeof rule.match, 'string', `${name} has no match`);
    const pattern = new RegExp(rule.match!.replace(/^\(\?<=\/\)/, ''));
    for (const probe of ['"', '\\', '$request.header."x', '$config.a\\"b']) {
      const found = pattern.exec(probe);
      assert.ok(!found || (!found[0].includes('"') && !found[0].includes('\\')), `${name} matched ${JSON.stringify(found?.[0])} in ${probe}`);
    }
  }
  for (const include of grammar.patterns) assert.ok(include.include && grammar.repository[include.include.slice(1)], `dangling ${include.include}`);
});
