// The generated entry of `sag build`: import specifiers on every platform, and entrypoints resolved as the engine
// resolves them (a `\\` separates folders, so a config written on Windows builds where it checks clean).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importPath, resolveServiceFile } from '../../server/src/cli/scaffold/entry';
import { tempDir } from './project-fixture';

describe('sag build entry', () => {
  it('imports with ./ and ../ and / separators; across Windows drives by the absolute path', () => {
    assert.equal(importPath('/p/.sag', '/p/services/a.js', posix), '../services/a.js');
    assert.equal(importPath('/p/.sag', '/p/.sag/.hidden/a.js', posix), './.hidden/a.js');
    assert.equal(importPath('D:\\p\\.sag', 'D:\\p\\services\\a.js', win32), '../services/a.js');
    assert.equal(importPath('D:\\p\\.sag', 'C:\\tools\\shared-runtime\\dist\\index.js', win32), 'C:/tools/shared-runtime/dist/index.js');
  });

  it('resolves an entrypoint as the check does: backslashes, .ts before .js, no index or .tsx files', () => {
    const work = tempDir('sag-entry-');
    try {
      mkdirSync(join(work.dir, 'services'));
      writeFileSync(join(work.dir, 'services', 'hello.js'), 'export default {};\n');
      assert.equal(resolveServiceFile(work.dir, '.\\services\\hello'), join(work.dir, 'services', 'hello.js'));
      assert.equal(resolveServiceFile(work.dir, './services/hello'), join(work.dir, 'services', 'hello.js'));
      assert.equal(resolveServiceFile(work.dir, './services/nope'), undefined);
      // Beside a .js of the same name, the .ts wins, as in the check (it reads .ts first): the build imports that.
      writeFileSync(join(work.dir, 'services', 'hello.ts'), 'export default {};\n');
      assert.equal(resolveServiceFile(work.dir, './services/hello'), join(work.dir, 'services', 'hello.ts'));
      // Extensions and index files the check refuses (SAG401) are not built either.
      mkdirSync(join(work.dir, 'services', 'folder'));
      writeFileSync(join(work.dir, 'services', 'folder', 'index.js'), 'export default {};\n');
      writeFileSync(join(work.dir, 'services', 'view.tsx'), 'export default {};\n');
      assert.equal(resolveServiceFile(work.dir, './services/folder'), undefined);
      assert.equal(resolveServiceFile(work.dir, './services/view'), undefined);
    } finally {
      work.dispose();
    }
  });
});
