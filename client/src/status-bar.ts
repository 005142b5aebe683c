// The status bar item: gateway count and problem count from the server's `sag/status` notification; a click runs
// "SAG: Check Workspace" (or, while the server is stopped, "SAG: Restart Server").
import * as vscode from 'vscode';
import { CLIENT_COMMANDS, type StatusParams } from '../../server/src/lsp/protocol';

export class SagStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sag.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Serverless API Gateway';
    this.item.command = CLIENT_COMMANDS.checkWorkspace;
    this.starting();
    this.item.show();
  }

  starting(): void {
    this.item.command = CLIENT_COMMANDS.checkWorkspace;
    this.item.text = '$(sync~spin) SAG';
    this.item.tooltip = 'Serverless API Gateway: starting the language server';
  }

  stopped(): void {
    // Checking needs the server: the click restarts it instead.
    this.item.command = CLIENT_COMMANDS.restartServer;
    this.item.text = '$(circle-slash) SAG';
    this.item.tooltip = 'Serverless API Gateway: the language server is not running (SAG: Restart Server)';
  }

  update(status: StatusParams): void {
    this.item.command = CLIENT_COMMANDS.checkWorkspace;
    const gateways = `${status.gateways} gateway${status.gateways === 1 ? '' : 's'}`;
    const icon = status.busy ? '$(sync~spin)' : status.errors > 0 ? '$(error)' : status.warnings > 0 ? '$(warning)' : '$(check)';
    this.item.text = `${icon} SAG: ${gateways}, ${status.problems} problem${status.problems === 1 ? '' : 's'}`;
    this.item.tooltip = `Serverless API Gateway: ${gateways} checked; ${status.errors} error(s), ${status.warnings} warning(s). Click to check the workspace again.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
