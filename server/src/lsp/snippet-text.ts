// Completion items for clients without snippet support (LSP completionItem.snippetSupport false or absent):
// snippet syntax turned into the plain text it would expand to, so `${1:alias}` never reaches such a buffer.
// vscode-json-languageservice 5.7 emits snippets whatever its clientCapabilities say, hence this last step.
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';

/**
 * The text a snippet inserts when every placeholder keeps its default: `$1`/`${1}`/`$0` vanish, `${1:x}` becomes
 * x (nested ones too), `${1|a,b|}` its first choice, a variable its name (as VS Code does for one it does not
 * know), `\$` `\}` `\\` their characters.
 */
export function snippetToPlainText(snippet: string): string {
  let out = '';
  // Closing braces still owed to an open `${n:` / `${VAR:` whose default is being copied.
  let open = 0;
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1]!)) {
      out += snippet[++i];
      continue;
    }
    if (c === '}' && open > 0) {
      open--;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = snippet.slice(i + 1);
    const bare = /^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (bare) {
      i += bare[0].length;
      if (!/^\d/.test(bare[0])) out += bare[0];
      continue;
    }
    const braced = /^\{(?:\d+|[A-Za-z_][A-Za-z0-9_]*)(\}|:|\|)/.exec(rest);
    if (!braced) {
      out += c;
      continue;
    }
    i += braced[0].length;
    const name = braced[0].slice(1, -1);
    if (braced[1] === '}' && !/^\d/.test(name)) out += name;
    else if (braced[1] === ':') open++;
    else if (braced[1] === '|') {
      const end = rest.indexOf('|}', braced[0].length);
      const choices = end < 0 ? '' : rest.slice(braced[0].length, end);
      out += (/^(?:[^,\\]|\\.)*/.exec(choices)?.[0] ?? '').replace(/\\(.)/g, '$1');
      if (end >= 0) i += end + 2 - braced[0].length;
    }
  }
  return out;
}

/** The item as a client without snippet support may receive it (the item itself when nothing needs changing). */
export function withoutSnippet(item: CompletionItem): CompletionItem {
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
  const { insertTextFormat: _snippet, ...plain } = item;
  if (plain.insertText !== undefined) plain.insertText = snippetToPlainText(plain.insertText);
  if (plain.textEdit) plain.textEdit = { ...plain.textEdit, newText: snippetToPlainText(plain.textEdit.newText) };
  // Without insertText or textEdit the label is inserted, and a label is never snippet syntax.
  return plain;
}
