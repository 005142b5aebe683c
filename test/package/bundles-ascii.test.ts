// The Node bundles are pure ASCII. V8 keeps a script's source for lazy compilation, and one character outside
// Latin-1 anywhere (esbuild keeps JSDoc comments on class members) makes it a two-byte string: the language
// server's 2.3 MB source then took 4.6 MB of its heap. esbuild escapes strings itself; comments are ours to keep ASCII.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

for (const bundle of ['server.js', 'client.js', 'sag.js']) {
  test(`dist/${bundle} is ASCII only`, () => {
    const text = readFileSync(join(root, 'dist', bundle), 'latin1');
    const at = text.search(/[^\x00-\x7f]/);
    assert.equal(at, -1, `non-ASCII byte at line ${text.slice(0, at).split('\n').length} of dist/${bundle}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
  });
}
