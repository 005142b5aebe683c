// Completion, hover, definition, references and rename over the protocol: schema items (JSON language service on
// a window of the file) merged with the engine's cross-file answers, converted to LSP in the right files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspSession } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, positionOf } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';
import { pathToUri } from '../../server/src/lsp/uri';

describe('editing features', () => {
  let ws: TempWorkspace;
  let session: LspSession;
  let uri: string;
  const at = (needle: string, delta = 1): { line: number; character: number } => positionOf(GATEWAY_CONFIG, needle, delta);
  const request = <R>(method: string, position: { line: number; character: number }, extra: Record<string, unknown> = {}): Promise<R> =>
    session.request<R>(method, { textDocument: { uri }, position, ...extra });

  before(async () => {
    ws = tempWorkspace(brokenGateway());
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForNotification('sag/status');
    uri = pathToUri(ws.path('gw/api-config.json'));
    session.open(ws.path('gw/api-config.json'));
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('completes the method enum from the schema, with the range on the right line', async () => {
    const list = await request<CompletionList>('textDocument/completion', at('"POST"'));
    const labels = list.items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 7), ['"GET"', '"POST"', '"PUT"', '"DELETE"', '"OPTIONS"', '"PATCH"', '"ANY"']);
    const post = list.items[1]!;
    assert.deepEqual(post.textEdit && 'range' in post.textEdit ? post.textEdit.range : undefined, { start: at('"POST"', 0), end: at('"POST"', 6) });
    assert.equal(new Set(labels.map((l) => l.replace(/"/g, ''))).size, labels.length, 'engine items that repeat a schema label are dropped');
  });

  it('marks the deprecated root key `servicesBindings` deprecated (the schema item takes the engine tag)', async () => {
    const list = await request<CompletionList>('textDocument/completion', at('"serviceBindings"', 1));
    const deprecated = list.items.filter((i) => i.label.replace(/"/g, '') === 'servicesBindings');
    assert.equal(deprecated.length, 1, list.items.map((i) => i.label).join(', '));
    assert.deepEqual(deprecated[0]!.tags, [1]);
    assert.ok(list.items.filter((i) => i.label.replace(/"/g, '') === 'cors').every((i) => !i.tags));
  });

  it('completes serviceBindings aliases for a service_binding integration (engine, cross-file detail)', async () => {
    const list = await request<CompletionList>('textDocument/completion', at('"target", "function"'));
    const target = list.items.find((i) => i.label === 'target');
    assert.ok(target, list.items.map((i) => i.label).join(', '));
    assert.equal(target.detail, '→ binding TARGET → Worker target-worker');
    assert.ok(list.items.some((i) => i.label === 'hooks'));
  });

  it('completes keys of a route and offers the new-path snippets between routes', async () => {
    const text = GATEWAY_CONFIG;
    const keyPos = positionOf(text, '"method": "GET"', 0);
    const keys = await request<CompletionList>('textDocument/completion', keyPos);
    assert.ok(keys.items.some((i) => i.label === 'response' || i.label === 'auth'), keys.items.map((i) => i.label).join(', '));
    const between = positionOf(text, '    },\n    {', 6);
    const snippets = await request<CompletionList>('textDocument/completion', between);
    assert.ok(snippets.items.some((i) => i.label === 'New path (service binding)'), snippets.items.map((i) => i.label).join(', '));
  });

  it('hovers an alias with its resolution chain, and a key with its documentation', async () => {
    const chain = await request<Hover>('textDocument/hover', at('"target", "function"', 2));
    assert.match((chain.contents as MarkupContent).value, /service binding `target`.*binding `TARGET`/);
    const key = await request<Hover>('textDocument/hover', at('"method"', 2));
    assert.match((key.contents as MarkupContent).value, /Request method this route serves/);
  });

  it('goes from an alias to its entry and from a binding to each environment declaration', async () => {
    const alias = await request<Location[]>('textDocument/definition', at('"target", "function"', 2));
    assert.deepEqual(alias, [{ uri, range: { start: at('"alias": "target"', 9), end: at('"alias": "target"', 17) } }]);
    const binding = await request<Location[]>('textDocument/definition', at('"TARGET"', 2));
    assert.deepEqual(binding.map((l) => [l.uri.endsWith('/gw/wrangler.toml'), l.range.start.line]), [[true, 5], [true, 12]]);
  });

  it('finds references of an alias, declaration included', async () => {
    const refs = await request<Location[]>('textDocument/references', at('"alias": "target"', 11), { context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [3, 13]);
  });

  it('renames an alias everywhere and refuses what cannot be renamed', async () => {
    const prepared = await request<{ placeholder: string }>('textDocument/prepareRename', at('"alias": "target"', 11));
    assert.equal(prepared.placeholder, 'target');
    const edit = await request<WorkspaceEdit>('textDocument/rename', at('"alias": "target"', 11), { newName: 'backend' });
    const change = edit.documentChanges![0] as { textDocument: { version: number }; edits: { newText: string }[] };
    assert.equal(change.textDocument.version, 1);
    assert.deepEqual(change.edits.map((e) => e.newText), ['backend', 'backend']);
    await assert.rejects(request('textDocument/prepareRename', at('"POST"', 2)), /Only aliases/);
  });

  it('outlines the file, puts a lens on each route and links entrypoints to their modules', async () => {
    const symbols = await session.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.find((s) => s.name === 'serviceBindings')?.children?.map((c) => c.name), ['hooks', 'target']);
    const lenses = await session.request<{ range: { start: { line: number } }; command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    const orders = lenses.find((l) => l.range.start.line === at('"POST"').line);
    assert.equal(orders?.command.title, '→ TARGET.run (target-worker)');
    assert.equal(orders?.command.command, 'sag.openRoute');
    ws.write('gw/services/hello.js', 'export default class { fetch() { return new Response(""); } }\n');
    const links = await session.request<{ target: string }[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l) => l.target), [pathToUri(ws.path('gw/services/hello.js'))]);
  });
});

describe('two gateways sharing one wrangler config (found walking up, SPEC B.0)', () => {
  const config = (alias: string): string =>
    `{\n  "serviceBindings": [ { "alias": "${alias}", "binding": "HOOKS" } ],\n  "paths": [ { "method": "POST", "path": "/${alias}", "integration": { "type": "service_binding", "binding": "${alias}", "function": "before" } } ]\n}\n`;
  const wrangler = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n';
  let ws: TempWorkspace;
  let session: LspSession;

  before(async () => {
    ws = tempWorkspace({ 'gw/wrangler.toml': wrangler, 'gw/src/index.js': 'export default {};\n', 'gw/src/a/api-config.json': config('a'), 'gw/src/b/api-config.json': config('b') });
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForNotification('sag/status');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  for (const from of ['gw/wrangler.toml', 'gw/src/a/api-config.json']) {
    it(`references and rename of the binding from ${from} reach both configs (a rename in one broke the other)`, async () => {
      const text = from.endsWith('.toml') ? wrangler : config('a');
      const position = positionOf(text, '"HOOKS"', 2);
      const params = { textDocument: { uri: pathToUri(ws.path(from)) }, position };
      const refs = await session.request<Location[]>('textDocument/references', { ...params, context: { includeDeclaration: false } });
      for (const gateway of ['a', 'b']) assert.ok(refs.some((r) => r.uri === pathToUri(ws.path(`gw/src/${gateway}/api-config.json`))), `${gateway}: ${JSON.stringify(refs)}`);
      const edit = await session.request<WorkspaceEdit>('textDocument/rename', { ...params, newName: 'AUTH_HOOKS' });
      const changes = edit.documentChanges as { textDocument: { uri: string }; edits: { newText: string }[] }[];
      const byFile = new Map(changes.map((c) => [c.textDocument.uri, c.edits.map((e) => e.newText)]));
      for (const file of ['gw/src/a/api-config.json', 'gw/src/b/api-config.json', 'gw/wrangler.toml']) assert.deepEqual(byFile.get(pathToUri(ws.path(file))), ['AUTH_HOOKS'], file);
    });
  }

  it('hover over the binding in the shared wrangler config names the aliases of both configs', async () => {
    const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri: pathToUri(ws.path('gw/wrangler.toml')) }, position: positionOf(wrangler, '"HOOKS"', 2) });
    assert.match((hover.contents as MarkupContent).value, /^\*\*service binding `HOOKS`\*\* \(top level\) — used by alias `a`, `b` in 2 gateways \(a, b\)\n/);
  });
});

describe('two gateways bound to one Worker', () => {
  const config = (alias: string): string =>
    `{\n  "serviceBindings": [ { "alias": "${alias}", "binding": "HOOKS" } ],\n  "paths": [ { "method": "POST", "path": "/x", "pre_process": { "binding": "${alias}", "function": "before" }, "integration": { "type": "service_binding", "binding": "${alias}", "function": "run" } } ]\n}\n`;
  const wrangler = (name: string): string => `name = "${name}"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n\n[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n`;
  const hooks = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Hooks extends WorkerEntrypoint {\n  before() { return true; }\n  run() { return new Response('x'); }\n}\n";
  let ws: TempWorkspace;
  let session: LspSession;

  before(async () => {
    const files: Record<string, string> = { 'hooks/wrangler.toml': 'name = "hooks-worker"\nmain = "src/index.js"\n', 'hooks/src/index.js': hooks };
    for (const gw of ['gw1', 'gw2']) Object.assign(files, { [`${gw}/api-config.json`]: config(`${gw}-hooks`), [`${gw}/wrangler.toml`]: wrangler(gw), [`${gw}/index.js`]: 'export default {};\n' });
    ws = tempWorkspace(files);
    session = await LspSession.start({ roots: [ws.root] });
    await session.waitForNotification('sag/status');
  });
  after(async () => {
    await session.stop();
    ws.remove();
  });

  it('references of a method of the Worker list the `function` values of both gateways', async () => {
    const module = ws.path('hooks/src/index.js');
    session.open(module);
    const refs = await session.request<Location[]>('textDocument/references', { textDocument: { uri: pathToUri(module) }, position: positionOf(hooks, 'before', 2), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => r.uri).sort(), ['gw1', 'gw2'].map((gw) => pathToUri(ws.path(`${gw}/api-config.json`))));
    assert.deepEqual(session.loggedErrors(), []);
  });

  it('hover over a method of the Worker counts the `function` values of both gateways, as references list them', async () => {
    const module = ws.path('hooks/src/index.js');
    session.open(module);
    const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri: pathToUri(module) }, position: positionOf(hooks, 'before', 2) });
    assert.equal((hover.contents as MarkupContent).value, '**method `before`** of `Hooks`\n\nUsed by 2 `function` values in 2 gateways (gw1, gw2).');
    assert.deepEqual(session.loggedErrors(), []);
  });
});
