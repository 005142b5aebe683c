import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CONFIG_DEPTH, parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { checkFixture } from '../support/engine';

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
