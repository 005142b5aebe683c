// sag dev's project watcher on its own: an edit is reported once, a new folder is watched, and an entry that
// cannot be looked at (a symlink loop: ELOOP here; Windows answers EPERM for an entry being deleted) is reported
// as a change instead of throwing inside the fs.watch callback, which would end `sag dev`; files outside the project
// that the bundles read are watched for themselves.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProjectWatcher } from '../../server/src/cli/dev/watch-project';
import { tempDir } from '../scaffold/project-fixture';

function nextChange(watcher: { changes: string[][] }, count: number, timeoutMs = 5_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = (): void => {
      if (watcher.changes.length >= count) return resolve(watcher.changes[count - 1]!);
      if (Date.now() > deadline) return reject(new Error(`no change #${count} in ${timeoutMs} ms`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('sag dev: project watcher', () => {
  it('reports edits, watches new folders, and survives an entry it cannot stat', { skip: process.platform === 'win32' ? 'symlinks need privileges' : false }, async () => {
    const work = tempDir('sag-watch-');
    const seen = { changes: [] as string[][] };
    const watcher = new ProjectWatcher(work.dir, (files) => seen.changes.push(files));
    try {
      writeFileSync(join(work.dir, 'api-config.json'), '{}');
      assert.ok((await nextChange(seen, 1)).includes(join(work.dir, 'api-config.json')));

      symlinkSync('loop', join(work.dir, 'loop'));
      assert.ok((await nextChange(seen, 2)).includes(join(work.dir, 'loop')), 'the loop is a change, not an exception');

      mkdirSync(join(work.dir, 'services'));
      await nextChange(seen, 3);
      writeFileSync(join(work.dir, 'services', 'hello.js'), 'export default {};\n');
      assert.ok((await nextChange(seen, 4)).includes(join(work.dir, 'services', 'hello.js')), 'a new folder is watched');
    } finally {
      watcher.close();
      work.dispose();
    }
  });

  it('a watched folder deleted and made again is watched anew (its old watcher hears nothing more)', async () => {
    const work = tempDir('sag-watch-again-');
    const services = join(work.dir, 'services');
    mkdirSync(join(services, 'deep'), { recursive: true });
    const seen = { changes: [] as string[][] };
    const watcher = new ProjectWatcher(work.dir, (files) => seen.changes.push(files));
    try {
      rmSync(services, { recursive: true });
      await nextChange(seen, 1);
      mkdirSync(join(services, 'deep'), { recursive: true });
      await nextChange(seen, 2);
      // Past the debounce of the burst above: the next write is a change of its own.
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeFileSync(join(services, 'deep', 'hello.js'), 'export default {};\n');
      assert.ok((await nextChange(seen, 3)).includes(join(services, 'deep', 'hello.js')), JSON.stringify(seen.changes));
    } finally {
      watcher.close();
      work.dispose();
    }
  });

  it('a file the bundles read in a folder the walk skips (a prebuilt dist/, vendor/) is watched for itself', async () => {
    const work = tempDir('sag-watch-skipped-');
    const built = join(work.dir, 'workers', 'target', 'dist');
    mkdirSync(built, { recursive: true });
    const entry = join(built, 'index.js');
    writeFileSync(entry, '');
    writeFileSync(join(built, 'other.js'), '');
    const seen = { changes: [] as string[][] };
    const watcher = new ProjectWatcher(work.dir, (files) => seen.changes.push(files));
    try {
      watcher.watchFiles([entry]);
      writeFileSync(join(built, 'other.js'), 'changed');
      writeFileSync(entry, 'export default {};\n');
      assert.deepEqual(await nextChange(seen, 1), [entry]);
    } finally {
      watcher.close();
      work.dispose();
    }
  });

  // The second layout sits inside a folder named node_modules itself: only the folders below the project's
  // surroundings count, not the absolute path's (the old check skipped every outside file there).
  for (const base of ['', join('node_modules', 'monorepo')]) {
    it(`watches the given files outside the project (for those files alone), and none in node_modules${base ? ' (all of it inside node_modules/monorepo)' : ''}`, async () => {
      const work = tempDir('sag-watch-outside-');
      const top = join(work.dir, base);
      const project = join(top, 'gw');
      const shared = join(top, 'shared');
      const installed = join(top, 'node_modules', 'lib');
      for (const folder of [project, shared, installed]) mkdirSync(folder, { recursive: true });
      const util = join(shared, 'util.js');
      const lib = join(installed, 'index.js');
      for (const file of [util, lib, join(shared, 'notes.txt')]) writeFileSync(file, '');
      const seen = { changes: [] as string[][] };
      const watcher = new ProjectWatcher(project, (files) => seen.changes.push(files));
      try {
        watcher.watchFiles([util, lib, join(project, 'inside.js')]);
        // Not reported: a file beside the watched one, and the installed package.
        writeFileSync(join(shared, 'notes.txt'), 'changed');
        writeFileSync(lib, 'export {};\n');
        writeFileSync(util, 'export const x = 1;\n');
        assert.deepEqual(await nextChange(seen, 1), [util]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal(seen.changes.length, 1, JSON.stringify(seen.changes));
      } finally {
        watcher.close();
        work.dispose();
      }
    });
  }
});
