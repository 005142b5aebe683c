// The test-support layer itself: fixture strings, the $0 cursor, and checkFixture running the real engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFixture, fixture, loadFixture } from '../support/engine';

test('fixture splits files, removes common indentation and strips the $0 cursor', () => {
  const { files, cursor } = fixture(`
    //- /gw/api-config.json
    {
      "paths": [$0]
    }

    //- /gw/wrangler.toml
    name = "gw"
  `);
  assert.deepEqual(files, { '/gw/api-config.json': '{\n  "paths": []\n}\n', '/gw/wrangler.toml': 'name = "gw"\n' });
  assert.deepEqual(cursor, { file: '/gw/api-config.json', offset: 14, position: { line: 1, character: 12 } });
  assert.throws(() => fixture('stray\n//- /a\n'), /before the first/);
  assert.throws(() => fixture('//- /a\n$0\n//- /b\n$0\n'), /more than one/);
});

test('checkFixture loads the only api-config.json and runs every rule family without crashing', () => {
  const findings = checkFixture(`
    //- /gw/api-config.json
    { "paths": [] }
    //- /gw/wrangler.toml
    name = "gw"
  `);
  assert.ok(Array.isArray(findings));
  assert.ok(!findings.some((f) => f.code === 'SAG000'), JSON.stringify(findings.filter((f) => f.code === 'SAG000')));
  assert.throws(() => checkFixture({ '/a/api-config.json': '{}', '/b/api-config.json': '{}' }), /exactly one api-config.json/);
  assert.equal(loadFixture({ '/a/api-config.json': '{}', '/b/api-config.json': '{}' }, { configFile: '/b/api-config.json' }).project.root, '/b');
});

test('annotate renders a finding as carets under its range', async () => {
  const { annotate } = await import('../support/annotate');
  const files = { '/gw/api-config.json': '{\n  "binding": "HOOK"\n}\n' };
  const text = annotate(files, [{ code: 'SAG301', severity: 'error', message: 'm', file: '/gw/api-config.json', range: { start: { line: 1, character: 13 }, end: { line: 1, character: 19 } }, env: 'staging', related: [], fixes: [] }]);
  assert.equal(text, '/gw/api-config.json:2\n      "binding": "HOOK"\n                 ^^^^^^ SAG301 error (env: staging): m');
});
