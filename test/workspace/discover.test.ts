// Discovery: gateways under roots (skipped folders, exclude globs from options and .sagrc.json, limits),
// SPEC B.0 wrangler lookup order, and the Worker configs of the workspace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { discoverGateways, findWorkerConfigs, findWranglerConfig } from '../../server/src/analysis/workspace/discover';
import { wranglerFormatOf } from '../../server/src/analysis/parse/wrangler';

const CONFIG = '{"paths": []}';

test('every api-config.json under the roots, skipping node_modules, .wrangler, .git, dist', () => {
  const host = new MemoryFileHost({
    '/ws/a/api-config.json': CONFIG,
    '/ws/b/deep/er/api-config.json': CONFIG,
    '/ws/node_modules/pkg/api-config.json': CONFIG,
    '/ws/a/.wrangler/tmp/api-config.json': CONFIG,
    '/ws/.git/api-config.json': CONFIG,
    '/ws/dist/api-config.json': CONFIG,
    '/ws/c/api-config.json.bak': CONFIG,
  });
  assert.deepEqual(discoverGateways(host, ['/ws']), ['/ws/a/api-config.json', '/ws/b/deep/er/api-config.json']);
  assert.deepEqual(discoverGateways(host, '/ws/b'), ['/ws/b/deep/er/api-config.json'], 'a single root string works too');
  assert.deepEqual(discoverGateways(host, ['/ws/a', '/ws']), ['/ws/a/api-config.json', '/ws/b/deep/er/api-config.json'], 'overlapping roots give each gateway once');
  assert.deepEqual(discoverGateways(host, ['/ws/a/api-config.json']), ['/ws/a/api-config.json'], 'a root may be the file itself');
  assert.deepEqual(discoverGateways(host, ['/nowhere']), []);
});

test('exclude globs from options (relative to the root) and from .sagrc.json (relative to its folder)', () => {
  const host = new MemoryFileHost({
    '/ws/gw/api-config.json': CONFIG,
    '/ws/fixtures/one/api-config.json': CONFIG,
    '/ws/examples/two/api-config.json': CONFIG,
    '/ws/examples/.sagrc.json': '{"exclude": ["two"]}',
    '/ws/examples/three/api-config.json': CONFIG,
  });
  assert.deepEqual(discoverGateways(host, ['/ws'], { exclude: ['fixtures/**'] }), ['/ws/examples/three/api-config.json', '/ws/gw/api-config.json']);
  assert.deepEqual(discoverGateways(host, ['/ws'], { exclude: ['**/three'] }), ['/ws/fixtures/one/api-config.json', '/ws/gw/api-config.json']);
});

test('a .sagrc.json exclude written with Windows separators excludes the same folders', () => {
  const host = new MemoryFileHost({
    '/ws/gw/api-config.json': CONFIG,
    '/ws/fixtures/deep/one/api-config.json': CONFIG,
    '/ws/.sagrc.json': JSON.stringify({ exclude: ['fixtures\\**'] }),
  });
  assert.deepEqual(discoverGateways(host, ['/ws']), ['/ws/gw/api-config.json']);
});

test('exclude globs that name no folder or that picomatch refuses never end the walk (they used to throw)', () => {
  const host = new MemoryFileHost({
    '/ws/gw/api-config.json': CONFIG,
    '/ws/fixtures/one/api-config.json': CONFIG,
    '/ws/.sagrc.json': JSON.stringify({ exclude: ['./', '/', 'fixtures/'] }),
  });
  assert.deepEqual(discoverGateways(host, ['/ws']), ['/ws/gw/api-config.json']);
  // From the options (the editor setting, --exclude) too: an empty-after-`./` glob, and one too long for picomatch.
  const plain = new MemoryFileHost({ '/ws/gw/api-config.json': CONFIG, '/ws/fixtures/one/api-config.json': CONFIG });
  assert.deepEqual(discoverGateways(plain, ['/ws'], { exclude: ['./', 'x'.repeat(70_000), 'fixtures'] }), ['/ws/gw/api-config.json']);
  // A glob whose matching backtracks for minutes on near-miss names (a checked-out repository can hold both): left
  // out, so the walk ends (it took over a minute for one 36-character name, ~10^5 times longer per extra `a`).
  const near = 'a'.repeat(60);
  const hostile = new MemoryFileHost({ '/ws/.sagrc.json': JSON.stringify({ exclude: ['*a*a*a*a*a*a*a*a*a*a*a*a*a*b'] }), [`/ws/${near}/api-config.json`]: CONFIG });
  assert.deepEqual(discoverGateways(hostile, ['/ws'], { exclude: ['*a*a*a*a*a*a*a*a*a*a*a*a*a*b'] }), [`/ws/${near}/api-config.json`]);
});

test('the exclude of a .sagrc.json above the root applies below the root (as when the walk starts up there), never to the root itself', () => {
  const host = new MemoryFileHost({
    '/ws/.sagrc.json': JSON.stringify({ exclude: ['a/b', 'c'] }),
    '/ws/a/api-config.json': CONFIG,
    '/ws/a/b/api-config.json': CONFIG,
    '/ws/a/d/api-config.json': CONFIG,
    '/ws/c/api-config.json': CONFIG,
  });
  assert.deepEqual(discoverGateways(host, ['/ws']), ['/ws/a/api-config.json', '/ws/a/d/api-config.json']);
  assert.deepEqual(discoverGateways(host, ['/ws/a']), ['/ws/a/api-config.json', '/ws/a/d/api-config.json']);
  assert.deepEqual(discoverGateways(host, ['/ws/c']), ['/ws/c/api-config.json'], 'a root asked for by name is walked');
});

test('depth and folder limits bound the walk', () => {
  const files: Record<string, string> = { '/ws/api-config.json': CONFIG };
  let deep = '/ws';
  for (let i = 0; i < 30; i++) deep += `/d${i}`;
  files[`${deep}/api-config.json`] = CONFIG;
  for (let i = 0; i < 600; i++) files[`/ws/wide/f${i}/x.txt`] = '';
  const host = new MemoryFileHost(files);
  assert.deepEqual(discoverGateways(host, ['/ws']), ['/ws/api-config.json'], 'a gateway 30 levels down is past the default depth');
  assert.deepEqual(discoverGateways(host, ['/ws'], { maxDepth: 40 }), ['/ws/api-config.json', `${deep}/api-config.json`]);
  assert.deepEqual(discoverGateways(host, ['/ws'], { maxFolders: 1 }), ['/ws/api-config.json']);
});

test('B.0: wrangler.json, then .jsonc, then .toml, each walked up through the parents', () => {
  const host = new MemoryFileHost({
    '/repo/wrangler.json': '{}',
    '/repo/gw/wrangler.toml': '',
    '/repo/gw/wrangler.jsonc': '{}',
    '/wrangler.toml': '',
  });
  const lookup = findWranglerConfig(host, '/repo/gw');
  assert.equal(lookup.active, '/repo/wrangler.json', 'a parent-folder wrangler.json wins over the local files');
  assert.deepEqual(lookup.candidates, ['/repo/wrangler.json', '/repo/gw/wrangler.jsonc', '/repo/gw/wrangler.toml', '/wrangler.toml']);
  assert.deepEqual(findWranglerConfig(new MemoryFileHost({ '/a/b/wrangler.toml': '', '/a/wrangler.jsonc': '{}' }), '/a/b'), {
    active: '/a/wrangler.jsonc',
    candidates: ['/a/wrangler.jsonc', '/a/b/wrangler.toml'],
  });
  assert.deepEqual(findWranglerConfig(new MemoryFileHost({ '/a/b/wrangler.toml': '' }), '/a/b'), { active: '/a/b/wrangler.toml', candidates: ['/a/b/wrangler.toml'] });
  assert.deepEqual(findWranglerConfig(new MemoryFileHost({ '/x/api-config.json': '' }), '/x'), { candidates: [] });
});

test('B.0 on Windows drives and UNC shares: the walk up stops at the root, never at a relative path', () => {
  // `wrangler.toml` (relative) stands for the process's current folder: it must never be a candidate.
  const host = new MemoryFileHost({ 'C:/proj/wrangler.toml': '', 'C:/wrangler.toml': '', 'wrangler.toml': '', '//srv/share/gw/wrangler.toml': '' });
  assert.deepEqual(findWranglerConfig(host, 'C:/proj'), { active: 'C:/proj/wrangler.toml', candidates: ['C:/proj/wrangler.toml', 'C:/wrangler.toml'] });
  assert.deepEqual(findWranglerConfig(host, '//srv/share/gw'), { active: '//srv/share/gw/wrangler.toml', candidates: ['//srv/share/gw/wrangler.toml'] });
});

test('Worker configs: one per folder in B.0 order, skipped folders left out', () => {
  const host = new MemoryFileHost({
    '/ws/gw/wrangler.toml': '',
    '/ws/hooks/wrangler.toml': '',
    '/ws/hooks/wrangler.json': '{}',
    '/ws/node_modules/w/wrangler.toml': '',
    '/ws/target/sub/wrangler.jsonc': '{}',
  });
  assert.deepEqual(findWorkerConfigs(host, ['/ws']), ['/ws/gw/wrangler.toml', '/ws/hooks/wrangler.json', '/ws/target/sub/wrangler.jsonc']);
});

test('onLimitReached: told of a root whose walk stopped with folders left, by count or by depth; not of one read whole', () => {
  const host = new MemoryFileHost({ '/ws/a/x.md': '', '/ws/b/x.md': '', '/ws/c/d/api-config.json': '{}' });
  const stopped: string[] = [];
  assert.deepEqual(discoverGateways(host, '/ws', { maxFolders: 2, onLimitReached: (root) => stopped.push(root) }), []);
  assert.deepEqual(discoverGateways(host, '/ws', { maxDepth: 1, onLimitReached: (root) => stopped.push(root) }), []);
  assert.deepEqual(stopped, ['/ws', '/ws']);
  assert.deepEqual(discoverGateways(host, '/ws', { onLimitReached: (root) => stopped.push(root) }), ['/ws/c/d/api-config.json']);
  assert.equal(stopped.length, 2);
});

test('where file names ignore case (macOS, Windows): Wrangler.toml and API-Config.json are found, under their names on disk', () => {
  const files = { '/ws/gw/api-config.json': CONFIG, '/ws/gw/Wrangler.toml': 'name = "gw"\n', '/ws/hooks/Wrangler.toml': 'name = "hooks"\n', '/ws/other/API-Config.json': CONFIG };
  const insensitive = new MemoryFileHost(files, { ignoresCase: true });
  assert.deepEqual(findWranglerConfig(insensitive, '/ws/gw'), { active: '/ws/gw/Wrangler.toml', candidates: ['/ws/gw/Wrangler.toml'] });
  assert.deepEqual(findWorkerConfigs(insensitive, ['/ws']), ['/ws/gw/Wrangler.toml', '/ws/hooks/Wrangler.toml']);
  assert.deepEqual(discoverGateways(insensitive, ['/ws']), ['/ws/gw/api-config.json', '/ws/other/API-Config.json']);
  assert.equal(wranglerFormatOf('/ws/x/WRANGLER.TOML'), 'toml');
  assert.equal(wranglerFormatOf('/ws/x/Wrangler.JSONC'), 'jsonc');
  // Where case counts (Linux), wrangler finds none of them, and neither does discovery.
  const sensitive = new MemoryFileHost(files);
  assert.deepEqual(findWranglerConfig(sensitive, '/ws/gw'), { candidates: [] });
  assert.deepEqual(findWorkerConfigs(sensitive, ['/ws']), []);
  assert.deepEqual(discoverGateways(sensitive, ['/ws']), ['/ws/gw/api-config.json']);
});
