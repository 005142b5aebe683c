// Completion for clients with and without completionItem.snippetSupport, over stdio: without it no item is a
// snippet and no snippet syntax reaches the text (schema snippets, schema keys, engine snippets); with it the
// snippets stay. Plus snippetToPlainText on the forms the schema service and the engine write.
import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { snippetToPlainText } from '../../server/src/lsp/snippet-text';
import { pathToUri } from '../../server/src/lsp/uri';
import { LspSession } from './support/lsp-session';
import { brokenGateway, GATEWAY_CONFIG, positionOf } from './support/fixtures';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const SNIPPET = 2;
const SNIPPET_SYNTAX = /\$\{|\$\d/;

/** Between the two routes (new-path snippets), a route's keys (`"key": "$1"` items) and an integration's keys. */
const POSITIONS = {
  betweenRoutes: positionOf(GATEWAY_CONFIG, '    },\n    {', 6),
  routeKey: positionOf(GATEWAY_CONFIG, '"method": "GET"', 0),
  integrationKey: positionOf(GATEWAY_CONFIG, '"type": "service", "binding": "hello"', 0),
};

function textOf(item: CompletionItem): string {
  return item.textEdit?.newText ?? item.insertText ?? item.label;
}

async function completionsAt(session: LspSession, path: string): Promise<Record<keyof typeof POSITIONS, CompletionItem[]>> {
  const out = {} as Record<keyof typeof POSITIONS, CompletionItem[]>;
  for (const [name, position] of Object.entries(POSITIONS) as [keyof typeof POSITIONS, { line: number; character: number }][]) {
    const list = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: pathToUri(path) }, position });
    out[name] = list.items;
  }
  return out;
}

for (const snippetSupport of [false, true]) {
  describe(`completion for a client ${snippetSupport ? 'with' : 'without'} snippetSupport`, () => {
    let ws: TempWorkspace;
    let session: LspSession;
    before(async () => {
      ws = tempWorkspace(brokenGateway());
      session = await LspSession.start({ roots: [ws.root], snippetSupport });
      await session.waitForNotification('sag/status');
      session.open(ws.path('gw/api-config.json'));
    });
    after(async () => {
      await session.stop();
      ws.remove();
    });

    it(snippetSupport ? 'keeps snippet items and their placeholders' : 'sends plain text only, snippets expanded to their defaults', async () => {
      const items = await completionsAt(session, ws.path('gw/api-config.json'));
      const all = Object.values(items).flat();
      assert.ok(all.length > 10, `${all.length} items`);
      const newPath = items.betweenRoutes.find((i) => i.label === 'New path (service binding)');
      assert.ok(newPath, items.betweenRoutes.map((i) => i.label).join(', '));
      const methodKey = items.routeKey.find((i) => i.label === 'integration' || i.label === 'auth');
      assert.ok(methodKey, items.routeKey.map((i) => i.label).join(', '));
      if (snippetSupport) {
        assert.equal(newPath.insertTextFormat, SNIPPET);
        assert.match(textOf(newPath), /"binding": "\$\{3:alias\}"/);
        assert.ok(all.filter((i) => i.insertTextFormat === SNIPPET).length > 3);
        return;
      }
      const snippets = all.filter((i) => i.insertTextFormat === SNIPPET);
      assert.deepEqual(snippets.map((i) => i.label), [], 'no snippet items');
      const withSyntax = all.filter((i) => SNIPPET_SYNTAX.test(textOf(i)));
      assert.deepEqual(withSyntax.map((i) => `${i.label}: ${textOf(i)}`), [], 'no snippet syntax in insertText / textEdit');
      // The snippet's defaults are what the user gets, as valid JSON once in place.
      assert.equal(newPath.insertTextFormat, undefined);
      const body = JSON.parse(textOf(newPath).replace(/,\s*$/, '')) as Record<string, unknown>;
      assert.deepEqual(body, { method: 'GET', path: '/resource', integration: { type: 'service_binding', binding: 'alias', function: 'fetch' } });
      // The engine's own snippets too (a literal `{.+}` outside any placeholder stays).
      const proxy = items.betweenRoutes.find((i) => i.label === 'route → http_proxy');
      assert.ok(proxy);
      // Between two routes it ends with the comma that keeps the JSON valid, as the schema's own item does.
      assert.match(textOf(proxy), /\},$/);
      assert.deepEqual(JSON.parse(textOf(proxy).replace(/,\s*$/, '')), { method: 'GET', path: '/api/{.+}', integration: { type: 'http_proxy', server: 'alias' } });
    });
  });
}

test('snippetToPlainText: tabstops vanish, placeholders and choices keep their default, escapes resolve', () => {
  assert.equal(snippetToPlainText('"method": "$1"'), '"method": ""');
  assert.equal(snippetToPlainText('{ "type": "service_binding", "binding": "${1:alias}", "function": "${2:run}" }$0'), '{ "type": "service_binding", "binding": "alias", "function": "run" }');
  assert.equal(snippetToPlainText('"${1|GET,POST,PUT|}"'), '"GET"');
  assert.equal(snippetToPlainText('"${1|a\\,b,c|}"'), '"a,b"');
  assert.equal(snippetToPlainText('${1:outer ${2:inner} end}${3}'), 'outer inner end');
  assert.equal(snippetToPlainText('"\\$secrets.KEY" \\} \\\\'), '"$secrets.KEY" } \\');
  assert.equal(snippetToPlainText('$TM_FILENAME ${TM_LINE}'), 'TM_FILENAME TM_LINE');
  assert.equal(snippetToPlainText(''), '');
  assert.equal(snippetToPlainText('$ ${ ${1|x'), '$ ${ x');
  assert.equal(snippetToPlainText('} plain'), '} plain');
});
