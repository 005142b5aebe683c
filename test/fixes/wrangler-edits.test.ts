// Byte-for-byte round trips of the wrangler config fix edits: TOML with comments, inline tables and CRLF,
// JSONC with comments and trailing commas. Every result must also be accepted by wrangler's own reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TextFileEdit } from '../../server/src/analysis/findings';
import { applyTextEdits } from '../../server/src/analysis/fixes/json-edits';
import { addServiceBinding, addVar, appendCompatibilityFlag, copyServiceBinding, enableAdditionalModule } from '../../server/src/analysis/fixes/wrangler-edits';
import type { WranglerConfig } from '../../server/src/analysis/model';
import { parseWranglerConfig } from '../../server/src/analysis/parse/wrangler';
import { readWithWrangler } from './wrangler-reader';

function edit(name: string, text: string, make: (w: WranglerConfig) => TextFileEdit[] | undefined): string | undefined {
  const wrangler = parseWranglerConfig(`/gw/${name}`, text);
  const edits = make(wrangler);
  return edits ? applyTextEdits(text, wrangler.lines, edits) : undefined;
}

const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

const TOML = `# gateway Worker
name = "gateway" # deployed name
main = "src/index.js"
compatibility_date = "2025-07-04"

[vars]
ISSUER = "https://auth.example.com/" # keep

[[services]] # hooks
binding = "HOOKS"
service = "hooks"

# ---- staging ----
[env.staging]
name = "gateway-staging"

[env.staging.vars]
ISSUER = "https://staging.example.com/"

# ---- production ----
[env.production]
services = [
  { binding = "HOOKS", service = "hooks" }, # same Worker
]
`;

test('TOML: a second [[services]] table goes right after the last one, comments and blank lines kept', () => {
  const out = edit('wrangler.toml', TOML, (w) => addServiceBinding(w, '', 'TARGET', 'orders'));
  assert.equal(out, TOML.replace('service = "hooks"\n\n# ---- staging', 'service = "hooks"\n\n[[services]]\nbinding = "TARGET"\nservice = "orders"\n\n# ---- staging'));
});

test('TOML: [[env.NAME.services]] goes after the last table of that environment, before the next environment', () => {
  const out = edit('wrangler.toml', TOML, (w) => addServiceBinding(w, 'staging', 'HOOKS', 'hooks-staging'));
  const expected = TOML.replace('ISSUER = "https://staging.example.com/"\n', 'ISSUER = "https://staging.example.com/"\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks-staging"\n');
  assert.equal(out, expected);
  const reading = readWithWrangler('wrangler.toml', out!, ['', 'staging', 'production']);
  assert.equal(reading.ok, true, reading.error);
  assert.deepEqual(reading.services['staging'], [{ binding: 'HOOKS', service: 'hooks-staging' }]);
  assert.deepEqual(reading.services[''], [{ binding: 'HOOKS', service: 'hooks' }]);
});

test('TOML: a multi-line inline array gets a new line in its own layout, trailing comma and comment kept', () => {
  const out = edit('wrangler.toml', TOML, (w) => addServiceBinding(w, 'production', 'TARGET', 'orders'));
  assert.equal(out, TOML.replace('# same Worker\n]', '# same Worker\n  { binding = "TARGET", service = "orders" },\n]'));
  const reading = readWithWrangler('wrangler.toml', out!, ['production']);
  assert.equal(reading.ok, true, reading.error);
  assert.deepEqual(reading.services['production']!.map((s) => s.binding), ['HOOKS', 'TARGET']);
});

test('TOML with CRLF line endings: inserted lines use CRLF too', () => {
  const text = crlf(TOML);
  const out = edit('wrangler.toml', text, (w) => addServiceBinding(w, 'staging', 'HOOKS', 'hooks'));
  assert.equal(out, crlf(TOML.replace('ISSUER = "https://staging.example.com/"\n', 'ISSUER = "https://staging.example.com/"\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks"\n')));
  assert.ok(!/[^\r]\n/.test(out!), 'no bare LF');
  const copied = edit('wrangler.toml', text, (w) => copyServiceBinding(w, w.environments[0]!.services[0]!, w.environments[0]!.name, 'staging'));
  assert.equal(copied, out);
});

test('TOML: one-line inline arrays, with and without a trailing comma, and an empty one', () => {
  const one = 'name = "gw"\nservices = [ { binding = "A", service = "a" } ]\n';
  assert.equal(edit('wrangler.toml', one, (w) => addServiceBinding(w, '', 'B', 'b')), 'name = "gw"\nservices = [ { binding = "A", service = "a" }, { binding = "B", service = "b" } ]\n');
  const trailing = 'name = "gw"\nservices = [{binding = "A", service = "a"},]\n';
  assert.equal(edit('wrangler.toml', trailing, (w) => addServiceBinding(w, '', 'B', 'b')), 'name = "gw"\nservices = [{binding = "A", service = "a"}, {binding = "B", service = "b"},]\n');
  const empty = 'name = "gw"\nservices = []\n';
  const out = edit('wrangler.toml', empty, (w) => addServiceBinding(w, '', 'B', 'b', 'HookEntrypoint'));
  assert.equal(out, 'name = "gw"\nservices = [{ binding = "B", service = "b", entrypoint = "HookEntrypoint" }]\n');
  assert.deepEqual(readWithWrangler('wrangler.toml', out!).services[''], [{ binding: 'B', service: 'b', entrypoint: 'HookEntrypoint' }]);
});

test('TOML: an empty array written over several lines stays so; the element gets a line of its own', () => {
  const open = crlf('name = "gw"\nservices = [\n]\n');
  const out = edit('wrangler.toml', open, (w) => addServiceBinding(w, '', 'B', 'b'));
  assert.equal(out, crlf('name = "gw"\nservices = [\n  { binding = "B", service = "b" }\n]\n'));
  assert.deepEqual(readWithWrangler('wrangler.toml', out!).services[''], [{ binding: 'B', service: 'b' }]);
  // Inside an environment, `]` indented: the element one step in from the `[` line, `]` kept where it was.
  const nested = 'name = "gw"\n[env.staging]\n  services = [\n\n    ]\n';
  const staged = edit('wrangler.toml', nested, (w) => addServiceBinding(w, 'staging', 'B', 'b'));
  assert.equal(staged, 'name = "gw"\n[env.staging]\n  services = [\n    { binding = "B", service = "b" }\n    ]\n');
  assert.deepEqual(readWithWrangler('wrangler.toml', staged!, ['staging']).services['staging'], [{ binding: 'B', service: 'b' }]);
});

test('TOML: an empty inline array holding only comments keeps them; the element goes on a line after them', () => {
  const own = 'name = "gw"\nservices = [\n  # TODO: add the hook Worker\n]\n';
  const out = edit('wrangler.toml', own, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'));
  assert.equal(out, 'name = "gw"\nservices = [\n  # TODO: add the hook Worker\n  { binding = "HOOKS", service = "hooks" }\n]\n');
  assert.deepEqual(readWithWrangler('wrangler.toml', out!).services[''], [{ binding: 'HOOKS', service: 'hooks' }]);
  // The comment on the `[` line: one step in from that line; CRLF kept.
  const onOpen = crlf('name = "gw"\ncompatibility_flags = [ # none yet\n]\n');
  const flagged = edit('wrangler.toml', onOpen, (w) => appendCompatibilityFlag(w, 'nodejs_compat'));
  assert.equal(flagged, crlf('name = "gw"\ncompatibility_flags = [ # none yet\n  "nodejs_compat"\n]\n'));
  assert.deepEqual(readWithWrangler('wrangler.toml', flagged!).compatibilityFlags[''], ['nodejs_compat']);
});

test('TOML: vars written with dotted keys get one more dotted key, never a second [vars] table', () => {
  const root = 'name = "gw"\nvars.ISS = "x" # issuer\n\n[env.staging]\nvars.ISS = "y"\nname = "gw-s"\n';
  const top = edit('wrangler.toml', root, (w) => addVar(w, '', 'AUD', ''));
  assert.equal(top, root.replace('# issuer\n', '# issuer\nvars.AUD = ""\n'));
  assert.deepEqual(readWithWrangler('wrangler.toml', top!).vars[''], { ISS: 'x', AUD: '' });
  const staging = edit('wrangler.toml', root, (w) => addVar(w, 'staging', 'AUD', ''));
  assert.equal(staging, root.replace('vars.ISS = "y"\n', 'vars.ISS = "y"\nvars.AUD = ""\n'));
  const reading = readWithWrangler('wrangler.toml', staging!, ['staging']);
  assert.equal(reading.ok, true, reading.error);
  assert.deepEqual(reading.vars['staging'], { ISS: 'y', AUD: '' });
  // Defined by a dotted key at the root (`env.staging.vars.ISS`): the same key shape, in that place.
  const dottedEnv = 'name = "gw"\nenv.staging.vars.ISS = "y"\n';
  const out = edit('wrangler.toml', dottedEnv, (w) => addVar(w, 'staging', 'AUD', ''));
  assert.equal(out, 'name = "gw"\nenv.staging.vars.ISS = "y"\nenv.staging.vars.AUD = ""\n');
  assert.deepEqual(readWithWrangler('wrangler.toml', out!, ['staging']).vars['staging'], { ISS: 'y', AUD: '' });
});

test('TOML: a new top-level [[services]] goes at the end of the top-level section, before [env.*]', () => {
  const text = 'name = "gw"\nmain = "src/index.js"\n\n# staging\n[env.staging]\nname = "gw-s"\n';
  const out = edit('wrangler.toml', text, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'));
  assert.equal(out, 'name = "gw"\nmain = "src/index.js"\n\n[[services]]\nbinding = "HOOKS"\nservice = "hooks"\n\n# staging\n[env.staging]\nname = "gw-s"\n');
  const reading = readWithWrangler('wrangler.toml', out!, ['', 'staging']);
  assert.equal(reading.ok, true, reading.error);
  assert.deepEqual(reading.services[''], [{ binding: 'HOOKS', service: 'hooks' }]);
  assert.deepEqual(reading.services['staging'], []);
});

test('TOML: a file without a final newline and an empty file', () => {
  assert.equal(edit('wrangler.toml', 'name = "gw"', (w) => addServiceBinding(w, '', 'A', 'a')), 'name = "gw"\n\n[[services]]\nbinding = "A"\nservice = "a"');
  assert.equal(edit('wrangler.toml', '', (w) => addServiceBinding(w, '', 'A', 'a')), '[[services]]\nbinding = "A"\nservice = "a"\n');
});

test('TOML: no edit where a header cannot extend the environment, or the text does not parse', () => {
  const inlineEnv = 'name = "gw"\nenv = { staging = { name = "s" } }\n';
  assert.equal(edit('wrangler.toml', inlineEnv, (w) => addServiceBinding(w, 'staging', 'A', 'a')), undefined);
  assert.equal(edit('wrangler.toml', 'name = "gw"\n[env.staging\nname = 1\n', (w) => addServiceBinding(w, '', 'A', 'a')), undefined);
  assert.equal(edit('wrangler.toml', 'name = "gw"\n', (w) => addServiceBinding(w, 'nope', 'A', 'a')), undefined);
  assert.equal(edit('wrangler.toml', 'services = "x"\n', (w) => addServiceBinding(w, '', 'A', 'a')), undefined);
});

const JSONC = `{
  // the gateway
  "name": "gateway",
  "main": "src/index.js",
  "services": [
    { "binding": "HOOKS", "service": "hooks" }, // hooks
  ],
  "env": {
    "staging": {
      "name": "gateway-staging", // own name
    },
  },
}
`;

test('JSONC: array element appended in the array\'s layout, comments and trailing commas kept', () => {
  const out = edit('wrangler.jsonc', JSONC, (w) => addServiceBinding(w, '', 'TARGET', 'orders'));
  assert.equal(out, JSONC.replace('// hooks\n', '// hooks\n    { "binding": "TARGET", "service": "orders" },\n'));
  const reading = readWithWrangler('wrangler.jsonc', out!);
  assert.equal(reading.ok, true, reading.error);
  assert.deepEqual(reading.services['']!.map((s) => s.binding), ['HOOKS', 'TARGET']);
});

test('JSONC: services created inside env.NAME after its last property; CRLF kept', () => {
  const out = edit('wrangler.jsonc', JSONC, (w) => addServiceBinding(w, 'staging', 'HOOKS', 'hooks'));
  const expected = JSONC.replace('// own name\n', '// own name\n      "services": [{ "binding": "HOOKS", "service": "hooks" }],\n');
  assert.equal(out, expected);
  assert.equal(readWithWrangler('wrangler.jsonc', out!, ['staging']).services['staging']![0]!.binding, 'HOOKS');
  assert.equal(edit('wrangler.jsonc', crlf(JSONC), (w) => addServiceBinding(w, 'staging', 'HOOKS', 'hooks')), crlf(expected));
});

test('JSONC: an empty one-line object or array holding a comment keeps it; the new piece follows it', () => {
  const text = '{\n  "name": "gw",\n  "env": {\n    "staging": { /* staging bindings */ },\n    "prod": { "services": [ /* prod bindings */ ] }\n  }\n}\n';
  const staging = edit('wrangler.jsonc', text, (w) => addServiceBinding(w, 'staging', 'HOOKS', 'hooks'));
  assert.equal(staging, text.replace('{ /* staging bindings */ }', '{ /* staging bindings */ "services": [{ "binding": "HOOKS", "service": "hooks" }] }'));
  assert.deepEqual(readWithWrangler('wrangler.jsonc', staging!, ['staging']).services['staging'], [{ binding: 'HOOKS', service: 'hooks' }]);
  const prod = edit('wrangler.jsonc', text, (w) => addServiceBinding(w, 'prod', 'HOOKS', 'hooks'));
  assert.equal(prod, text.replace('[ /* prod bindings */ ]', '[ /* prod bindings */ { "binding": "HOOKS", "service": "hooks" } ]'));
  // No blank before the closing bracket: one is added after the piece.
  const tight = '{ "name": "gw", "services": [/* none */] }\n';
  assert.equal(edit('wrangler.jsonc', tight, (w) => addServiceBinding(w, '', 'A', 'a')), '{ "name": "gw", "services": [/* none */ { "binding": "A", "service": "a" } ] }\n');
});

test('JSON without trailing commas: a comma is added after the previous last element', () => {
  const json = '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" }\n  ]\n}\n';
  assert.equal(edit('wrangler.json', json, (w) => addServiceBinding(w, '', 'B', 'b')), '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" },\n    { "binding": "B", "service": "b" }\n  ]\n}\n');
  const noServices = '{\n  "name": "gw"\n}\n';
  const out = edit('wrangler.json', noServices, (w) => addServiceBinding(w, '', 'B', 'b'));
  assert.equal(out, '{\n  "name": "gw",\n  "services": [{ "binding": "B", "service": "b" }]\n}\n');
  assert.equal(readWithWrangler('wrangler.json', out!).ok, true);
});

test('vars: appended to [vars] / [env.NAME.vars], to an inline table, or a new table; JSON property', () => {
  assert.equal(edit('wrangler.toml', TOML, (w) => addVar(w, '', 'AUDIENCE', '')), TOML.replace('# keep\n', '# keep\nAUDIENCE = ""\n'));
  const inline = 'name = "gw"\nvars = { A = "1" }\n';
  assert.equal(edit('wrangler.toml', inline, (w) => addVar(w, '', 'B', '')), 'name = "gw"\nvars = { A = "1", B = "" }\n');
  const out = edit('wrangler.toml', TOML, (w) => addVar(w, 'production', 'AUDIENCE', ''));
  assert.equal(out, `${TOML}\n[env.production.vars]\nAUDIENCE = ""\n`);
  assert.deepEqual(readWithWrangler('wrangler.toml', out!, ['production']).vars['production'], { AUDIENCE: '' });
  assert.equal(edit('wrangler.jsonc', JSONC, (w) => addVar(w, 'staging', 'A', '')), JSONC.replace('// own name\n', '// own name\n      "vars": { "A": "" },\n'));
});

test('compatibility_flags: appended to the array, or added after compatibility_date', () => {
  assert.equal(edit('wrangler.toml', TOML, (w) => appendCompatibilityFlag(w, 'nodejs_compat')), TOML.replace('compatibility_date = "2025-07-04"\n', 'compatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n'));
  const withFlags = 'name = "gw"\ncompatibility_flags = [ "streams_enable_constructors" ] # flags\n';
  const out = edit('wrangler.toml', withFlags, (w) => appendCompatibilityFlag(w, 'nodejs_compat'));
  assert.equal(out, 'name = "gw"\ncompatibility_flags = [ "streams_enable_constructors", "nodejs_compat" ] # flags\n');
  assert.deepEqual(readWithWrangler('wrangler.toml', out!).compatibilityFlags[''], ['streams_enable_constructors', 'nodejs_compat']);
  const json = '{\n  "name": "gw",\n  "compatibility_flags": [],\n}\n';
  assert.equal(edit('wrangler.jsonc', json, (w) => appendCompatibilityFlag(w, 'nodejs_compat')), '{\n  "name": "gw",\n  "compatibility_flags": ["nodejs_compat"],\n}\n');
});

test('additional modules: flag and rule added, or the glob appended to the first ESModule rule', () => {
  const bare = 'name = "gw"\nmain = "src/index.js" # entry\n\n[vars]\nA = "1"\n';
  const out = edit('wrangler.toml', bare, (w) => enableAdditionalModule(w, { setFindAdditionalModules: true, glob: 'services/*.js' }));
  assert.equal(out, 'name = "gw"\nmain = "src/index.js" # entry\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]\n\n[vars]\nA = "1"\n');
  assert.equal(readWithWrangler('wrangler.toml', out!).ok, true);
  const rules = 'main = "src/index.js"\nfind_additional_modules = false\nrules = [\n  { type = "Text", globs = ["**/*.md"] },\n  { type = "ESModule", globs = ["lib/*.js"] },\n]\n';
  assert.equal(
    edit('wrangler.toml', rules, (w) => enableAdditionalModule(w, { setFindAdditionalModules: true, glob: 'services/*.js' })),
    'main = "src/index.js"\nfind_additional_modules = true\nrules = [\n  { type = "Text", globs = ["**/*.md"] },\n  { type = "ESModule", globs = ["lib/*.js", "services/*.js"] },\n]\n',
  );
  const tables = 'main = "src/index.js"\n\n[[rules]]\ntype = "Text"\nglobs = ["**/*.md"]\n';
  assert.equal(edit('wrangler.toml', tables, (w) => enableAdditionalModule(w, { setFindAdditionalModules: false, glob: 'services/*.js' })), `${tables}\n[[rules]]\ntype = "ESModule"\nglobs = ["services/*.js"]\n`);
  const json = '{\n  "main": "src/index.js", // entry\n}\n';
  const jsonOut = edit('wrangler.jsonc', json, (w) => enableAdditionalModule(w, { setFindAdditionalModules: true, glob: 'services/*.js' }));
  assert.equal(jsonOut, '{\n  "main": "src/index.js", // entry\n  "find_additional_modules": true,\n  "rules": [{ "type": "ESModule", "globs": ["services/*.js"] }],\n}\n');
  assert.equal(readWithWrangler('wrangler.jsonc', jsonOut!).ok, true);
});
