// SAG305, SAG309, SAG310, SAG311, SAG314, SAG315: findings about the wrangler config and the files around it, each
// triggered by a fixture workspace (code, file, exact start) and each with a near miss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from './position-of';

const CONFIG = '{\n  "paths": [{ "method": "GET", "path": "/ping", "response": { "ok": true } }]\n}\n';
const HEAD = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n';

function gw(wrangler: string, extra: Record<string, string> = {}, name = 'wrangler.toml'): Record<string, string> {
  return { '/gw/api-config.json': CONFIG, [`/gw/${name}`]: wrangler, '/gw/src/index.js': 'export default {};\n', ...extra };
}

test('SAG305: SAG_API_CONFIG_JSON in [vars], on its key', () => {
  const wrangler = `${HEAD}\n[vars]\nSAG_API_CONFIG_JSON = "{}"\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler)), 'SAG305');
  assert.ok(f);
  assert.equal(f.file, '/gw/wrangler.toml');
  assert.deepEqual(f.range.start, positionOf(wrangler, 'SAG_API_CONFIG_JSON'));
  assert.equal(f.severity, 'warning');
});

test('SAG305: the CONFIG KV namespace, with the upload command (shown, not run) per environment', () => {
  const wrangler = `${HEAD}\n[[kv_namespaces]]\nbinding = "CONFIG"\nid = "abc"\n\n[env.staging]\nkv_namespaces = [ { binding = "CONFIG", id = "def" } ]\n`;
  const findings = findingsOf(checkFixture(gw(wrangler)), 'SAG305');
  assert.deepEqual(findings.map((f) => [f.env, f.range.start]), [['', positionOf(wrangler, 'binding = "CONFIG"')], ['staging', positionOf(wrangler, 'binding = "CONFIG"', 1)]]);
  assert.equal(findings[0]!.fixes[0]!.command, 'wrangler kv key put --binding=CONFIG api-config.json --path=api-config.json --remote');
  assert.equal(findings[1]!.fixes[0]!.command, 'wrangler kv key put --binding=CONFIG api-config.json --path=api-config.json --remote --env staging');
  assert.deepEqual(findings[0]!.fixes[0]!.edits, []);
});

test('SAG305 near miss: a blank SAG_API_CONFIG_JSON is ignored by both gateways (C.1, E.1), so the file is served', () => {
  for (const value of ['""', '"   "']) {
    const wrangler = `${HEAD}\n[vars]\nSAG_API_CONFIG_JSON = ${value}\n`;
    assert.deepEqual(findingsOf(checkFixture(gw(wrangler)), 'SAG305'), [], value);
  }
});

test('SAG305 near miss: other vars and KV names', () => {
  const wrangler = `${HEAD}\n[vars]\nSAG_CONFIG = "{}"\n\n[[kv_namespaces]]\nbinding = "CACHE"\nid = "abc"\n`;
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler)), 'SAG305'), []);
});

test('SAG309: upstream without nodejs_compat, once for inherited flags; safe fix; bundled: not reported', () => {
  const wrangler = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["streams_enable_constructors"]\n\n[env.staging]\n';
  const findings = findingsOf(checkFixture(gw(wrangler), { runtime: 'upstream' }), 'SAG309');
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'error');
  assert.deepEqual(findings[0]!.range.start, positionOf(wrangler, 'compatibility_flags'));
  assert.equal(findings[0]!.fixes[0]!.safe, true);
  assert.equal(findings[0]!.fixes[0]!.edits[0]!.newText, ', "nodejs_compat"');
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler), { runtime: 'bundled' }), 'SAG309'), []);
  const noKey = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\n';
  const [g] = findingsOf(checkFixture(gw(noKey), { runtime: 'upstream' }), 'SAG309');
  assert.deepEqual(g!.range.start, positionOf(noKey, 'compatibility_date'));
  assert.equal(g!.fixes[0]!.edits[0]!.newText, '\ncompatibility_flags = ["nodejs_compat"]');
});

test('SAG309 near miss: nodejs_compat (or nodejs_compat_v2) present', () => {
  assert.deepEqual(findingsOf(checkFixture(gw(HEAD), { runtime: 'upstream' }), 'SAG309'), []);
  assert.deepEqual(findingsOf(checkFixture(gw(HEAD.replace('"nodejs_compat"', '"nodejs_compat_v2"')), { runtime: 'upstream' }), 'SAG309'), []);
});

test('SAG310: SAG_STRICT_CONFIG = "true" (upstream only), on its key, with a safe fix', () => {
  const wrangler = `${HEAD}\n[vars]\nSAG_STRICT_CONFIG = "true"\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler), { runtime: 'upstream' }), 'SAG310');
  assert.ok(f);
  assert.deepEqual(f.range.start, positionOf(wrangler, 'SAG_STRICT_CONFIG'));
  assert.deepEqual(f.fixes.map((x) => [x.safe, x.edits[0]!.newText]), [[true, '"false"']]);
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler), { runtime: 'bundled' }), 'SAG310'), []);
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler.replace('"true"', '"false"')), { runtime: 'upstream' }), 'SAG310'), []);
});

test('SAG311: a wrangler.json in a parent folder wins over the wrangler.toml next to the config', () => {
  const files = { ...gw(HEAD), '/wrangler.json': '{ "name": "root" }\n' };
  const [f] = findingsOf(checkFixture(files), 'SAG311');
  assert.ok(f);
  assert.equal(f.file, '/gw/api-config.json');
  assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
  assert.match(f.message, /wrangler uses \.\.\/wrangler\.json .* ignores wrangler\.toml/);
  assert.deepEqual(findingsOf(checkFixture(gw(HEAD)), 'SAG311'), []);
});

test('SAG314: no wrangler config; the scaffold fix creates wrangler.toml', () => {
  const [f] = findingsOf(checkFixture({ '/gw/api-config.json': CONFIG }), 'SAG314');
  assert.ok(f);
  assert.deepEqual(f.range.start, { line: 0, character: 0 });
  const edit = f.fixes[0]!.edits[0]!;
  assert.equal(edit.file, '/gw/wrangler.toml');
  assert.ok('create' in edit && edit.create);
  assert.deepEqual(findingsOf(checkFixture(gw(HEAD)), 'SAG314'), []);
});

test('SAG315: each place a wrangler.toml does not parse, in the file; the rest is still read', () => {
  const wrangler = `${HEAD}services = [\n  { binding = "HOOKS", service = "hooks" },\n  { binding = "TARGET", service = "target },\n]\n`;
  const files = gw(wrangler);
  const [f, ...more] = findingsOf(checkFixture(files), 'SAG315');
  assert.ok(f);
  assert.deepEqual(more, []);
  assert.equal(f.file, '/gw/wrangler.toml');
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, 6, 'the line of the unterminated string');
  assert.match(f.message, /^wrangler\.toml does not parse: Unterminated string constant; wrangler refuses to run with it/);
  // Near miss: the same file with the quote closed.
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler.replace('"target }', '"target" }'))), 'SAG315'), []);
});

test('SAG315: wrangler.jsonc and a binary file; one finding per mistake', () => {
  const jsonc = '// gateway\n{ "name": "gateway" "main": "src/index.js", "compatibility_date": "2025-07-04" }\n';
  const [f] = findingsOf(checkFixture(gw(jsonc, {}, 'wrangler.jsonc')), 'SAG315');
  assert.ok(f);
  assert.equal(f.file, '/gw/wrangler.jsonc');
  assert.deepEqual(f.range.start, { line: 1, character: 20 });
  assert.match(f.message, /^wrangler\.jsonc does not parse: comma expected;/);
  const [binary] = findingsOf(checkFixture(gw('name = "x"\u0000\n')), 'SAG315');
  assert.match(binary!.message, /binary/);
  assert.deepEqual(findingsOf(checkFixture(gw(jsonc.replace('" "main"', '", "main"'), {}, 'wrangler.jsonc')), 'SAG315'), []);
});

test('SAG315: a binding where the wrangler config does not parse: SAG301 says so, and its fix is not safe', () => {
  const config = '{\n  "serviceBindings": [{ "alias": "target", "binding": "TARGET" }],\n  "paths": [{ "method": "GET", "path": "/t", "integration": { "type": "service_binding", "binding": "target", "function": "run" } }]\n}\n';
  const jsonc = (binding: string) => `{\n  "name": "gateway",\n  "main": "src/index.js",\n  "compatibility_date": "2025-07-04",\n  "compatibility_flags": ["nodejs_compat"],\n  "services": [{ "binding": ${binding}, "service": "target" }]\n}\n`;
  // A Worker named like the binding in the workspace: the service is inferred, so the fix would be safe.
  const worker = { '/target/wrangler.toml': 'name = "target"\nmain = "index.js"\n', '/target/index.js': 'export default {};\n' };
  const files = (wrangler: string) => ({ ...gw(wrangler, worker, 'wrangler.jsonc'), '/gw/api-config.json': config });
  const [f] = findingsOf(checkFixture(files(jsonc('TARGET'))), 'SAG301');
  assert.ok(f);
  assert.match(f.message, /or sits where wrangler\.jsonc does not parse \(SAG315\)/);
  assert.equal(f.fixes[0]?.safe, false, 'the add-binding fix exists, and --fix leaves it alone');
  // Parsed, but another binding: the same finding without the note, and the fix safe.
  const [clean] = findingsOf(checkFixture(files(jsonc('"OTHER"'))), 'SAG301');
  assert.doesNotMatch(clean!.message, /SAG315/);
  assert.equal(clean!.fixes[0]?.safe, true);
});

test('a wrangler.toml nested past what its parser can read is SAG315, not a stack trace', () => {
  const [f] = findingsOf(checkFixture(gw(`x = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)), 'SAG315');
  assert.match(f!.message, /nested too deeply/);
});

test('SAG309: compatibility_flags written as a string says so, on that key, and has no fix that would write the key twice', () => {
  for (const [value, said] of [['"nodejs_compat"', 'is "nodejs_compat", not a list'], ['"""nodejs_compat"""', 'is "nodejs_compat", not a list'], ['{ a = 1 }', 'is not a list']] as const) {
    const wrangler = `name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ${value}\n`;
    const [f] = findingsOf(checkFixture(gw(wrangler), { runtime: 'upstream' }), 'SAG309');
    assert.ok(f, value);
    assert.ok(f.message.includes(`(compatibility_flags ${said}: write compatibility_flags = ["nodejs_compat"])`), f.message);
    assert.deepEqual(f.range.start, positionOf(wrangler, 'compatibility_flags'));
    assert.deepEqual(f.fixes, []);
  }
});
