// "SAG: Run Gateway Locally" (a `sag` task running `sag dev`, with the `$sag` problem matcher for its check output),
// "SAG: Stop Gateway", "SAG: Open Route in Browser" (used by the route code lens), the status bar item showing the
// URL while the gateway runs, and registerGatewayCommands: the one call extension.ts makes for all of these.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { registerScaffoldCommands, pickGatewayFolder } from './scaffold';
import { nodeEnv, sagScript } from './sag-cli';
import { taskFolder } from './task-folder';

export const TASK_TYPE = 'sag';

/** The task definition contributed in package.json (`taskDefinitions`), so users can put it in tasks.json. */
interface SagTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  command: 'dev';
  /** The gateway folder (holding api-config.json); default: the workspace folder. */
  folder?: string;
  port?: number;
  env?: string;
}

/** Running gateways by folder (two folders may share a name in a multi-root workspace). */
const running = new Map<string, { execution: vscode.TaskExecution; port: number }>();

/** A folder as one key, whichever way it was written (`C:/x` from the server, `c:\\x` from VS Code). */
function folderKey(folder: string): string {
  return vscode.Uri.file(folder).fsPath;
}

export function registerGatewayCommands(context: vscode.ExtensionContext): void {
  registerScaffoldCommands(context);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'sag.openRoute';
  context.subscriptions.push(
    status,
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: async () => {
        const folder = await firstGatewayFolder();
        return folder ? [devTask(context, { type: TASK_TYPE, command: 'dev', folder }, workspaceFolderOf(folder))] : [];
      },
      resolveTask: (task) => (task.definition.type === TASK_TYPE ? devTask(context, task.definition as SagTaskDefinition, task.scope) : undefined),
    }),
    vscode.commands.registerCommand('sag.runGateway', (uri?: vscode.Uri) => runGateway(context, uri)),
    vscode.commands.registerCommand('sag.stopGateway', () => stopGateway()),
    vscode.commands.registerCommand('sag.openRoute', (route?: RouteArgument) => openRoute(route)),
    vscode.tasks.onDidStartTaskProcess((event) => {
      const task = event.execution.task;
      if (task.definition.type !== TASK_TYPE) return;
      const folder = folderOf(task.definition as SagTaskDefinition, task.scope);
      const port = portOf(task.definition as SagTaskDefinition, folder);
      running.set(folderKey(folder), { execution: event.execution, port });
      status.text = `$(broadcast) SAG: http://127.0.0.1:${port}`;
      status.tooltip = `sag dev is serving ${task.name}; click to open a route`;
      status.show();
    }),
    vscode.tasks.onDidEndTaskProcess((event) => {
      const task = event.execution.task;
      if (task.definition.type !== TASK_TYPE) return;
      running.delete(folderKey(folderOf(task.definition as SagTaskDefinition, task.scope)));
      if (running.size === 0) status.hide();
      else status.text = `$(broadcast) SAG: http://127.0.0.1:${[...running.values()][0]!.port}`;
    }),
  );
}

function folderOf(definition: SagTaskDefinition, scope?: vscode.TaskScope | vscode.WorkspaceFolder): string {
  return taskFolder(definition.folder, scope, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
}

/** The task's port, else the `sag.dev.port` of the gateway's folder (a resource setting: each folder may set its own). */
function portOf(definition: SagTaskDefinition, folder: string): number {
  return definition.port ?? vscode.workspace.getConfiguration('sag', vscode.Uri.file(folder)).get<number>('dev.port', 8787);
}

/**
 * The workspace folder holding a gateway, as its task's scope: VS Code names a task by it ("dev billing (billing)"),
 * and a workspace-scoped task in a multi-root workspace was named after the first folder instead.
 */
function workspaceFolderOf(folder: string): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folder));
}

async function firstGatewayFolder(): Promise<string | undefined> {
  const configs = await vscode.workspace.findFiles('**/api-config.json', '{**/node_modules/**,**/vendor/**,**/.wrangler/**,**/dist/**}', 1);
  return configs[0] ? vscode.Uri.joinPath(configs[0], '..').fsPath : undefined;
}

function devTask(context: vscode.ExtensionContext, definition: SagTaskDefinition, scope?: vscode.TaskScope | vscode.WorkspaceFolder): vscode.Task {
  const folder = folderOf(definition, scope);
  const args = [sagScript(context), 'dev', folder, '--port', String(portOf(definition, folder)), ...(definition.env ? ['--env', definition.env] : [])];
  const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder, env: nodeEnv() });
  const task = new vscode.Task(definition, scope ?? vscode.TaskScope.Workspace, `dev ${basename(folder)}`, TASK_TYPE, execution, '$sag');
  task.isBackground = true;
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  return task;
}

async function runGateway(context: vscode.ExtensionContext, uri: vscode.Uri | undefined): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('SAG: running a gateway executes the project\'s code; trust this workspace first.');
    return;
  }
  const folder = uri ? (uri.fsPath.endsWith('.json') || uri.fsPath.endsWith('.toml') ? vscode.Uri.joinPath(uri, '..').fsPath : uri.fsPath) : await pickGatewayFolder();
  if (!folder) return;
  const task = devTask(context, { type: TASK_TYPE, command: 'dev', folder }, workspaceFolderOf(folder));
  if (running.has(folderKey(folder))) {
    void vscode.window.showInformationMessage(`SAG: ${task.name} is already running.`);
    return;
  }
  await vscode.tasks.executeTask(task);
}

function stopGateway(): void {
  if (running.size === 0) {
    void vscode.window.showInformationMessage('SAG: no gateway is running.');
    return;
  }
  // Terminating the task ends the process tree (sag dev, then workerd through its exit hook).
  for (const { execution } of running.values()) execution.terminate();
}

/** What the route code lens passes: the route as written in api-config.json, and the folder of that config. */
type RouteArgument = { method?: string; path?: string; gateway?: string } | string | undefined;

async function openRoute(route: RouteArgument): Promise<void> {
  // The gateway the route belongs to when it runs; else (the command palette) the one running.
  const folder = typeof route === 'object' ? route.gateway : undefined;
  const current = folder ? running.get(folderKey(folder)) : [...running.values()][0];
  if (!current) {
    const gateway = folder ? vscode.Uri.file(folder) : undefined;
    const question = gateway ? `SAG: the gateway in ${basename(gateway.fsPath)} is not running. Start it?` : 'SAG: no gateway is running. Start one with "SAG: Run Gateway Locally"?';
    const start = await vscode.window.showInformationMessage(question, 'Run Gateway');
    if (start) await vscode.commands.executeCommand('sag.runGateway', gateway);
    return;
  }
  const pattern = typeof route === 'string' ? route : route?.path ?? (await vscode.window.showInputBox({ title: 'SAG: path to open', value: '/' }));
  if (!pattern) return;
  const path = await fillParameters(pattern);
  if (path === undefined) return;
  const method = typeof route === 'object' ? route.method : undefined;
  if (method && method !== 'GET' && method !== 'ANY') {
    // Windows PowerShell's `curl` is Invoke-WebRequest: curl.exe is the real one there.
    const curl = `${process.platform === 'win32' ? 'curl.exe' : 'curl'} -si -X ${method} http://127.0.0.1:${current.port}${path}`;
    await vscode.env.clipboard.writeText(curl);
    void vscode.window.showInformationMessage(`SAG: a browser sends GET; copied for ${method}: ${curl}`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(`http://127.0.0.1:${current.port}${path}`));
}

/** `{param}` segments are asked for; a final `{.+}` may be left empty. */
async function fillParameters(pattern: string): Promise<string | undefined> {
  let path = pattern;
  for (const match of pattern.matchAll(/\{([^}]+)\}/g)) {
    const wildcard = match[1] === '.+';
    const value = await vscode.window.showInputBox({ title: `SAG: value for ${match[0]} in ${pattern}`, value: wildcard ? '' : match[1] });
    if (value === undefined) return undefined;
    path = path.replace(match[0], wildcard ? value.replace(/^\//, '') : encodeURIComponent(value));
  }
  return path;
}
