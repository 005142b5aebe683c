// docs/diagnostics.md cannot drift from the rule metadata, and every code of the SPEC D catalogue is documented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CodeInfo } from '../../server/src/analysis/rules/rule';
import { allCodes, RULE_FAMILIES } from '../../server/src/analysis/rules/registry';
import { docsUrl } from '../../server/src/analysis/docs-links';
import { appliesTo, renderDiagnosticsPage, snippetLanguage } from '../../scripts/docs/diagnostics-page';

// SPEC.md section D, written out literally so a code dropped from the registry fails here.
const SPEC_CATALOGUE = [
  'SAG100', 'SAG101', 'SAG102', 'SAG103', 'SAG104', 'SAG105', 'SAG106', 'SAG107', 'SAG108', 'SAG109', 'SAG110',
  'SAG111', 'SAG112', 'SAG113', 'SAG114', 'SAG115', 'SAG116', 'SAG117', 'SAG118', 'SAG119', 'SAG120', 'SAG121', 'SAG122',
  'SAG201', 'SAG202', 'SAG203', 'SAG204', 'SAG205', 'SAG206', 'SAG207', 'SAG208', 'SAG209', 'SAG210', 'SAG211', 'SAG212',
  'SAG301', 'SAG302', 'SAG303', 'SAG304', 'SAG305', 'SAG306', 'SAG307', 'SAG308', 'SAG309', 'SAG310', 'SAG311', 'SAG312',
  'SAG313', 'SAG314',
  'SAG401', 'SAG402', 'SAG403', 'SAG404', 'SAG405', 'SAG406', 'SAG407', 'SAG408', 'SAG409', 'SAG410',
  'SAG501', 'SAG502', 'SAG503', 'SAG504', 'SAG505', 'SAG506', 'SAG507', 'SAG508', 'SAG509', 'SAG510', 'SAG511',
  'SAG601', 'SAG602', 'SAG603', 'SAG604', 'SAG605', 'SAG606', 'SAG607', 'SAG608', 'SAG609', 'SAG610', 'SAG611',
  'SAG612', 'SAG613',
];

const docsFile = join(process.cwd(), 'docs', 'diagnostics.md');

function sample(code: string, overrides: Partial<CodeInfo> = {}): CodeInfo {
  return {
    code,
    title: `Title of ${code}`,
    severity: { bundled: 'error', upstream: null },
    docs: { summary: `Summary of ${code}.`, invalid: '{ "paths": 1 }', valid: '{ "paths": [] }', fix: 'Do the thing.' },
    ...overrides,
  };
}

describe('docs/diagnostics.md', () => {
  it('lists 83 codes in the SPEC catalogue (guards the literal list)', () => {
    assert.equal(SPEC_CATALOGUE.length, 83);
    assert.equal(new Set(SPEC_CATALOGUE).size, 83);
  });

  it('has a CodeInfo with a title, a severity and every docs field for each SPEC D code', () => {
    const byCode = new Map(allCodes().map((c) => [c.code, c]));
    const problems: string[] = [];
    for (const code of SPEC_CATALOGUE) {
      const info = byCode.get(code);
      if (!info) {
        problems.push(`${code}: no CodeInfo in any rule family`);
        continue;
      }
      if (!info.title?.trim()) problems.push(`${code}: empty title`);
      if (info.severity.bundled === null && info.severity.upstream === null) problems.push(`${code}: applies to no runtime`);
      for (const field of ['summary', 'invalid', 'valid', 'fix'] as const) {
        if (typeof info.docs?.[field] !== 'string' || !info.docs[field].trim()) problems.push(`${code}: docs.${field} is empty`);
      }
      if (info.docs?.invalid && info.docs.invalid.trim() === info.docs.valid?.trim()) problems.push(`${code}: invalid and valid examples are identical`);
    }
    assert.deepEqual(problems, []);
  });

  it('declares each code once across the rule families, in the SAGnnn form', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const family of RULE_FAMILIES) {
      for (const info of family.codes) {
        if (!/^SAG\d{3}$/.test(info.code)) problems.push(`${info.code} (${family.id}): not SAGnnn`);
        if (seen.has(info.code)) problems.push(`${info.code}: declared by ${seen.get(info.code)} and ${family.id}`);
        seen.set(info.code, family.id);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('is up to date with the rule metadata (run `npm run docs` after changing a CodeInfo)', () => {
    const expected = renderDiagnosticsPage(allCodes());
    let actual: string;
    try {
      actual = readFileSync(docsFile, 'utf8');
    } catch {
      assert.fail('docs/diagnostics.md is missing: run `npm run docs`');
    }
    assert.ok(actual === expected, 'docs/diagnostics.md differs from the rule metadata: run `npm run docs`');
  });
});

describe('renderDiagnosticsPage', () => {
  const page = renderDiagnosticsPage([sample('SAG301', { severity: { bundled: 'error', upstream: 'warning' } }), sample('SAG104')]);

  it('writes a table row and a stable anchor per code, sorted by code', () => {
    assert.match(page, /^\| \[SAG104\]\(#sag104\) \| Title of SAG104 \| error \| not reported \|$/m);
    assert.match(page, /^\| \[SAG301\]\(#sag301\) \| Title of SAG301 \| error \| warning \|$/m);
    assert.ok(page.indexOf('<a id="sag104"></a>') < page.indexOf('<a id="sag301"></a>'));
    assert.match(page, /<a id="sag301"><\/a>\n\n### SAG301: Title of SAG301\n\nApplies to: bundled \(error\), upstream \(warning\)\n/);
  });

  it('groups entries under their family heading', () => {
    assert.ok(page.indexOf('## 1xx: schema and shape') < page.indexOf('### SAG104'));
    assert.ok(page.indexOf('## 3xx: wrangler config') < page.indexOf('### SAG301'));
    assert.equal(page.includes('## 2xx'), false);
  });

  it('fences the Invalid and Valid examples with a language', () => {
    assert.match(page, /\*\*Invalid\*\*\n\n```jsonc\n\{ "paths": 1 \}\n```/);
    assert.match(page, /\*\*Valid\*\*\n\n```jsonc\n\{ "paths": \[\] \}\n```/);
    assert.match(page, /\*\*Fix:\*\* Do the thing\.\n/);
  });

  it('escapes pipes in titles and uses a longer fence when an example holds backticks', () => {
    const odd = renderDiagnosticsPage([sample('SAG105', { title: 'a | b', docs: { summary: 's', invalid: 'x = "```"', valid: 'x = "y"', fix: 'f' } })]);
    assert.match(odd, /\| a \\\| b \|/);
    assert.match(odd, /````toml\nx = "```"\n````/);
  });

  it('says "not reported" for a runtime the code does not apply to', () => {
    assert.equal(appliesTo(sample('SAG610', { severity: { bundled: null, upstream: 'warning' } })), 'Applies to: bundled (not reported), upstream (warning)');
  });

  it('guesses the fence language of TOML, JSON and JavaScript snippets', () => {
    assert.equal(snippetLanguage('[[services]]\nbinding = "HOOKS"'), 'toml');
    assert.equal(snippetLanguage('# wrangler.toml\nname = "gw"'), 'toml');
    assert.equal(snippetLanguage('compatibility_flags = ["nodejs_compat"]'), 'toml');
    assert.equal(snippetLanguage('// api-config.json\n{ "paths": [] }'), 'jsonc');
    assert.equal(snippetLanguage('{\n  "paths": []\n}'), 'jsonc');
    assert.equal(snippetLanguage('"integration": { "type": "http" }'), 'jsonc');
    assert.equal(snippetLanguage('/gateway/api-config.json   (no wrangler config)'), 'text');
    assert.equal(snippetLanguage('export default class { async fetch() {} }'), 'js');
    assert.equal(snippetLanguage('// services/hook.js\nexport default {}'), 'js');
  });

  it('ends with exactly one newline and is deterministic', () => {
    assert.ok(page.endsWith('\n') && !page.endsWith('\n\n'));
    assert.equal(renderDiagnosticsPage([sample('SAG104'), sample('SAG301', { severity: { bundled: 'error', upstream: 'warning' } })]), page);
  });
});

describe('docsUrl', () => {
  it('points at the generated entry by its anchor', () => {
    assert.match(docsUrl('SAG301'), /^https:\/\/.+\/docs\/diagnostics\.md#sag301$/);
  });
});
