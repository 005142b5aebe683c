// Runs the `sag` CLI the extension ships (dist/sag.js) with the editor's own Node: VS Code's executable is Electron,
// which behaves as plain Node with ELECTRON_RUN_AS_NODE=1 (code-server's is Node already).
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export const OFFLINE_ENV = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

export function sagScript(context: vscode.ExtensionContext): string {
  return context.asAbsolutePath('dist/sag.js');
}

export function nodeEnv(): Record<string, string> {
  return { ELECTRON_RUN_AS_NODE: '1', ...OFFLINE_ENV };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSagCli(context: vscode.ExtensionContext, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [sagScript(context), ...args], { cwd, env: { ...process.env, ...nodeEnv() }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
