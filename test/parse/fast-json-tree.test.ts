import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { parseJsonTreeStrict, parseJsonTreeStrictWithDepth } from '../../server/src/analysis/parse/fast-json-tree';

/** The fields a tree is compared on (colonOffset: the fast parser leaves it out, nothing reads it). */
function strip(n: Node | undefined): unknown {
  if (!n) return undefined;
  return { type: n.type, offset: n.offset, length: n.length, value: n.value, children: n.children?.map(strip) };
}

function parentsAreLinked(n: Node): boolean {
  return (n.children ?? []).every((c) => c.parent === n && parentsAreLinked(c));
}

test('builds exactly the tree jsonc-parser builds, for any valid JSON', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4, '\t'), (value, indent) => {
      const text = JSON.stringify(value, null, indent as number | string);
      if (text === undefined) return;
      const fast = parseJsonTreeStrict(text);
      assert.ok(fast, `valid JSON refused: ${text.slice(0, 80)}`);
      assert.deepEqual(strip(fast), strip(parseTree(text, [])));
      assert.ok(parentsAreLinked(fast));
    }),
    { numRuns: 500 },
  );
});

test('keeps absolute offsets when parsing a slice', () => {
  const text = '{"a": [1, {"b": "x\\"y"}], "c": null}';
  const start = text.indexOf('[');
  const end = text.indexOf(']') + 1;
  const node = parseJsonTreeStrict(text, start, end)!;
  assert.equal(node.type, 'array');
  assert.equal(node.offset, start);
  assert.equal(node.length, end - start);
  assert.equal(node.children![1]!.children![0]!.children![1]!.value, 'x"y');
});

test('gives up on everything that is not strict JSON', () => {
  for (const bad of ['', ' ', '{', '{"a":1,}', '[1,]', '{"a" 1}', '// c\n{}', '{"a":1}/* c */', '01', '1.', '-', '.5', '1e', 'tru', 'nul', '"\u0001"', '"abc', '{"a":1}{}', '\u0000', '[1 2]', "{'a':1}", 'NaN', '"\\x"']) {
    assert.equal(parseJsonTreeStrict(bad), undefined, JSON.stringify(bad));
  }
});

test('deep nesting is refused without a stack overflow', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.equal(parseJsonTreeStrict(deep), undefined);
});

test('one parser for every parse: a parse that gives up halfway leaves nothing to the next, nor does a text', () => {
  // Interleaved valid and broken texts (each broken one given up deep inside containers, with children pending),
  // in both intern table sizes; every valid one must still come out exactly as jsonc-parser reads it.
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.jsonValue(), fc.boolean(), fc.nat()), { minLength: 2, maxLength: 8 }), (runs) => {
      for (const [value, big, cut] of runs) {
        const text = JSON.stringify({ pad: big ? 'x'.repeat(70_000) : '', value });
        const broken = text.slice(0, Math.max(1, cut % text.length));
        if (broken !== text) assert.equal(parseJsonTreeStrict(broken), undefined);
        const parsed = parseJsonTreeStrictWithDepth(text);
        assert.deepEqual(strip(parsed?.root), strip(parseTree(text, [])));
        assert.equal(parsed?.maxDepth, 1 + depthOf(value));
      }
    }),
    { numRuns: 120 },
  );
});

/** Containers nested in a JSON value (a scalar 0, [] or {} 1). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const inner = Object.values(value as object).map(depthOf);
  return 1 + (inner.length > 0 ? Math.max(...inner) : 0);
}
