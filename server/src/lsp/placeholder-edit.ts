// Writing the user's answer over a fix's guessed value (AddServiceBindingArguments): pure, so the VS Code client
// bundles it and tests run it without an editor. Imports protocol types only.
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { AddServiceBindingArguments } from './protocol';

/** `value` as it goes between double quotes: JSON and TOML basic strings share these escapes. */
export function quotedContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * A copy of the edit with exactly the guessed characters replaced by `value` (nothing else that happens to read
 * the same, such as a binding named like its Worker); undefined when the location no longer holds the guess.
 */
export function withPlaceholderValue(args: Pick<AddServiceBindingArguments, 'edit' | 'placeholder' | 'at'>, value: string): WorkspaceEdit | undefined {
  const copy = structuredClone(args.edit);
  const change = copy.documentChanges?.[args.at.change];
  if (!change || !('edits' in change)) return undefined;
  const edit = change.edits[args.at.edit];
  if (!edit || !('newText' in edit)) return undefined;
  const { offset } = args.at;
  if (edit.newText.slice(offset, offset + args.placeholder.length) !== args.placeholder) return undefined;
  edit.newText = edit.newText.slice(0, offset) + quotedContent(value) + edit.newText.slice(offset + args.placeholder.length);
  return copy;
}
