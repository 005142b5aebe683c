// The seed troubleshooting example (SPEC D, issue 2): hooks -> HOOKS and target -> TARGET, POST /orders with a
// pre_process hook and a service_binding integration. Declared: no errors. One binding removed: SAG301 at the
// exact position; its fix yields a file wrangler's own reader accepts and that re-checks clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, TextFileEdit } from '../../../server/src/analysis/findings';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { checkFixture } from '../../support/engine';
import { readWithWrangler } from '../../fixes/wrangler-reader';

const CONFIG = `{
  "serviceBindings": [
    { "alias": "hooks", "binding": "HOOKS" },
    { "alias": "target", "binding": "TARGET" }
  ],
  "paths": [
    {
      "method": "POST",
      "path": "/orders",
      "pre_process": { "binding": "hooks", "function": "before" },
      "integration": { "type": "service_binding", "binding": "target", "function": "run" }
    }
  ]
}
`;

const HEAD = `name = "gateway"
main = "src/index.js"
compatibility_date = "2025-07-04"
compatibility_flags = ["nodejs_compat"]
`;

const INLINE_BOTH = `${HEAD}services = [
  { binding = "HOOKS", service = "hooks" },
  { binding = "TARGET", service = "orders" },
]
`;

const TABLES_BOTH = `${HEAD}
# the hook Worker
[[services]]
binding = "HOOKS"
service = "hooks"

[[services]]
binding = "TARGET"
service = "orders"
`;

const JSONC_BOTH = `{
  "name": "gateway",
  "main": "src/index.js",
  "compatibility_date": "2025-07-04",
  "compatibility_flags": ["nodejs_compat"],
  // hooks and the order service
  "services": [
    { "binding": "HOOKS", "service": "hooks" },
    { "binding": "TARGET", "service": "orders" },
  ],
}
`;

function files(wranglerName: string, wrangler: string): Record<string, string> {
  return { '/gw/api-config.json': CONFIG, [`/gw/${wranglerName}`]: wrangler, '/gw/src/index.js': 'export default { async fetch() { return new Response(""); } };\n' };
}

const errorsOf = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');
const BINDING_CODES = new Set(['SAG301', 'SAG302', 'SAG303', 'SAG304']);

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`seed example with both bindings declared has no errors (${runtime})`, () => {
    for (const [name, text] of [['wrangler.toml', INLINE_BOTH], ['wrangler.toml', TABLES_BOTH], ['wrangler.jsonc', JSONC_BOTH]] as const) {
      const findings = checkFixture(files(name, text), { runtime });
      assert.deepEqual(errorsOf(findings).map((f) => `${f.code} ${f.message}`), [], `${name}: ${text}`);
      assert.deepEqual(findings.filter((f) => BINDING_CODES.has(f.code)), []);
    }
  });
}

/** Apply one fix's edits to the file they target. */
function applyFix(text: string, file: string, edits: TextFileEdit[]): string {
  return applyTextEdits(text, new LineIndex(text), edits.filter((e) => e.file === file));
}

const cases: { label: string; name: string; text: string; removed: string }[] = [
  { label: 'inline array, HOOKS removed', name: 'wrangler.toml', text: INLINE_BOTH.replace('  { binding = "HOOKS", service = "hooks" },\n', ''), removed: 'HOOKS' },
  { label: 'inline array, TARGET removed', name: 'wrangler.toml', text: INLINE_BOTH.replace('  { binding = "TARGET", service = "orders" },\n', ''), removed: 'TARGET' },
  { label: '[[services]] tables, HOOKS removed', name: 'wrangler.toml', text: TABLES_BOTH.replace('[[services]]\nbinding = "HOOKS"\nservice = "hooks"\n\n', ''), removed: 'HOOKS' },
  { label: 'JSONC, TARGET removed', name: 'wrangler.jsonc', text: JSONC_BOTH.replace('    { "binding": "TARGET", "service": "orders" },\n', ''), removed: 'TARGET' },
  { label: 'no services at all, HOOKS', name: 'wrangler.toml', text: `${HEAD}services = [ { binding = "TARGET", service = "orders" } ]\n`, removed: 'HOOKS' },
];

for (const c of cases) {
  test(`seed example, ${c.label}: SAG301 on serviceBindings[i].binding, fix accepted by wrangler, re-check clean`, () => {
    const input = files(c.name, c.text);
    const findings = checkFixture(input, { runtime: 'upstream' });
    const sag301 = findings.filter((f) => f.code === 'SAG301');
    assert.equal(sag301.length, 1, JSON.stringify(findings, null, 1));
    const finding = sag301[0]!;
    const line = c.removed === 'HOOKS' ? 2 : 3;
    assert.equal(finding.file, '/gw/api-config.json');
    const character = line === 2 ? 35 : 36;
    assert.deepEqual(finding.range, { start: { line, character }, end: { line, character: character + c.removed.length + 2 } });
    assert.equal(finding.pointer, `/serviceBindings/${line - 2}/binding`);
    assert.equal(finding.env, '');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, new RegExp(`^binding \`${c.removed}\` is not declared in ${c.name.replace('.', '\\.')} \\(declared: ${c.removed === 'HOOKS' ? 'TARGET' : 'HOOKS'}\\)`));
    assert.equal(errorsOf(findings).length, 1, JSON.stringify(errorsOf(findings)));

    const fix = finding.fixes[0]!;
    assert.match(fix.title, new RegExp(`Add binding \`${c.removed}\``));
    assert.equal(fix.safe, false, 'no Worker named like the binding in the workspace: the service name is a guess');
    // The guess is located exactly: the value of `service` in the new entry, not the binding's text.
    const guess = c.removed.toLowerCase();
    assert.equal(fix.placeholder?.kind, 'workerName');
    assert.equal(fix.placeholder.text, guess);
    const holder = fix.edits[fix.placeholder.edit]!.newText;
    assert.equal(holder.slice(fix.placeholder.offset, fix.placeholder.offset + guess.length), guess);
    assert.match(holder.slice(0, fix.placeholder.offset), /"?service"?\s*[:=]\s*"$/);
    const fixed = applyFix(c.text, `/gw/${c.name}`, fix.edits as TextFileEdit[]);
    const reading = readWithWrangler(c.name, fixed);
    assert.equal(reading.ok, true, reading.error);
    assert.deepEqual(reading.services['']!.map((s) => s.binding).sort(), ['HOOKS', 'TARGET']);

    const again = checkFixture({ ...input, [`/gw/${c.name}`]: fixed }, { runtime: 'upstream' });
    assert.deepEqual(errorsOf(again).map((f) => f.code), []);
    assert.deepEqual(again.filter((f) => BINDING_CODES.has(f.code)), []);
  });
}

test('seed example: the fix is safe and names the Worker when the hook Worker is in the workspace', () => {
  const input = {
    ...files('wrangler.toml', `${HEAD}services = [ { binding = "TARGET", service = "orders" } ]\n`),
    '/hooks/wrangler.toml': 'name = "hooks"\nmain = "src/index.ts"\n',
    '/hooks/src/index.ts': "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Hooks extends WorkerEntrypoint {\n  async before(request: Request) { return true; }\n}\n",
  };
  const [finding] = checkFixture(input, { runtime: 'upstream' }).filter((f) => f.code === 'SAG301');
  assert.ok(finding);
  const fix = finding.fixes[0]!;
  assert.equal(fix.safe, true);
  assert.deepEqual(fix.edits.map((e) => e.newText), [', { binding = "HOOKS", service = "hooks" }']);
  assert.equal(fix.placeholder, undefined, 'an inferred Worker name is no guess to ask for');
});
