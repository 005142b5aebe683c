// `npm start` (scripts/start.mjs), the README's first command, run for real on a copy of the repository (its own
// dist/ and vendored example, so the build does not race the other tests): it builds, checks and serves the example,
// the three curl commands it prints answer as it says, and it stops everything it started on Ctrl+C and when whatever
// started it is killed outright (npm's shell does not pass signals on: start.mjs watches its parent).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ChildLines, linkNodeModules, processGroupMembers, repoRoot, tempDir } from '../scaffold/project-fixture';
import { alive, until } from '../support/processes';

const READY = /^Ready on (http:\/\/127\.0\.0\.1:\d+)$/;
const STOP_WITHIN_MS = 15_000;

/** The repository's tracked files (what a fresh clone has), or undefined without git. */
function trackedFiles(): string[] | undefined {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' });
  return listed.status === 0 ? listed.stdout.split('\0').filter(Boolean) : undefined;
}

/**
 * `node scripts/start.mjs` started by a stand-in for npm (a process that only waits), PORT=0. Output of both is
 * read line by line; the stand-in prints start.mjs's pid.
 */
class NpmStart extends ChildLines {
  constructor(checkout: string) {
    const standIn = `const c = require('node:child_process').spawn(process.execPath, ['scripts/start.mjs'], { stdio: 'inherit', env: { ...process.env, PORT: '0' } }); console.log('start.mjs pid ' + c.pid); c.on('exit', (code) => process.exit(code ?? 1));`;
    super(spawn(process.execPath, ['-e', standIn], { cwd: checkout, stdio: ['ignore', 'pipe', 'pipe'] }), 'npm start');
  }

  get parent(): ChildProcess {
    return this.child;
  }

  async startPid(): Promise<number> {
    return Number((await this.waitFor(/^start\.mjs pid (\d+)$/, { fromStart: true }))[1]);
  }
}

/** The process `sag dev` runs in: start.mjs's child, leader of its own process group. */
function childOf(pid: number): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) return Number(name);
    } catch {
      // Ended while we looked.
    }
  }
  return undefined;
}

function killGroup(pgid: number | undefined): void {
  try {
    if (pgid) process.kill(-pgid, 'SIGKILL');
  } catch {
    // Gone.
  }
}

const files = trackedFiles();
const skip = process.platform !== 'linux' ? 'reads /proc for the process tree' : !files ? 'needs git to list the tracked files' : false;

describe('npm start (scripts/start.mjs) on a fresh copy of the repository', { skip, timeout: 300_000 }, () => {
  const work = tempDir('sag-npm-start-');
  const checkout = join(work.dir, 'repo');
  before(() => {
    for (const file of files!) {
      mkdirSync(dirname(join(checkout, file)), { recursive: true });
      copyFileSync(join(repoRoot, file), join(checkout, file));
    }
    linkNodeModules(checkout);
  });
  after(() => work.dispose());

  it('builds, checks and serves the example; the printed curl commands answer 201, 401 and the service; a killed parent stops it all', async () => {
    const npm = new NpmStart(checkout);
    let devPid: number | undefined;
    try {
      const startPid = await npm.startPid();
      const url = (await npm.waitFor(READY, { fromStart: true }))[1]!;
      await npm.waitFor(/Ctrl\+C stops\.$/, { fromStart: true });
      const printed = npm.lines.filter((l) => l.startsWith('curl '));
      assert.equal(printed.length, 3, npm.lines.join('\n'));
      for (const line of printed) assert.ok(line.includes(url), line);
      assert.ok(npm.lines.includes('0 errors, 0 warnings, 0 infos in 0 files (1 gateway)'), 'the example is checked first');

      const order = (headers: Record<string, string>) => fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"item":"book"}' });
      assert.equal((await order({ 'x-api-key': 'demo' })).status, 201);
      assert.equal((await order({})).status, 401);
      const hello = await fetch(`${url}/hello/ada`);
      assert.equal(hello.status, 200);
      assert.match(await hello.text(), /ada/i);

      devPid = childOf(startPid);
      assert.ok(devPid, 'sag dev runs as the child of start.mjs');
      assert.ok(processGroupMembers(devPid).length >= 2, 'sag dev and workerd run in its group');
      // npm killed outright (or its terminal closed without a signal reaching the group): start.mjs is re-parented.
      npm.parent.kill('SIGKILL');
      await until(() => processGroupMembers(devPid!).length === 0, 'sag dev and workerd stop', STOP_WITHIN_MS);
      await until(() => !alive(startPid), 'start.mjs exits', STOP_WITHIN_MS);
      await assert.rejects(fetch(`${url}/health`));
    } finally {
      npm.parent.kill('SIGKILL');
      killGroup(devPid);
    }
  });

  it('Ctrl+C (SIGINT to start.mjs) stops sag dev and workerd, exit 0', async () => {
    const npm = new NpmStart(checkout);
    let devPid: number | undefined;
    try {
      const startPid = await npm.startPid();
      await npm.waitFor(READY, { fromStart: true });
      devPid = childOf(startPid);
      assert.ok(devPid, 'sag dev runs as the child of start.mjs');
      const exited = new Promise<number | null>((resolve) => npm.parent.on('exit', (code) => resolve(code)));
      process.kill(startPid, 'SIGINT');
      assert.equal(await exited, 0, 'start.mjs exits 0 after a forwarded Ctrl+C');
      await until(() => processGroupMembers(devPid!).length === 0, 'sag dev and workerd stop', STOP_WITHIN_MS);
    } finally {
      npm.parent.kill('SIGKILL');
      killGroup(devPid);
    }
  });
});
