// The port sag dev prints and keeps across reloads: read from the URL Miniflare answers with. URL leaves a
// scheme's default port out, so `--port 80` used to become port 0 ("Ready on http://127.0.0.1:0", and the first
// reload asked for any free port, moving the server away from 80).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { portOf } from '../../server/src/cli/dev/session';

test('the port of the ready URL, the scheme default when the URL leaves it out', () => {
  assert.equal(portOf(new URL('http://127.0.0.1:8787/')), 8787);
  assert.equal(portOf(new URL('http://127.0.0.1:80/')), 80);
  assert.equal(portOf(new URL('https://127.0.0.1:443/')), 443);
  assert.equal(portOf(new URL('http://[::1]:8080/')), 8080);
});
