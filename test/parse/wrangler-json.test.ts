// parseWranglerConfig on wrangler.json / wrangler.jsonc: comments and trailing commas accepted (wrangler reads
// both with a JSONC parser), env objects, json-array services form, non-string vars, exact ranges, bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWranglerConfig, wranglerFormatOf } from '../../server/src/analysis/parse/wrangler';
import { r, textAt } from '../support/ranges';

const JSONC = `{
  // the gateway
  "name": "gateway",
  "main": "src/index.js",
  "compatibility_flags": ["nodejs_compat"],
  "services": [
    { "binding": "HOOKS", "service": "auth-hooks" }, /* trailing comma next */
  ],
  "vars": { "LIMIT": 10, "FLAGS": { "a": true }, "NAME": "x" },
  "kv_namespaces": [{ "binding": "CONFIG", "id": "1" }],
  "env": {
    "staging": {
      "services": [{ "binding": "HOOKS", "service": "auth-hooks-staging", "entrypoint": "Hooks" }],
      "compatibility_flags": [],
    },
    "prod": { "name": "gw-prod" },
  },
}
`;

test('format follows the file name', () => {
  assert.equal(wranglerFormatOf('/a/wrangler.json'), 'json');
  assert.equal(wranglerFormatOf('/a/wrangler.jsonc'), 'jsonc');
  assert.equal(wranglerFormatOf('/a/wrangler.toml'), 'toml');
});

test('JSONC with comments and trailing commas: services, vars and envs with exact ranges', () => {
  const config = parseWranglerConfig('/gw/wrangler.jsonc', JSONC);
  assert.deepEqual(config.syntaxErrors, []);
  assert.equal(config.format, 'jsonc');
  assert.deepEqual(config.environments.map((e) => [e.name, e.workerName]), [['', 'gateway'], ['staging', 'gateway-staging'], ['prod', 'gw-prod']]);
  const top = config.environments[0]!;
  assert.deepEqual(top.services[0]!.binding, { value: 'HOOKS', range: r(6, 17, 6, 24), keyRange: r(6, 6, 6, 15) });
  assert.equal(textAt(JSONC, top.services[0]!.range), '{ "binding": "HOOKS", "service": "auth-hooks" }');
  assert.deepEqual(top.servicesForm, { kind: 'json-array', arrayRange: r(5, 14, 7, 3) });
  assert.equal(top.vars.get('LIMIT')?.value, 10);
  assert.deepEqual(top.vars.get('FLAGS')?.value, { a: true });
  assert.deepEqual(top.vars.get('NAME')?.keyRange, r(8, 49, 8, 55));
  assert.deepEqual(top.kvNamespaces.map((k) => k.name.value), ['CONFIG']);

  const staging = config.environments[1]!;
  assert.deepEqual(staging.range, r(11, 4, 11, 13));
  assert.equal(staging.services[0]!.entrypoint?.value, 'Hooks');
  assert.deepEqual(staging.compatibilityFlags?.value, [], 'an env that sets the key overrides the top level, even with []');
  assert.equal(staging.main?.value, 'src/index.js');
  assert.equal(staging.vars.size, 0);
  assert.deepEqual(config.environments[2]!.servicesForm, { kind: 'absent' });
});

test('.json is read as leniently as wrangler reads it (comments allowed) but keeps its format', () => {
  const config = parseWranglerConfig('/gw/wrangler.json', '{ // c\n "name": "a", }');
  assert.deepEqual(config.syntaxErrors, []);
  assert.equal(config.format, 'json');
  assert.equal(config.name?.value, 'a');
});

test('syntax errors are reported with ranges and the readable part is kept', () => {
  const text = '{\n  "name": "gw",\n  "services": [ { "binding": "A" } \n  "vars": { "X": "1" }\n}\n';
  const config = parseWranglerConfig('/gw/wrangler.json', text);
  assert.ok(config.syntaxErrors.length >= 1);
  assert.match(config.syntaxErrors[0]!.message, /^JSON syntax error: comma expected/);
  assert.deepEqual(config.syntaxErrors[0]!.range, r(3, 2, 3, 8));
  assert.equal(config.name?.value, 'gw');
});

test('bad input never throws: empty, truncated, array root, binary, deep nesting, wrong types', () => {
  for (const text of ['', '{', '{"services": [', '[1,2]', '"x"', 'null', '\u0000{}', `${'['.repeat(100000)}`, `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`,
    '{"services": {"binding": "A"}, "env": [], "vars": "x", "main": 1, "rules": [1, {"type": 2}, {"type": "ESModule", "globs": "a.js"}]}']) {
    const config = parseWranglerConfig('/gw/wrangler.jsonc', text);
    assert.ok(Array.isArray(config.environments));
  }
  assert.match(parseWranglerConfig('/gw/wrangler.json', '').syntaxErrors[0]!.message, /no JSON object/);
  assert.match(parseWranglerConfig('/gw/wrangler.json', '[1]').syntaxErrors[0]!.message, /must be a JSON object/);
  const wrong = parseWranglerConfig('/gw/wrangler.json', '{"services": {"binding": "A"}, "env": [], "main": 1, "rules": [1, {"type": 2}, {"type": "ESModule", "globs": "a.js"}]}');
  assert.deepEqual(wrong.environments.map((e) => e.name), ['']);
  assert.deepEqual(wrong.environments[0]!.services, []);
  assert.equal(wrong.environments[0]!.main, undefined);
  assert.deepEqual(wrong.environments[0]!.rules?.value, [{ type: 'ESModule', globs: ['a.js'] }]);
});
