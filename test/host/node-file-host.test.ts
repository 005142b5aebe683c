// NodeFileHost on a real temporary folder: reading, listing, versions, invalid UTF-8, missing paths.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { normalizePath } from '../../server/src/analysis/workspace/paths';
import { discoverGateways } from '../../server/src/analysis/workspace/discover';
import { NodeFileHost } from '../../server/src/host/node-file-host';

const dir = mkdtempSync(join(tmpdir(), 'sag-host-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('reads files, lists folders, versions change with the file', () => {
  mkdirSync(join(dir, 'gw', 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(dir, 'gw', 'api-config.json'), '\uFEFF{"paths": []}');
  writeFileSync(join(dir, 'gw', 'node_modules', 'x', 'api-config.json'), '{}');
  writeFileSync(join(dir, 'bad.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  const host = new NodeFileHost();
  const root = normalizePath(dir);
  assert.equal(host.readFile(`${root}/gw/api-config.json`), '{"paths": []}', 'the BOM is dropped');
  assert.equal(host.readFile(`${root}/bad.json`), '{\uFFFD\uFFFD}', 'invalid UTF-8 becomes U+FFFD');
  assert.equal(host.readFile(`${root}/missing.json`), undefined);
  assert.equal(host.readFile(`${root}/gw`), undefined, 'a folder is not a file');
  assert.deepEqual(host.readDirectory(`${root}/gw`), [{ name: 'api-config.json', isDirectory: false }, { name: 'node_modules', isDirectory: true }]);
  assert.equal(host.readDirectory(`${root}/missing`), undefined);
  assert.equal(host.version(`${root}/gw`), undefined);
  const before = host.version(`${root}/gw/api-config.json`);
  assert.ok(before);
  writeFileSync(join(dir, 'gw', 'api-config.json'), '{"paths": [ ]}');
  utimesSync(join(dir, 'gw', 'api-config.json'), new Date(), new Date(Date.now() + 5000));
  assert.notEqual(host.version(`${root}/gw/api-config.json`), before);
  assert.deepEqual(discoverGateways(host, [root]), [`${root}/gw/api-config.json`]);
});
