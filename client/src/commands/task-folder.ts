// Which gateway folder a `sag` task serves, without the VS Code API (so it is unit-tested): the task's `folder`,
// else the workspace folder the task belongs to (a folder's tasks.json), else the first workspace folder.

/** A task's scope as VS Code gives it: a workspace folder (an object with a uri), or Global / Workspace (numbers). */
export type TaskScopeLike = number | { uri: { fsPath: string } } | undefined;

export function taskFolder(folder: string | undefined, scope: TaskScopeLike, firstWorkspaceFolder: string | undefined): string {
  if (folder) return folder;
  if (scope !== undefined && typeof scope === 'object') return scope.uri.fsPath;
  return firstWorkspaceFolder ?? '.';
}
