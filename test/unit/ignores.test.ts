import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIgnored } from '../../server/src/analysis/ignores';
import type { SagRcIgnore } from '../../server/src/analysis/model';
import type { Report } from '../../server/src/analysis/rules/rule';
import { checkFixture } from '../support/engine';

const report = (code: string, file: string, pointer?: string): Report =>
  ({ code, file, pointer, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }) as Report;

test('an ignore names the code, the file (relative, ./relative or absolute) and, when it has one, the pointer', () => {
  const ignores: SagRcIgnore[] = [
    { code: 'SAG201', file: 'api-config.json', pointer: '/paths/0/integration/server' },
    { code: 'SAG201', file: './api-config.json', pointer: '/paths/2/integration/server' },
    { code: 'SAG301', file: '/gw/api-config.json' },
    { code: 'SAG610', file: 'sub/api-config.json' },
  ];
  assert.equal(isIgnored(ignores, '/gw', report('SAG201', '/gw/api-config.json', '/paths/0/integration/server')), true);
  assert.equal(isIgnored(ignores, '/gw', report('SAG201', '/gw/api-config.json', '/paths/2/integration/server')), true);
  assert.equal(isIgnored(ignores, '/gw', report('SAG201', '/gw/api-config.json', '/paths/1/integration/server')), false, 'another pointer');
  assert.equal(isIgnored(ignores, '/gw', report('SAG201', '/gw/api-config.json')), false, 'no pointer');
  assert.equal(isIgnored(ignores, '/gw', report('SAG301', '/gw/api-config.json', '/serviceBindings/0')), true, 'an ignore without pointer takes any');
  assert.equal(isIgnored(ignores, '/gw', report('SAG301', '/gw/wrangler.toml')), false, 'another file');
  assert.equal(isIgnored(ignores, '/gw', report('SAG610', '/gw/sub/api-config.json', '/x')), true);
  assert.equal(isIgnored(ignores, '/gw', report('SAG202', '/gw/api-config.json', '/paths/0/integration/server')), false, 'another code');
  assert.equal(isIgnored([], '/gw', report('SAG201', '/gw/api-config.json')), false);
});

test('.sagrc.json ignores drop exactly the findings they name, through the whole engine', () => {
  const config = JSON.stringify({ servers: [{ alias: 's', url: 'https://e.example.com' }], paths: [0, 1, 2].map((i) => ({ method: 'GET', path: `/p${i}`, integration: { type: 'http_proxy', server: `x${i}` } })) }, null, 2);
  const files = { '/gw/api-config.json': config, '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n' };
  const all = checkFixture(files, { runtime: 'bundled' }).filter((f) => f.code === 'SAG201');
  assert.equal(all.length, 3);
  const sagrc = JSON.stringify({ ignore: [{ code: 'SAG201', file: 'api-config.json', pointer: '/paths/1/integration/server' }] });
  const left = checkFixture({ ...files, '/gw/.sagrc.json': sagrc }, { runtime: 'bundled' }).filter((f) => f.code === 'SAG201');
  assert.deepEqual(left.map((f) => f.pointer), ['/paths/0/integration/server', '/paths/2/integration/server']);
  // Written on Windows: `.\\api-config.json` names the same file.
  const windows = JSON.stringify({ ignore: [{ code: 'SAG201', file: '.\\api-config.json', pointer: '/paths/1/integration/server' }] });
  const leftWindows = checkFixture({ ...files, '/gw/.sagrc.json': windows }, { runtime: 'bundled' }).filter((f) => f.code === 'SAG201');
  assert.deepEqual(leftWindows.map((f) => f.pointer), ['/paths/0/integration/server', '/paths/2/integration/server']);
});
