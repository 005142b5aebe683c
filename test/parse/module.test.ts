// parseModule: default-export shapes (A.3 contract, E.4), WorkerEntrypoint detection (B.1 RPC), methods and
// return kinds, local inheritance, imports with ranges, and bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModule } from '../../server/src/analysis/parse/module';
import { r } from '../support/ranges';

const js = (text: string) => parseModule('/gw/src/services/a.js', text);
const ts = (text: string) => parseModule('/gw/src/services/a.ts', text);

test('class default export with fetch; range of the export statement; return kinds', () => {
  const facts = js('export default class Endpoint {\n  async fetch(request, env) {\n    if (env.X) return new Response("ok");\n    return Response.json({});\n  }\n  helper() {}\n}\n');
  assert.equal(facts.language, 'js');
  assert.equal(facts.parseError, undefined);
  const d = facts.defaultExport!;
  assert.equal(d.kind, 'class');
  assert.equal(d.hasFetch, true);
  assert.deepEqual(d.range, r(0, 0, 6, 1));
  assert.equal(d.cls?.name, 'Endpoint');
  assert.deepEqual([...d.cls!.methods.keys()], ['fetch', 'helper']);
  assert.deepEqual(d.cls!.methods.get('fetch')!.returns, ['response']);
  assert.deepEqual(d.cls!.methods.get('helper')!.returns, ['implicit']);
  assert.deepEqual(d.cls!.methods.get('fetch')!.range, r(1, 2, 4, 3));
});

test('return kinds: undefined, null, booleans, numbers, strings, objects, requests, implicit fall-through', () => {
  const facts = js(`export default class H {
    a() { return; }
    b(x) { if (x) return null; else return true; }
    c() { return false; }
    d() { return 1; }
    e() { return \`s\`; }
    f() { return { ok: 1 }; }
    g(req) { return new Request(req); }
    h(x) { if (x) { return 1; } }
    i(x) { try { return fetch(x); } catch { throw new Error(); } }
    j(x) { switch (x) { case 1: return 1; default: return 2; } }
    k = async (req) => new Response('x');
    static s() { return undefined; }
    #p() { return void 0; }
    l(x) { return x ? 'a' : null; }
  }`);
  const m = facts.defaultExport!.cls!.methods;
  const kinds = Object.fromEntries([...m].map(([name, facts]) => [name, facts.returns]));
  assert.deepEqual(kinds, {
    a: ['undefined'], b: ['null', 'true'], c: ['false'], d: ['number'], e: ['string'], f: ['object'], g: ['request'],
    h: ['number', 'implicit'], i: ['response'], j: ['number'], k: ['response'], s: ['undefined'], '#p': ['undefined'], l: ['string', 'null'],
  });
  assert.equal(m.get('s')!.isStatic, true);
  assert.equal(m.get('#p')!.isPrivate, true);
});

test('`export default Foo` follows the local declaration; `export { X as default }` too', () => {
  const viaName = js('class Foo { fetch() {} }\nexport default Foo;\n');
  assert.equal(viaName.defaultExport?.kind, 'class');
  assert.equal(viaName.defaultExport?.hasFetch, true);
  assert.deepEqual(viaName.defaultExport?.range, r(1, 0, 1, 19));
  const viaSpecifier = js('const handler = { fetch() {}, scheduled() {} };\nexport { handler as default };\n');
  assert.equal(viaSpecifier.defaultExport?.kind, 'object');
  assert.deepEqual(viaSpecifier.defaultExport?.objectKeys, ['fetch', 'scheduled']);
  assert.equal(viaSpecifier.defaultExport?.hasFetch, true);
  assert.equal(js('import X from "./x.js";\nexport default X;\n').defaultExport?.kind, 'unresolved');
  assert.equal(js('export { default } from "./x.js";\n').defaultExport?.kind, 'unresolved');
});

test('object, arrow, function and other default exports', () => {
  assert.deepEqual(js('export default { async fetch(req) { return new Response(""); } };').defaultExport?.objectKeys, ['fetch']);
  const arrow = js('export default (req) => new Response("");').defaultExport!;
  assert.equal(arrow.kind, 'arrow');
  assert.equal(arrow.hasFetch, false);
  assert.equal(js('const f = () => 1;\nexport default f;').defaultExport?.kind, 'arrow');
  assert.equal(js('export default 42;').defaultExport?.kind, 'other');
  assert.equal(js('export default new Hono();').defaultExport?.kind, 'other');
  assert.equal(js('export default async function () {}').defaultExport?.kind, 'other', 'async functions cannot be constructed');
  assert.equal(js('export const x = 1;').defaultExport, undefined);
});

test('function default export: fetch on the prototype or assigned to this', () => {
  const proto = js('export default function Svc() {}\nSvc.prototype.fetch = async function (req) { return new Response(""); };\n').defaultExport!;
  assert.equal(proto.kind, 'function');
  assert.equal(proto.hasFetch, true);
  assert.deepEqual(proto.cls?.methods.get('fetch')?.returns, ['response']);
  const protoObject = js('function Svc() {}\nSvc.prototype = { fetch() { return 1; } };\nexport default Svc;\n').defaultExport!;
  assert.equal(protoObject.hasFetch, true);
  const self = js('export default function Svc() { this.fetch = (r) => new Response(""); }').defaultExport!;
  assert.equal(self.hasFetch, true);
  assert.equal(js('export default function Svc() {}').defaultExport?.hasFetch, false);
});

test('inheritance from a local class is merged; static fetch does not count', () => {
  const facts = js('class Base { fetch() { return new Response(""); } ping() {} }\nexport default class Svc extends Base { run() {} }\n');
  const d = facts.defaultExport!;
  assert.equal(d.hasFetch, true);
  assert.equal(d.cls?.superClass, 'Base');
  assert.deepEqual([...d.cls!.methods.keys()].sort(), ['fetch', 'ping', 'run']);
  assert.equal(js('export default class S { static fetch() {} }').defaultExport?.hasFetch, false);
  // A cycle (invalid at run time) must not loop.
  assert.equal(js('class A extends B {}\nclass B extends A {}\nexport default A;').defaultExport?.kind, 'class');
});

test('WorkerEntrypoint from cloudflare:workers: plain, aliased, namespace, via a local base class; lookalikes are not', () => {
  assert.equal(js('import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class H extends WorkerEntrypoint { before() {} }').defaultExport?.cls?.extendsWorkerEntrypoint, true);
  assert.equal(js('import { WorkerEntrypoint as WE } from "cloudflare:workers";\nexport default class H extends WE {}').defaultExport?.cls?.extendsWorkerEntrypoint, true);
  const ns = js('import * as cf from "cloudflare:workers";\nexport default class H extends cf.WorkerEntrypoint {}').defaultExport!.cls!;
  assert.equal(ns.extendsWorkerEntrypoint, true);
  assert.equal(ns.superClass, 'cf.WorkerEntrypoint');
  assert.equal(js('import { WorkerEntrypoint } from "cloudflare:workers";\nclass Base extends WorkerEntrypoint {}\nexport default class H extends Base {}').defaultExport?.cls?.extendsWorkerEntrypoint, true);
  assert.equal(js('import { WorkerEntrypoint } from "./fake.js";\nexport default class H extends WorkerEntrypoint {}').defaultExport?.cls?.extendsWorkerEntrypoint, false);
  assert.equal(js('class WorkerEntrypoint {}\nexport default class H extends WorkerEntrypoint {}').defaultExport?.cls?.extendsWorkerEntrypoint, false);
});

test('named exported classes are RPC targets', () => {
  const facts = js('import { WorkerEntrypoint } from "cloudflare:workers";\nexport class Hooks extends WorkerEntrypoint { before() {} }\nclass Target extends WorkerEntrypoint { run() {} }\nexport const Other = class {};\nexport { Target as Renamed };\nexport default { fetch() {} };\n');
  assert.deepEqual([...facts.exportedClasses.keys()], ['Hooks', 'Other', 'Renamed']);
  assert.equal(facts.exportedClasses.get('Renamed')?.name, 'Target');
  assert.equal(facts.exportedClasses.get('Renamed')?.methods.has('run'), true);
  assert.equal(facts.exportedClasses.get('Hooks')?.extendsWorkerEntrypoint, true);
});

test('TypeScript: satisfies/as wrappers, private/protected members, type annotations', () => {
  const facts = ts('import type { Env } from "./env";\nexport default {\n  async fetch(req: Request, env: Env): Promise<Response> { return new Response(""); },\n} satisfies ExportedHandler<Env>;\n');
  assert.equal(facts.language, 'ts');
  assert.equal(facts.parseError, undefined);
  assert.equal(facts.defaultExport?.kind, 'object');
  assert.equal(facts.defaultExport?.hasFetch, true);
  const cls = ts('export default class S { private secret(): void {} protected p() {} public fetch(r: Request): Response { return new Response(""); } }').defaultExport!.cls!;
  assert.equal(cls.methods.get('secret')!.isPrivate, true);
  assert.equal(cls.methods.get('p')!.isPrivate, true);
  assert.equal(cls.methods.get('fetch')!.isPrivate, false);
  assert.equal(ts('const h = { fetch() {} } as const;\nexport default h;').defaultExport?.kind, 'object');
});

test('imports: static, re-exports, dynamic with literal specifiers, with ranges', () => {
  const facts = js('import a from "pkg";\nimport "./side.js";\nexport * from "./all.js";\nconst m = await import("./lazy.js");\nconst n = import(`./tpl.js`);\nconst o = import(name);\n');
  assert.deepEqual(facts.imports.map((i) => [i.specifier, i.dynamic]), [['pkg', false], ['./side.js', false], ['./all.js', false], ['./lazy.js', true], ['./tpl.js', true]]);
  assert.deepEqual(facts.imports[0]!.range, r(0, 14, 0, 19));
  assert.deepEqual(facts.imports[3]!.range, r(3, 23, 3, 34));
});

test('syntax errors are reported and the recoverable facts kept; nothing throws on bad input', () => {
  const broken = js('export default class A { fetch() { return 1 }\n');
  assert.ok(broken.parseError);
  assert.match(broken.parseError!.message, /^syntax error: /);
  const recovered = js('export default class A { fetch() {} }\nconst x = 1;\nconst x = 2;\n');
  assert.ok(recovered.parseError, 'redeclaration is reported');
  assert.equal(recovered.defaultExport?.hasFetch, true, 'and the facts are still read');
  for (const text of ['', '\u0000\u0001', '}}}}', 'export default', `${'('.repeat(10000)}`, `export default ${'['.repeat(20000)}${']'.repeat(20000)};`, `x = ${'a + '.repeat(50000)}1;`, 'x'.repeat(6 * 1024 * 1024)]) {
    const facts = js(text);
    assert.ok(facts.exportedClasses instanceof Map);
  }
  assert.match(js('a\u0000').parseError!.message, /binary/);
  assert.match(js(' '.repeat(6 * 1024 * 1024)).parseError!.message, /too large/);
});
