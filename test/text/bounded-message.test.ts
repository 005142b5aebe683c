// boundedMessage: findings quote what the user wrote, and a megabyte value must not become a megabyte message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedMessage } from '../../server/src/analysis/text/bounded-message';
import { checkFixture, findingsOf } from '../support/engine';

test('a message of up to 1,000 characters is kept as it is', () => {
  const message = `method \`${'G'.repeat(900)}\` is not an HTTP method`;
  assert.equal(boundedMessage(message), message);
});

test('a long quoted value is cut to its start and says how long it was', () => {
  const message = `method \`${'G'.repeat(1_000_000)}\` is not an HTTP method; use \`GET\``;
  const bounded = boundedMessage(message);
  assert.equal(bounded, `method \`${'G'.repeat(99)}…\` (1000000 characters) is not an HTTP method; use \`GET\``);
});

test('without quotes the message is cut at 1,000 characters, never inside a surrogate pair', () => {
  const bounded = boundedMessage(`${'a'.repeat(998)}😀${'b'.repeat(2000)}`);
  assert.equal(bounded, `${'a'.repeat(998)}…`);
  assert.equal(boundedMessage('x'.repeat(5000)).length, 1000);
});

test('a method of a million characters: SAG104 quotes its start only', () => {
  const config = `{\n  "paths": [{ "method": "${'G'.repeat(1_000_000)}", "path": "/x", "response": 1 }]\n}\n`;
  const [f] = findingsOf(checkFixture({ '/gw/api-config.json': config, '/gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\n' }), 'SAG104');
  assert.ok(f);
  assert.ok(f.message.length <= 1000, `${f.message.length} characters`);
  assert.match(f.message, /\(1000000 characters\)/);
});
