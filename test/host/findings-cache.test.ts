// The pieces of the language server's findings cache, alone: the recording FileHost (what the checks read, its
// snapshot as digests, and whether it still reads the same) and the store on disk (round trip, foreign or damaged
// entries, pruning, where it lives per platform).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { cacheDirectory, FindingsCache } from '../../server/src/host/findings-cache';
import { changedInput, inputsOfPathHold, RecordingFileHost, type RecordedInputs } from '../../server/src/host/recorded-inputs';

const CONFIG = '{ "services": [{ "alias": "s", "entrypoint": "./services/s" }], "paths": [{ "method": "GET", "path": "/s", "integration": { "type": "service", "binding": "s" } }] }\n';

function gatewayFiles(): MemoryFileHost {
  return new MemoryFileHost({
    '/w/gw/api-config.json': CONFIG,
    '/w/gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n',
    '/w/gw/index.js': 'export default { fetch() { return new Response("ok"); } };\n',
  });
}

/** The gateway whose checks the recorder records (the server keys records by config file). */
const OWNER = '/w/gw/api-config.json';

describe('RecordingFileHost', () => {
  /** A recorder over `memory` that has recorded one whole check of the workspace. */
  function recordedCheck(memory: MemoryFileHost): RecordingFileHost {
    const recorder = new RecordingFileHost(memory);
    recorder.enable();
    const { findings } = recorder.recordWhile(OWNER, () => checkWorkspace(recorder, ['/w']));
    assert.ok(findings.some((f) => f.code === 'SAG401'), 'the module is missing');
    return recorder;
  }

  const inputsOf = (recorder: RecordingFileHost, host: MemoryFileHost): RecordedInputs => {
    const snapshot = recorder.snapshot(host);
    assert.ok('inputs' in snapshot, JSON.stringify(snapshot));
    return snapshot.inputs;
  };

  it('records what a whole check reads, and every change to it is found', () => {
    const memory = gatewayFiles();
    const recorder = recordedCheck(memory);
    const inputs = inputsOf(recorder, memory);
    assert.equal(changedInput(memory, inputs), undefined, 'nothing changed yet');
    // Outside a check: reads leave the record alone.
    recorder.readFile('/w/elsewhere.txt');
    assert.ok(![...inputsOf(recorder, memory).keys()].some((k) => k.endsWith('/w/elsewhere.txt')));

    const edits: [string, (m: MemoryFileHost) => void][] = [
      ['/w/gw/api-config.json', (m) => m.set('/w/gw/api-config.json', CONFIG.replace('/s"', '/t"'))],
      ['/w/gw/wrangler.toml', (m) => m.set('/w/gw/wrangler.toml', 'name = "other"\n')],
      ['/w/gw/services', (m) => m.set('/w/gw/services/s.js', 'export default {};\n')],
      ['/w/gw/.sagrc.json', (m) => m.set('/w/gw/.sagrc.json', '{ "runtime": "upstream" }\n')],
    ];
    for (const [changed, edit] of edits) {
      const host = gatewayFiles();
      edit(host);
      const found = changedInput(host, inputs);
      assert.ok(found !== undefined && (found === changed || changed.startsWith(found) || found.startsWith(changed)), `${changed}: ${found}`);
      // The snapshot taken after such a change (the checks did not read it again) names it too.
      const unseen = recorder.snapshot(host);
      assert.ok('changed' in unseen && (unseen.changed === changed || changed.startsWith(unseen.changed) || unseen.changed.startsWith(changed)), `${changed}: ${JSON.stringify(unseen)}`);
    }
  });

  it('keeps the latest answer: a file the checks read again after a change snapshots as its new content', () => {
    const memory = gatewayFiles();
    const recorder = recordedCheck(memory);
    const before = inputsOf(recorder, memory);
    const mended = CONFIG.replace('./services/s', './index');
    memory.set('/w/gw/api-config.json', mended);
    assert.deepEqual(recorder.snapshot(memory), { changed: '/w/gw/api-config.json' }, 'not read again yet');
    recorder.recordWhile(OWNER, () => checkWorkspace(recorder, ['/w']));
    const after = inputsOf(recorder, memory);
    assert.notEqual(after.get('f\u0000/w/gw/api-config.json'), before.get('f\u0000/w/gw/api-config.json'));
    assert.equal(changedInput(memory, after), undefined);
    assert.equal(changedInput(gatewayFiles(), after), '/w/gw/api-config.json', 'the old text no longer holds');
  });

  it('a large text (kept as read, digested at the snapshot) and a small one (digested as read) both find a change', () => {
    for (const size of [100, 200_000]) {
      const memory = gatewayFiles();
      const text = `// ${'x'.repeat(size)}\nexport default {};\n`;
      memory.set('/w/gw/index.js', text);
      const recorder = new RecordingFileHost(memory);
      recorder.enable();
      recorder.recordWhile(OWNER, () => recorder.readFile('/w/gw/index.js'));
      const inputs = inputsOf(recorder, memory);
      memory.set('/w/gw/index.js', text.replace('x', 'y'));
      assert.deepEqual(recorder.snapshot(memory), { changed: '/w/gw/index.js' }, `${size}`);
      memory.set('/w/gw/index.js', `${text}`);
      assert.deepEqual(inputsOf(recorder, memory), inputs, `${size}: the same text again`);
    }
  });

  it('one record per gateway: a shared file changed and read again by one gateway holds for it, not for the other', () => {
    const memory = gatewayFiles();
    const recorder = new RecordingFileHost(memory);
    recorder.enable();
    const shared = '/w/gw/wrangler.toml';
    recorder.recordWhile('a', () => recorder.readFile(shared));
    recorder.recordWhile('b', () => recorder.readFile(shared));
    memory.set(shared, 'name = "changed unreported"\n');
    recorder.recordWhile('b', () => recorder.readFile(shared));
    assert.deepEqual(recorder.snapshot(memory), { changed: shared }, 'a\'s findings are of the old text');
    recorder.recordWhile('a', () => recorder.readFile(shared));
    assert.ok('inputs' in recorder.snapshot(memory), 'both checked again');
  });

  it('a version follows the text read with it: another version of the same text holds; a new one with no read drops the old text', () => {
    const memory = gatewayFiles();
    const recorder = new RecordingFileHost(memory);
    recorder.enable();
    const path = '/w/gw/api-config.json';
    recorder.recordWhile(OWNER, () => {
      recorder.version(path);
      recorder.readFile(path);
    });
    memory.set(path, CONFIG); // saved again unchanged: a new version of the same text
    assert.ok('inputs' in recorder.snapshot(memory));
    memory.set(path, '{}');
    assert.deepEqual(recorder.snapshot(memory), { changed: path });
    // Checked again through a parse another gateway made: only the version is asked; the text read before is no
    // longer what this gateway uses, and the version now is.
    recorder.recordWhile(OWNER, () => recorder.version(path));
    assert.ok('inputs' in recorder.snapshot(memory));
  });

  it('a path reported created or deleted: every record takes the answers now (at, below, its folder\'s listing), and still checks them', () => {
    const memory = gatewayFiles();
    const recorder = recordedCheck(memory);
    const keys = [...inputsOf(recorder, memory).keys()];
    assert.ok(keys.some((k) => k.includes('/w/gw/services')), keys.join(' '));
    memory.set('/w/gw/services/s.js', 'export default {};\n');
    memory.set('/w/gw/notes.md', '# notes\n');
    assert.ok('changed' in recorder.snapshot(memory));
    recorder.createdOrDeleted('/w/gw/services');
    recorder.createdOrDeleted('/w/gw/notes.md');
    const after = inputsOf(recorder, memory);
    assert.ok(after.has('d\u0000/w/gw'), 'the listing of the folder is still an input');
    // A file added there later, unreported: found.
    memory.set('/w/gw/.dev.vars', 'X=1\n');
    assert.equal(changedInput(memory, after), '/w/gw');
  });

  it('a file reported changed that a gateway no longer reads: its record takes the new answer', () => {
    const memory = gatewayFiles();
    const recorder = recordedCheck(memory);
    memory.set('/w/gw/index.js', 'export default {};\n');
    assert.ok('changed' in recorder.snapshot(memory));
    recorder.changed('/w/gw/index.js');
    inputsOf(recorder, memory);
  });

  it('records nothing unless enabled (no findings cache)', () => {
    const memory = gatewayFiles();
    const recorder = new RecordingFileHost(memory);
    recorder.recordWhile(OWNER, () => checkWorkspace(recorder, ['/w']));
    assert.deepEqual(recorder.snapshot(memory), { inputs: new Map() });
  });

  it('a version is recorded as the content it stands for, and a missing file as missing', () => {
    const memory = gatewayFiles();
    const recorder = new RecordingFileHost(memory);
    recorder.enable();
    recorder.recordWhile(OWNER, () => {
      recorder.version('/w/gw/api-config.json');
      recorder.version('/w/gw/nothing.json');
    });
    const inputs = inputsOf(recorder, memory);
    assert.equal(inputs.get('v\u0000/w/gw/nothing.json'), null);
    // The same text under a new version (saved again unchanged) still holds; another text does not.
    memory.set('/w/gw/api-config.json', CONFIG);
    assert.equal(changedInput(memory, inputs), undefined);
    memory.set('/w/gw/nothing.json', '{}');
    assert.equal(changedInput(memory, inputs), '/w/gw/nothing.json');
  });

  it('inputsOfPathHold looks at the path and at the listing of its folder', () => {
    const memory = gatewayFiles();
    const inputs = inputsOf(recordedCheck(memory), memory);
    assert.equal(inputsOfPathHold(memory, inputs, '/w/gw/api-config.json'), true);
    memory.set('/w/gw/new.txt', 'x');
    assert.equal(inputsOfPathHold(memory, inputs, '/w/gw/new.txt'), false, 'the gateway folder was listed');
    assert.equal(inputsOfPathHold(memory, inputs, '/w/unrelated/deep/file.txt'), true);
  });
});

describe('FindingsCache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sag-findings-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const finding = { code: 'SAG401', severity: 'error' as const, message: 'm', file: '/w/gw/api-config.json', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, related: [], fixes: [] };

  it('reads back what it wrote, for the same engine and key only', () => {
    const cache = new FindingsCache(join(dir, 'a'), 'engine-1');
    const inputs = new Map<string, string | null>([['f\u0000/w/gw/api-config.json', 'abc'], ['d\u0000/w/gw/services', null]]);
    cache.write('key', { inputs, gateways: [{ configFile: '/w/gw/api-config.json', settingsKey: '{}', findings: [finding] }] });
    const back = cache.read('key')!;
    assert.deepEqual([...back.inputs], [...inputs]);
    assert.deepEqual(back.gateways[0]!.findings, [finding]);
    assert.equal(cache.read('other key'), undefined);
    assert.equal(new FindingsCache(join(dir, 'a'), 'engine-2').read('key'), undefined);
  });

  it('a damaged entry is a miss', () => {
    const cache = new FindingsCache(join(dir, 'b'), 'e');
    cache.write('key', { inputs: new Map(), gateways: [] });
    const [file] = readdirSync(join(dir, 'b'));
    for (const text of ['', '{', 'null', '[]', '{"format":1,"engine":"e","key":"key","inputs":[[1,2]],"gateways":[]}', '{"format":1,"engine":"e","key":"key","inputs":[],"gateways":[{"configFile":3}]}']) {
      writeFileSync(join(dir, 'b', file!), text);
      assert.equal(cache.read('key'), undefined, text);
    }
  });

  it('keeps the newest 32 entries', () => {
    const cache = new FindingsCache(join(dir, 'c'), 'e');
    for (let i = 0; i < 40; i++) {
      const before = new Set(i === 0 ? [] : readdirSync(join(dir, 'c')));
      cache.write(`key ${i}`, { inputs: new Map(), gateways: [] });
      // Each entry older than the next, whatever the file system's time resolution.
      const written = readdirSync(join(dir, 'c')).find((name) => !before.has(name))!;
      const when = new Date(Date.now() - 1000 * (40 - i));
      utimesSync(join(dir, 'c', written), when, when);
    }
    assert.equal(readdirSync(join(dir, 'c')).length, 32);
    assert.ok(cache.read('key 39') && cache.read('key 8'), 'the newest stay');
    assert.equal(cache.read('key 7'), undefined, 'the oldest went');
  });

  it('prunes only its own entries: other files in the folder stay', () => {
    const folder = join(dir, 'd');
    mkdirSync(folder);
    for (let i = 0; i < 40; i++) writeFileSync(join(folder, `user-${i}.json`), '{}');
    writeFileSync(join(folder, 'package.json'), '{}');
    const cache = new FindingsCache(folder, 'e');
    for (let i = 0; i < 3; i++) cache.write(`key ${i}`, { inputs: new Map(), gateways: [] });
    assert.equal(readdirSync(folder).filter((n) => n.startsWith('user-')).length, 40);
    assert.ok(readdirSync(folder).includes('package.json'));
  });

  it('lives where the platform keeps user caches; SAG_CACHE_DIR and the client can move or turn it off', () => {
    assert.equal(cacheDirectory(undefined, { SAG_CACHE_DIR: '/tmp/x' }, 'linux'), '/tmp/x');
    assert.equal(cacheDirectory('/client/dir', { SAG_CACHE_DIR: 'off' }, 'linux'), undefined);
    assert.equal(cacheDirectory('/client/dir', {}, 'linux'), '/client/dir');
    assert.equal(cacheDirectory(null, {}, 'linux'), undefined);
    assert.equal(cacheDirectory(undefined, { XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'sag'));
    assert.match(cacheDirectory(undefined, {}, 'darwin')!, /Library[/\\]Caches[/\\]sag$/);
    assert.equal(cacheDirectory(undefined, { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'), join('C:\\Users\\u\\AppData\\Local', 'sag', 'Cache'));
    assert.equal(cacheDirectory(undefined, {}, 'win32'), undefined);
  });
});
