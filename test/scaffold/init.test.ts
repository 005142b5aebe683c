// `sag init`: every template scaffolds a project that `sag check` passes clean and `wrangler deploy --dry-run`
// builds offline; existing files are never touched; the seed example is the service-execution template.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { runInit, shellWord } from '../../server/src/cli/commands/init';
import { TEMPLATE_NAMES } from '../../server/src/cli/scaffold/templates';
import { SAG_VERSION } from '../../server/src/cli/version';
import { ensureBuilt, linkNodeModules, OFFLINE_ENV, repoRoot, runSag, snapshot, tempDir } from './project-fixture';

const COMMON_FILES = ['.dev.vars', '.dev.vars.example', '.gitignore', '.sagrc.json', 'README.md', 'api-config.json', 'package.json', 'wrangler.toml'];
const VENDOR_FILES = ['VERSION', 'README.md', 'package.json', 'sag.js', 'shared-runtime/package.json', 'shared-runtime/index.js', 'shared-runtime/api-config.bundled.schema.json'].map((f) => `vendor/sag/${f}`);
const TEMPLATE_FILES: Record<string, string[]> = {
  minimal: [],
  'service-execution': ['services/hello.js', 'workers/hooks/src/index.js', 'workers/hooks/wrangler.toml', 'workers/target/src/index.js', 'workers/target/wrangler.toml'],
  jwt: ['services/me.js', 'scripts/dev-token.mjs'],
  auth0: ['services/me.js'],
};

describe('sag init: every template', () => {
  const work = tempDir('sag-init-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  for (const template of TEMPLATE_NAMES) {
    describe(template, () => {
      const project = join(work.dir, template);

      it('writes the complete project and vendors the runtime and CLI with a version stamp', () => {
        const run = runSag(['init', project, '--template', template, '--name', `gw-${template}`, '--yes'], repoRoot);
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`^Created gw-${template} \\(template ${template}\\)`));
        assert.deepEqual([...snapshot(project).keys()].sort(), [...COMMON_FILES, ...TEMPLATE_FILES[template]!, ...VENDOR_FILES].sort());
        assert.equal(readFileSync(join(project, 'vendor/sag/VERSION'), 'utf8'), `${SAG_VERSION}\n`);
        const wrangler = readFileSync(join(project, 'wrangler.toml'), 'utf8');
        assert.match(wrangler, /^name = "gw-[a-z0-9-]+"$/m);
        assert.match(wrangler, /^main = "\.sag\/entry\.js"$/m);
        assert.match(wrangler, /^compatibility_date = "\d{4}-\d{2}-\d{2}"$/m);
        assert.match(wrangler, /^command = "node vendor\/sag\/sag\.js build"$/m);
        assert.deepEqual(JSON.parse(readFileSync(join(project, '.sagrc.json'), 'utf8')), { runtime: 'bundled' });
        const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
        assert.equal(pkg.devDependencies.wrangler, '4.86.0');
        assert.deepEqual(Object.keys(pkg.scripts).sort(), ['build', 'check', 'deploy', 'dev']);
        assert.ok(!readFileSync(join(project, 'api-config.json'), 'utf8').includes('{{'), 'every placeholder is filled');
      });

      it('passes `sag check` with no errors, warnings or infos', () => {
        const run = runSag(['check', project], repoRoot);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /^0 errors, 0 warnings, 0 infos in 0 files \(1 gateway\)$/m);
        assert.equal(run.stderr, '');
      });

      it('builds and bundles offline with `wrangler deploy --dry-run --outdir dist`', () => {
        linkNodeModules(project);
        const wrangler = join(project, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
        const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', 'dist'], {
          cwd: project,
          env: { ...process.env, ...OFFLINE_ENV },
          encoding: 'utf8',
          timeout: 120_000,
        });
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /\[custom build\] sag build: wrote \.sag\/entry\.js/);
        const entry = readFileSync(join(project, '.sag/entry.js'), 'utf8');
        assert.match(entry, /^import \{ createGateway \} from "\.\.\/vendor\/sag\/shared-runtime\/index\.js";$/m);
        assert.match(entry, /^import config from "\.\.\/api-config\.json";$/m);
        const bundle = readFileSync(join(project, 'dist', 'entry.js'), 'utf8');
        assert.match(bundle, /createGateway/);
        if (template === 'service-execution') assert.match(bundle, /Hello, \$\{name\}!/);
      });
    });
  }
});

describe('sag init: existing files', () => {
  const work = tempDir('sag-init-existing-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('refuses a non-empty folder without --force and changes nothing', () => {
    const project = join(work.dir, 'used');
    mkdirSync(project);
    writeFileSync(join(project, 'notes.txt'), 'mine\n');
    const before = snapshot(project);
    const run = runSag(['init', project, '--yes'], repoRoot);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^sag init: \S+ is not empty \(notes\.txt\); choose an empty folder, or pass --force/);
    assert.deepEqual(snapshot(project), before);
  });

  it('a folder holding only .git (git init, then sag init) counts as empty', () => {
    const project = join(work.dir, 'repo');
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const run = runSag(['init', project, '--yes'], repoRoot);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(existsSync(join(project, 'api-config.json')));
    assert.equal(readFileSync(join(project, '.git', 'HEAD'), 'utf8'), 'ref: refs/heads/main\n');
  });

  it('a file where the folder should be, or a folder that cannot be written: a plain message, not an internal error', (t) => {
    const file = join(work.dir, 'afile');
    writeFileSync(file, 'x\n');
    const onFile = runSag(['init', file, '--yes'], repoRoot);
    assert.equal(onFile.code, 2, onFile.stderr);
    assert.match(onFile.stderr, /^sag init: \S*afile is a file, not a folder; name a folder for the new project\n/);
    const locked = join(work.dir, 'locked');
    mkdirSync(locked);
    const asRoot = process.getuid?.() === 0;
    const lock = (on: boolean): boolean => (asRoot ? spawnSync('chattr', [on ? '+i' : '-i', locked]).status === 0 : (chmodSync(locked, on ? 0o555 : 0o755), true));
    if (!lock(true)) return t.skip('cannot make a folder unwritable here (root without chattr)');
    try {
      const run = runSag(['init', join(locked, 'sub'), '--yes'], repoRoot);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /^sag init: cannot create the project in \S+: (EPERM|EACCES) on \S+; check that the folder can be written; nothing was written\n$/);
      assert.doesNotMatch(run.stderr, /internal error/);
    } finally {
      lock(false);
    }
  });

  it('with --force, a file where the template puts a folder (`services`): refused before anything is written, the file named', () => {
    const project = join(work.dir, 'blocked');
    mkdirSync(project);
    writeFileSync(join(project, 'services'), 'my notes\n');
    const before = snapshot(project);
    const run = runSag(['init', project, '--template', 'service-execution', '--force', '--yes'], repoRoot);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^sag init: \S*blocked\/services is a file, but the template puts files in a folder of that name; .*nothing was written\n$/);
    assert.deepEqual(snapshot(project), before, 'exit 1 means nothing written');
  });

  it('the `cd` it prints reads back in bash: a leading `-` gets ./, a `!` single quotes', () => {
    assert.equal(shellWord('-dash'), './-dash');
    assert.equal(shellWord('p!q'), "'p!q'");
    assert.equal(shellWord('my gw'), '"my gw"');
    assert.equal(shellWord("it's $x"), "'it'\\''s $x'");
    for (const word of ['-dash', 'p!q', 'a b', "it's"]) {
      // Interactive bash expands `!` (history); `set -H` turns that on in a script too.
      const echoed = spawnSync('bash', ['-c', `set -H; printf %s ${shellWord(word)}`], { encoding: 'utf8' });
      assert.equal(echoed.stdout, word.startsWith('-') ? `./${word}` : word, word);
    }
  });

  it('prints a `cd` a shell reads back for a folder with spaces', () => {
    const project = join(work.dir, 'my gw ü');
    const run = runSag(['init', project, '--yes'], repoRoot);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\n {2}cd "[^"\n]*my gw ü"\n/);
  });

  it('with --force adds the missing files and leaves every existing byte untouched', () => {
    const project = join(work.dir, 'forced');
    mkdirSync(join(project, 'vendor', 'sag'), { recursive: true });
    const mine: Record<string, string> = {
      'api-config.json': '{ "paths": [] }\r\n',
      'README.md': '# my own readme\n',
      'wrangler.toml': 'name = "mine"\n',
      'vendor/sag/VERSION': '0.0.1\n',
      'other/data.bin': '\u0000\u00ff binary-ish',
    };
    for (const [rel, text] of Object.entries(mine)) {
      mkdirSync(join(project, rel, '..'), { recursive: true });
      writeFileSync(join(project, rel), text);
    }
    const before = snapshot(project);
    const run = runSag(['init', project, '--force', '--yes', '--template', 'service-execution'], repoRoot);
    assert.equal(run.code, 0, run.stderr);
    const afterward = snapshot(project);
    for (const [rel, bytes] of before) assert.deepEqual(afterward.get(rel), bytes, `${rel} unchanged`);
    assert.ok(afterward.has('services/hello.js') && afterward.has('workers/hooks/wrangler.toml') && afterward.has('vendor/sag/sag.js'));
    assert.match(run.stdout, /Kept existing files unchanged[^\n]*:\n {2}README\.md\n {2}api-config\.json\n {2}wrangler\.toml\n {2}vendor\/sag\/VERSION\n/);
  });

  it('rejects an unknown template with did-you-mean and a bad name, exit 2', () => {
    const template = runSag(['init', join(work.dir, 'x'), '--template', 'servce-execution', '--yes'], repoRoot);
    assert.equal(template.code, 2);
    assert.match(template.stderr, /^sag init: unknown template `servce-execution` \(templates: minimal, service-execution, jwt, auth0\); did you mean `service-execution`\?/);
    const name = runSag(['init', join(work.dir, 'y'), '--name', 'My Gateway', '--yes'], repoRoot);
    assert.equal(name.code, 2);
    assert.match(name.stderr, /`My Gateway` is not a Worker name: use lowercase letters, digits and dashes, e\.g\. `my-gateway`/);
    assert.equal(existsSync(join(work.dir, 'x')) || existsSync(join(work.dir, 'y')), false);
  });
});

describe('sag build: what the check read, and only a declared environment', () => {
  const work = tempDir('sag-build-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('builds an api-config.json that starts with a byte order mark (the check reads past it, so does the build)', () => {
    const project = join(work.dir, 'bom');
    assert.equal(runSag(['init', project, '--template', 'service-execution', '--yes'], repoRoot).code, 0);
    const config = join(project, 'api-config.json');
    writeFileSync(config, `\ufeff${readFileSync(config, 'utf8')}`);
    assert.equal(runSag(['check', project], repoRoot).code, 0);
    const run = runSag(['build', project], repoRoot);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /sag build: wrote .*entry\.js \(1 service module\)/);
  });

  it('--env naming no environment of wrangler.toml: exit 2, the declared ones named, nothing written', () => {
    const project = join(work.dir, 'env');
    assert.equal(runSag(['init', project, '--template', 'minimal', '--yes'], repoRoot).code, 0);
    writeFileSync(join(project, 'wrangler.toml'), `${readFileSync(join(project, 'wrangler.toml'), 'utf8')}\n[env.staging]\nname = "gw-staging"\n`);
    const run = runSag(['build', project, '--env', 'stagin'], repoRoot);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^sag build: environment `stagin` is not declared in wrangler\.toml \(declared: staging\); did you mean `staging`\?$/m);
    assert.ok(!existsSync(join(project, '.sag', 'entry.js')), 'no entry written');
    const dev = runSag(['dev', project, '--env', 'stagin'], repoRoot);
    assert.equal(dev.code, 2, dev.stderr);
    assert.match(dev.stderr, /^sag dev: environment `stagin` is not declared in wrangler\.toml \(declared: staging\)/m);
    assert.equal(runSag(['build', project, '--env', 'staging'], repoRoot).code, 0);
  });

  it('--env top builds the top level alone: an error of another environment refuses only the build of them all', () => {
    const project = join(work.dir, 'top');
    assert.equal(runSag(['init', project, '--template', 'service-execution', '--yes'], repoRoot).code, 0);
    // staging declares none of the top level's service bindings: errors there (SAG302), none at the top level.
    writeFileSync(join(project, 'wrangler.toml'), `${readFileSync(join(project, 'wrangler.toml'), 'utf8')}\n[env.staging]\nname = "gw-staging"\n`);
    const all = runSag(['build', project], repoRoot);
    assert.equal(all.code, 1, all.stdout + all.stderr);
    assert.match(all.stdout + all.stderr, /\(env staging\)|env `staging`|\[env\.staging\]/);
    const top = runSag(['build', project, '--env', 'top'], repoRoot);
    assert.equal(top.code, 0, top.stdout + top.stderr);
    assert.ok(existsSync(join(project, '.sag', 'entry.js')));
    assert.equal(runSag(['check', project, '--env', 'top'], repoRoot).code, 0);
  });

  it('a `.sag` that is a file: the build says it cannot write the entry, exit 1, not an internal error', () => {
    const project = join(work.dir, 'dotsag');
    assert.equal(runSag(['init', project, '--template', 'minimal', '--yes'], repoRoot).code, 0);
    writeFileSync(join(project, '.sag'), 'not a folder\n');
    const run = runSag(['build', project], repoRoot);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^sag build: cannot write \S+entry\.js \((EEXIST|ENOTDIR)[^)]*\); check that \S+\.sag is a folder that can be written$/m);
    assert.doesNotMatch(run.stderr, /internal error/);
  });
});

describe('sag init --upgrade and the stale-vendor notice', () => {
  const work = tempDir('sag-upgrade-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('sag check notices an older vendored runtime; --upgrade refreshes vendor/sag only', () => {
    const project = join(work.dir, 'old');
    assert.equal(runSag(['init', project, '--yes'], repoRoot).code, 0);
    writeFileSync(join(project, 'vendor/sag/VERSION'), '0.0.1\n');
    writeFileSync(join(project, 'vendor/sag/sag.js'), '// an old CLI\n');
    const stale = runSag(['check', '.'], project);
    assert.equal(stale.code, 0);
    assert.equal(
      stale.stderr,
      `sag: notice: vendor/sag is sag 0.0.1, older than this sag (${SAG_VERSION}): the runtime it deploys may lack fixes these checks assume; refresh it with \`sag init --upgrade\`\n`,
    );

    // A VERSION file that tries to drive the terminal or forge a CI line is printed inert.
    writeFileSync(join(project, 'vendor/sag/VERSION'), '0.0.1\n::error file=x::forged\n\u001b[2Jx');
    const hostile = runSag(['check', '.'], project).stderr;
    assert.match(hostile, /^sag: notice: vendor\/sag is sag 0\.0\.1\\n::error file=x::forged\\n\\u001b\[2Jx, older than this sag/);
    assert.equal(hostile.split('\n').length, 2, 'one line');
    writeFileSync(join(project, 'vendor/sag/VERSION'), '0.0.1\n');

    const outside = snapshot(project, new Set(['vendor']));
    const upgrade = runSag(['init', project, '--upgrade'], repoRoot);
    assert.equal(upgrade.code, 0, upgrade.stderr);
    assert.match(upgrade.stdout, new RegExp(`^vendor/sag/ in \\S+: sag 0\\.0\\.1 -> ${SAG_VERSION.replace(/\./g, '\\.')}\\n$`));
    assert.equal(readFileSync(join(project, 'vendor/sag/VERSION'), 'utf8'), `${SAG_VERSION}\n`);
    assert.equal(readFileSync(join(project, 'vendor/sag/sag.js'), 'utf8').length > 1000, true);
    assert.deepEqual(snapshot(project, new Set(['vendor'])), outside);
    assert.equal(runSag(['check', '.'], project).stderr, '');
  });

  it('an --upgrade that cannot write says so (exit 1, no stack) and leaves the old VERSION, so the notice stays', () => {
    const project = join(work.dir, 'stuck');
    assert.equal(runSag(['init', project, '--yes'], repoRoot).code, 0);
    writeFileSync(join(project, 'vendor/sag/VERSION'), '0.0.1\n');
    rmSync(join(project, 'vendor/sag/sag.js'));
    mkdirSync(join(project, 'vendor/sag/sag.js')); // a folder where the CLI goes: its write fails (as root too)
    const run = runSag(['init', project, '--upgrade'], repoRoot);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /^sag init --upgrade: cannot write vendor\/sag\/ in \S+: EISDIR on .*sag\.js; its VERSION still says 0\.0\.1/);
    assert.doesNotMatch(run.stderr, /internal error|    at /);
    assert.equal(readFileSync(join(project, 'vendor/sag/VERSION'), 'utf8'), '0.0.1\n');
  });

  it('a project write that fails halfway lists what it wrote before the failure', () => {
    const project = join(work.dir, 'half');
    mkdirSync(join(project, 'vendor'), { recursive: true });
    symlinkSync(join(project, 'nowhere'), join(project, 'vendor', 'sag')); // dangling: vendor/sag cannot be made
    const run = runSag(['init', project, '--yes', '--force'], repoRoot);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^sag init: cannot create the project in \S+: E[A-Z]+ on .*; check that the folder can be written; written before that: .*api-config\.json.*\(run again with --force/);
    assert.ok(existsSync(join(project, 'api-config.json')), 'the files it names are there');
  });

  it('--upgrade on a folder without a project says so, exit 1', () => {
    const run = runSag(['init', work.dir, '--upgrade'], repoRoot);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /holds no gateway project \(no api-config\.json, no vendor\/sag\/\); run `sag init` to create one/);
  });
});

describe('the seed example', () => {
  const work = tempDir('sag-example-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('examples/service-execution is exactly `sag init --template service-execution --name sag-gateway`', () => {
    const project = join(work.dir, 'ex');
    assert.equal(runSag(['init', project, '--template', 'service-execution', '--name', 'sag-gateway', '--yes'], repoRoot).code, 0);
    // vendor/ (refreshed by npm start), .dev.vars, .sag/ and installs are git-ignored, not part of the example.
    const generated = new Set(['vendor', '.sag', '.dev.vars', 'node_modules', '.wrangler', 'dist']);
    const scaffolded = snapshot(project, generated);
    const example = snapshot(join(repoRoot, 'examples', 'service-execution'), generated);
    assert.deepEqual([...example.keys()].sort(), [...scaffolded.keys()].sort());
    for (const [rel, bytes] of scaffolded) assert.equal(example.get(rel)?.toString('utf8'), bytes.toString('utf8'), rel);
  });
});

describe('sag init at its questions (a terminal)', () => {
  // Ctrl+C and Ctrl+D as a terminal sends them: readline in terminal mode reads the control characters.
  for (const [key, byte] of [['Ctrl+C', '\x03'], ['Ctrl+D', '\x04']] as const) {
    it(`${key} cancels: one line, exit 130, nothing written (not an internal error with a stack)`, async () => {
      const work = tempDir('sag-init-cancel-');
      const target = join(work.dir, 'gw');
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const stdout = Object.assign(new PassThrough(), { isTTY: true });
      let shown = '';
      stdout.on('data', (chunk) => {
        shown += String(chunk);
        if (shown.includes('Template [')) stdin.write(byte);
      });
      const errors: string[] = [];
      try {
        const code = await runInit([target], { cwd: work.dir, env: {}, stdin, stdout, stderr: { write: (text: string) => errors.push(text) } });
        assert.equal(code, 130);
        assert.equal(errors.join(''), '\nsag init: cancelled; nothing was written\n');
        assert.equal(existsSync(target), false);
      } finally {
        work.dispose();
      }
    });
  }
});
