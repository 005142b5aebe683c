// NodeFileHost on a real temporary folder: reading, listing, versions, invalid UTF-8, missing paths.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { normalizePath } from '../../server/src/analysis/workspace/paths';
import { discoverGateways } from '../../server/src/analysis/workspace/discover';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import type { Finding } from '../../server/src/analysis/findings';
import { MAX_READ_BYTES, NodeFileHost } from '../../server/src/host/node-file-host';

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

test('says why a read was not exact: invalid UTF-8 (not a U+FFFD written in the file), a file too large to read', () => {
  const host = new NodeFileHost();
  const root = normalizePath(dir);
  const gateway = (name: string, bytes: Buffer | string): string => {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'wrangler.toml'), 'name = "gw"\nmain = "index.js"\ncompatibility_date = "2025-01-01"\n');
    writeFileSync(join(dir, name, 'index.js'), 'export default { fetch() { return new Response("ok"); } };\n');
    writeFileSync(join(dir, name, 'api-config.json'), bytes);
    return `${root}/${name}/api-config.json`;
  };
  const sag100 = (name: string): string[] =>
    checkWorkspace(host, [`${root}/${name}`], { runtime: 'bundled' }).findings.filter((f) => f.code === 'SAG100').map((f) => f.message);

  const literal = gateway('literal', '{ "title": "bad char: \uFFFD", "paths": [] }\n');
  assert.equal(host.readFile(literal), '{ "title": "bad char: \uFFFD", "paths": [] }\n');
  assert.equal(host.readProblem(literal), undefined, 'U+FFFD written as UTF-8 is a character like any other');
  assert.deepEqual(sag100('literal'), []);

  const latin1 = gateway('latin1', Buffer.concat([Buffer.from('{ "title": "caf'), Buffer.from([0xe9]), Buffer.from('", "paths": [] }\n')]));
  assert.equal(host.readFile(latin1), '{ "title": "caf\uFFFD", "paths": [] }\n');
  assert.equal(host.readProblem(latin1), 'the file is not valid UTF-8');
  assert.equal(sag100('latin1').length, 1);
  assert.match(sag100('latin1')[0]!, /not valid UTF-8/);

  // Sparse: the size is what counts, nothing is written.
  const huge = gateway('huge', '');
  truncateSync(join(dir, 'huge', 'api-config.json'), MAX_READ_BYTES + 1);
  assert.equal(host.readFile(huge), undefined);
  assert.equal(host.readProblem(huge), `the file is ${MAX_READ_BYTES + 1} bytes, larger than the ${MAX_READ_BYTES} bytes this checker reads`);
  const messages = sag100('huge');
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /larger than the \d+ bytes this checker reads/);
  assert.doesNotMatch(messages[0]!, /does not exist/);

  writeFileSync(join(dir, 'latin1', 'api-config.json'), '{ "paths": [] }\n');
  assert.equal(host.readFile(latin1), '{ "paths": [] }\n');
  assert.equal(host.readProblem(latin1), undefined, 'a later exact read clears the problem');
});

/** A gateway in `name` whose `file` is there but too large to read (sparse: nothing is written); its findings. */
function checkWithUnreadable(name: string, file: string): Finding[] {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'api-config.json'), '{ "paths": [] }\n');
  writeFileSync(join(dir, name, file), '');
  truncateSync(join(dir, name, file), MAX_READ_BYTES + 1);
  return checkWorkspace(new NodeFileHost(), [`${normalizePath(dir)}/${name}`], { runtime: 'bundled' }).findings;
}

test('a wrangler config that is there but cannot be read is said so (SAG315), not called missing (SAG314)', () => {
  const findings = checkWithUnreadable('unreadable', 'wrangler.toml');
  assert.deepEqual(findings.filter((f) => f.code === 'SAG314'), []);
  const [unreadable] = findings.filter((f) => f.code === 'SAG315');
  assert.match(unreadable!.message, /^wrangler\.toml cannot be read \(the file is \d+ bytes, larger than the \d+ bytes this checker reads\): wrangler cannot use it either/);
});

test('a read that fails for another reason than a missing file says why (permission denied, an I/O error)', { skip: process.platform !== 'linux' }, () => {
  // /proc/self/mem is a file root can stat and not read (EIO): as close to a real failure as a test can get.
  const host = new NodeFileHost();
  assert.equal(host.readFile('/proc/self/mem'), undefined);
  assert.match(host.readProblem('/proc/self/mem') ?? '', /^the file cannot be read: E[A-Z]+$|^permission denied$/);
  assert.equal(host.readFile('/proc/self/no-such-file'), undefined);
  assert.equal(host.readProblem('/proc/self/no-such-file'), undefined, 'a missing file is no problem, just absent');
});

test('a .sagrc.json that is there but cannot be read: SAG001 says its settings do not apply', () => {
  const [problem] = checkWithUnreadable('rc', '.sagrc.json').filter((f) => f.code === 'SAG001');
  assert.match(problem!.message, /^\.sagrc\.json cannot be read \(the file is \d+ bytes, larger than .*\); none of its settings apply$/);
  assert.equal(problem!.file, `${normalizePath(dir)}/rc/.sagrc.json`);
});
