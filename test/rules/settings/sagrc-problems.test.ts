// SAG001: a problem in .sagrc.json is a finding in .sagrc.json, where it is written, and says what applies instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from '../wrangler/position-of';

const CONFIG = '{\n  "paths": [{ "method": "GET", "path": "/ping", "response": { "ok": true } }]\n}\n';
const WRANGLER = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n';

function gw(sagrc: string, extra: Record<string, string> = {}): Record<string, string> {
  return { '/gw/api-config.json': CONFIG, '/gw/wrangler.toml': WRANGLER, '/gw/src/index.js': 'export default {};\n', '/gw/.sagrc.json': sagrc, ...extra };
}

test('SAG001: a misspelled key and a bad value, each on what is written, the good values still applying', () => {
  const sagrc = '{\n  "runtim": "bundled",\n  "runtime": "bundle",\n  "rules": { "SAG510": "off" }\n}\n';
  const findings = checkFixture(gw(sagrc));
  const problems = findingsOf(findings, 'SAG001');
  assert.deepEqual(problems.map((f) => [f.file, f.severity, f.range.start]), [
    ['/gw/.sagrc.json', 'warning', positionOf(sagrc, '"runtim"')],
    ['/gw/.sagrc.json', 'warning', positionOf(sagrc, '"bundle"')],
  ]);
  assert.match(problems[0]!.message, /unknown key `runtim` in \.sagrc\.json, ignored .*did you mean `runtime`\?/);
  assert.match(problems[1]!.message, /`runtime` must be "bundled" or "upstream"; it is ignored/);
  assert.deepEqual(findingsOf(findings, 'SAG510'), [], 'the rules setting still applies');
});

test('SAG001: a wranglerConfig that names no file is reported on its value, and one that is no wrangler config file too', () => {
  const missing = '{ "wranglerConfig": "../nowhere/wrangler.toml" }\n';
  const [f] = findingsOf(checkFixture(gw(missing)), 'SAG001');
  assert.deepEqual(f!.range.start, positionOf(missing, '"../nowhere'));
  assert.match(f!.message, /points to \/nowhere\/wrangler\.toml, which does not exist/);
  const folder = '{ "wranglerConfig": "config/wrangler.toml" }\n';
  const [h] = findingsOf(checkFixture(gw(folder, { '/gw/config/wrangler.toml/README': 'a folder named like a file\n' })), 'SAG001');
  assert.match(h!.message, /points to \/gw\/config\/wrangler\.toml, which is a folder, not a file; fix the path/);
  const notWrangler = '{ "wranglerConfig": "../../etc/passwd" }\n';
  const [g] = findingsOf(checkFixture(gw(notWrangler)), 'SAG001');
  assert.match(g!.message, /a \.toml, \.json or \.jsonc file/);
  assert.deepEqual(findingsOf(checkFixture(gw(notWrangler)), 'SAG315'), [], 'the file it names is not read as a wrangler config');
});

test('SAG001: JSON that does not parse, and a file too deeply nested to read', () => {
  const broken = '{ "runtime": "bundled" "rules": {} }\n';
  const [f] = findingsOf(checkFixture(gw(broken)), 'SAG001');
  assert.equal(f!.message, "JSON syntax error in .sagrc.json: comma expected (what does not parse is not read)");
  const [deep] = findingsOf(checkFixture(gw(`{ "rules": ${'['.repeat(100_000)} }`)), 'SAG001');
  assert.match(deep!.message, /nested too deeply to read; it is ignored/);
});

test('SAG001: a rule code or ignore code the checker does not have, with a did-you-mean; the real codes still apply', () => {
  const sagrc = '{\n  "rules": { "SAG999": "off", "SAG510": "off" },\n  "ignore": [{ "code": "SAG5O1", "file": "api-config.json" }]\n}\n';
  const problems = findingsOf(checkFixture(gw(sagrc)), 'SAG001');
  assert.deepEqual(problems.map((f) => f.range.start), [positionOf(sagrc, '"SAG999"'), positionOf(sagrc, '"SAG5O1"')]);
  assert.match(problems[0]!.message, /^`SAG999` is not a code of this checker \(docs\/diagnostics\.md lists them\); the setting is ignored/);
  assert.match(problems[1]!.message, /`SAG5O1` is not a code of this checker .*; did you mean `SAG501`\?$/);
  assert.deepEqual(findingsOf(checkFixture(gw(sagrc)), 'SAG510'), [], 'SAG510 is still off');
});

test('SAG001 near miss: a valid .sagrc.json, comments included, and no .sagrc.json at all', () => {
  const sagrc = '{\n  // the deployed Worker\n  "runtime": "bundled",\n  "environments": ["", "staging"],\n  "wranglerConfig": "wrangler.toml",\n  "rules": { "SAG510": "hint" },\n  "ignore": [{ "code": "SAG501", "file": "api-config.json" }],\n  "exclude": ["fixtures/**"]\n}\n';
  assert.deepEqual(findingsOf(checkFixture(gw(sagrc, { '/gw/wrangler.toml': `${WRANGLER}\n[env.staging]\nname = "gateway-staging"\n` })), 'SAG001'), []);
  const { ['/gw/.sagrc.json']: _omitted, ...without } = gw('');
  assert.deepEqual(findingsOf(checkFixture(without), 'SAG001'), []);
});

test('SAG001: an `environments` name wrangler does not declare (a typo would quietly turn its errors into warnings)', () => {
  const sagrc = '{ "environments": ["top", "", "prod", "stagin"] }\n';
  const problems = findingsOf(checkFixture(gw(sagrc, { '/gw/wrangler.toml': `${WRANGLER}\n[env.staging]\nname = "gateway-staging"\n` })), 'SAG001');
  assert.deepEqual(problems.map((f) => f.range.start), [positionOf(sagrc, '"prod"'), positionOf(sagrc, '"stagin"')]);
  assert.match(problems[0]!.message, /^`prod` is not an environment of wrangler\.toml \(declared: "", "staging"\); it is ignored, and an environment not listed counts as not deployed/);
  assert.match(problems[1]!.message, /did you mean `staging`\?$/);
});
