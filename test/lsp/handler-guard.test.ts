// The handler wrapper: a throwing handler is answered with its fallback and logged, and the activity it records
// (requests in flight, last message handled) is what the heap collector waits on before a ~40 ms collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { activity, guardNotification, guardRequest } from '../../server/src/lsp/handler-guard';

function recordingLog() {
  const errors: string[] = [];
  return { errors, log: { error: (m: string) => errors.push(m), info: () => undefined } };
}

test('a request counts as in flight from its start until it is answered, also when it throws', async () => {
  const { log, errors } = recordingLog();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow = guardRequest(log, 'test/slow', async () => {
    await gate;
    return 'done';
  }, null);
  const failing = guardRequest(log, 'test/failing', async () => {
    await gate;
    throw new Error('boom');
  }, 'fallback');
  const before = activity.inFlight;
  const answers = Promise.all([slow(undefined, new CancellationTokenSource().token), failing(undefined, new CancellationTokenSource().token)]);
  assert.equal(activity.inFlight, before + 2);
  release();
  assert.deepEqual(await answers, ['done', 'fallback']);
  assert.equal(activity.inFlight, before);
  assert.match(errors.join('\n'), /test\/failing failed: Error: boom/);
});

test('handling a notification marks activity', () => {
  const { log } = recordingLog();
  activity.last = 0;
  guardNotification(log, 'test/note', () => undefined)(undefined);
  assert.ok(activity.last > 0);
});
