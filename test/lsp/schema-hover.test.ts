// The JSON language service used for schema hover (lsp/schema/json-schema-service.ts): a value the schema says
// nothing about gets no hover, not an empty box (the service answers `contents: [""]` there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { JsonSchemaService } from '../../server/src/lsp/schema/json-schema-service';

test('schema hover: documentation on a key, nothing (not an empty hover) on a free-form variables value', async () => {
  const text = '{\n  "variables": { "GLOBAL_V": "g" },\n  "paths": [ { "method": "GET", "path": "/a", "response": {} } ]\n}\n';
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const service = new JsonSchemaService();
  const onValue = await service.hover(doc, 1, { line: 1, character: text.split('\n')[1]!.indexOf('"g"') + 1 }, 'bundled');
  assert.equal(onValue, null);
  const onKey = await service.hover(doc, 1, { line: 2, character: text.split('\n')[2]!.indexOf('"method"') + 2 }, 'bundled');
  assert.ok(onKey && JSON.stringify(onKey.contents).length > 10, JSON.stringify(onKey));
});

test('schema completion follows the runtime: upstream offers only HS256 and a post_process hook with its type', async () => {
  const text = '{\n  "authorizer": { "type": "jwt", "secret": "s", "algorithm": "" },\n  "paths": [ { "method": "GET", "path": "/a", "integration": { "type": "auth0_callback", "post_process":  } } ]\n}\n';
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const service = new JsonSchemaService();
  const lines = text.split('\n');
  const algorithm = { line: 1, character: lines[1]!.indexOf('"algorithm": ""') + '"algorithm": "'.length };
  const values = async (runtime: 'bundled' | 'upstream'): Promise<string[]> => ((await service.completion(doc, 1, algorithm, runtime))?.items ?? []).map((i) => i.label).sort();
  assert.deepEqual(await values('bundled'), ['"HS256"', '"HS384"', '"HS512"']);
  assert.deepEqual(await values('upstream'), ['"HS256"']);
  const hook = { line: 2, character: lines[2]!.indexOf('"post_process":  ') + '"post_process": '.length };
  for (const runtime of ['bundled', 'upstream'] as const) {
    const snippet = (await service.completion(doc, 1, hook, runtime))?.items.find((i) => i.label === 'Hook (service binding)');
    assert.match(String(snippet?.insertText), /"type": "service_binding"/, runtime);
  }
  // Upstream runs the hook on auth0_callback integrations: its key is offered and documented there too.
  const complete = parseConfigDocument('/gw/api-config.json', text.replace('"post_process":  }', '"post_process": {} }'));
  const key = { line: 2, character: lines[2]!.indexOf('"post_process"') + 2 };
  const documented = await service.hover(complete, 2, key, 'upstream');
  assert.match(String(JSON.stringify(documented?.contents)), /auth0_callback/);
});
