// Quick fixes of SAG404, SAG405, SAG406 and SAG410: each edit is applied to the service module, which is then
// checked again (the finding is gone and the module still parses) and, for JavaScript, imported and run the way
// the upstream gateway runs it: `new module.default().fetch(request, env, ctx)`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { Finding, RuntimeTarget, TextFileEdit } from '../../../server/src/analysis/findings';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { dropWorkerEntrypoint, wrapDefaultExport } from '../../../server/src/analysis/fixes/module-edits';
import { parseModule } from '../../../server/src/analysis/parse/module';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { checkFixture } from '../../support/engine';

const WRANGLER = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]\n';

/** A gateway whose one service is `module` (upstream: src/services/orders.js; bundled: services/orders.<ext>). */
function gateway(runtime: RuntimeTarget, module: string, ext = 'js'): { files: Record<string, string>; file: string } {
  const file = runtime === 'upstream' ? '/gw/src/services/orders.js' : `/gw/services/orders.${ext}`;
  const entrypoint = runtime === 'upstream' ? './services/orders' : `./services/orders.${ext}`;
  const config = JSON.stringify({ services: [{ alias: 'orders', entrypoint }], paths: [{ method: 'GET', path: '/orders', integration: { type: 'service', binding: 'orders' } }] }, null, 2);
  return { file, files: { '/gw/api-config.json': config, '/gw/wrangler.toml': WRANGLER, '/gw/src/index.js': 'export default {};\n', [file]: module } };
}

function moduleFindings(runtime: RuntimeTarget, module: string, ext = 'js'): Finding[] {
  return checkFixture(gateway(runtime, module, ext).files, { runtime }).filter((f) => /^SAG4\d\d$/.test(f.code));
}

/** The module after fix `index` of the one finding of `code`; asserts the fix edits only the module and is not safe. */
function fixed(runtime: RuntimeTarget, module: string, code: string, index = 0, ext = 'js'): string {
  const { file } = gateway(runtime, module, ext);
  const found = moduleFindings(runtime, module, ext).filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} for ${JSON.stringify(module)}`);
  const fix = found[0]!.fixes[index];
  assert.ok(fix, `${code} has a fix #${index}`);
  assert.equal(fix.safe, false, 'edits to code are never applied unattended');
  assert.ok(fix.edits.every((e) => e.file === file && !('create' in e)));
  return applyTextEdits(module, new LineIndex(module), fix.edits as TextFileEdit[]);
}

/** After the fix: none of the shape findings, and no syntax error (SAG411). */
function assertClean(runtime: RuntimeTarget, module: string, ext = 'js'): void {
  const left = moduleFindings(runtime, module, ext).filter((f) => ['SAG404', 'SAG405', 'SAG406', 'SAG410', 'SAG411'].includes(f.code));
  assert.deepEqual(left.map((f) => `${f.code} ${f.message}`), [], module);
}

/** Import the module from a real file and call it as the upstream gateway does. */
async function runAsUpstream(module: string): Promise<Response> {
  const dir = mkdtempSync(join(tmpdir(), 'sag-module-fix-'));
  try {
    const file = join(dir, 'orders.mjs');
    writeFileSync(file, module);
    const imported = (await import(pathToFileURL(file).href)) as { default: new () => { fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> } };
    return await new imported.default().fetch(new Request('https://gw.example/orders'), {}, {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** TypeScript's own verdict on a module (strict, with the DOM's Request/Response): its error messages. */
function typeErrors(source: string): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === '/m/orders.ts' ? ts.createSourceFile(name, source, version) : read(name, version));
  host.fileExists = ((exists) => (name: string) => name === '/m/orders.ts' || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram(['/m/orders.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('SAG404: make a class the module exports by name the default export (the one with fetch first)', async () => {
  const module = "export class Helper {}\n\nexport class Orders {\n  async fetch() { return new Response('orders'); }\n}";
  const found = moduleFindings('upstream', module).filter((f) => f.code === 'SAG404');
  assert.deepEqual(found[0]!.fixes.map((f) => f.title), ['Make `Orders` the default export', 'Make `Helper` the default export']);
  const after = fixed('upstream', module, 'SAG404');
  assert.equal(after, `${module}\n\nexport default Orders;\n`, 'the missing final line break is added first; the named export stays');
  assertClean('upstream', after);
  assert.equal(await (await runAsUpstream(after)).text(), 'orders');
});

test('SAG404 with no class: a default-export service class, indented like the module, with its line endings', async () => {
  const module = 'const price = 3;\r\nexport function total(n) {\r\n\treturn n * price;\r\n}\r\n';
  const after = fixed('upstream', module, 'SAG404');
  assert.equal(after.slice(0, module.length), module, 'nothing before is touched');
  assert.match(after.slice(module.length), /^\r\nexport default class \{\r\n\tasync fetch\(request, env, ctx\) \{\r\n/);
  assert.doesNotMatch(after.replace(/\r\n/g, ''), /\n/, 'CRLF kept');
  assertClean('upstream', after);
  assert.equal((await runAsUpstream(after)).status, 501);
  // bundled, TypeScript: the fourth `context` argument, typed, and a module TypeScript accepts.
  const tsAfter = fixed('bundled', 'export const answer = 42;\n', 'SAG404', 0, 'ts');
  assert.match(tsAfter, /async fetch\(request: Request, env: unknown, ctx: unknown, context: unknown\)/);
  assertClean('bundled', tsAfter, 'ts');
  assert.deepEqual(typeErrors(tsAfter), []);
});

test('SAG405 upstream: an exported `{ fetch }` object is kept as a const and wrapped in a class calling its fetch', async () => {
  const module = "// orders\nexport default {\n  async fetch(request, env) {\n    return new Response(`orders ${new URL(request.url).pathname} ${this.tag()}`);\n  },\n  tag() { return 'ok'; },\n}\n";
  const after = fixed('upstream', module, 'SAG405');
  assert.match(after, /^\/\/ orders\nconst worker = \{\n/);
  assert.match(after, /\};\n\nexport default class \{\n  async fetch\(\.\.\.args\) \{\n    return worker\.fetch\(\.\.\.args\);\n  \}\n\}\n$/);
  assertClean('upstream', after);
  assert.equal(await (await runAsUpstream(after)).text(), 'orders /orders ok', '`this` is still the object');
});

test('SAG405: an arrow function, a named async function and `export default name` are called by the wrapper', async () => {
  const arrow = "const worker = 1;\nexport default async (request) => new Response('arrow ' + worker)";
  const afterArrow = fixed('upstream', arrow, 'SAG405');
  assert.match(afterArrow, /const handler = async \(request\) => new Response\('arrow ' \+ worker\);\n\nexport default class \{/);
  assertClean('upstream', afterArrow);
  assert.equal(await (await runAsUpstream(afterArrow)).text(), 'arrow 1');

  const named = "export default async function orders(request) {\n  return new Response('named');\n}\n";
  const afterNamed = fixed('upstream', named, 'SAG405');
  assert.match(afterNamed, /^async function orders\(request\) \{/);
  assert.match(afterNamed, /return orders\(\.\.\.args\);/);
  assertClean('upstream', afterNamed);
  assert.equal(await (await runAsUpstream(afterNamed)).text(), 'named');

  const byName = "const app = { fetch: () => new Response('by name') };\nexport default app;\n";
  const afterName = fixed('upstream', byName, 'SAG405');
  assert.equal(afterName, "const app = { fetch: () => new Response('by name') };\nexport default class {\n  async fetch(...args) {\n    return app.fetch(...args);\n  }\n};\n");
  assert.equal(await (await runAsUpstream(afterName)).text(), 'by name');

  // The bundled gateway takes objects; an arrow still needs the wrapper.
  assertClean('bundled', fixed('bundled', arrow, 'SAG405'));
});

test('SAG405 in TypeScript: the wrapper is typed from the value it calls, and TypeScript accepts it', () => {
  const arrow = 'export default async (request: Request): Promise<Response> => new Response(request.url);\n';
  const after = fixed('bundled', arrow, 'SAG405', 0, 'ts');
  assert.match(after, /async fetch\(\.\.\.args: Parameters<typeof handler>\)/);
  assert.deepEqual(typeErrors(after), []);
  assertClean('bundled', after, 'ts');
  // An object whose fetch may be undefined to TypeScript (`satisfies ExportedHandler`): only upstream reports it,
  // on .js files, so the edit is made here directly.
  const object = 'interface Env { TOKEN: string }\nexport default {\n  async fetch(request: Request, env: Env): Promise<Response> {\n    return new Response(env.TOKEN + request.url);\n  },\n} satisfies { fetch?: (request: Request, env: Env) => Promise<Response> };\n';
  const module = parseModule('/m/orders.ts', object);
  const edits = wrapDefaultExport(module, module.defaultExport!)!;
  const wrapped = applyTextEdits(object, module.lines, edits);
  assert.match(wrapped, /async fetch\(\.\.\.args: Parameters<NonNullable<typeof worker\.fetch>>\) \{\n    return worker\.fetch!\(\.\.\.args\);/);
  assert.deepEqual(typeErrors(wrapped), []);
});

test('SAG405: no wrap for what cannot be called (`export default 42`, an object without fetch) or an `export { x as default }`', () => {
  for (const module of ['export default 42;\n', 'export default { handle() {} };\n', "const h = async () => new Response('');\nexport { h as default };\n", 'export default function* gen() {}\n']) {
    const found = moduleFindings('upstream', module).filter((f) => f.code === 'SAG405');
    assert.equal(found.length, 1, module);
    assert.deepEqual(found[0]!.fixes, [], module);
  }
});

test('SAG406: a fetch stub at the end of the class, indented like its members; a class inheriting fetch is clean', async () => {
  const module = "export default class Orders {\n    async handle() {\n        return new Response('');\n    }\n}\n";
  const found = moduleFindings('upstream', module).filter((f) => f.code === 'SAG406');
  assert.equal(found[0]!.fixes[0]!.title, 'Add an `async fetch` method to `Orders`');
  const after = fixed('upstream', module, 'SAG406');
  assert.match(after, /    \}\n    async fetch\(request, env, ctx\) \{\n        \/\/ TODO[^\n]*\n        return new Response\('Not implemented', \{ status: 501 \}\);\n    \}\n\}\n$/);
  assertClean('upstream', after);
  assert.equal((await runAsUpstream(after)).status, 501);
  // A one-line class (the stub indented one step, no blanks left at a line end) and a TypeScript one.
  const oneLine = fixed('upstream', 'export default class { handle() {} }\n', 'SAG406');
  assert.equal(oneLine, "export default class { handle() {}\n  async fetch(request, env, ctx) {\n    // TODO: answer the gateway's requests for this service\n    return new Response('Not implemented', { status: 501 });\n  }\n}\n");
  assertClean('upstream', oneLine);
  const tsAfter = fixed('bundled', 'export default class Orders {\n  handle(): void {}\n}\n', 'SAG406', 0, 'ts');
  assert.deepEqual(typeErrors(tsAfter), []);
  assertClean('bundled', tsAfter, 'ts');
  // Near miss: an object without fetch (bundled) has no class to add to: no fix, still reported.
  assert.deepEqual(moduleFindings('bundled', 'export default { handle() {} };\n').find((f) => f.code === 'SAG406')!.fixes, []);
});

test('SAG410: drop `extends WorkerEntrypoint` (with type arguments, or on the local base class it is inherited from)', async () => {
  const direct = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Orders extends WorkerEntrypoint {\n  async fetch() { return new Response('rpc'); }\n}\n";
  const after = fixed('upstream', direct, 'SAG410');
  assert.equal(after, direct.replace(' extends WorkerEntrypoint', ''));
  assertClean('upstream', after);

  const typed = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class extends WorkerEntrypoint<{ A: string }> {\n  async fetch() { return new Response('rpc'); }\n}\n";
  // Type arguments occur in TypeScript only (upstream entrypoints are .js): the edit is made directly.
  const typedModule = parseModule('/m/orders.ts', typed);
  const typedEdits = dropWorkerEntrypoint(typedModule, typedModule.defaultExport!.cls!)!;
  assert.equal(applyTextEdits(typed, typedModule.lines, typedEdits), typed.replace(' extends WorkerEntrypoint<{ A: string }>', ''));

  const inherited = "import * as cf from 'cloudflare:workers';\nclass Base extends cf.WorkerEntrypoint {\n  async fetch() { return new Response('base'); }\n}\nexport default class Orders extends Base {}\n";
  const afterInherited = fixed('upstream', inherited, 'SAG410');
  assert.equal(afterInherited, inherited.replace('class Base extends cf.WorkerEntrypoint', 'class Base'));
  assertClean('upstream', afterInherited);
  // Near miss: a comment inside the clause is not deleted with it: no fix.
  const commented = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Orders extends /* rpc */ WorkerEntrypoint {\n  async fetch() { return new Response(''); }\n}\n";
  assert.deepEqual(moduleFindings('upstream', commented).find((f) => f.code === 'SAG410')!.fixes, []);
});

test('SAG405: parentheses and comments around the exported value stay; a comment ending the line stays on it', async () => {
  const parens = "export default (async (req) => new Response('parens'));\n";
  const afterParens = fixed('upstream', parens, 'SAG405');
  assert.match(afterParens, /^const handler = \(async \(req\) => new Response\('parens'\)\);\n/);
  assertClean('upstream', afterParens);
  assert.equal(await (await runAsUpstream(afterParens)).text(), 'parens');

  const commented = "export default /* svc */ { async fetch() { return new Response('c'); } } // the service\n";
  const afterCommented = fixed('upstream', commented, 'SAG405');
  assert.match(afterCommented, /^const worker = \/\* svc \*\/ \{ async fetch\(\) \{ return new Response\('c'\); \} \}; \/\/ the service\n\nexport default class \{/);
  assert.equal(await (await runAsUpstream(afterCommented)).text(), 'c');

  const byName = "const app = { fetch: () => new Response('n') };\nexport default /* keep me */ app;\n";
  const afterName = fixed('upstream', byName, 'SAG405');
  assert.match(afterName, /export default \/\* keep me \*\/ class \{/);
  assert.equal(await (await runAsUpstream(afterName)).text(), 'n');

  // A name written with a Unicode escape is still a name in use.
  const escaped = "const h\\u0061ndler = 'x';\nexport default async () => new Response(h\\u0061ndler);\n";
  const afterEscaped = fixed('upstream', escaped, 'SAG405');
  assert.match(afterEscaped, /const handler2 = async/);
  assert.equal(await (await runAsUpstream(afterEscaped)).text(), 'x');
});

test('SAG404 exports the local name of a class exported under another one; a class with only a static fetch comes last', async () => {
  const renamed = "class Orders { async fetch() { return new Response('renamed'); } }\nexport { Orders as Svc };\n";
  const after = fixed('upstream', renamed, 'SAG404');
  assert.match(after, /export default Orders;\n$/);
  assert.equal(await (await runAsUpstream(after)).text(), 'renamed');
  const statics = "export class A { static fetch() {} }\nexport class B { async fetch() { return new Response('b'); } }\n";
  const found = moduleFindings('upstream', statics).find((f) => f.code === 'SAG404')!;
  assert.deepEqual(found.fixes.map((f) => f.title), ['Make `B` the default export', 'Make `A` the default export']);
});

test('SAG406 is not reported for a fetch getter, a `[\'fetch\']` method, a declared field or a base class from another module', () => {
  for (const module of [
    "export default class Orders { get fetch() { return async () => new Response(''); } }\n",
    "export default class Orders { ['fetch']() { return new Response(''); } }\n",
    "import { Base } from './base.mjs';\nexport default class Orders extends Base {}\n",
  ]) {
    assert.deepEqual(moduleFindings('upstream', module).filter((f) => f.code === 'SAG406'), [], module);
  }
  assert.deepEqual(moduleFindings('bundled', 'export default class Orders {\n  declare fetch: (request: Request) => Promise<Response>;\n}\n', 'ts').filter((f) => f.code === 'SAG406'), []);
});

test('SAG406: a last field without its semicolon (`get`, `static`, `x = 1`) does not swallow the stub', () => {
  for (const field of ['get', 'static', 'x = 1']) {
    const module = `export default class Orders {\n  ${field}\n}\n`;
    const after = fixed('upstream', module, 'SAG406');
    assertClean('upstream', after);
  }
});

test('SAG410: no drop fix where it would break the class (`extends (WorkerEntrypoint)`, a constructor calling super); a base class is named', () => {
  for (const module of [
    "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Orders extends (WorkerEntrypoint) {\n  async fetch() { return new Response(''); }\n}\n",
    "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Orders extends WorkerEntrypoint {\n  constructor(ctx, env) { super(ctx, env); }\n  async fetch() { return new Response(''); }\n}\n",
  ]) {
    assert.deepEqual(moduleFindings('upstream', module).find((f) => f.code === 'SAG410')!.fixes, [], module);
  }
  const inherited = "import { WorkerEntrypoint } from 'cloudflare:workers';\nclass Base extends WorkerEntrypoint {\n  async fetch() { return new Response('base'); }\n}\nexport default class Orders extends Base {}\n";
  assert.match(moduleFindings('upstream', inherited).find((f) => f.code === 'SAG410')!.fixes[0]!.title, /^Drop `extends WorkerEntrypoint` from the base class `Base` \(its other subclasses too\)/);
});

test('module fixes in a file that ends its lines with a lone CR write lone CRs (SAG404, SAG405, SAG406)', async () => {
  const cr = (text: string) => text.replace(/\n/g, '\r');
  const cases: [string, string][] = [
    [cr('export class Orders {\n  async fetch() { return new Response(\'orders\'); }\n}\n'), 'SAG404'],
    [cr('export default {\n  async fetch() { return new Response(\'orders\'); },\n};\n'), 'SAG405'],
    [cr('export default class Orders {\n  handle() {}\n}\n'), 'SAG406'],
  ];
  for (const [module, code] of cases) {
    const after = fixed('upstream', module, code);
    assert.ok(!after.includes('\n'), `${code}: ${JSON.stringify(after)}`);
    assertClean('upstream', after);
    assert.ok((await runAsUpstream(after)).status > 0, code);
  }
});

test('TypeScript `export = Orders` is the default export esbuild gives a default import: judged as one, never rewritten', () => {
  // esbuild turns it into `module.exports = Orders`; `import Orders from './orders'` receives the class.
  assert.deepEqual(moduleFindings('bundled', "class Orders {\n  async fetch(): Promise<Response> { return new Response('orders'); }\n}\nexport = Orders;\n", 'ts'), []);
  // The bundled gateway takes an object with fetch (SPEC E.4); one without has no class a stub could go into.
  assert.deepEqual(moduleFindings('bundled', "export = { async fetch(): Promise<Response> { return new Response(''); } };\n", 'ts'), []);
  const object = moduleFindings('bundled', 'export = { handle() {} };\n', 'ts');
  assert.deepEqual(object.map((f) => [f.code, f.fixes.length]), [['SAG406', 0]]);
  const noFetch = "class Orders {\n  handle(): void {}\n}\nexport = Orders;\n";
  assert.deepEqual(moduleFindings('bundled', noFetch, 'ts').map((f) => f.code), ['SAG406']);
  const after = fixed('bundled', noFetch, 'SAG406', 0, 'ts');
  assertClean('bundled', after, 'ts');
  assert.deepEqual(typeErrors(after).filter((m) => !/export assignment|ECMAScript modules/i.test(m)), []);
});
