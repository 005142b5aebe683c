// taskFolder: the gateway folder a `sag` task serves in single- and multi-root workspaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { taskFolder } from '../../client/src/commands/task-folder';

test('the task\'s folder, else the workspace folder whose tasks.json holds it, else the first folder', () => {
  const b = { uri: { fsPath: '/ws/b' } };
  assert.equal(taskFolder('/ws/b/gateway', b, '/ws/a'), '/ws/b/gateway');
  assert.equal(taskFolder(undefined, b, '/ws/a'), '/ws/b', 'a task of folder b serves b, not the first folder');
  assert.equal(taskFolder(undefined, 2 /* TaskScope.Workspace */, '/ws/a'), '/ws/a');
  assert.equal(taskFolder(undefined, undefined, undefined), '.');
});
