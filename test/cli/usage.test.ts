// `sag` usage errors and front matter, run as a child process: exit 2 with a message and the usage on stderr.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLEAN_GATEWAY, runSag, writeFixture } from './sag-process';

describe('sag usage', () => {
  let fixture: ReturnType<typeof writeFixture>;
  before(() => {
    fixture = writeFixture({ ...CLEAN_GATEWAY, 'empty/README.md': 'no gateway here\n' });
  });
  after(() => fixture.dispose());

  it('an unknown option: exit 2, did-you-mean, usage on stderr, nothing on stdout', () => {
    const run = runSag(['check', '--formt', 'json'], fixture.dir);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^sag check: unknown option `--formt`; did you mean `--format`\?\n\nUsage: sag check /);
  });

  it('a bad value: exit 2, naming the allowed values', () => {
    for (const [args, message] of [
      [['--format', 'xml'], '`--format` must be one of text, json, sarif (got `xml`)'],
      [['--runtime', 'workerd'], '`--runtime` must be one of bundled, upstream (got `workerd`)'],
      [['--max-warnings', '-1'], '`--max-warnings` must be a whole number of 0 or more (got `-1`)'],
      [['--max-warnings'], '`--max-warnings` needs a value: --max-warnings N'],
      [['--max-warnings', '2.5'], '`--max-warnings` must be a whole number of 0 or more (got `2.5`)'],
      [['--env'], '`--env` needs a value: --env NAME'],
      [['--fix=yes'], '`--fix` takes no value (got `--fix=yes`)'],
    ] as const) {
      const run = runSag(['check', ...args], fixture.dir);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stderr.split('\n')[0], `sag check: ${message}`);
      assert.match(run.stderr, /Usage: sag check/);
    }
  });

  it('a PATH that does not exist: exit 2', () => {
    const run = runSag(['check', 'gw', 'no-such-folder'], fixture.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^sag check: path `no-such-folder` does not exist/);
    assert.equal(run.stdout, '');
  });

  it('build and dev: a DIR that does not exist is a usage error (exit 2), an api-config.json given is read as its folder', () => {
    for (const command of ['build', 'dev']) {
      const run = runSag([command, 'no-such-folder'], fixture.dir);
      assert.equal(run.code, 2, `${command}: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`^sag ${command}: folder \`no-such-folder\` does not exist`));
      const file = runSag([command, 'gw/wrangler.toml'], fixture.dir);
      assert.equal(file.code, 2);
      assert.match(file.stderr, /`gw\/wrangler\.toml` is a file; give the gateway's folder/);
    }
    const byFile = runSag(['build', 'gw/api-config.json', '--env', 'nope'], fixture.dir);
    assert.match(byFile.stderr, /environment `nope` is not declared/, 'the folder of the file was taken');
  });

  it('a PATH without any gateway: a notice on stderr, exit 0', () => {
    const run = runSag(['check', 'empty'], fixture.dir);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^sag: no gateway found under empty /);
    assert.equal(run.stdout, '0 errors, 0 warnings, 0 infos in 0 files (0 gateways)\n');
  });

  it('a gateway past the discovery limits: a notice names the root searched in part and what to do', () => {
    const deep = writeFixture({ [`${'d/'.repeat(13)}api-config.json`]: '{ "paths": [] }\n' });
    try {
      const run = runSag(['check', '.'], deep.dir);
      assert.equal(run.code, 0);
      assert.match(run.stderr, /^sag: stopped searching \. for gateways after 20,000 folders or 12 levels: a gateway deeper in it is not checked; pass its folder as PATH/m);
      const closer = runSag(['check', 'd/d/d/d/d/d'], deep.dir);
      assert.match(closer.stdout, /\(1 gateway\)\n$/, 'from closer, it is found');
      assert.doesNotMatch(closer.stderr, /stopped searching/);
    } finally {
      deep.dispose();
    }
  });

  it('the default PATH is the current folder', () => {
    assert.equal(runSag(['check'], `${fixture.dir}/gw`).stdout, '0 errors, 0 warnings, 0 infos in 0 files (1 gateway)\n');
    assert.match(runSag(['check'], `${fixture.dir}/empty`).stderr, /no gateway found under \. /);
  });

  it('an --env no gateway declares: exit 2, listing the declared ones', () => {
    const run = runSag(['check', '--env', 'stagin'], fixture.dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^sag check: environment `stagin` is not declared in any wrangler config checked \(declared: staging\); did you mean `staging`\?/);
  });

  it('a PATH through a symlinked folder is shown relative to the current folder, and inside %SRCROOT% in SARIF', () => {
    const real = join(fixture.dir, 'realdir');
    mkdirSync(join(real, 'gw'), { recursive: true });
    for (const [file, text] of Object.entries(CLEAN_GATEWAY)) {
      mkdirSync(dirname(join(real, file)), { recursive: true });
      // One finding (an unknown server alias), so there is a path to show.
      writeFileSync(join(real, file), file.endsWith('api-config.json') ? text.replace('"response"', '"integration": { "type": "http_proxy", "server": "nope" }, "response"') : text);
    }
    const link = join(fixture.dir, 'linkdir');
    symlinkSync(real, link);
    const text = runSag(['check', join(link, 'gw')], link);
    assert.match(text.stdout, /^gw\/api-config\.json:\d+:\d+/m, text.stdout + text.stderr);
    const sarif = JSON.parse(runSag(['check', join(link, 'gw'), '--format', 'sarif'], link).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepEqual([...new Set(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))], ['gw/api-config.json']);
  });

  it('environment names read from a wrangler config reach the terminal inert', () => {
    const dir = join(fixture.dir, 'hostile-env');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'api-config.json'), '{ "paths": [] }\n');
    writeFileSync(join(dir, 'wrangler.toml'), 'name = "gw"\nmain = "index.js"\n[env."a\\u001b[2Jb\\n::error::forged"]\nname = "x"\n');
    const run = runSag(['check', '--env', 'nope'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /declared: a\\u001b\[2Jb\\n::error::forged\)/);
    assert.doesNotMatch(run.stderr, /\u001b|\n::error/);
  });

  it('no command, unknown command: exit 2; init, build, dev --help: exit 0', () => {
    const none = runSag([], fixture.dir);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: sag <command>/);
    const typo = runSag(['chek'], fixture.dir);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /^sag: unknown command `chek`; did you mean `check`\?/);
    for (const name of ['init', 'build', 'dev']) {
      const run = runSag([name, '--help'], fixture.dir);
      assert.equal(run.code, 0, name);
      assert.match(run.stdout, new RegExp(`^Usage: sag ${name} \\[DIR\\] \\[options\\]`));
      // A usage error shows the command's own help, not the list of commands.
      const wrong = runSag([name, '--bogus'], fixture.dir);
      assert.equal(wrong.code, 2, name);
      assert.match(wrong.stderr, new RegExp(`^sag ${name}: unknown option \`--bogus\`[^\n]*\n\nUsage: sag ${name} \\[DIR\\] \\[options\\]`));
    }
  });

  it('--help and --version print on stdout, exit 0', () => {
    const help = runSag(['--help'], fixture.dir);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: sag <command>/);
    const checkHelp = runSag(['check', '-h'], fixture.dir);
    assert.equal(checkHelp.code, 0);
    assert.match(checkHelp.stdout, /--max-warnings N/);
    const version = runSag(['--version'], fixture.dir);
    assert.equal(version.stdout, `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  });
});
