// Replace All in the editor: one didChange with a content change per occurrence, in the order VS Code sends them
// (end to start) and in Neovim's (start to end), against the real server. Its diagnostics afterwards equal a fresh
// engine check of the text the editor holds (the merge of such changes into one edit: documents/change-runs.ts).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { pathToUri } from '../../server/src/lsp/uri';
import { brokenGateway, GATEWAY_CONFIG } from './support/fixtures';
import { LspSession } from './support/lsp-session';
import { replaceAllChanges } from './support/replace-all';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const CONFIG = 'gw/api-config.json';
const ROUTES = 1200;

function config(): string {
  const lines: string[] = [];
  for (let i = 0; i < ROUTES; i++) lines.push(`    { "method": "GET", "path": "/r${i}/{id}", "integration": { "type": "service_binding", "binding": "target", "function": "run" } }`);
  return GATEWAY_CONFIG.replace('"paths": [\n', `"paths": [\n${lines.join(',\n')},\n`);
}

function essentials(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

describe('Replace All over 1,200 routes in one didChange', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  const files = { ...brokenGateway('gw'), [CONFIG]: config() };

  before(async () => {
    ws = tempWorkspace(files);
    session = await LspSession.start({ roots: [ws.root], pull: true });
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  async function diagnosticsMatchAFreshCheck(): Promise<string[]> {
    const path = ws.path(CONFIG);
    const text = session.documents.get(path)!.text;
    const report = await session.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) } });
    const all: Record<string, string> = {};
    for (const [relative, content] of Object.entries({ ...files, [CONFIG]: text })) all[ws.path(relative)] = content;
    const expected = checkWorkspace(new MemoryFileHost(all), [ws.root]).findings.filter((f) => f.file === path).map((f) => toDiagnostic(f));
    assert.deepEqual(essentials(report.items ?? []), essentials(expected));
    return (report.items ?? []).map((d) => String(d.code));
  }

  it('end to start (VS Code), then back start to end (Neovim): the diagnostics of the text the editor holds', async () => {
    const path = ws.path(CONFIG);
    session.open(path);
    const before = await diagnosticsMatchAFreshCheck();

    // VS Code: the last occurrence first; every range is one of the text before them all.
    const renamed = replaceAllChanges(session.documents.get(path)!.text, '"target"', '"targte"', 'end to start');
    assert.equal(renamed.changes.length, ROUTES + GATEWAY_CONFIG.split('"target"').length - 1, 'every route, the alias and its uses');
    session.changeMany(path, renamed.changes, renamed.textAfter);
    assert.deepEqual(await diagnosticsMatchAFreshCheck(), before, 'the alias was renamed with its uses: nothing new to report');

    // Neovim: the first occurrence first; each range is one of the text the ones before it left.
    const back = replaceAllChanges(session.documents.get(path)!.text, '"targte"', '"target-api"', 'start to end');
    session.changeMany(path, back.changes, back.textAfter);
    await diagnosticsMatchAFreshCheck();
    assert.deepEqual(session.loggedErrors(), []);
  });
});
