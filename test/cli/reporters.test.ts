// The reporters on hand-made findings (exact output), and the option parser: no child process, no rule needed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceFinding } from '../../server/src/analysis/check-workspace';
import { parseOptions } from '../../server/src/cli/args';
import { UsageError } from '../../server/src/cli/io';
import { toJsonOutput } from '../../server/src/cli/reporters/json';
import type { CheckReport } from '../../server/src/cli/reporters/report';
import { messageWithEnv } from '../../server/src/cli/reporters/report';
import { fingerprint, toSarif } from '../../server/src/cli/reporters/sarif';
import { formatText, summaryLine } from '../../server/src/cli/reporters/text';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

const missing: WorkspaceFinding = {
  code: 'SAG301',
  severity: 'error',
  message: 'binding `HOOK` is not declared in wrangler.toml; did you mean `HOOKS`?',
  file: '/repo/gw/api-config.json',
  range: range(3, 40, 46),
  pointer: '/serviceBindings/0/binding',
  env: 'staging',
  related: [{ file: '/repo/gw/wrangler.toml', range: range(7, 0, 12), message: '[env.staging] starts here' }],
  fixes: [
    { title: 'Add binding `HOOK` to wrangler.toml', safe: false, edits: [{ file: '/repo/gw/wrangler.toml', range: range(9, 0, 0), newText: '[[env.staging.services]]\n' }] },
    { title: 'Create the module', safe: false, edits: [{ file: '/repo/gw/services/a b.js', create: true, newText: 'export default class {}\n' }] },
  ],
  gateway: '/repo/gw',
  runtime: 'bundled',
};
const unused: WorkspaceFinding = {
  code: 'SAG207',
  severity: 'information',
  message: 'alias `old` is never used',
  file: '/repo/gw/api-config.json',
  range: range(5, 2, 7),
  env: '',
  related: [],
  fixes: [],
  gateway: '/repo/gw',
  runtime: 'bundled',
};
const report: CheckReport = { cwd: '/repo', findings: [missing, unused], gatewayCount: 1 };

describe('text reporter', () => {
  it('writes `file:line:col  severity  code  message`, 1-based, env suffix, then a blank line and the summary', () => {
    assert.equal(
      formatText(report, { color: false }),
      'gw/api-config.json:4:41  error    SAG301  binding `HOOK` is not declared in wrangler.toml; did you mean `HOOKS`? (env: staging)\n' +
        'gw/api-config.json:6:3  info     SAG207  alias `old` is never used\n' +
        '\n' +
        '1 error, 0 warnings, 1 info in 1 file (1 gateway)\n',
    );
  });

  it('colours severities only when asked', () => {
    const coloured = formatText(report, { color: true });
    assert.match(coloured, /\u001b\[31merror  \u001b\[0m/);
    assert.match(coloured, /\u001b\[36minfo   \u001b\[0m/);
  });

  it('pluralises the summary and counts hints only when there are some', () => {
    const many: CheckReport = { cwd: '/repo', gatewayCount: 2, findings: [missing, { ...missing, file: '/repo/b/api-config.json' }, { ...unused, severity: 'hint' }] };
    assert.equal(summaryLine(many, { color: false }), '2 errors, 0 warnings, 0 infos, 1 hint in 2 files (2 gateways)');
  });

  it('adds the environment once: not for the top level, not when the message names it already', () => {
    assert.equal(messageWithEnv({ message: 'x', env: '' }), 'x');
    assert.equal(messageWithEnv({ message: 'x (env: staging)', env: 'staging' }), 'x (env: staging)');
    assert.equal(messageWithEnv({ message: 'x', env: undefined }), 'x');
  });
});

describe('json reporter', () => {
  it('follows the version-1 contract: relative files, 0-based ranges, pointer and env only when set, create edits without range', () => {
    const out = toJsonOutput(report);
    assert.deepEqual(out, {
      version: 1,
      diagnostics: [
        {
          file: 'gw/api-config.json',
          code: 'SAG301',
          severity: 'error',
          message: missing.message,
          range: range(3, 40, 46),
          pointer: '/serviceBindings/0/binding',
          env: 'staging',
          runtime: 'bundled',
          related: [{ file: 'gw/wrangler.toml', range: range(7, 0, 12), message: '[env.staging] starts here' }],
          fixes: [
            { title: 'Add binding `HOOK` to wrangler.toml', safe: false, edits: [{ file: 'gw/wrangler.toml', range: range(9, 0, 0), newText: '[[env.staging.services]]\n' }] },
            { title: 'Create the module', safe: false, edits: [{ file: 'gw/services/a b.js', create: true, newText: 'export default class {}\n' }] },
          ],
        },
        { file: 'gw/api-config.json', code: 'SAG207', severity: 'information', message: unused.message, range: range(5, 2, 7), env: '', runtime: 'bundled', related: [], fixes: [] },
      ],
    });
    // The pointer is what a .sagrc.json ignore entry names (additive in version 1); a finding without one has none.
    assert.equal('pointer' in out.diagnostics[1]!, false);
  });

  it('writes a fix placeholder (additive in version 1) only for a fix that has one', () => {
    const newText = '[[env.staging.services]]\nbinding = "HOOK"\nservice = "hook"\n';
    const guessed = { title: 'Add binding', safe: false, edits: [{ file: '/repo/gw/wrangler.toml', range: range(9, 0, 0), newText }], placeholder: { kind: 'workerName' as const, text: 'hook', edit: 0, offset: 53 } };
    const out = toJsonOutput({ ...report, findings: [{ ...missing, fixes: [guessed, missing.fixes[1]!] }] });
    const [withGuess, without] = out.diagnostics[0]!.fixes;
    assert.deepEqual(withGuess!.placeholder, { kind: 'workerName', text: 'hook', edit: 0, offset: 53 });
    assert.equal(newText.slice(53, 57), 'hook');
    assert.equal('placeholder' in without!, false);
  });
});

describe('sarif reporter', () => {
  const sarif = toSarif(report);
  const run = sarif.runs[0]!;

  it('maps severities to levels, ranges to 1-based regions, related locations with ids', () => {
    const [first, second] = run.results;
    assert.equal(first!.level, 'error');
    assert.equal(second!.level, 'note');
    assert.equal(first!.message.text, `${missing.message} (env: staging)`);
    assert.deepEqual(first!.locations[0]!.physicalLocation, {
      artifactLocation: { uri: 'gw/api-config.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 41, endLine: 4, endColumn: 47 },
    });
    assert.deepEqual(first!.relatedLocations, [
      { id: 1, physicalLocation: { artifactLocation: { uri: 'gw/wrangler.toml', uriBaseId: '%SRCROOT%' }, region: { startLine: 8, startColumn: 1, endLine: 8, endColumn: 13 } }, message: { text: '[env.staging] starts here' } },
    ]);
    assert.equal('relatedLocations' in second!, false);
  });

  it('has a rule for every reported code, even one without metadata, at its ruleIndex', () => {
    const driverRules = run.tool.driver.rules;
    for (const result of run.results) assert.equal(driverRules[result.ruleIndex]!.id, result.ruleId);
    const rule = driverRules.find((r) => r.id === 'SAG301')!;
    assert.ok(rule.helpUri.endsWith('#sag301'));
    assert.ok(rule.help.markdown.includes(rule.helpUri));
  });

  it('fingerprints on code, file, pointer and environment, not on the line', () => {
    const moved = { ...missing, range: range(30, 1, 2) };
    assert.equal(fingerprint(report, moved), fingerprint(report, missing));
    assert.notEqual(fingerprint(report, { ...missing, env: 'production' }), fingerprint(report, missing));
    assert.notEqual(fingerprint(report, { ...missing, pointer: '/serviceBindings/1/binding' }), fingerprint(report, missing));
  });

  it('percent-encodes file URIs', () => {
    const spaced = toSarif({ cwd: '/repo', gatewayCount: 1, findings: [{ ...unused, file: '/repo/my gw/api-config.json' }] });
    assert.equal(spaced.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'my%20gw/api-config.json');
  });

  it('gives a file on another drive an absolute file URI, not a path relative to %SRCROOT%', () => {
    const location = (cwd: string, file: string) => toSarif({ cwd, gatewayCount: 1, findings: [{ ...unused, file }] }).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    assert.deepEqual(location('C:/work', 'D:/gw/api-config.json'), { uri: 'file:///d%3A/gw/api-config.json' });
    assert.deepEqual(location('C:/Work', 'C:/work/gw/api-config.json'), { uri: 'gw/api-config.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location('C:/work', '//srv/share/gw/api-config.json'), { uri: 'file://srv/share/gw/api-config.json' });
  });

  it('shows a file on another drive by its absolute path in text output', () => {
    const text = formatText({ cwd: 'C:/work', gatewayCount: 1, findings: [{ ...unused, file: 'D:/gw/api-config.json' }] }, { color: false });
    assert.match(text, /^D:\/gw\/api-config\.json:6:3 /m);
  });
});

describe('parseOptions', () => {
  const specs = [{ name: 'format', value: 'F', choices: ['text', 'json'] }, { name: 'fix' }, { name: 'help', short: 'h' }, { name: 'env', value: 'NAME' }];

  it('reads `--name value`, `--name=value`, flags, short aliases, and positionals after `--`', () => {
    const parsed = parseOptions(['a', '--format', 'json', '--fix', '-h', '--env=staging', '--', '--not-an-option'], specs);
    assert.deepEqual(parsed.positionals, ['a', '--not-an-option']);
    assert.deepEqual([...parsed.values], [['format', 'json'], ['fix', true], ['help', true], ['env', 'staging']]);
  });

  it('rejects unknown options with a suggestion, and bad values', () => {
    assert.throws(() => parseOptions(['--fxi'], specs), (e: unknown) => e instanceof UsageError && e.message === 'unknown option `--fxi`; did you mean `--fix`?');
    assert.throws(() => parseOptions(['-x'], specs), /unknown option `-x`/);
    assert.throws(() => parseOptions(['--format', 'jsn'], specs), /must be one of text, json \(got `jsn`\); did you mean `json`\?/);
    assert.throws(() => parseOptions(['--format'], specs), /`--format` needs a value: --format text\|json/);
    assert.throws(() => parseOptions(['--format='], specs), /needs a value/);
  });
});
