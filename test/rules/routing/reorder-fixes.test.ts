// SAG504's "move the later route above" and SAG511's "delete the route no request reaches": each fix is applied,
// the result parsed as JSON and checked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveBeforeEdits } from '../../../server/src/analysis/fixes/json-node-edits';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { applyFix, CONFIG, json, run } from './fixture-helpers';

const route = (method: string, path: string, status: number) => ({ method, path, response: { status } });
const paths = (text: string) => (JSON.parse(text) as { paths: { path: string }[] }).paths.map((p) => p.path);

test('SAG504: move the later route above the first route it ties with; the tie is then won by it', () => {
  // Upstream's precedence (SPEC C.3) ties these; the bundled one (E.2) prefers the earlier literal segment.
  const runtime = 'upstream';
  const text = json({ paths: [route('GET', '/a/{x}/c', 1), route('GET', '/other', 2), route('GET', '/a/b/{y}', 3), route('GET', '/last', 4)] });
  const [finding] = run('SAG504', text, runtime);
  assert.ok(finding, runtime);
  const fix = finding.fixes[0]!;
  assert.equal(fix.title, 'Move `GET /a/b/{y}` above `GET /a/{x}/c` (so it wins the tie)');
  assert.equal(fix.safe, false);
  const fixed = applyFix(text, CONFIG, finding);
  assert.deepEqual(paths(fixed), ['/a/b/{y}', '/a/{x}/c', '/other', '/last'], runtime);
  assert.equal(fixed, json({ paths: [route('GET', '/a/b/{y}', 3), route('GET', '/a/{x}/c', 1), route('GET', '/other', 2), route('GET', '/last', 4)] }), 'formatting kept');
  // Now the moved route is the earlier one: the tie is reported on the other, with the opposite move.
  const after = run('SAG504', fixed, runtime);
  assert.deepEqual(after.map((f) => f.fixes[0]!.title), ['Move `GET /a/{x}/c` above `GET /a/b/{y}` (so it wins the tie)']);
});

test('SAG504: the later route last, or the routes on one line (minified), or CRLF: valid JSON in the same layout', () => {
  const routes = [route('GET', '/a/{x}/c', 1), route('GET', '/a/b/{y}', 2)];
  for (const text of [json({ paths: routes }), JSON.stringify({ paths: routes }), json({ paths: routes }).replace(/\n/g, '\r\n')]) {
    const [finding] = run('SAG504', text, 'upstream');
    const fixed = applyFix(text, CONFIG, finding!);
    assert.deepEqual(paths(fixed), ['/a/b/{y}', '/a/{x}/c']);
    assert.equal(fixed.includes('\n'), text.includes('\n'));
    assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), !text.includes('\r\n') && text.includes('\n'), 'line endings kept');
  }
});

test('moveBeforeEdits keeps the moved item verbatim (its inner formatting) and touches nothing else', () => {
  const text = '{\n\t"paths": [\n\t\t{ "a": 1 },\n\t\t{ "b": 2 },\n\t\t{\n\t\t\t"c": 3\n\t\t}\n\t]\n}\n';
  const doc = parseConfigDocument(CONFIG, text);
  const items = doc.root!.children![0]!.children![1]!.children!;
  const moved = applyTextEdits(text, new LineIndex(text), moveBeforeEdits(doc, items[2]!, items[0]!));
  assert.equal(moved, '{\n\t"paths": [\n\t\t{\n\t\t\t"c": 3\n\t\t},\n\t\t{ "a": 1 },\n\t\t{ "b": 2 }\n\t]\n}\n');
});

test('SAG511: the fully shadowed route gets a delete fix; a partly stolen one does not (it still serves other requests)', () => {
  const text = json({ paths: [route('ANY', '/api/v1/proxy/{.+}', 1), route('GET', '/api/v1/proxy/{parameter}', 2), route('GET', '/api/{v}/proxy/{id}', 3)] });
  const findings = run('SAG511', text, 'upstream');
  assert.deepEqual(findings.map((f) => [f.severity, f.fixes.map((x) => x.title)]), [
    ['error', ['Delete the route `GET /api/v1/proxy/{parameter}` (never served)']],
    ['warning', []],
  ]);
  const fixed = applyFix(text, CONFIG, findings[0]!);
  assert.deepEqual(paths(fixed), ['/api/v1/proxy/{.+}', '/api/{v}/proxy/{id}']);
  assert.deepEqual(run('SAG511', fixed, 'upstream').map((f) => f.severity), ['warning']);
});

test('moveBeforeEdits takes the moved item\'s trailing comment along, from the middle or the end of the array', () => {
  const move = (text: string, from: number, to: number): string => {
    const doc = parseConfigDocument(CONFIG, text);
    const items = doc.root!.children![0]!.children![1]!.children!;
    return applyTextEdits(text, new LineIndex(text), moveBeforeEdits(doc, items[from]!, items[to]!));
  };
  const text = '{\n  "paths": [\n    { "a": 1 }, // first\n    { "b": 2 }, // second\n    { "c": 3 } // third\n  ]\n}\n';
  assert.equal(move(text, 1, 0), '{\n  "paths": [\n    { "b": 2 }, // second\n    { "a": 1 }, // first\n    { "c": 3 } // third\n  ]\n}\n');
  assert.equal(move(text, 2, 0), '{\n  "paths": [\n    { "c": 3 }, // third\n    { "a": 1 }, // first\n    { "b": 2 } // second\n  ]\n}\n');
  assert.equal(move(text.replace(/\n/g, '\r\n'), 2, 1), '{\n  "paths": [\n    { "a": 1 }, // first\n    { "c": 3 }, // third\n    { "b": 2 } // second\n  ]\n}\n'.replace(/\n/g, '\r\n'));
  const block = '{"paths":[\n  1,\n  2 /* two */\n]}';
  assert.equal(move(block, 1, 0), '{"paths":[\n  2, /* two */\n  1\n]}');
  // The item before which it goes shares its line with the bracket: the comment still moves (it is removed there).
  assert.equal(move('{"paths": [{ "a": 1 },\n  { "b": 2 } // about b\n]}', 1, 0), '{"paths": [{ "b": 2 }, // about b\n  { "a": 1 }\n]}');
  // On one line, nothing moves but the item.
  assert.equal(move('{"paths": [{ "a": 1 }, { "b": 2 } /* b */]}', 1, 0), '{"paths": [{ "b": 2 }, { "a": 1 } /* b */]}');
});
