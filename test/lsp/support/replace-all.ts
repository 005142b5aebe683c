// The content changes of an editor's Replace All (replace-all.test.ts, bench:lsp): one per occurrence of a word (no
// line break in it or its replacement), in one didChange, in the order VS Code sends them (the last occurrence
// first, every range one of the text before them all) or in Neovim's (the first first, each range one of the text
// the ones before it left). The server merges either into one edit (server/src/lsp/documents/change-runs.ts);
// applied one by one, 10,000 of them took 16 s.
import { lspLineStarts, lspPositionAt } from './lsp-session';

export type ReplaceAllOrder = 'end to start' | 'start to end';

interface ReplaceAll {
  changes: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  textAfter: string;
}

export function replaceAllChanges(text: string, word: string, replacement: string, order: ReplaceAllOrder): ReplaceAll {
  const lineStarts = lspLineStarts(text);
  const changes: ReplaceAll['changes'] = [];
  // Start to end, an occurrence's character moves by what the ones before it on its line added.
  const shiftPer = order === 'start to end' ? replacement.length - word.length : 0;
  let line = -1;
  let shift = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    const start = lspPositionAt(text, at, lineStarts);
    if (start.line !== line) [line, shift] = [start.line, 0];
    changes.push({ range: { start: { line, character: start.character + shift }, end: { line, character: start.character + shift + word.length } }, newText: replacement });
    shift += shiftPer;
  }
  if (order === 'end to start') changes.reverse();
  return { changes, textAfter: text.split(word).join(replacement) };
}
