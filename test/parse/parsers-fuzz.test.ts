// Property tests: the wrangler, module, dev-vars and .sagrc parsers never throw on mutated real files, and
// every range they report lies inside the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Range } from '../../server/src/analysis/findings';
import type { WranglerConfig } from '../../server/src/analysis/model';
import { parseDevVars } from '../../server/src/analysis/parse/dev-vars';
import { parseModule } from '../../server/src/analysis/parse/module';
import { parseSagRc } from '../../server/src/analysis/parse/sagrc';
import { parseWranglerConfig } from '../../server/src/analysis/parse/wrangler';

const TOML = `name = "gw" # c
main = "src/index.js"
services = [ { binding = "A", service = "a" }, { binding = "B", service = "b", entrypoint = "E" } ]
[vars]
X = "1"
[[kv_namespaces]]
binding = "CONFIG"
[env.staging]
name = "gw-s"
[[env.staging.services]]
binding = "A"
service = "a-s"
`;
const JSONC = `{
  // c
  "name": "gw", "main": "src/index.js",
  "services": [ { "binding": "A", "service": "a" }, ],
  "vars": { "X": 1 },
  "env": { "staging": { "services": [ { "binding": "A", "service": "a-s", "environment": "p" } ] } },
}
`;
const MODULE = `import { WorkerEntrypoint as WE } from 'cloudflare:workers';
class Base extends WE { async fetch(r) { if (r) return new Response(''); } }
export class Hooks extends Base { before(r) { return undefined; } }
export default class Svc extends Base { run() { return import('./x.js'); } }
`;

/** A text mutated by a few deletions, insertions of syntax-heavy characters, and line duplications. */
function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom('[', ']', '{', '}', '"', "'", '=', ',', '\n', '\r\n', '#', '.', ' ', 'a', '1', '\\', '/', '*', '\u0000', '\uFFFD', '😀'), { maxLength: 8 }).map((parts) => parts.join('')) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) => {
    let text = base;
    for (const e of edits) {
      const at = text.length === 0 ? 0 : e.at % text.length;
      if (e.kind === 'delete') text = text.slice(0, at) + text.slice(at + e.length);
      else if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
      else {
        const start = text.lastIndexOf('\n', at) + 1;
        const end = text.indexOf('\n', at);
        const line = text.slice(start, end < 0 ? text.length : end + 1);
        text = text.slice(0, start) + line + text.slice(start);
      }
    }
    return text;
  });
}

function assertInside(range: Range, text: string, what: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside the file`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `${what}: character ${p.character} outside line ${p.line}`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what}: range ends before it starts`);
}

function wranglerRanges(config: WranglerConfig): Range[] {
  const out: Range[] = config.syntaxErrors.map((e) => e.range);
  if (config.name) out.push(config.name.range);
  for (const env of config.environments) {
    out.push(env.range);
    for (const s of env.services) out.push(s.range, s.binding.range, ...(s.service ? [s.service.range] : []));
    if (env.servicesForm.kind === 'toml-table-array') out.push(env.servicesForm.lastTableRange);
    if (env.servicesForm.kind === 'toml-inline-array' || env.servicesForm.kind === 'json-array') out.push(env.servicesForm.arrayRange);
    for (const v of env.vars.values()) out.push(v.range);
    for (const b of [...env.kvNamespaces, ...env.otherBindings]) out.push(b.name.range);
    if (env.main) out.push(env.main.range);
  }
  return out;
}

test('wrangler.toml: mutated files never throw and every range is inside the file', () => {
  fc.assert(fc.property(mutated(TOML), (text) => {
    const config = parseWranglerConfig('/gw/wrangler.toml', text);
    for (const range of wranglerRanges(config)) assertInside(range, text, 'toml');
  }), { numRuns: 600 });
});

test('wrangler.jsonc: mutated files never throw and every range is inside the file', () => {
  fc.assert(fc.property(mutated(JSONC), (text) => {
    const config = parseWranglerConfig('/gw/wrangler.jsonc', text);
    for (const range of wranglerRanges(config)) assertInside(range, text, 'jsonc');
  }), { numRuns: 600 });
});

test('modules, dev vars and .sagrc.json: mutated files never throw, ranges inside', () => {
  fc.assert(fc.property(mutated(MODULE), (text) => {
    const facts = parseModule('/gw/a.js', text);
    if (facts.parseError) assertInside(facts.parseError.range, text, 'module error');
    if (facts.defaultExport) assertInside(facts.defaultExport.range, text, 'default export');
    for (const i of facts.imports) assertInside(i.range, text, 'import');
  }), { numRuns: 300 });
  fc.assert(fc.property(mutated('A=1\nexport B="two"\nC=\'3\' # c\n'), (text) => {
    for (const v of parseDevVars('/gw/.dev.vars', text).vars.values()) assertInside(v.range, text, 'dev var');
  }), { numRuns: 300 });
  fc.assert(fc.property(mutated('{ "runtime": "bundled", "rules": { "SAG301": "off" }, "ignore": [{ "code": "SAG1", "file": "a" }] }'), (text) => {
    for (const p of parseSagRc('/gw/.sagrc.json', text).problems) assertInside(p.range, text, 'sagrc');
  }), { numRuns: 300 });
});
