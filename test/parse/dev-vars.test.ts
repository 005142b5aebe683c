// parseDevVars: dotenv syntax as wrangler reads `.dev.vars`, `.dev.vars.<env>` and `.env`, with ranges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devVarsEnvironmentOf, parseDevVars } from '../../server/src/analysis/parse/dev-vars';
import { r } from '../support/ranges';

test('which environment a file applies to', () => {
  assert.equal(devVarsEnvironmentOf('/gw/.dev.vars'), undefined);
  assert.equal(devVarsEnvironmentOf('/gw/.env'), undefined);
  assert.equal(devVarsEnvironmentOf('/gw/.dev.vars.staging'), 'staging');
  assert.equal(devVarsEnvironmentOf('/gw/.env.production'), 'production');
  assert.equal(devVarsEnvironmentOf('/gw/wrangler.toml'), null);
});

test('keys, values and ranges: plain, quoted, export prefix, comments, CRLF', () => {
  const text = '# secrets\r\nJWT_SECRET=abc # inline comment\r\nexport SUPABASE_URL = "https://x.supabase.co"\r\nSINGLE=\'a # not a comment\'\r\nMULTI="line1\\nline2"\r\nEMPTY=\r\n  # KEY=commented\r\n';
  const file = parseDevVars('/gw/.dev.vars.staging', text);
  assert.equal(file.env, 'staging');
  assert.deepEqual([...file.vars.keys()], ['JWT_SECRET', 'SUPABASE_URL', 'SINGLE', 'MULTI', 'EMPTY']);
  assert.deepEqual(file.vars.get('JWT_SECRET'), { value: 'abc', range: r(1, 11, 1, 14), keyRange: r(1, 0, 1, 10) });
  assert.deepEqual(file.vars.get('SUPABASE_URL'), { value: 'https://x.supabase.co', range: r(2, 22, 2, 45), keyRange: r(2, 7, 2, 19) });
  assert.equal(file.vars.get('SINGLE')?.value, 'a # not a comment');
  assert.equal(file.vars.get('MULTI')?.value, 'line1\nline2');
  assert.deepEqual(file.vars.get('EMPTY'), { value: '', range: r(5, 6, 5, 6), keyRange: r(5, 0, 5, 5) });
});

test('multi-line double-quoted values and a later key', () => {
  const file = parseDevVars('/gw/.dev.vars', 'KEY="-----BEGIN\nabc\n-----END"\nNEXT=1\n');
  assert.equal(file.env, undefined);
  assert.equal(file.vars.get('KEY')?.value, '-----BEGIN\nabc\n-----END');
  assert.deepEqual(file.vars.get('KEY')?.range, r(0, 4, 2, 9));
  assert.equal(file.vars.get('NEXT')?.value, '1');
});

test('bad input never throws', () => {
  for (const text of ['', '=', '====', 'KEY="unterminated\nOTHER=2', '\u0000\u0001', 'A'.repeat(300 * 1024), 'X=' + '"'.repeat(10000)]) {
    assert.ok(parseDevVars('/gw/.dev.vars', text).vars instanceof Map);
  }
  assert.equal(parseDevVars('/gw/.dev.vars', 'KEY="unterminated\nOTHER=2\n').vars.get('OTHER')?.value, '2');
});

test('a byte order mark before the first key (Windows editors): the key is read, its range after the mark', () => {
  const vars = parseDevVars('/gw/.dev.vars', '\ufeffJWT_SECRET=abc\r\nOTHER=x\r\n').vars;
  assert.deepEqual([...vars.keys()], ['JWT_SECRET', 'OTHER']);
  assert.equal(vars.get('JWT_SECRET')!.value, 'abc');
  assert.deepEqual(vars.get('JWT_SECRET')!.keyRange?.start, { line: 0, character: 1 });
});
