// "Add binding" when the target Worker's name had to be guessed: ask for it (Workers found in the workspace, or
// any name typed), put it where the guess was, and apply the server's edit.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { withPlaceholderValue } from '../../server/src/lsp/placeholder-edit';
import type { AddServiceBindingArguments } from '../../server/src/lsp/protocol';

export async function addServiceBinding(client: LanguageClient, args: AddServiceBindingArguments): Promise<void> {
  const name = await pickWorkerName(args);
  if (name === undefined) return;
  const named = withPlaceholderValue(args, name);
  const edit = named && (await client.protocol2CodeConverter.asWorkspaceEdit(named));
  if (!edit || !(await vscode.workspace.applyEdit(edit))) void vscode.window.showWarningMessage(`SAG: the file changed since the fix was computed; run "${args.title}" again.`);
}

async function pickWorkerName(args: AddServiceBindingArguments): Promise<string | undefined> {
  const picker = vscode.window.createQuickPick();
  picker.title = 'Target Worker of the new service binding';
  picker.placeholder = `Worker name (wrangler \`name\`), e.g. ${args.workers[0] ?? args.placeholder}`;
  const known = args.workers.map((label) => ({ label, description: 'Worker in this workspace' }));
  picker.items = known;
  picker.onDidChangeValue((value) => {
    const typed = value.trim();
    picker.items = typed && !args.workers.includes(typed) ? [{ label: typed, description: 'use this name' }, ...known] : known;
  });
  return new Promise((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]?.label ?? (picker.value.trim() || undefined));
      picker.hide();
    });
    picker.onDidHide(() => {
      resolve(undefined);
      picker.dispose();
    });
    picker.show();
  });
}
