import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortFindings } from '../../server/src/analysis/analyze';
import type { Finding, Severity } from '../../server/src/analysis/findings';
import { SEVERITY_ORDER } from '../../server/src/analysis/findings';

// The reference order, as a plain stable comparison sort: file, line, character, severity, code, environment.
const text = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));
function referenceSort(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      text(a.file, b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      text(a.code, b.code) ||
      text(a.env ?? '', b.env ?? ''),
  );
}

const findingOn = (maxLine: number) => fc
  .record({
    // Few files, lines and characters: plenty of ties at every level of the order.
    file: fc.constantFrom('/w/api-config.json', '/w/wrangler.toml', '/w/B.json', '/w/a.ts'),
    line: fc.nat(maxLine),
    character: fc.nat(6),
    severity: fc.constantFrom<Severity>('error', 'warning', 'information', 'hint'),
    code: fc.constantFrom('SAG301', 'SAG505', 'SAG120', 'SAG610'),
    env: fc.option(fc.constantFrom('staging', 'Prod', ''), { nil: undefined }),
  })
  .map(({ file, line, character, severity, code, env }): Finding => {
    const f = { code, severity, message: `${code} at ${line}`, file, range: { start: { line, character }, end: { line, character: character + 1 } }, related: [], fixes: [] } as Finding;
    if (env !== undefined) f.env = env;
    return f;
  });

const finding = findingOn(40);

test('sortFindings gives the order of a stable comparison sort, below and above the size where it switches to keys', () => {
  fc.assert(
    fc.property(fc.array(finding, { maxLength: 400, size: 'max' }), (findings) => {
      const expected = referenceSort(findings);
      const actual = sortFindings([...findings]);
      assert.equal(actual.length, expected.length);
      for (let i = 0; i < expected.length; i++) assert.equal(actual[i], expected[i], `same finding object at ${i}`);
    }),
    { numRuns: 400 },
  );
});

test('sortFindings: long runs on one line (a minified config) give the same order', () => {
  fc.assert(
    fc.property(fc.array(findingOn(1), { minLength: 100, maxLength: 600 }), (findings) => {
      const expected = referenceSort(findings);
      const actual = sortFindings([...findings]);
      for (let i = 0; i < expected.length; i++) assert.equal(actual[i], expected[i], `same finding object at ${i}`);
    }),
    { numRuns: 100 },
  );
});

test('sortFindings sorts in place and keeps a large single-file report in order', () => {
  const findings: Finding[] = [];
  for (let i = 0; i < 5000; i++) {
    const line = (i * 7919) % 3001;
    findings.push({ code: i % 2 ? 'SAG505' : 'SAG301', severity: 'warning', message: String(i), file: '/w/api-config.json', range: { start: { line, character: i % 3 }, end: { line, character: 9 } }, related: [], fixes: [] } as Finding);
  }
  const expected = referenceSort(findings);
  const input = [...findings];
  assert.equal(sortFindings(input), input, 'the array it was given');
  assert.deepEqual(input.map((f) => f.message), expected.map((f) => f.message));
});
