// Wrangler config fixes on layouts found by review: a `[[services]]` entry with its own subtable, comments between a
// JSONC value and its comma or running over lines after the last item, duplicated keys, a byte order mark, a DEL in
// a name, and entries with fields beyond binding/service/entrypoint copied to another environment. wrangler's own
// reader judges each result.
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

type Entry = Record<string, unknown>;
const servicesRead = (name: string, text: string, env = ''): Entry[] => {
  const reading = readWithWrangler(name, text, [env]);
  assert.equal(reading.ok, true, `${reading.error}\n${text}`);
  return reading.services[env] as Entry[];
};

test('TOML: a new [[services]] goes after the last entry\'s own subtable, which stays that entry\'s', () => {
  for (const env of ['', 'staging']) {
    const prefix = env ? `env.${env}.` : '';
    const text = `name = "gw"\n${env ? `\n[env.${env}]\nname = "gw-${env}"\n` : ''}\n[[${prefix}services]]\nbinding = "AUTH"\nservice = "auth"\n[${prefix}services.props]\nrole = "admin"\n`;
    const out = edit('wrangler.toml', text, (w) => addServiceBinding(w, env, 'HOOKS', 'hooks'));
    assert.equal(out, `${text}\n[[${prefix}services]]\nbinding = "HOOKS"\nservice = "hooks"\n`, env);
    assert.deepEqual(servicesRead('wrangler.toml', out!, env), [{ binding: 'AUTH', service: 'auth', props: { role: 'admin' } }, { binding: 'HOOKS', service: 'hooks' }], env);
  }
});

test('JSONC: a comment between the last value and its comma, or one running over lines after it, never breaks the file or hides the entry', () => {
  const cases = [
    '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" } /* first */,\n  ]\n}\n',
    '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" } /* the auth\n       hooks */\n  ]\n}\n',
    '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" }, /* the auth\n       hooks */\n  ]\n}\n',
    '{\n  "name": "gw",\n  "services": [\n    { "binding": "A", "service": "a" } // first\n    ,\n  ]\n}\n',
  ];
  for (const text of cases) {
    const out = edit('wrangler.jsonc', text, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'));
    assert.deepEqual(servicesRead('wrangler.jsonc', out!).map((s) => s.binding), ['A', 'HOOKS'], out);
    for (const comment of text.match(/\/\*[^]*?\*\/|\/\/.*/g)!) assert.ok(out!.includes(comment), `${comment} kept:\n${out}`);
  }
  // The last property of an object, for a var and a flag.
  const props = '{\n  "name": "gw" /* c */,\n  "compatibility_date": "2025-01-01" /* d\n  */\n}\n';
  const withVar = edit('wrangler.jsonc', props, (w) => addVar(w, '', 'ISSUER', 'x'));
  assert.equal(readWithWrangler('wrangler.jsonc', withVar!).vars['']!.ISSUER, 'x', withVar);
  const withFlag = edit('wrangler.jsonc', props, (w) => appendCompatibilityFlag(w, 'nodejs_compat'));
  assert.deepEqual(readWithWrangler('wrangler.jsonc', withFlag!).compatibilityFlags[''], ['nodejs_compat'], withFlag);
});

test('JSON with a duplicated key: the fix edits the copy wrangler reads (the last)', () => {
  const text = '{\n  "name": "gw",\n  "services": [],\n  "services": [{ "binding": "A", "service": "a" }]\n}\n';
  const out = edit('wrangler.json', text, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'));
  assert.deepEqual(servicesRead('wrangler.json', out!).map((s) => s.binding), ['A', 'HOOKS']);
  const vars = '{\n  "name": "gw",\n  "vars": { "A": "1" },\n  "vars": { "B": "2" }\n}\n';
  assert.deepEqual(readWithWrangler('wrangler.json', edit('wrangler.json', vars, (w) => addVar(w, '', 'C', '3'))!).vars[''], { B: '2', C: '3' });
});

test('a byte order mark does not stop the fixes (TOML and JSONC)', () => {
  const toml = '\uFEFFname = "gw"\n\n[[services]]\nbinding = "A"\nservice = "a"\n';
  assert.deepEqual(servicesRead('wrangler.toml', edit('wrangler.toml', toml, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'))!).map((s) => s.binding), ['A', 'HOOKS']);
  const jsonc = '\uFEFF{\n  "name": "gw",\n  "services": [{ "binding": "A", "service": "a" }]\n}\n';
  assert.deepEqual(servicesRead('wrangler.jsonc', edit('wrangler.jsonc', jsonc, (w) => addServiceBinding(w, '', 'HOOKS', 'hooks'))!).map((s) => s.binding), ['A', 'HOOKS']);
});

test('a DEL character in a name is escaped in TOML (wrangler refuses it raw)', () => {
  const out = edit('wrangler.toml', 'name = "gw"\n', (w) => addServiceBinding(w, '', 'HOOKS', 'ho\u007Fks'));
  assert.ok(out!.includes('"ho\\u007Fks"'), out);
  assert.deepEqual(servicesRead('wrangler.toml', out!).map((s) => s.service), ['ho\u007Fks']);
});

test('copying a binding to another environment takes every field of it (props, remote, environment), in each form', () => {
  const cases: [string, string][] = [
    ['wrangler.toml', 'name = "gw"\nservices = [{ binding = "HOOKS", service = "hooks", entrypoint = "E", props = { tenant = "acme" }, remote = true, environment = "production" }]\n\n[env.staging]\nname = "gw-staging"\n'],
    ['wrangler.toml', 'name = "gw"\n\n[[services]]\nbinding = "HOOKS"\nservice = "hooks"\nentrypoint = "E"\nremote = true\nenvironment = "production"\n[services.props]\ntenant = "acme"\n\n[env.staging]\nname = "gw-staging"\n'],
    ['wrangler.jsonc', '{\n  "name": "gw",\n  "services": [{ "binding": "HOOKS", "service": "hooks", "entrypoint": "E", "props": { "tenant": "acme" }, "remote": true, "environment": "production" }],\n  "env": { "staging": { "name": "gw-staging" } }\n}\n'],
  ];
  for (const [name, text] of cases) {
    const out = edit(name, text, (w) => copyServiceBinding(w, w.environments.find((e) => e.name === '')!.services[0]!, '', 'staging'));
    const [top] = servicesRead(name, out!);
    assert.deepEqual(servicesRead(name, out!, 'staging'), [top], `${name}\n${out}`);
    assert.deepEqual(top, { binding: 'HOOKS', service: 'hooks', entrypoint: 'E', props: { tenant: 'acme' }, remote: true, environment: 'production' });
  }
});

test('the additional-module fix of a large wrangler.json is made once for all its findings', () => {
  const text = `{\n  "name": "gw",\n  "main": "src/index.js",\n  "vars": { ${Array.from({ length: 20000 }, (_, i) => `"V${i}": "${i}"`).join(', ')} }\n}\n`;
  const wrangler = parseWranglerConfig('/gw/wrangler.json', text);
  const first = enableAdditionalModule(wrangler, { setFindAdditionalModules: true, glob: 'services/*.js' })!;
  const again = enableAdditionalModule(wrangler, { setFindAdditionalModules: true, glob: 'services/*.js' })!;
  assert.deepEqual(again, first);
  assert.notEqual(again[0], first[0], 'each finding its own edit objects');
  const other = enableAdditionalModule(wrangler, { setFindAdditionalModules: false, glob: 'services/*.js' })!;
  assert.notDeepEqual(other, first, 'other options, another answer');
});
