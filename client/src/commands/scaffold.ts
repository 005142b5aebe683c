// "SAG: New Gateway Project…" (folder, template, name -> `sag init`, then `npm install` with progress, then open
// the folder) and "SAG: Refresh Vendored Runtime" (`sag init --upgrade` on a workspace gateway).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_TEMPLATE, TEMPLATE_NAMES, TEMPLATE_SUMMARIES, workerNameFrom, workerNameProblem } from '../../../server/src/cli/scaffold/templates';
import { runSagCli } from './sag-cli';

export function registerScaffoldCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('sag.newProject', () => newProject(context)),
    vscode.commands.registerCommand('sag.upgradeVendored', (uri?: vscode.Uri) => upgradeVendored(context, uri)),
  );
}

async function newProject(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('SAG: creating a project runs the sag CLI; trust this workspace first.');
    return;
  }
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create the gateway here', title: 'SAG: folder for the new gateway project' });
  const folder = picked?.[0]?.fsPath;
  if (!folder) return;

  const template = await vscode.window.showQuickPick(
    TEMPLATE_NAMES.map((name) => ({ label: name, description: name === DEFAULT_TEMPLATE ? '(default)' : '', detail: TEMPLATE_SUMMARIES[name] })),
    { title: 'SAG: template', placeHolder: 'The project to start from' },
  );
  if (!template) return;
  const name = await vscode.window.showInputBox({
    title: 'SAG: Worker name',
    value: workerNameFrom(basename(folder)),
    validateInput: (value) => workerNameProblem(value.trim()) ?? null,
  });
  if (!name) return;

  const args = ['init', folder, '--template', template.label, '--name', name.trim(), '--yes'];
  if (entriesOf(folder).length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `${folder} is not empty. Add the project files there? Existing files are kept unchanged.`,
      { modal: true },
      'Add the files',
    );
    if (answer !== 'Add the files') return;
    args.push('--force');
  }
  const result = await runSagCli(context, args, folder);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`SAG: the project was not created: ${result.stderr.trim() || result.stdout.trim()}`);
    return;
  }

  const install = await vscode.window.showInformationMessage(`SAG: created ${name} (${template.label}). Install its packages (npm install) now?`, 'Run npm install', 'Skip');
  if (install === 'Run npm install') {
    const ok = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `SAG: npm install in ${basename(folder)}`, cancellable: true },
      (progress, token) => npmInstall(folder, (line) => progress.report({ message: line }), token),
    );
    if (!ok) void vscode.window.showWarningMessage('SAG: npm install did not finish; run it in the project folder before `npm run dev`.');
  }
  const open = await vscode.window.showInformationMessage(`SAG: open ${basename(folder)}?`, 'Open Folder', 'Open in New Window');
  if (open) await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder), { forceNewWindow: open === 'Open in New Window' });
}

function entriesOf(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** Resolves true when npm exits 0; the last output line is shown as progress. */
function npmInstall(folder: string, report: (line: string) => void, token: vscode.CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['install', '--no-fund', '--no-audit'], { cwd: folder, shell: process.platform === 'win32' });
    const onData = (chunk: Buffer): void => {
      const line = chunk.toString('utf8').trim().split('\n').pop();
      if (line) report(line.slice(0, 120));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // On Windows npm runs under cmd.exe (shell): killing the shell leaves npm writing node_modules; end the tree.
    token.onCancellationRequested(() => (process.platform === 'win32' && child.pid ? spawn('taskkill', ['/pid', String(child.pid), '/T', '/F']) : child.kill()));
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function upgradeVendored(context: vscode.ExtensionContext, uri: vscode.Uri | undefined): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const folder = uri ? (uri.fsPath.endsWith('api-config.json') ? join(uri.fsPath, '..') : uri.fsPath) : await pickGatewayFolder();
  if (!folder) return;
  const result = await runSagCli(context, ['init', folder, '--upgrade'], folder);
  if (result.code === 0) void vscode.window.showInformationMessage(`SAG: ${result.stdout.trim()}`);
  else void vscode.window.showErrorMessage(`SAG: ${result.stderr.trim()}`);
}

/** A gateway folder of the workspace (the folder of an api-config.json); asks when there are several. */
export async function pickGatewayFolder(): Promise<string | undefined> {
  const configs = await vscode.workspace.findFiles('**/api-config.json', '{**/node_modules/**,**/vendor/**,**/.wrangler/**,**/dist/**}', 50);
  const folders = [...new Set(configs.map((c) => join(c.fsPath, '..')))].sort();
  if (folders.length <= 1) {
    if (folders.length === 0) void vscode.window.showWarningMessage('SAG: no api-config.json in this workspace; create a project with "SAG: New Gateway Project…".');
    return folders[0];
  }
  const picked = await vscode.window.showQuickPick(folders.map((f) => ({ label: vscode.workspace.asRelativePath(f), folder: f })), { title: 'SAG: which gateway?' });
  return picked?.folder;
}
