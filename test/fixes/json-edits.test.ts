// modifyJson: jsonc-parser's `modify` with only the inserted text formatted. The result must read as `modify`
// with formatting gives it where that touches nothing else, leave every other byte alone where it would not, and
// stay linear on a minified file (jsonc-parser's own formatting is quadratic in the line's length there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, modify, type JSONPath } from 'jsonc-parser';
import { modifyJson, type JsonLayout } from '../../server/src/analysis/fixes/json-edits';

const TWO: JsonLayout = { tabSize: 2, insertSpaces: true, eol: '\n' };

function mine(text: string, path: JSONPath, value: unknown, layout = TWO, isArrayInsertion = false): string {
  return applyEdits(text, modifyJson(text, path, value, layout, isArrayInsertion));
}

function jsoncParser(text: string, path: JSONPath, value: unknown, layout = TWO, isArrayInsertion = false): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: { ...layout, keepLines: true }, isArrayInsertion }));
}

test('where the change is all the reformatted line holds, the text is what modify with formatting gives', () => {
  const cases: [string, JSONPath, unknown, JsonLayout?][] = [
    ['{\n  "servers": [\n    { "alias": "a", "url": "https://x" }\n  ]\n}\n', ['paths'], []],
    ['{\n  // note\n  "servers": [] // trailing\n}\n', ['authorizer'], { type: 'jwt', secret: '$secrets.JWT' }],
    ['{}', ['paths'], []],
    ['{\n  "cors": {}\n}\n', ['cors', 'allow_methods'], ['GET']],
    ['{\n  "a": {\n    "x": 1\n  }\n}\n', ['a', 'y'], 'z'],
    ['{\n\t"a": 1\n}\n', ['b'], { c: 1 }, { tabSize: 1, insertSpaces: false, eol: '\n' }],
    ['{\r\n  "a": 1\r\n}\r\n', ['b'], { c: [1, 2] }, { ...TWO, eol: '\r\n' }],
    ['{\n  "a": 1,\n  "b": 2\n}\n', ['a'], undefined],
    ['{\n  "a": 1,\n  "b": 2\n}\n', ['b'], undefined],
    ['{\n  "a": 1,\n  "b": 2\n}\n', ['a'], 3],
  ];
  for (const [text, path, value, layout] of cases) {
    assert.equal(mine(text, path, value, layout), jsoncParser(text, path, value, layout), `${JSON.stringify(text)} ${JSON.stringify(path)}`);
  }
});

test('neighbours keep their layout: one-line elements and a minified paths line are not re-formatted', () => {
  const bindings = '{\n  "serviceBindings": [\n    { "alias": "a", "binding": "A" }\n  ]\n}\n';
  assert.equal(
    mine(bindings, ['serviceBindings', -1], { alias: 'b', binding: 'B' }, TWO, true),
    '{\n  "serviceBindings": [\n    { "alias": "a", "binding": "A" },\n    {\n      "alias": "b",\n      "binding": "B"\n    }\n  ]\n}\n',
  );
  const routes = '[{"method":"GET","path":"/a","response":1},{"method":"GET","path":"/b","response":2}]';
  assert.equal(mine(`{\n  "paths": ${routes}\n}\n`, ['authorizer'], { type: 'jwt' }), `{\n  "paths": ${routes},\n  "authorizer": {\n    "type": "jwt"\n  }\n}\n`);
  const cors = '{\n  "cors": {\n    "allow_origins": ["*"]\n  }\n}\n';
  assert.equal(mine(cors, ['cors', 'allow_methods'], ['GET']), '{\n  "cors": {\n    "allow_origins": ["*"],\n    "allow_methods": [\n      "GET"\n    ]\n  }\n}\n');
});

test('CRLF files keep CRLF everywhere, also at the edge of the insertion', () => {
  const text = '{\r\n  "a": 1\r\n}\r\n';
  for (const [path, value] of [[['b'], { c: [1] }], [['a'], undefined], [['a'], { d: true }]] as [JSONPath, unknown][]) {
    const out = mine(text, path, value, { ...TWO, eol: '\r\n' });
    assert.doesNotMatch(out, /[^\r]\n/, JSON.stringify(out));
  }
});

test('a minified config gets a compact insertion at the end, whatever its size', () => {
  const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}":1`).join(',');
  const text = `{${keys}}`;
  const edits = modifyJson(text, ['paths'], [], TWO);
  assert.deepEqual(edits, [{ offset: text.length - 1, length: 0, content: ',"paths": []' }]);
  assert.deepEqual(JSON.parse(applyEdits(text, edits)).paths, []);
});

test('a path through a value of another type throws, as modify does', () => {
  assert.throws(() => modifyJson('{ "a": 1 }', ['a', 'b'], 1, TWO));
});
