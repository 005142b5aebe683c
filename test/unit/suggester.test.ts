import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closestMatch, LARGE_CANDIDATE_SET, suggester } from '../../server/src/analysis/did-you-mean';

// What the index of a large candidate set must answer: closestMatch's answer when that is the name itself, an
// equal folded form or a candidate one edit away (optimal string alignment on folded forms), else nothing.
const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
function expected(name: string, list: string[]): string | undefined {
  const match = closestMatch(name, list);
  if (match === undefined || match === name) return match;
  const f = fold(name);
  const m = fold(match);
  if (m === f) return match;
  return m.length > 0 && osa(f, m) <= 1 ? match : undefined;
}

// Short names over a small alphabet (with case and separators): many near neighbours, many ties.
const word = fc.stringMatching(/^[abAB_-]{0,6}$/);

test('a large suggester answers as closestMatch does for the same, folded-equal and one-edit-away candidates', () => {
  fc.assert(
    fc.property(fc.uniqueArray(word, { minLength: LARGE_CANDIDATE_SET + 1, maxLength: 400, size: 'max' }), fc.array(word, { minLength: 1, maxLength: 40 }), (list, names) => {
      const suggest = suggester(list);
      for (const name of [...names, ...list.slice(0, 20)]) assert.equal(suggest(name), expected(name, list), `name ${JSON.stringify(name)}`);
    }),
    { numRuns: 60 },
  );
});

test('a large suggester on generated aliases: typos one edit away, in another style, and too far', () => {
  const aliases = Array.from({ length: 5000 }, (_, i) => `user_service_${i}`);
  const suggest = suggester(aliases);
  assert.equal(suggest('user_service_42'), 'user_service_42');
  assert.equal(suggest('user_servce_42'), 'user_service_42', 'a deletion');
  assert.equal(suggest('user_servicee_42'), 'user_service_42', 'an insertion');
  assert.equal(suggest('usre_service_42'), 'user_service_42', 'a transposition');
  assert.equal(suggest('USER-SERVICE-42'), 'user_service_42', 'another case and separator');
  assert.equal(suggest('user_service_4x'), 'user_service_4', 'a substitution: the first candidate one edit away');
  assert.equal(suggest('billing'), undefined);
});

test('small sets are closestMatch itself, two and three edits away included', () => {
  const list = ['USER_SERVICE', 'BILLING', 'ORDERS'];
  const suggest = suggester(list);
  for (const name of ['USR_SERVCE', 'BILING', 'ORDRS', 'xyz', 'user_service']) assert.equal(suggest(name), closestMatch(name, list));
});

test('a large suggester answers the first typos by a pass over the candidates, later ones from its index, alike', () => {
  const aliases = Array.from({ length: 600 }, (_, i) => `svc_${i}_${i % 7 === 0 ? 'x' : 'y'}`);
  const typos = ['svc_4_y', 'svc_14_z', 'scv_15_y', 'svc_599_yy', 'SVC-3-Y', 'svc_7_', 'nothing_near', 'svc__12_y', 'svc_100_x', 'vc_20_y', 'svc_2_y0', 'svc_61_yx'];
  const fresh = suggester(aliases);
  const first = typos.map((t) => fresh(t)); // the scanned ones, then the index once more than 8 typos were asked
  const again = typos.map((t) => fresh(t)); // all from the index
  assert.deepEqual(again, first);
  assert.deepEqual(first, typos.map((t) => expected(t, aliases)));
});
