// The CLI's version constant (SARIF driver version, `sag --version`) must follow package.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { SAG_VERSION } from '../../server/src/cli/version';

it('SAG_VERSION equals the version in package.json', () => {
  assert.equal(SAG_VERSION, JSON.parse(readFileSync('package.json', 'utf8')).version);
});
