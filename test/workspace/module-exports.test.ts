// exportedClass / exportedClassList: re-exports followed the way esbuild resolves relative imports, through cycles
// and long chains without hanging, and never claiming a class is missing when a re-export could not be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { exportedClass, exportedClassList } from '../../server/src/analysis/workspace/module-exports';

function reader(files: Record<string, string>) {
  const modules = createModuleReader(new MemoryFileHost(files));
  return { modules, main: modules.read('/w/src/index.ts')! };
}

const where = (found: ReturnType<typeof exportedClass>) => (found === 'unknown' || found === undefined ? found : `${found.module.file}#${found.cls.name}`);

test('named, renamed, star and index re-exports, with `.js` written for a `.ts` source', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export class Own {}\nexport { A } from './a.js';\nexport { Inner as B } from './b';\nexport * from './rpc';\n",
    '/w/src/a.ts': 'export class A {}\n',
    '/w/src/b.tsx': 'export class Inner {}\n',
    '/w/src/rpc/index.js': "export class C {}\nexport * from '../d.mjs';\n",
    '/w/src/d.mjs': 'export class D {}\nexport default class Hidden {}\n',
  });
  assert.equal(where(exportedClass(main, 'Own', modules)), '/w/src/index.ts#Own');
  assert.equal(where(exportedClass(main, 'A', modules)), '/w/src/a.ts#A');
  assert.equal(where(exportedClass(main, 'B', modules)), '/w/src/b.tsx#Inner');
  assert.equal(where(exportedClass(main, 'C', modules)), '/w/src/rpc/index.js#C');
  assert.equal(where(exportedClass(main, 'D', modules)), '/w/src/d.mjs#D');
  assert.equal(where(exportedClass(main, 'Inner', modules)), undefined, 'only the name it is exported as');
  assert.equal(where(exportedClass(main, 'Hidden', modules)), undefined, '`export *` does not pass a default on');
  assert.deepEqual(exportedClassList(main, modules).map(([name, found]) => `${name}=${found.module.file}`), ['Own=/w/src/index.ts', 'A=/w/src/a.ts', 'B=/w/src/b.tsx', 'C=/w/src/rpc/index.js', 'D=/w/src/d.mjs']);
});

test('a package or a missing file is "unknown", not "missing"; a name no re-export can give is missing', () => {
  const { modules, main } = reader({ '/w/src/index.ts': "export { A } from 'pkg';\nexport * from './gone';\nexport { B } from './b';\n", '/w/src/b.ts': 'export class B {}\n' });
  assert.equal(exportedClass(main, 'A', modules), 'unknown');
  assert.equal(exportedClass(main, 'Z', modules), 'unknown', '`export * from` a missing file could give any name');
  const plain = reader({ '/w/src/index.ts': "export { B } from './b';\n", '/w/src/b.ts': 'export class B {}\n' });
  assert.equal(exportedClass(plain.main, 'Z', plain.modules), undefined);
});

test('cycles end; a long chain is followed to its end', () => {
  const cyclic = reader({ '/w/src/index.ts': "export * from './a';\n", '/w/src/a.ts': "export * from './index';\nexport { X } from './index';\n" });
  assert.equal(exportedClass(cyclic.main, 'X', cyclic.modules), undefined);
  assert.deepEqual(exportedClassList(cyclic.main, cyclic.modules), []);
  const files: Record<string, string> = { '/w/src/index.ts': "export * from './m1';\n" };
  for (let i = 1; i <= 20; i++) files[`/w/src/m${i}.ts`] = i === 20 ? 'export class Deep {}\n' : `export * from './m${i + 1}';\n`;
  const long = reader(files);
  assert.equal(where(exportedClass(long.main, 'Deep', long.modules)), '/w/src/m20.ts#Deep');
});

test('what cannot be seen is "unknown": an imported binding exported again, a call\'s result, a module that does not parse', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export { A } from './a';\nexport { B } from './b';\nexport { C } from './c';\nexport { default as D } from './d';\n",
    '/w/src/a.ts': "import { A } from './impl';\nexport { A };\n",
    '/w/src/b.ts': 'export const B = traced(class {});\n',
    '/w/src/c.ts': 'export class C {\n',
    '/w/src/d.ts': 'export default class Dee {}\n',
  });
  assert.equal(exportedClass(main, 'A', modules), 'unknown');
  assert.equal(exportedClass(main, 'B', modules), 'unknown');
  assert.equal(exportedClass(main, 'C', modules), 'unknown');
  assert.equal(where(exportedClass(main, 'D', modules)), '/w/src/d.ts#Dee', '`export { default as D }` is the default class');
});

test('type-only exports export nothing; a local export hides `export *`; a name two `export *` give is "unknown"', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export type { T } from './t';\nexport { type U } from './t';\nexport type * from './t';\nexport * from './t';\nexport const Hidden = 1;\nexport * from './twin1';\nexport * from './twin2';\n",
    '/w/src/t.ts': 'export class T {}\nexport class U {}\nexport class Hidden {}\n',
    '/w/src/twin1.ts': 'export class Twin {}\n',
    '/w/src/twin2.ts': 'export class Twin {}\n',
  });
  assert.equal(where(exportedClass(main, 'T', modules)), '/w/src/t.ts#T', 'through the value `export *` only');
  assert.equal(exportedClass(main, 'Hidden', modules), undefined);
  assert.equal(exportedClass(main, 'Twin', modules), 'unknown');
  const typeOnly = reader({ '/w/src/index.ts': "export type { T } from './t';\nexport { type U } from './t';\n", '/w/src/t.ts': 'export class T {}\nexport class U {}\n' });
  assert.equal(exportedClass(typeOnly.main, 'T', typeOnly.modules), undefined);
  assert.equal(exportedClass(typeOnly.main, 'U', typeOnly.modules), undefined);
});

test('a cycle through renames is followed by name, not cut at the first file seen again', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export { Alias as Bar } from './m';\n",
    '/w/src/m.ts': "export { Alias } from './p';\nexport { Bar } from './q';\n",
    '/w/src/p.ts': "export { Bar as Alias } from './m';\n",
    '/w/src/q.ts': 'export class Bar {}\n',
  });
  assert.equal(where(exportedClass(main, 'Bar', modules)), '/w/src/q.ts#Bar');
});

test('a hub that every module re-exports from, and that re-exports them all: modules read a bounded number of times each', () => {
  const n = 300;
  const files: Record<string, string> = { '/w/src/index.ts': Array.from({ length: n }, (_, i) => `export * from './m${i}';`).join('\n') };
  for (let i = 0; i < n; i++) files[`/w/src/m${i}.ts`] = `export { X${i} } from './hub';\n`;
  files['/w/src/hub.ts'] = Array.from({ length: n }, (_, i) => `export * from './m${i}';`).join('\n');
  const { modules } = reader(files);
  let reads = 0;
  const counting = { read: (path: string) => (reads++, modules.read(path)) };
  const main = modules.read('/w/src/index.ts')!;
  assert.equal(exportedClass(main, 'Missing', counting), undefined);
  assert.deepEqual(exportedClassList(main, counting), []);
  assert.ok(reads < 5 * n, `${reads} module reads for ${n} modules`);
});

test('a barrel of 60 modules of 10 classes lists all 600; a chain deeper than the limit is "unknown", not a stack overflow', () => {
  const files: Record<string, string> = { '/w/src/index.ts': Array.from({ length: 60 }, (_, i) => `export * from './m${i}';`).join('\n') };
  for (let i = 0; i < 60; i++) files[`/w/src/m${i}.ts`] = Array.from({ length: 10 }, (_, j) => `export class C${i}_${j} {}`).join('\n');
  const barrel = reader(files);
  assert.equal(exportedClassList(barrel.main, barrel.modules).length, 600);
  const chain: Record<string, string> = { '/w/src/index.ts': "export * from './m1';\n" };
  for (let i = 1; i <= 300; i++) chain[`/w/src/m${i}.ts`] = i === 300 ? 'export class Deep {}\n' : `export * from './m${i + 1}';\n`;
  const deep = reader(chain);
  assert.equal(exportedClass(deep.main, 'Deep', deep.modules), 'unknown');
  assert.deepEqual(exportedClassList(deep.main, deep.modules), []);
});

test('exports the resolver cannot see through (destructuring, `export import … = require`) are "unknown"; a namespace hides `export *`', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export const { A } = makeClasses();\nexport import I = require('./i');\nexport namespace N { export const x = 1; }\nexport * from './s';\n",
    '/w/src/s.ts': 'export class A {}\nexport class I {}\nexport class N {}\n',
  });
  assert.equal(exportedClass(main, 'A', modules), 'unknown');
  assert.equal(exportedClass(main, 'I', modules), 'unknown');
  assert.equal(exportedClass(main, 'N', modules), undefined);
});

test('a default re-exported (`export { default } from`, `{ X as default } from`) is followed to the class; a cycle of defaults ends', () => {
  const { modules, main } = reader({
    '/w/src/index.ts': "export { default } from './hooks';\nexport { Named as Other } from './named';\n",
    '/w/src/hooks.ts': "export { Hooks as default } from './impl';\n",
    '/w/src/impl.ts': 'export class Hooks { before() { return true; } }\n',
    '/w/src/named.ts': 'export class Named {}\n',
  });
  assert.equal(where(exportedClass(main, 'default', modules)), '/w/src/impl.ts#Hooks');
  assert.deepEqual(exportedClassList(main, modules).map(([name]) => name), ['Other'], 'the default is not listed among the names');
  const loop = reader({ '/w/src/index.ts': "export { default } from './a';\n", '/w/src/a.ts': "export { default } from './index';\n" });
  assert.equal(exportedClass(loop.main, 'default', loop.modules), undefined);
  const outside = reader({ '/w/src/index.ts': "export { default } from 'pkg';\n" });
  assert.equal(exportedClass(outside.main, 'default', outside.modules), 'unknown');
});
