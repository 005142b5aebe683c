// Push diagnostics over stdio: workspace-wide at start (multi-root, files never opened), the fields every
// diagnostic carries, findings on wrangler.toml published on that file, incremental edits re-diagnosed per version.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { LspSession, codes } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, GATEWAY_WRANGLER, positionOf, smallGateway } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('push diagnostics', () => {
  let a: TempWorkspace;
  let b: TempWorkspace;
  let session: LspSession;

  before(async () => {
    a = tempWorkspace(brokenGateway());
    b = tempWorkspace(smallGateway());
    session = await LspSession.start({ roots: [a.root, b.root] });
  });
  after(async () => {
    await session.stop();
    a.remove();
    b.remove();
  });

  it('publishes every gateway of every folder without opening a file', async () => {
    const first = await session.waitForDiagnostics(a.path('gw/api-config.json'));
    assert.deepEqual(codes(first.diagnostics), ['SAG301', 'SAG301', 'SAG401', 'SAG510', 'SAG609', 'SAG609', 'SAG610', 'SAG610']);
    assert.equal(first.version, undefined, 'a file that is not open has no version');
    const second = await session.waitForDiagnostics(b.path('other/api-config.json'));
    assert.deepEqual(codes(second.diagnostics), ['SAG301']);
    const status = (await session.waitForNotification('sag/status')) as { gateways: number; errors: number };
    assert.equal(status.gateways, 2);
    assert.equal(status.errors, 5);
  });

  it('fills code, docs link, source, environment and related locations', async () => {
    const published = await session.waitForDiagnostics(a.path('gw/api-config.json'));
    const staging = published.diagnostics.find((d) => d.code === 'SAG301' && String(d.message).includes('(env: staging)'));
    assert.ok(staging, 'the staging SAG301 names its environment');
    assert.equal(staging.source, 'sag');
    assert.equal(staging.severity, 1);
    assert.equal(staging.codeDescription?.href, 'https://github.com/sag-tools/serverless-api-gateway-tools/blob/main/docs/diagnostics.md#sag301');
    assert.deepEqual(staging.range, { start: positionOf(GATEWAY_CONFIG, '"HOOKS"'), end: positionOf(GATEWAY_CONFIG, '"HOOKS"', 7) });
    const related = staging.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.uri === pathToUri(a.path('gw/wrangler.toml')) && r.location.range.start.line === 8), 'points at [env.staging] of wrangler.toml');
  });

  it('publishes findings anchored in wrangler.toml on wrangler.toml', async () => {
    const wrangler = await session.waitForDiagnostics(a.path('gw/wrangler.toml'));
    assert.deepEqual(codes(wrangler.diagnostics), ['SAG309', 'SAG313']);
    const legacy = wrangler.diagnostics.find((d) => d.code === 'SAG313')!;
    assert.equal(legacy.range.start.line, 14);
  });

  it('re-checks after an incremental edit and publishes for that version', async () => {
    const file = a.path('gw/api-config.json');
    session.open(file);
    const start = positionOf(GATEWAY_CONFIG, '"HOOKS"', 1);
    const v2 = session.change(file, { start, end: { line: start.line, character: start.character + 5 } }, 'TARGET');
    const after2 = await session.waitForVersion(file, v2);
    assert.equal(after2.version, v2);
    assert.ok(!codes(after2.diagnostics).includes('SAG301'), 'HOOKS renamed to the declared TARGET: no SAG301');
    const v3 = session.change(file, { start, end: { line: start.line, character: start.character + 6 } }, 'HOKS');
    const after3 = await session.waitForVersion(file, v3);
    const messages = after3.diagnostics.filter((d) => d.code === 'SAG301').map((d) => String(d.message));
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /binding `HOKS` is not declared/);
    session.close(file);
  });

  it('keeps answering after many quick edits (only the last version is checked)', async () => {
    const file = b.path('other/api-config.json');
    session.open(file);
    let version = 1;
    const where = positionOf(session.documents.get(file)!.text, '"/x"', 2);
    for (let i = 0; i < 20; i++) version = session.change(file, { start: where, end: where }, 'y');
    const last = await session.waitForVersion(file, version);
    assert.equal(last.version, version);
    assert.deepEqual(codes(last.diagnostics), ['SAG301']);
    assert.match(session.documents.get(file)!.text, /"\/x?y{20}x?"/);
  });
});

describe('the project files around the config', () => {
  it('publishes SAG315 on a wrangler.toml typed into a broken state, and SAG001 on a .sagrc.json with a bad value', async () => {
    const ws = tempWorkspace({ ...brokenGateway('gw'), 'gw/.sagrc.json': '{ "runtime": "upstream", "rules": { "SAG313": "silent" } }\n' });
    const session = await LspSession.start({ roots: [ws.root] });
    try {
      const sagrc = await session.waitForDiagnostics(ws.path('gw/.sagrc.json'));
      assert.deepEqual(codes(sagrc.diagnostics), ['SAG001']);
      assert.match(String(sagrc.diagnostics[0]!.message), /severity of SAG313 must be one of/);
      const file = ws.path('gw/wrangler.toml');
      session.open(file);
      const at = positionOf(GATEWAY_WRANGLER, 'service = "target-worker"', 'service = "target-worker'.length);
      const version = session.change(file, { start: at, end: { line: at.line, character: at.character + 1 } }, '');
      const published = await session.waitForVersion(file, version);
      const broken = published.diagnostics.find((d) => d.code === 'SAG315');
      assert.ok(broken, codes(published.diagnostics).join(', '));
      assert.equal(broken.range.start.line, at.line);
      assert.equal(broken.severity, 1);
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

describe('a wrangler config two gateways share', () => {
  it('publishes each of its findings once, and counts it once', async () => {
    const ws = tempWorkspace({
      'wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\n',
      'a/api-config.json': '{ "paths": [] }\n',
      'b/api-config.json': '{ "paths": [] }\n',
    });
    const session = await LspSession.start({ roots: [ws.root] });
    try {
      const status = (await session.waitForNotification('sag/status', (p) => (p as { busy?: boolean }).busy === false)) as { gateways: number; problems: number; errors: number };
      assert.equal(status.gateways, 2);
      const published = await session.waitForDiagnostics(ws.path('wrangler.toml'));
      assert.deepEqual(codes(published.diagnostics), ['SAG309']);
      assert.deepEqual([status.problems, status.errors], [1, 1], 'the status bar counts it once too');

      // One gateway goes: the other still reports the wrangler config's finding; fixed on disk, it is cleared.
      rmSync(ws.path('b/api-config.json'));
      session.watched(ws.path('b/api-config.json'), 3);
      const left = (await session.waitForNotification('sag/status', (p) => (p as { gateways?: number }).gateways === 1)) as { problems: number };
      assert.equal(left.problems, 1, 'the status bar is told at once');
      const fixed = session.nextPublishWhere(ws.path('wrangler.toml'), (p) => p.diagnostics.length === 0, 'wrangler.toml cleared');
      writeFileSync(ws.path('wrangler.toml'), 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n');
      session.watched(ws.path('wrangler.toml'), 2);
      await fixed;
      const again = session.nextPublishWhere(ws.path('wrangler.toml'), (p) => p.diagnostics.length > 0, 'SAG309 back');
      writeFileSync(ws.path('wrangler.toml'), 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\n');
      session.watched(ws.path('wrangler.toml'), 2);
      assert.deepEqual(codes((await again).diagnostics), ['SAG309'], 'from the gateway left, once');
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});

describe('initialization options and settings', () => {
  it('leaves SAG100 out when the client asks (excludeCodes), and reports it otherwise', async () => {
    const ws = tempWorkspace({ 'api-config.json': '{ "paths": [ }\n' });
    const withIt = await LspSession.start({ roots: [ws.root] });
    const withoutIt = await LspSession.start({ roots: [ws.root], initializationOptions: { excludeCodes: ['SAG100'] } });
    try {
      assert.ok(codes((await withIt.waitForDiagnostics(ws.path('api-config.json'))).diagnostics).includes('SAG100'));
      await withoutIt.waitForNotification('sag/status');
      const published = await withoutIt.waitForDiagnostics(ws.path('api-config.json'));
      assert.ok(!codes(published.diagnostics).includes('SAG100'));
    } finally {
      await withIt.stop();
      await withoutIt.stop();
      ws.remove();
    }
  });

  it('editorShowsJsonSyntaxErrors leaves out the JSON syntax errors the editor shows (SAG100, SAG315 on wrangler.json), not those of wrangler.toml', async () => {
    const ws = tempWorkspace({
      'json/api-config.json': '{ "paths": [ }\n',
      'json/wrangler.json': '{ "name": "gw", "main": "index.js" "compatibility_date": "2025-07-04" }\n',
      'toml/api-config.json': '{ "paths": [] }\n',
      'toml/wrangler.toml': 'name = "gw"\nmain = = "index.js"\n',
    });
    const plain = await LspSession.start({ roots: [ws.root] });
    const vscodeLike = await LspSession.start({ roots: [ws.root], initializationOptions: { editorShowsJsonSyntaxErrors: true } });
    try {
      await plain.waitForNotification('sag/status');
      assert.ok(codes((await plain.waitForDiagnostics(ws.path('json/api-config.json'))).diagnostics).includes('SAG100'));
      assert.ok(codes((await plain.waitForDiagnostics(ws.path('json/wrangler.json'))).diagnostics).includes('SAG315'));
      await vscodeLike.waitForNotification('sag/status');
      assert.ok(!codes((await vscodeLike.waitForDiagnostics(ws.path('json/api-config.json'))).diagnostics).includes('SAG100'));
      assert.ok(!codes((await vscodeLike.waitForDiagnostics(ws.path('json/wrangler.json'))).diagnostics).includes('SAG315'));
      assert.ok(codes((await vscodeLike.waitForDiagnostics(ws.path('toml/wrangler.toml'))).diagnostics).includes('SAG315'), 'the editor does not check TOML');
    } finally {
      await plain.stop();
      await vscodeLike.stop();
      ws.remove();
    }
  });

  it('applies sag.rules from workspace/configuration, and .sagrc.json wins over it', async () => {
    const ws = tempWorkspace({ ...brokenGateway('one'), ...brokenGateway('two'), 'two/.sagrc.json': '{ "runtime": "upstream", "rules": { "SAG401": "warning" } }\n' });
    const session = await LspSession.start({ roots: [ws.root], settings: { rules: { SAG401: 'off', SAG301: 'hint' } } });
    try {
      await session.waitForNotification('sag/status');
      const one = await session.waitForDiagnostics(ws.path('one/api-config.json'));
      assert.ok(!codes(one.diagnostics).includes('SAG401'), 'setting turns SAG401 off');
      assert.ok(one.diagnostics.filter((d) => d.code === 'SAG301').every((d) => d.severity === 4), 'setting makes SAG301 a hint');
      const two = await session.waitForDiagnostics(ws.path('two/api-config.json'));
      assert.equal(two.diagnostics.find((d) => d.code === 'SAG401')?.severity, 2, '.sagrc.json makes it a warning again');
    } finally {
      await session.stop();
      ws.remove();
    }
  });
});
