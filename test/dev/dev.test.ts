// `sag dev` for real: the service-execution project served on workerd with its bound Workers (the three `npm start`
// curl cases), a config edit served after the reload, a missing bound Worker answering 503, a broken config
// refused, a port in use refused with a message, SIGTERM leaving no process of its group behind, and SIGKILL
// (which no handler sees) leaving no workerd behind either.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LIFELINE_NAME } from '../../server/src/cli/dev/lifeline';
import { until } from '../support/processes';
import { ensureBuilt, linkNodeModules, processGroupMembers, repoRoot, runSag, SagProcess, tempDir } from '../scaffold/project-fixture';

const READY = /^Ready on (http:\/\/127\.0\.0\.1:(\d+))$/;

function scaffold(dir: string, template: string): void {
  const run = runSag(['init', dir, '--template', template, '--name', 'gw', '--yes'], repoRoot);
  assert.equal(run.code, 0, run.stderr);
  linkNodeModules(dir);
}

/** GET on a connection of its own (no keep-alive pool): its status, or the connection's error. */
function freshGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function order(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ item: 'book' }) });
}

/**
 * A project folder of its own for one describe (`project`, inside `work`), `sag dev` started there with `start`,
 * and every process so started killed with its group after the describe.
 */
function devProject(prefix: string): { work: { dir: string }; project: string; start: (...args: string[]) => SagProcess } {
  const work = tempDir(prefix);
  const project = join(work.dir, 'gw');
  const started: SagProcess[] = [];
  before(() => ensureBuilt());
  after(() => {
    for (const dev of started) dev.killGroup();
    work.dispose();
  });
  const start = (...args: string[]): SagProcess => {
    const dev = new SagProcess(['dev', '.', ...args], project);
    started.push(dev);
    return dev;
  };
  return { work, project, start };
}

describe('sag dev: the service-execution project', () => {
  const work = tempDir('sag-dev-');
  const project = join(work.dir, 'gw');
  let dev: SagProcess;
  let url = '';

  before(async () => {
    ensureBuilt();
    scaffold(project, 'service-execution');
    // A var the gateway declares: simulated, so never named among what sag dev does not simulate.
    writeFileSync(join(project, 'wrangler.toml'), `${readFileSync(join(project, 'wrangler.toml'), 'utf8')}\n[vars]\nGREETING = "hi"\n`);
    dev = new SagProcess(['dev', '.', '--port', '0'], project);
    url = (await dev.waitFor(READY))[1]!;
  });
  after(() => {
    dev?.killGroup();
    work.dispose();
  });

  it('prints the bound Workers and the route table before the Ready line', () => {
    const text = dev.output();
    assert.doesNotMatch(text, /not simulated/, 'vars are simulated');
    assert.match(text, /^ {2}binding HOOKS -> Worker gw-hooks \(workers\/hooks\/wrangler\.toml\)$/m);
    assert.match(text, /^ {2}binding TARGET -> Worker gw-target \(workers\/target\/wrangler\.toml\)$/m);
    assert.match(text, /^Routes:\n {2}GET {5}\/health {8}static response\n {2}POST {4}\/orders {8}service_binding TARGET\.run {2}\(pre_process HOOKS\.before\)\n {2}GET {5}\/hello\/\{name\} {2}service hello\nsag dev: started in \d+ ms/m);
  });

  it('passes the hook and reaches TARGET.run (201)', async () => {
    const response = await order(url, { 'x-api-key': 'demo' });
    assert.equal(response.status, 201);
    const body = (await response.json()) as { accepted: boolean; order: unknown; route: unknown; requestId: string };
    assert.deepEqual({ accepted: body.accepted, order: body.order, route: body.route }, { accepted: true, order: { item: 'book' }, route: { method: 'POST', path: '/orders' } });
    assert.equal(body.requestId, response.headers.get('x-request-id'));
  });

  it('is short-circuited by the hook without x-api-key (401 from HOOKS.before)', async () => {
    const response = await order(url, {});
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'missing x-api-key header');
  });

  it('serves the local service route', async () => {
    const response = await fetch(`${url}/hello/ada`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { message: 'Hello, ada!' });
  });

  it('serves a route added to api-config.json after the reload', async () => {
    assert.equal((await fetch(`${url}/added`)).status, 404);
    const file = join(project, 'api-config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.paths.push({ method: 'GET', path: '/added', response: { added: true } });
    const mark = dev.lines.length;
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    await dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark });
    await dev.waitFor(/^ {2}GET {5}\/added {9}static response$/, { afterLine: mark });
    const response = await fetch(`${url}/added`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { added: true });
  });

  it('answers every request sent during a reload (new connections wait while workerd restarts; none is refused)', async () => {
    const file = join(project, 'api-config.json');
    const config = JSON.parse(readFileSync(file, 'utf8'));
    config.paths.push({ method: 'GET', path: '/during', response: { during: true } });
    const mark = dev.lines.length;
    const port = Number(new URL(url).port);
    const statuses: (number | string)[] = [];
    let reloaded = false;
    const reload = dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark }).then(() => (reloaded = true));
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    // One request at a time, each on a connection of its own, from the save until some after the reload.
    let after = 0;
    while (!reloaded || after++ < 5) statuses.push(await freshGet(port, '/health').catch((error: NodeJS.ErrnoException) => error.code ?? String(error)));
    await reload;
    assert.ok(statuses.length > 5, `requests were made during the reload: ${statuses.length}`);
    assert.deepEqual(statuses.filter((s) => s !== 200), [], `every answer: ${statuses.join(' ')}`);
    assert.equal((await fetch(`${url}/during`)).status, 200);
  });

  it('keeps serving the last good build when an edit breaks the config', async () => {
    const file = join(project, 'api-config.json');
    const good = readFileSync(file, 'utf8');
    const mark = dev.lines.length;
    writeFileSync(file, good.replace('"binding": "hello"', '"binding": "helo"'));
    await dev.waitFor(/^sag dev: not reloaded; still serving the last good build$/, { afterLine: mark });
    assert.ok(dev.lines.slice(mark).some((l) => /api-config\.json:\d+:\d+ {2}error {4}SAG202 /.test(l)), dev.lines.slice(mark).join('\n'));
    assert.equal((await fetch(`${url}/hello/ada`)).status, 200);
    writeFileSync(file, good);
    await dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark });
  });

  it('keeps serving the last good build when a bound Worker throws as it loads (workerd refuses the reload)', async () => {
    const file = join(project, 'workers', 'target', 'src', 'index.js');
    const good = readFileSync(file, 'utf8');
    const mark = dev.lines.length;
    writeFileSync(file, `${good}\nthrow new Error("boom at load");\n`);
    await dev.waitFor(/^sag dev: not reloaded \(.*\); still serving the last good build$/, { afterLine: mark });
    assert.equal((await order(url, { 'x-api-key': 'demo' })).status, 201, 'the last good Workers answer');
    writeFileSync(file, good);
    await dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark });
  });

  it('SIGTERM stops it and every process of its group (workerd included)', async (t) => {
    const pgid = dev.child.pid!;
    const running = processGroupMembers(pgid);
    if (process.platform === 'linux') assert.ok(running.length >= 2, `sag dev and workerd run in group ${pgid}: ${running.join(', ')}`);
    const exit = await dev.stop('SIGTERM');
    assert.ok(exit.code === 143 || exit.code === 0, `exit ${exit.code ?? exit.signal}`);
    assert.match(dev.output(), /^sag dev: got SIGTERM; stopping$/m);
    if (process.platform !== 'linux') return t.skip('process-group probe reads /proc');
    assert.deepEqual(processGroupMembers(pgid), []);
    await assert.rejects(fetch(`${url}/health`));
  });
});

describe('sag dev: a bound Worker that is not in the project', () => {
  const { project, start } = devProject('sag-dev-missing-');

  it('is reported, and calls through its binding answer 503 naming the binding', async () => {
    scaffold(project, 'service-execution');
    rmSync(join(project, 'workers', 'hooks'), { recursive: true });
    const dev = start('--port', '0');
    const url = (await dev.waitFor(READY))[1]!;
    assert.match(dev.output(), /^ {2}binding HOOKS -> Worker gw-hooks: NOT FOUND in \. \(no wrangler config with name = "gw-hooks"\); calls through HOOKS answer 503$/m);
    const response = await order(url, { 'x-api-key': 'demo' });
    assert.equal(response.status, 503);
    const body = (await response.json()) as { error: string; binding: string };
    assert.equal(body.binding, 'HOOKS');
    assert.match(body.error, /^service binding `HOOKS` targets the Worker `gw-hooks`, which is not in /);
    await dev.stop('SIGINT');
  });
});

describe('sag dev: a bound Worker whose wrangler.toml does not parse', () => {
  const { project, start } = devProject('sag-dev-broken-worker-');

  it('names the file and its mistake instead of only NOT FOUND; a broken edit later keeps the last good build', { timeout: 120_000 }, async () => {
    scaffold(project, 'service-execution');
    const hooks = join(project, 'workers', 'hooks', 'wrangler.toml');
    const good = readFileSync(hooks, 'utf8');
    writeFileSync(hooks, good.replace(/^name = "gw-hooks"$/m, 'name = "gw-hooks'));
    const dev = start('--port', '0');
    const url = (await dev.waitFor(READY))[1]!;
    assert.match(dev.output(), /^ {2}binding HOOKS -> Worker gw-hooks: NOT FOUND in \. \(no wrangler config with name = "gw-hooks"; workers\/hooks\/wrangler\.toml does not parse\); calls through HOOKS answer 503$/m);
    assert.match(dev.output(), /^ {2}note: workers\/hooks\/wrangler\.toml does not parse \(line \d+: [^)]+\): wrangler would refuse it$/m);
    // Repaired: served, and the new target printed.
    let mark = dev.lines.length;
    writeFileSync(hooks, good);
    await dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark });
    await dev.waitFor(/^ {2}binding HOOKS -> Worker gw-hooks \(workers\/hooks\/wrangler\.toml\)$/, { afterLine: mark });
    assert.equal((await order(url, { 'x-api-key': 'demo' })).status, 201);
    // Broken again while running: not reloaded, the last good Workers keep answering.
    mark = dev.lines.length;
    writeFileSync(hooks, good.replace(/^name = "gw-hooks"$/m, 'name = "gw-hooks'));
    await dev.waitFor(/^sag dev: not reloaded; still serving the last good build$/, { afterLine: mark });
    assert.ok(dev.lines.slice(mark).some((l) => /^sag dev: workers\/hooks\/wrangler\.toml does not parse \(line \d+: /.test(l)), dev.lines.slice(mark).join('\n'));
    assert.equal((await order(url, { 'x-api-key': 'demo' })).status, 201);
    await dev.stop('SIGINT');
  });
});

describe('sag dev: stopped while it starts', () => {
  const work = tempDir('sag-dev-early-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  for (const phase of ['check+build', 'load miniflare+esbuild', 'bundle']) {
    it(`SIGTERM right after "${phase}" leaves no process behind`, async (t) => {
      const project = join(work.dir, phase.replace(/\W+/g, '-'));
      scaffold(project, 'service-execution');
      const dev = new SagProcess(['dev', '.', '--port', '0'], project, { SAG_DEV_TIMING: '1' });
      try {
        await dev.waitFor(new RegExp(`^sag dev: timing ${phase.replace('+', '\\+')} \\d+ ms$`), { fromStart: true });
        const exit = await dev.stop('SIGTERM');
        assert.ok(exit.code === 0 || exit.code === 143, `exit ${exit.code ?? exit.signal}\n${dev.output()}`);
        assert.doesNotMatch(dev.output(), /Ready on|bundling failed/);
        if (process.platform !== 'linux') return t.skip('process-group probe reads /proc');
        assert.deepEqual(processGroupMembers(dev.child.pid!), []);
      } finally {
        dev.killGroup();
      }
    });
  }
});

/** Processes whose command line ends with `name` (Linux: /proc), as [pid, parent pid]. */
function processesNamed(name: string): [number, number][] {
  const found: [number, number][] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (args.at(-1) === name && fields[0] !== 'Z') found.push([Number(entry), Number(fields[1])]);
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

describe('sag dev: killed outright (SIGKILL, no handler runs)', () => {
  const { project, start } = devProject('sag-dev-killed-');

  it('takes workerd with it (its lifeline ends it), so the port is free for the next sag dev', { skip: process.platform !== 'linux' && 'reads /proc for the processes', timeout: 120_000 }, async () => {
    scaffold(project, 'service-execution');
    const first = start('--port', '0');
    const [, url, port] = await first.waitFor(READY);
    const pgid = first.child.pid!;
    assert.ok(processGroupMembers(pgid).length >= 2, 'sag dev and workerd run in its group');
    const lifelines = processesNamed(LIFELINE_NAME).filter(([, parent]) => parent === pgid);
    assert.equal(lifelines.length, 1, 'one lifeline, a child of sag dev');
    assert.equal((await fetch(`${url}/health`)).status, 200);

    process.kill(pgid, 'SIGKILL'); // sag dev alone: workerd is not signalled
    await first.exited;
    await until(() => processGroupMembers(pgid).length === 0, 'workerd ends after sag dev was killed');
    await until(() => processesNamed(LIFELINE_NAME).every(([pid]) => pid !== lifelines[0]![0]), 'the lifeline exits');
    await assert.rejects(fetch(`${url}/health`));

    const second = start('--port', port!);
    assert.equal((await second.waitFor(READY))[2], port);
    assert.equal((await fetch(`${url}/health`)).status, 200);
    const exit = await second.stop('SIGINT');
    assert.ok(exit.code === 0 || exit.code === 130, `exit ${exit.code ?? exit.signal}\n${second.output()}`);
    await until(() => processesNamed(LIFELINE_NAME).every(([, parent]) => parent !== second.child.pid), 'the lifeline of a sag dev stopped with Ctrl+C exits');
  });
});

describe('sag dev: a module that imports a file from outside the project (a monorepo\'s shared code)', () => {
  const { work, project, start } = devProject('sag-dev-outside-');

  it('reloads when that file changes', { timeout: 120_000 }, async () => {
    scaffold(project, 'service-execution');
    const shared = join(work.dir, 'shared', 'greeting.js');
    mkdirSync(dirname(shared), { recursive: true });
    writeFileSync(shared, 'export const greeting = (name) => `Hello, ${name}!`;\n');
    writeFileSync(
      join(project, 'services', 'hello.js'),
      'import { greeting } from "../../shared/greeting.js";\nexport default class Hello {\n  async fetch(request, env, ctx, context) {\n    return Response.json({ message: greeting(context?.params?.name ?? "world") });\n  }\n}\n',
    );
    const dev = start('--port', '0');
    const url = (await dev.waitFor(READY))[1]!;
    assert.deepEqual(await (await fetch(`${url}/hello/ada`)).json(), { message: 'Hello, ada!' });
    const mark = dev.lines.length;
    writeFileSync(shared, 'export const greeting = (name) => `Welcome, ${name}!`;\n');
    await dev.waitFor(/^sag dev: reloaded in \d+ ms/, { afterLine: mark });
    assert.deepEqual(await (await fetch(`${url}/hello/ada`)).json(), { message: 'Welcome, ada!' });
    await dev.stop('SIGINT');
  });
});

describe('sag dev: a broken config', () => {
  const work = tempDir('sag-dev-broken-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('prints the diagnostics and exits 1 without serving', async () => {
    const project = join(work.dir, 'gw');
    scaffold(project, 'minimal');
    const file = join(project, 'api-config.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"server": "httpbin"', '"server": "httpbn"'));
    const dev = new SagProcess(['dev', '.', '--port', '0'], project);
    const exit = await dev.exited;
    assert.equal(exit.code, 1, dev.output());
    const text = dev.output();
    assert.match(text, /^api-config\.json:\d+:\d+ {2}error {4}SAG201 {2}.*httpbn/m);
    assert.match(text, /^sag dev: not built: fix the errors above/m);
    assert.doesNotMatch(text, /Ready on/);
  });
});

describe('sag dev: a bound Worker that does not bundle', () => {
  const work = tempDir('sag-dev-unbundled-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('says why and exits 1, letting go of the port it had taken', { timeout: 120_000 }, async () => {
    const project = join(work.dir, 'gw');
    scaffold(project, 'service-execution');
    const file = join(project, 'workers', 'target', 'src', 'index.js');
    writeFileSync(file, `import 'sag-no-such-package';\n${readFileSync(file, 'utf8')}`);
    const dev = new SagProcess(['dev', '.', '--port', '0', '--no-watch'], project);
    const exit = await dev.exited;
    assert.equal(exit.code, 1, dev.output());
    assert.match(dev.output(), /sag dev: bundling failed/);
    assert.doesNotMatch(dev.output(), /Ready on/);
  });
});

describe('sag dev: a port in use', () => {
  const work = tempDir('sag-dev-port-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('says so and exits 1, without workerd\'s native stack trace', async () => {
    const project = join(work.dir, 'gw');
    scaffold(project, 'minimal');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const dev = new SagProcess(['dev', '.', '--port', String(port)], project);
      const exit = await dev.exited;
      assert.equal(exit.code, 1, dev.output());
      assert.match(dev.output(), new RegExp(`^sag dev: port ${port} on 127\\.0\\.0\\.1 is in use; stop what uses it or pass --port N`, 'm'));
      assert.doesNotMatch(dev.output(), /kj::Exception|Ready on/);
    } finally {
      busy.close();
    }
  });
});

describe('sag build', () => {
  const work = tempDir('sag-build-');
  before(() => ensureBuilt());
  after(() => work.dispose());

  it('generates .sag/entry.js with static imports of every service; refuses a config with errors', () => {
    const project = join(work.dir, 'gw');
    assert.equal(runSag(['init', project, '--template', 'jwt', '--yes'], repoRoot).code, 0);
    const built = runSag(['build'], project);
    assert.equal(built.code, 0, built.stderr);
    assert.equal(built.stdout, 'sag build: wrote .sag/entry.js (1 service module)\n');
    assert.equal(
      readFileSync(join(project, '.sag/entry.js'), 'utf8'),
      [
        '// GENERATED by `sag build` from api-config.json: do not edit (it is rewritten on every build).',
        'import { createGateway } from "../vendor/sag/shared-runtime/index.js";',
        'import config from "../api-config.json";',
        'import * as service0 from "../services/me.js";',
        '',
        'const services = {',
        '  "me": service0,',
        '};',
        '',
        'export default createGateway({ config, services });',
        '',
      ].join('\n'),
    );
    assert.equal(runSag(['build'], project).stdout, 'sag build: up to date: .sag/entry.js (1 service module)\n');

    rmSync(join(project, '.sag'), { recursive: true });
    const file = join(project, 'api-config.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"binding": "me"', '"binding": "mee"'));
    const refused = runSag(['build'], project);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^api-config\.json:\d+:\d+ {2}error {4}SAG202 /m);
    assert.match(refused.stderr, /^sag build: not built: fix the errors above/m);
    assert.throws(() => readFileSync(join(project, '.sag/entry.js')));
  });
});
