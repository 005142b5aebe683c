// parseWranglerConfig on wrangler.toml: every B.1 services form, environments and inheritance (B.2),
// other binding kinds, exact ranges, CRLF, and syntax errors with recovery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWranglerConfig } from '../../server/src/analysis/parse/wrangler';
import { r, textAt } from '../support/ranges';

const SEED = [
  '# gateway',
  'name = "gateway"',
  'main = "src/index.js"',
  'compatibility_date = "2025-07-04"',
  'compatibility_flags = ["nodejs_compat"]',
  'find_additional_modules = true',
  'rules = [ { type = "ESModule", globs = ["services/*.js"] } ]',
  'services = [ { binding = "HOOKS", service = "auth-hooks" }, { binding = "TARGET", service = "target", entrypoint = "Target" } ]',
  '',
  '[vars]',
  'GREETING = "hi" # comment',
  '',
  '[[kv_namespaces]]',
  'binding = "CONFIG"',
  'id = "abc"',
  '',
  '[env.staging]',
  'name = "gateway-stg"',
  'main = "src/staging.js"',
  '',
  '[[env.staging.services]]',
  'binding = "HOOKS"',
  'service = "auth-hooks-staging"',
  '',
  '[[env.staging.services]]',
  'binding = "LEGACY"',
  'service = "old"',
  'environment = "production"',
  '',
  '[env.production.vars]',
  'LEVEL = "prod"',
  '',
].join('\n');

test('top level: inline services array with exact ranges for every field', () => {
  const config = parseWranglerConfig('/gw/wrangler.toml', SEED);
  assert.deepEqual(config.syntaxErrors, []);
  assert.equal(config.format, 'toml');
  assert.deepEqual(config.name, { value: 'gateway', range: r(1, 7, 1, 16), keyRange: r(1, 0, 1, 4) });
  const top = config.environments[0]!;
  assert.equal(top.name, '');
  assert.equal(top.workerName, 'gateway');
  assert.deepEqual(top.range, r(0, 0, 0, 0));
  assert.equal(top.services.length, 2);
  const [hooks, target] = top.services;
  assert.deepEqual(hooks!.binding, { value: 'HOOKS', range: r(7, 25, 7, 32), keyRange: r(7, 15, 7, 22) });
  assert.deepEqual(hooks!.service, { value: 'auth-hooks', range: r(7, 44, 7, 56), keyRange: r(7, 34, 7, 41) });
  assert.equal(textAt(SEED, hooks!.range), '{ binding = "HOOKS", service = "auth-hooks" }');
  assert.equal(target!.entrypoint?.value, 'Target');
  assert.equal(textAt(SEED, target!.entrypoint!.range), '"Target"');
  assert.equal(top.servicesForm.kind, 'toml-inline-array');
  assert.ok(top.servicesForm.kind === 'toml-inline-array');
  assert.equal(textAt(SEED, top.servicesForm.arrayRange).startsWith('[ { binding = "HOOKS"'), true);
  assert.deepEqual(top.servicesForm.arrayRange, r(7, 11, 7, 127));
});

test('top level: inherited keys, vars, kv and other bindings', () => {
  const top = parseWranglerConfig('/gw/wrangler.toml', SEED).environments[0]!;
  assert.deepEqual(top.main, { value: 'src/index.js', range: r(2, 7, 2, 21), keyRange: r(2, 0, 2, 4) });
  assert.equal(top.compatibilityDate?.value, '2025-07-04');
  assert.deepEqual(top.compatibilityFlags?.value, ['nodejs_compat']);
  assert.equal(top.findAdditionalModules?.value, true);
  assert.deepEqual(top.rules?.value, [{ type: 'ESModule', globs: ['services/*.js'] }]);
  assert.deepEqual([...top.vars.keys()], ['GREETING']);
  assert.deepEqual(top.vars.get('GREETING'), { value: 'hi', range: r(10, 11, 10, 15), keyRange: r(10, 0, 10, 8) });
  assert.deepEqual(top.kvNamespaces, [{ kind: 'kv_namespaces', name: { value: 'CONFIG', range: r(13, 10, 13, 18), keyRange: r(13, 0, 13, 7) } }]);
  assert.deepEqual(top.otherBindings.map((b) => `${b.kind}:${b.name.value}`), ['vars:GREETING']);
});

test('named environments in file order; table-array services; non-inherited keys stay out; inherited keys fall back', () => {
  const config = parseWranglerConfig('/gw/wrangler.toml', SEED);
  assert.deepEqual(config.environments.map((e) => e.name), ['', 'staging', 'production']);
  const staging = config.environments[1]!;
  assert.deepEqual(staging.range, r(16, 0, 16, 13));
  assert.equal(staging.workerName, 'gateway-stg');
  assert.equal(staging.main?.value, 'src/staging.js');
  assert.equal(staging.compatibilityDate?.value, '2025-07-04', 'compatibility_date is inherited');
  assert.deepEqual(staging.compatibilityFlags?.range, r(4, 22, 4, 39), 'the inherited value points at the top-level line');
  assert.equal(staging.vars.size, 0, 'vars are not inherited');
  assert.equal(staging.kvNamespaces.length, 0, 'kv_namespaces are not inherited');
  assert.deepEqual(staging.services.map((s) => s.binding.value), ['HOOKS', 'LEGACY']);
  assert.equal(staging.services[1]!.environment?.value, 'production');
  assert.deepEqual(staging.services[0]!.range, r(20, 0, 22, 30));
  assert.deepEqual(staging.servicesForm, { kind: 'toml-table-array', lastTableRange: r(24, 0, 27, 26) });

  const production = config.environments[2]!;
  assert.equal(production.workerName, 'gateway-production', '<top name>-<env> when the env sets no name');
  assert.deepEqual(production.range, r(29, 5, 29, 15), 'an env opened only by [env.production.vars] points at its name');
  assert.equal(production.vars.get('LEVEL')?.value, 'prod');
  assert.equal(production.main?.value, 'src/index.js');
  assert.deepEqual(production.services, []);
  assert.deepEqual(production.servicesForm, { kind: 'absent' });
});

test('[[services]] tables at the top level: lastTableRange is the last table, header to last key', () => {
  const text = 'name = "gw"\n\n[[services]]\nbinding = "A"\nservice = "a"\n\n# second\n[[services]]\nbinding = "B" # trailing\nservice = "b"\n\n[vars]\nX = "1"\n';
  const top = parseWranglerConfig('/gw/wrangler.toml', text).environments[0]!;
  assert.deepEqual(top.services.map((s) => s.binding.value), ['A', 'B']);
  assert.deepEqual(top.servicesForm, { kind: 'toml-table-array', lastTableRange: r(7, 0, 9, 13) });
  assert.equal(textAt(text, top.services[1]!.range), '[[services]]\nbinding = "B" # trailing\nservice = "b"');
});

test('explicit [env.NAME] after its sub-tables keeps first-mention order and takes the header range', () => {
  const text = '[[env.a.services]]\nbinding = "X"\nservice = "x"\n[env.b]\nname = "bee"\n[env.a]\nmain = "a.js"\n';
  const config = parseWranglerConfig('/gw/wrangler.toml', text);
  assert.deepEqual(config.environments.map((e) => e.name), ['', 'a', 'b']);
  assert.deepEqual(config.environments[1]!.range, r(5, 0, 5, 7));
  assert.equal(config.environments[1]!.main?.value, 'a.js');
  assert.equal(config.environments[1]!.workerName, undefined, 'no top-level name, no env name: unknown');
  assert.equal(config.environments[2]!.workerName, 'bee');
});

test('inline services inside [env.NAME] and dotted keys', () => {
  const text = 'name = "gw"\n[env.dev]\nservices = [\n  { binding = "A", service = "a" }, # c\n]\nvars.MODE = "dev"\n';
  const dev = parseWranglerConfig('/gw/wrangler.toml', text).environments[1]!;
  assert.deepEqual(dev.services.map((s) => s.binding.value), ['A']);
  assert.deepEqual(dev.servicesForm, { kind: 'toml-inline-array', arrayRange: r(2, 11, 4, 1) });
  assert.equal(dev.vars.get('MODE')?.value, 'dev');
});

test('CRLF line endings give the same positions', () => {
  const crlf = SEED.replace(/\n/g, '\r\n');
  const config = parseWranglerConfig('/gw/wrangler.toml', crlf);
  assert.deepEqual(config.syntaxErrors, []);
  assert.deepEqual(config.environments[0]!.services[0]!.binding.range, r(7, 25, 7, 32));
  assert.deepEqual(config.environments[1]!.servicesForm, { kind: 'toml-table-array', lastTableRange: r(24, 0, 27, 26) });
  assert.equal(config.lines.eol, '\r\n');
});

test('every other binding kind is collected with its name', () => {
  const text = [
    '[[d1_databases]]', 'binding = "DB"', 'database_id = "x"',
    '[[r2_buckets]]', 'binding = "BUCKET"',
    '[durable_objects]', 'bindings = [ { name = "COUNTER", class_name = "Counter" } ]',
    '[[queues.producers]]', 'binding = "QUEUE"', 'queue = "q"',
    '[[queues.consumers]]', 'queue = "q"',
    '[[hyperdrive]]', 'binding = "HD"', 'id = "1"',
    '[[analytics_engine_datasets]]', 'binding = "AE"',
    '[ai]', 'binding = "AI"',
    '[browser]', 'binding = "BROWSER"',
    '[[vectorize]]', 'binding = "VEC"', 'index_name = "i"',
    '[[dispatch_namespaces]]', 'binding = "DISPATCH"', 'namespace = "n"',
    '[[mtls_certificates]]', 'binding = "CERT"', 'certificate_id = "c"',
    '[[send_email]]', 'name = "MAIL"',
    '[[workflows]]', 'binding = "FLOW"', 'name = "f"', 'class_name = "F"',
    '[[ratelimits]]', 'name = "LIMIT"', 'namespace_id = "1"', 'simple = { limit = 1, period = 60 }',
    '[[secrets_store_secrets]]', 'binding = "STORE"', 'store_id = "s"', 'secret_name = "n"',
    '[vars]', 'V = 1',
  ].join('\n');
  const top = parseWranglerConfig('/gw/wrangler.toml', text).environments[0]!;
  assert.deepEqual(
    top.otherBindings.map((b) => `${b.kind}:${b.name.value}`).sort(),
    [
      'ai:AI', 'analytics_engine_datasets:AE', 'browser:BROWSER', 'd1_databases:DB', 'dispatch_namespaces:DISPATCH',
      'durable_objects:COUNTER', 'hyperdrive:HD', 'mtls_certificates:CERT', 'queues:QUEUE', 'r2_buckets:BUCKET',
      'ratelimits:LIMIT', 'secrets_store_secrets:STORE', 'send_email:MAIL', 'vars:V', 'vectorize:VEC', 'workflows:FLOW',
    ],
  );
  assert.equal(top.vars.get('V')?.value, 1);
});

test('[build] command, unquoted TOML dates and no_bundle', () => {
  const text = 'compatibility_date = 2025-01-01\nno_bundle = true\n[build]\ncommand = "npx sag build"\n';
  const config = parseWranglerConfig('/gw/wrangler.toml', text);
  assert.deepEqual(config.buildCommand, { value: 'npx sag build', range: r(3, 10, 3, 25), keyRange: r(3, 0, 3, 7) });
  assert.equal(config.environments[0]!.compatibilityDate?.value, '2025-01-01');
  assert.equal(config.environments[0]!.noBundle?.value, true);
});

test('wrong types are ignored, not thrown', () => {
  const text = 'name = 3\nservices = "x"\nmain = ["a"]\nrules = "ESModule"\ncompatibility_flags = "nodejs_compat"\nvars = 1\nkv_namespaces = { binding = "K" }\nenv = 5\n';
  const config = parseWranglerConfig('/gw/wrangler.toml', text);
  assert.deepEqual(config.syntaxErrors, []);
  assert.equal(config.name, undefined);
  assert.deepEqual(config.environments.map((e) => e.name), ['']);
  const top = config.environments[0]!;
  assert.deepEqual(top.services, []);
  assert.deepEqual(top.servicesForm, { kind: 'absent' });
  assert.equal(top.main, undefined);
  assert.equal(top.rules, undefined);
  assert.equal(top.compatibilityFlags, undefined);
  assert.equal(top.vars.size, 0);
  assert.deepEqual(top.kvNamespaces, []);
});

test('services entries without a string binding are skipped; the rest are kept', () => {
  const text = 'services = [ { service = "a" }, { binding = 1 }, "x", { binding = "OK", service = 2 } ]\n';
  const top = parseWranglerConfig('/gw/wrangler.toml', text).environments[0]!;
  assert.deepEqual(top.services.map((s) => [s.binding.value, s.service?.value]), [['OK', undefined]]);
});

test('a syntax error is reported at its place and the rest of the file is still read', () => {
  const text = 'name = "gw"\nservices = [ { binding = "A", service = "a" }\n\n[vars]\nX = "1"\n[[env.staging.services]]\nbinding = "B"\n';
  const config = parseWranglerConfig('/gw/wrangler.toml', text);
  assert.equal(config.syntaxErrors.length, 1);
  assert.match(config.syntaxErrors[0]!.message, /^TOML syntax error/);
  assert.deepEqual(config.syntaxErrors[0]!.range.start.line, 1, 'blamed on the unclosed array line');
  assert.equal(config.name?.value, 'gw');
  assert.equal(config.environments[0]!.vars.get('X')?.value, '1');
  assert.deepEqual(config.environments[1]!.services.map((s) => s.binding.value), ['B']);
});

test('an unclosed inline table is blamed on its own line, not the next one', () => {
  const config = parseWranglerConfig('/gw/wrangler.toml', 'name = "x"\nservices = [ { binding = "A" \n[vars]\nX=1\n');
  assert.deepEqual(config.syntaxErrors.map((e) => e.range.start.line), [1]);
  assert.equal(config.environments[0]!.vars.get('X')?.value, 1);
});

test('duplicate keys are a syntax error on the second key', () => {
  const config = parseWranglerConfig('/gw/wrangler.toml', 'name = "a"\nname = "b"\nmain = "m.js"\n');
  assert.equal(config.syntaxErrors.length, 1);
  assert.deepEqual(config.syntaxErrors[0]!.range, r(1, 0, 1, 1));
  assert.equal(config.name?.value, 'a');
  assert.equal(config.environments[0]!.main?.value, 'm.js');
});

test('bad input never throws: empty, truncated, binary, huge, deep nesting, garbage', () => {
  const inputs = [
    '',
    'services = [ { binding = "A"',
    '[env.',
    '"unterminated',
    '\u0000\u0001\u0002binary',
    `name = "${'x'.repeat(3 * 1024 * 1024)}"`,
    `a = ${'['.repeat(5000)}${']'.repeat(5000)}`,
    `a = ${'['.repeat(5000)}`,
    Array.from({ length: 2000 }, (_, i) => `k${i} = = ${i}`).join('\n'),
    '[[services]]\n[services]\n',
    '[a]\n[a]\n',
    '\uFFFD\uFFFD = 1',
  ];
  for (const text of inputs) {
    const config = parseWranglerConfig('/gw/wrangler.toml', text);
    assert.ok(Array.isArray(config.environments));
    for (const e of config.syntaxErrors) assert.ok(e.range.start.line <= config.lines.lineCount);
  }
  assert.deepEqual(parseWranglerConfig('/gw/wrangler.toml', '').environments.map((e) => e.name), ['']);
  assert.match(parseWranglerConfig('/gw/wrangler.toml', 'a\u0000').syntaxErrors[0]!.message, /binary/);
  assert.match(parseWranglerConfig('/gw/wrangler.toml', ' '.repeat(5 * 1024 * 1024)).syntaxErrors[0]!.message, /too large/);
});
