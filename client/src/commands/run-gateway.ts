// "SAG: Run Gateway Locally" (a `sag` task running `sag dev`, with the `$sag` problem matcher for its check output),
// "SAG: Stop Gateway", "SAG: Open Route in Browser" (used by the route code lens), the status bar item showing the
// URL while the gateway runs, and registerGatewayCommands: the one call extension.ts makes for all of these.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { registerScaffoldCommands, pickGatewayFolder } from './scaffold';
import { nodeEnv, sagScript } from './sag-cli';

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

const running = new Map<string, { execution: vscode.TaskExecution; port: number }>();

export function registerGatewayCommands(context: vscode.ExtensionContext): void {
  registerScaffoldCommands(context);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'sag.openRoute';
  context.subscriptions.push(
    status,
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: async () => {
        const folder = await firstGatewayFolder();
        return folder ? [devTask(context, { type: TASK_TYPE, command: 'dev', folder })] : [];
      },
      resolveTask: (task) => (task.definition.type === TASK_TYPE ? devTask(context, task.definition as SagTaskDefinition, task.scope) : undefined),
    }),
    vscode.commands.registerCommand('sag.runGateway', (uri?: vscode.Uri) => runGateway(context, uri)),
    vscode.commands.registerCommand('sag.stopGateway', () => stopGateway()),
    vscode.commands.registerCommand('sag.openRoute', (route?: RouteArgument) => openRoute(route)),
    vscode.tasks.onDidStartTaskProcess((event) => {
      const definition = event.execution.task.definition;
      if (definition.type !== TASK_TYPE) return;
      const port = portOf(definition as SagTaskDefinition);
      running.set(event.execution.task.name, { execution: event.execution, port });
      status.text = `$(broadcast) SAG: http://127.0.0.1:${port}`;
      status.tooltip = `sag dev is serving ${event.execution.task.name}; click to open a route`;
      status.show();
    }),
    vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.definition.type !== TASK_TYPE) return;
      running.delete(event.execution.task.name);
      if (running.size === 0) status.hide();
      else status.text = `$(broadcast) SAG: http://127.0.0.1:${[...running.values()][0]!.port}`;
    }),
  );
}

function portOf(definition: SagTaskDefinition): number {
  return definition.port ?? vscode.workspace.getConfiguration('sag').get<number>('dev.port', 8787);
}

async function firstGatewayFolder(): Promise<string | undefined> {
  const configs = await vscode.workspace.findFiles('**/api-config.json', '{**/node_modules/**,**/vendor/**,**/.wrangler/**,**/dist/**}', 1);
  return configs[0] ? vscode.Uri.joinPath(configs[0], '..').fsPath : undefined;
}

function devTask(context: vscode.ExtensionContext, definition: SagTaskDefinition, scope?: vscode.TaskScope | vscode.WorkspaceFolder): vscode.Task {
  const folder = definition.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.';
  const args = [sagScript(context), 'dev', folder, '--port', String(portOf(definition)), ...(definition.env ? ['--env', definition.env] : [])];
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
  const task = devTask(context, { type: TASK_TYPE, command: 'dev', folder });
  if (running.has(task.name)) {
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

/** What the route code lens passes: the route as written in api-config.json. */
type RouteArgument = { method?: string; path?: string } | string | undefined;

async function openRoute(route: RouteArgument): Promise<void> {
  const current = [...running.values()][0];
  if (!current) {
    const start = await vscode.window.showInformationMessage('SAG: no gateway is running. Start one with "SAG: Run Gateway Locally"?', 'Run Gateway');
    if (start) await vscode.commands.executeCommand('sag.runGateway');
    return;
  }
  const pattern = typeof route === 'string' ? route : route?.path ?? (await vscode.window.showInputBox({ title: 'SAG: path to open', value: '/' }));
  if (!pattern) return;
  const path = await fillParameters(pattern);
  if (path === undefined) return;
  const method = typeof route === 'object' ? route.method : undefined;
  if (method && method !== 'GET' && method !== 'ANY') {
    const curl = `curl -si -X ${method} http://127.0.0.1:${current.port}${path}`;
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
