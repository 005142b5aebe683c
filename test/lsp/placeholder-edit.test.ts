// The guessed Worker name of an add-binding fix, from the engine's Fix.placeholder to the client's replacement:
// placeholderLocation finds it in the LSP edit, withPlaceholderValue writes the user's answer over exactly it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import type { Fix } from '../../server/src/analysis/findings';
import { placeholderLocation, toWorkspaceEdit } from '../../server/src/lsp/convert';
import { withPlaceholderValue } from '../../server/src/lsp/placeholder-edit';
import { pathToUri } from '../../server/src/lsp/uri';

const AT = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
const TOML = '\n[[services]]\nbinding = "hooks"\nservice = "hooks"\n';
const SERVICE_AT = TOML.lastIndexOf('hooks');

function fixWith(edits: Fix['edits'], edit: number): Fix {
  return { title: 'Add binding', safe: false, edits, placeholder: { kind: 'workerName', text: 'hooks', edit, offset: SERVICE_AT } };
}

const textOf = (edit: ReturnType<typeof toWorkspaceEdit>, change: number, index: number): string =>
  ((edit.documentChanges![change] as TextDocumentEdit).edits[index] as TextEdit).newText;

test('replaces only the service value when the binding reads the same', () => {
  const fix = fixWith([{ file: '/gw/wrangler.toml', range: AT(3), newText: TOML }], 0);
  const edit = toWorkspaceEdit(fix, pathToUri, () => 4);
  const at = placeholderLocation(fix, edit);
  assert.deepEqual(at, { change: 0, edit: 0, offset: SERVICE_AT });
  const named = withPlaceholderValue({ edit, placeholder: 'hooks', at: at! }, 'sag-hooks')!;
  assert.equal(textOf(named, 0, 0), '\n[[services]]\nbinding = "hooks"\nservice = "sag-hooks"\n');
  assert.equal(textOf(edit, 0, 0), TOML, 'the original edit is not changed');
});

test('escapes a typed name for the surrounding quotes', () => {
  const fix = fixWith([{ file: '/gw/wrangler.toml', range: AT(3), newText: TOML }], 0);
  const edit = toWorkspaceEdit(fix, pathToUri, () => null);
  const named = withPlaceholderValue({ edit, placeholder: 'hooks', at: placeholderLocation(fix, edit)! }, 'a"b\\c');
  assert.equal(textOf(named!, 0, 0), '\n[[services]]\nbinding = "hooks"\nservice = "a\\"b\\\\c"\n');
});

test('follows toWorkspaceEdit: created files first, then one change per file, edits in order', () => {
  const edits: Fix['edits'] = [
    { file: '/gw/other.toml', range: AT(0), newText: 'x = 1\n' },
    { file: '/gw/new.js', create: true, newText: 'export default {};\n' },
    { file: '/gw/wrangler.toml', range: AT(1), newText: '# first\n' },
    { file: '/gw/wrangler.toml', range: AT(3), newText: TOML },
  ];
  const fix = fixWith(edits, 3);
  const edit = toWorkspaceEdit(fix, pathToUri, () => null);
  assert.deepEqual(placeholderLocation(fix, edit), { change: 3, edit: 1, offset: SERVICE_AT });
  assert.equal(textOf(edit, 3, 1), TOML);
});

test('no location for a fix without a placeholder, or one that does not hold its text', () => {
  const plain: Fix = { title: 'Copy binding', safe: true, edits: [{ file: '/gw/wrangler.toml', range: AT(3), newText: TOML }] };
  assert.equal(placeholderLocation(plain, toWorkspaceEdit(plain, pathToUri, () => null)), undefined);
  const wrong: Fix = { ...fixWith(plain.edits, 0), placeholder: { kind: 'workerName', text: 'hooks', edit: 0, offset: 1 } };
  assert.equal(placeholderLocation(wrong, toWorkspaceEdit(wrong, pathToUri, () => null)), undefined);
  const outOfRange: Fix = { ...fixWith(plain.edits, 5) };
  assert.equal(placeholderLocation(outOfRange, toWorkspaceEdit(outOfRange, pathToUri, () => null)), undefined);
});

test('withPlaceholderValue refuses a location that no longer holds the guess', () => {
  const fix = fixWith([{ file: '/gw/wrangler.toml', range: AT(3), newText: TOML }], 0);
  const edit = toWorkspaceEdit(fix, pathToUri, () => null);
  assert.equal(withPlaceholderValue({ edit, placeholder: 'hooks', at: { change: 0, edit: 0, offset: 2 } }, 'x'), undefined);
  assert.equal(withPlaceholderValue({ edit, placeholder: 'hooks', at: { change: 7, edit: 0, offset: SERVICE_AT } }, 'x'), undefined);
  assert.equal(withPlaceholderValue({ edit: {}, placeholder: 'hooks', at: { change: 0, edit: 0, offset: 0 } }, 'x'), undefined);
});
