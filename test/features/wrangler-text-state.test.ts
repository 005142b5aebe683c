// textStateAt: comments, one-line and multi-line strings of TOML and JSONC, so completion can tell a declaration
// from a line that only reads like one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textContextAt, textStateAt, type TextState } from '../../server/src/analysis/features/completion/wrangler-text-state';

const CASES: [string, 'toml' | 'jsonc', TextState][] = [
  ['binding = "|', 'toml', 'string'],
  ['binding = "TAR|GET"', 'toml', 'string'],
  ['binding = "TARGET|"', 'toml', 'string'],
  ['binding = "TARGET"|', 'toml', 'code'],
  ['# old: binding = "|', 'toml', 'comment'],
  ['x = """\nbinding = "|\n"""', 'toml', 'long-string'],
  ["x = '''\nbinding = \"|\n'''", 'toml', 'long-string'],
  ['x = """a"""\nbinding = "|', 'toml', 'string'],
  ['a = "#" \nbinding = "|', 'toml', 'string'],
  ['a = "q\\"#"\nbinding = "|', 'toml', 'string'],
  ['x = 1 # c "\nbinding = "|', 'toml', 'string'],
  ['{ "routes": ["example.com/*"],\n "binding": "|', 'jsonc', 'string'],
  ['// "binding": "|', 'jsonc', 'comment'],
  ['/* a\n "binding": "|', 'jsonc', 'comment'],
  ['/* a */ "binding": "|', 'jsonc', 'string'],
  ['{"a": "x\\"y", "binding": "|', 'jsonc', 'string'],
  ['{"a": "//"}|', 'jsonc', 'code'],
];

test('the lexical state before the cursor (|)', () => {
  for (const [marked, format, want] of CASES) {
    const offset = marked.indexOf('|');
    assert.equal(textStateAt(marked.replace('|', ''), offset, format), want, JSON.stringify(marked));
  }
});

test('truncated and hostile text: an answer for every offset, in one pass', () => {
  const texts = ['"', "'''", '"""', '/*', '#', '"\\', 'a = "\\', '\r"\r', '"'.repeat(5000)];
  for (const text of texts) for (let i = 0; i <= text.length; i++) for (const f of ['toml', 'jsonc'] as const) assert.ok(['code', 'comment', 'string', 'long-string'].includes(textStateAt(text, i, f)));
});

test('the table around the cursor (|): the innermost bracket with a key, else the TOML table header', () => {
  const cases: [string, 'toml' | 'jsonc', string | undefined][] = [
    ['[[services]]\nbinding = "|', 'toml', 'services'],
    ['[[env.staging.services]]\nbinding = "|', 'toml', 'services'],
    ['[ env . "staging" . "services" ]\nbinding = "|', 'toml', 'services'],
    ['[vars]\nbinding = "|', 'toml', 'vars'],
    ['flags = ["a"]\nservices = [ { binding = "|', 'toml', 'services'],
    ['services = [\n  { binding = "A" },\n  { props = { a = [1] }, binding = "|', 'toml', 'services'],
    ['services = [ { binding = "A" } ]\nvars = { binding = "|', 'toml', 'vars'],
    ['env.staging.services = [ { binding = "|', 'toml', 'services'],
    ['binding = "|', 'toml', undefined],
    ['flags = ["a"\n\n[[services]]\nbinding = "|', 'toml', 'services'],
    ['x = [\n  [1, 2],\n  ["a"],\n  { binding = "|', 'toml', 'x'],
    ['[env."a.services"]\nbinding = "|', 'toml', 'a.services'],
    ['[[env."x]y".services]]\nbinding = "|', 'toml', 'services'],
    ['{ "flags": ["a"], "services": [ { "binding": "|', 'jsonc', 'services'],
    ['{ "services": [ { "binding": "A" } ], "vars": { "binding": "|', 'jsonc', 'vars'],
    ['{ "env": { "x": { "services":\n [ { "props": { "a": {} }, "binding": "|', 'jsonc', 'services'],
    ['{ /* "vars": { */ "services": [ { "binding": "|', 'jsonc', 'services'],
    ['{ "binding": "|', 'jsonc', undefined],
  ];
  for (const [marked, format, want] of cases) {
    const offset = marked.indexOf('|');
    assert.equal(textContextAt(marked.replace('|', ''), offset, format).table, want, JSON.stringify(marked));
  }
});

test('nesting past any sensible depth, and closers without openers, give an answer in one pass', () => {
  for (const text of ['['.repeat(200_000), ']'.repeat(1000) + 'a = [ { b = "', '{'.repeat(100_000) + '"x": [']) {
    for (const format of ['toml', 'jsonc'] as const) assert.ok(['code', 'string'].includes(textContextAt(text, text.length, format).state));
  }
});
