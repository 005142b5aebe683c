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
  const onValue = await service.hover(doc, 1, { line: 1, character: text.split('\n')[1]!.indexOf('"g"') + 1 });
  assert.equal(onValue, null);
  const onKey = await service.hover(doc, 1, { line: 2, character: text.split('\n')[2]!.indexOf('"method"') + 2 });
  assert.ok(onKey && JSON.stringify(onKey.contents).length > 10, JSON.stringify(onKey));
});
