import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CONFIG_DEPTH, parseConfigDocument, pointerOf, stringNodeAt, type JsonNode } from '../../server/src/analysis/parse/config-document';
import { checkFixture } from '../support/engine';
import { parseWranglerConfig } from '../../server/src/analysis/parse/wrangler';

test('a deeply nested config is refused with a clear message, never a stack overflow', () => {
  const text = `{"paths": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
  const doc = parseConfigDocument('/gw/api-config.json', text);
  assert.equal(doc.root, undefined);
  assert.match(doc.unreadable ?? '', /nested 50001 levels deep/);
  const findings = checkFixture({ '/gw/api-config.json': text });
  assert.deepEqual(findings.filter((f) => f.code === 'SAG100').length, 1);
});

test('brackets inside strings do not count as nesting', () => {
  const text = JSON.stringify({ paths: [], description: '['.repeat(MAX_CONFIG_DEPTH + 10) + '\\"[' });
  const doc = parseConfigDocument('/gw/api-config.json', text);
  assert.equal(doc.unreadable, undefined);
  assert.ok(doc.root);
});

test('comments and trailing commas are syntax errors with positions, and the tree survives', () => {
  const doc = parseConfigDocument('/gw/api-config.json', '{\n  // note\n  "paths": [],\n}');
  assert.ok(doc.root);
  assert.deepEqual(
    doc.syntaxErrors.map((e) => [e.range.start.line, e.range.start.character]),
    [
      [1, 2],
      [3, 0],
    ],
  );
});

test('a missing value or property name is put down to a trailing comma only when one precedes it', () => {
  const messages = (text: string): string[] => parseConfigDocument('/gw/api-config.json', text).syntaxErrors.map((e) => e.message);
  assert.deepEqual(messages('{ "paths": [], }'), ['property name expected (a trailing comma is not allowed in JSON)']);
  assert.deepEqual(messages('{ "paths": [1,\n  ] }'), ['value expected (a trailing comma is not allowed in JSON)']);
  assert.deepEqual(messages('{ "paths": }'), ['value expected']);
  assert.deepEqual(messages(' \n'), ['the file is empty: the gateway reads one JSON object, with a `paths` array']);
});

test('pointerOf names every value node, with RFC 6901 escapes and array indexes', () => {
  const text = JSON.stringify({ 'a/b': { '~x': [1, { y: [true, null, 'z'] }] }, paths: [{ method: 'GET', path: '/p' }, { method: 'ANY', path: '/{.+}' }], '': 0 });
  const doc = parseConfigDocument('/gw/api-config.json', text);
  const seen: [string, string][] = [];
  const visit = (node: JsonNode, segments: string[]): void => {
    seen.push([pointerOf(node), segments.length ? `/${segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}` : '']);
    if (node.type === 'object') for (const prop of node.children ?? []) visit(prop.children![1]!, [...segments, String(prop.children![0]!.value)]);
    if (node.type === 'array') (node.children ?? []).forEach((child, i) => visit(child, [...segments, String(i)]));
  };
  visit(doc.root!, []);
  assert.ok(seen.length > 15);
  for (const [actual, expected] of seen) assert.equal(actual, expected);
  assert.ok(seen.some(([p]) => p === '/a~1b/~0x/1/y/2'));
});

test('stringNodeAt finds the key or value string holding an offset, and nothing between tokens', () => {
  const text = '{"paths": [{"method": "GET"}]}';
  const doc = parseConfigDocument('/gw/api-config.json', text);
  assert.equal(stringNodeAt(doc.root!, text.indexOf('GET'))?.value, 'GET');
  assert.equal(stringNodeAt(doc.root!, text.indexOf('method'))?.value, 'method');
  assert.equal(stringNodeAt(doc.root!, text.indexOf(':')), undefined);
});

test('a byte order mark in the text (an editor that sends it) is whitespace: no syntax error, offsets as in the text', () => {
  const text = '\uFEFF{ "paths": [ { "method": "GET", "path": "/a", "response": {} } ] }\n';
  const doc = parseConfigDocument('/gw/api-config.json', text);
  assert.deepEqual(doc.syntaxErrors, []);
  assert.equal(doc.text, text, 'the text is kept as sent: positions count the mark');
  assert.equal(doc.root?.offset, 1);
  assert.equal(text.slice(doc.root!.children![0]!.offset, doc.root!.children![0]!.offset + 7), '"paths"');
  const broken = parseConfigDocument('/gw/api-config.json', '\uFEFF{ "paths": [ ');
  assert.deepEqual(broken.syntaxErrors.map((e) => e.message), ['closing bracket `]` expected']);
  for (const [file, body] of [['/gw/wrangler.toml', 'name = "gw"\nmain = "index.js"\n'], ['/gw/wrangler.jsonc', '{ "name": "gw" }\n']] as const) {
    const wrangler = parseWranglerConfig(file, `\uFEFF${body}`);
    assert.deepEqual(wrangler.syntaxErrors, [], file);
    assert.equal(wrangler.environments[0]?.workerName, 'gw', file);
  }
});
