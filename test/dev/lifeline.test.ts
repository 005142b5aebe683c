// The lifeline of `sag dev` (server/src/cli/dev/lifeline.ts) on its own: the children started after it are ended
// when its pipe closes, those started before are not its business, and it then exits. What it is for, `sag dev`
// killed outright taking workerd with it, is tested for real in dev.test.ts.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { it } from 'node:test';
import { Lifeline } from '../../server/src/cli/dev/lifeline';
import { alive, until } from '../support/processes';

function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

it('ends the children started after it once its pipe closes, leaves the others, and exits', async () => {
  const before = sleeper();
  await once(before, 'spawn');
  const lifeline = Lifeline.start();
  const tracked = [sleeper(), sleeper()];
  const shortLived = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  try {
    await Promise.all([...tracked.map((c) => once(c, 'spawn')), once(shortLived, 'exit')]);
    assert.ok(lifeline.pid && alive(lifeline.pid), 'the lifeline runs');
    const exits = tracked.map((c) => once(c, 'exit') as Promise<[number | null, NodeJS.Signals | null]>);
    lifeline.cut();
    await until(() => tracked.every((c) => c.exitCode !== null || c.signalCode !== null), 'the children started after it end');
    for (const [, signal] of await Promise.all(exits)) assert.equal(signal, 'SIGKILL');
    await until(() => !alive(lifeline.pid!), 'the lifeline exits');
    assert.ok(alive(before.pid!), 'a child started before the lifeline is not ended by it');
  } finally {
    for (const child of [before, ...tracked]) child.kill('SIGKILL');
  }
});

it('tracks nothing after it is cut', async () => {
  const lifeline = Lifeline.start();
  lifeline.cut();
  await until(() => !alive(lifeline.pid!), 'the lifeline exits');
  const later = sleeper();
  try {
    await once(later, 'spawn');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(alive(later.pid!));
  } finally {
    later.kill('SIGKILL');
  }
});
