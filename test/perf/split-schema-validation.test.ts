// The schema family validates each path item on its own and the rest of the config once (so an edit
// re-validates one route): together they must give exactly the errors of one validation of the whole value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ErrorObject } from 'ajv';
import { getNodeValue } from 'jsonc-parser';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { configView } from '../../server/src/analysis/rules/schema/config-view';
import { restSchemaErrors, routeSchemaErrors, schemaValidator } from '../../server/src/analysis/rules/schema/schema-validation';
import { changeFor, CONFIG, editSpec } from './edit-session';
import { CRLF_AUTH0, ERRORS_EVERYWHERE } from './handwritten-workspaces';

function key(e: ErrorObject): string {
  return JSON.stringify([e.instancePath, e.keyword, e.params, e.message]);
}

function assertSplitEqualsWhole(text: string): void {
  const doc = parseConfigDocument(CONFIG, text);
  if (!doc.root) return;
  const view = configView(doc);
  for (const variant of ['upstream', 'bundled'] as const) {
    const validate = schemaValidator(variant);
    let whole: unknown;
    try {
      whole = doc.syntaxErrors.length === 0 ? JSON.parse(text) : getNodeValue(doc.root);
    } catch {
      whole = getNodeValue(doc.root);
    }
    const expected = validate(whole) ? [] : (validate.errors ?? []).map(key);
    const split = [...view.routes.flatMap((r) => routeSchemaErrors(variant, view, r)), ...restSchemaErrors(variant, view)].map(key);
    assert.deepStrictEqual([...split].sort(), [...expected].sort(), `${variant}: ${text.slice(0, 80)}`);
  }
}

test('broken JSON: the rest is validated as the tree reads, `paths` given twice included', () => {
  // jsonc-parser's tree of a file with mistakes: the last of two keys wins, whatever the first one's type.
  const route = '{ "method": "GET", "path": "/a", "integration": { "type": "http_proxy", "server": "api" } }';
  for (const text of [
    `{ "servers": [ { "alias": "api", "url": "https://api.example.com" } ], "paths": "none", "paths": [ ${route} ], "cors": 1 x }`,
    `{ "servers": [ { "alias": "api", "url": "https://api.example.com" } ], "paths": [ ${route} ], "paths": "none" x }`,
    `{ "servers": [ { "alias": "api" "url": 2 } ], "paths": [ ${route}, ${route} ] }`,
  ]) {
    assert.ok(parseConfigDocument(CONFIG, text).syntaxErrors.length > 0, text);
    assertSplitEqualsWhole(text);
  }
});

test('route-by-route + rest validation = whole validation, on configs with schema errors and after random edits', () => {
  for (const files of [ERRORS_EVERYWHERE, CRLF_AUTH0]) {
    const original = parseConfigDocument(CONFIG, files[CONFIG]!);
    assertSplitEqualsWhole(original.text);
    fc.assert(
      fc.property(fc.array(editSpec, { minLength: 1, maxLength: 4 }), (specs) => {
        let doc = original;
        for (const spec of specs) {
          const change = changeFor(doc, spec);
          doc = parseConfigDocument(CONFIG, doc.text.slice(0, change.start) + change.newText + doc.text.slice(change.end));
        }
        assertSplitEqualsWhole(doc.text);
      }),
      { numRuns: 150 },
    );
  }
});

test('odd shapes: paths not an array, duplicate paths keys, non-object items, empty config', () => {
  for (const text of [
    '{"paths": {}}',
    '{"paths": [1, "x", null, [], {"method": "GET"}]}',
    '{"paths": [{"method": "GET", "path": "/a"}], "paths": [{"method": 1}]}',
    '[]',
    '{}',
    '{"paths": [], "servers": [{"alias": 1}]}',
    '{"paths": [{"method": "GET", "path": "/a", "__proto__": {"x": 1}}]}',
  ]) assertSplitEqualsWhole(text);
});
