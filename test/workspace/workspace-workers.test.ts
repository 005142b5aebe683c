// The Workers beside gateways (workspace/workspace-workers.ts): one list and one name index shared by every gateway
// under the same roots, each gateway's view without its own wrangler configs, what a change touches, and the
// identity the incremental engine compares (kept while no Worker parse changed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { MemoryFileHost } from '../../server/src/analysis/host';
import type { WorkerProject } from '../../server/src/analysis/model';
import { parseWranglerConfig } from '../../server/src/analysis/parse/wrangler';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { WorkspaceWorkers } from '../../server/src/analysis/workspace/workspace-workers';

function worker(file: string, toml: string, mainFile?: string): { file: string; worker: WorkerProject } {
  const wrangler = parseWranglerConfig(file, toml);
  return { file, worker: { wrangler, ...(wrangler.name ? { name: wrangler.name.value } : {}), ...(mainFile ? { mainFile } : {}) } };
}

test('deployed names: top level, <name>-<env> and an env\'s own name, the first Worker in workspace order, never the gateway\'s own', () => {
  const gw = worker('/ws/gw/wrangler.toml', 'name = "api"\n');
  const api = worker('/ws/api/wrangler.toml', 'name = "api"\n[env.staging]\n[env.prod]\nname = "api-live"\n');
  const api2 = worker('/ws/api2/wrangler.toml', 'name = "api"\n');
  const workers = new WorkspaceWorkers([gw, api, api2]);
  const other = workers.without(['/ws/gw/wrangler.toml', '/ws/wrangler.toml']);
  assert.equal(other.size, 2);
  assert.deepEqual([...other], [api.worker, api2.worker]);
  assert.equal(other.deployedAs('api')?.worker, api.worker, 'the gateway names itself "api" too, but is not a target');
  assert.deepEqual(other.deployedAs('api-staging'), { worker: api.worker, envName: 'staging' });
  assert.deepEqual(other.deployedAs('api-live'), { worker: api.worker, envName: 'prod' });
  assert.equal(other.deployedAs('api-prod'), undefined, 'an env with its own name is not deployed as <name>-<env>');
  assert.deepEqual([...other.deployedNames()].map(([name, d]) => [name, d.envName]), [['api', ''], ['api-staging', 'staging'], ['api-live', 'prod']]);

  // From the other Worker's side, the gateway's config is a Worker like any other.
  const fromApi = workers.without(['/ws/api/wrangler.toml']);
  assert.equal(fromApi.deployedAs('api')?.worker, gw.worker);
  assert.equal(fromApi.deployedAs('api-staging'), undefined);
});

test('namedLike: the first Worker in workspace order named like any of the names (case and separators aside), never the gateway\'s own', () => {
  const gw = worker('/ws/gw/wrangler.toml', 'name = "user-service"\n');
  const billing = worker('/ws/billing/wrangler.toml', 'name = "Billing_Service"\n');
  const users = worker('/ws/users/wrangler.toml', 'name = "user service"\n');
  const other = new WorkspaceWorkers([gw, billing, users]).without(['/ws/gw/wrangler.toml']);
  assert.equal(other.namedLike(['USER_SERVICE']), users.worker, 'the gateway is named so too, but is not a target');
  assert.equal(other.namedLike(['users', 'billingservice']), billing.worker);
  assert.equal(other.namedLike(['user-service', 'BILLING-SERVICE']), billing.worker, 'the earlier Worker wins, whichever name found it');
  assert.equal(other.namedLike(['orders']), undefined);
});

test('touchedBy: a file in a Worker\'s folder or below, or its main module elsewhere; not the gateway\'s own; Windows paths without regard to case', () => {
  const gw = worker('/ws/gw/wrangler.toml', 'name = "gw"\n');
  const hooks = worker('/ws/hooks/wrangler.toml', 'name = "hooks"\nmain = "../shared/hooks.js"\n', '/ws/shared/hooks.js');
  const other = new WorkspaceWorkers([gw, hooks]).without(['/ws/gw/wrangler.toml']);
  assert.equal(other.touchedBy('/ws/hooks/wrangler.toml'), true);
  assert.equal(other.touchedBy('/ws/hooks/src/deep/util.js'), true);
  assert.equal(other.touchedBy('/ws/shared/hooks.js'), true, 'the main module outside the folder');
  assert.equal(other.touchedBy('/ws/shared/other.js'), false);
  assert.equal(other.touchedBy('/ws/hooks'), false, 'the folder itself is not a file in it');
  assert.equal(other.touchedBy('/ws/hooksmith/index.js'), false, 'a sibling folder whose name starts alike');
  assert.equal(other.touchedBy('/ws/gw/src/index.js'), false, 'the gateway\'s own Worker is not an other Worker');

  const win = new WorkspaceWorkers([worker('C:/Work/hooks/wrangler.toml', 'name = "hooks"\n', 'C:/Work/hooks/src/index.js')]).without([]);
  assert.equal(win.touchedBy('C:/work/HOOKS/src/index.js'), true);
  assert.equal(win.touchedBy('D:/Work/hooks/src/index.js'), false);
});

test('insideFolder: a folder deleted with a Worker\'s config or main module in it; not a sibling named alike; not the gateway\'s own', () => {
  const gw = worker('/ws/gw/wrangler.toml', 'name = "gw"\n');
  const hooks = worker('/ws/workers/hooks/wrangler.toml', 'name = "hooks"\nmain = "../../shared/hooks.js"\n', '/ws/shared/hooks.js');
  const other = new WorkspaceWorkers([gw, hooks]).without(['/ws/gw/wrangler.toml']);
  assert.equal(other.insideFolder('/ws/workers/hooks'), true, 'its folder');
  assert.equal(other.insideFolder('/ws/workers'), true, 'a folder above it');
  assert.equal(other.insideFolder('/ws/shared'), true, 'the folder of its main module');
  assert.equal(other.insideFolder('/ws/workers/hooks/src'), false, 'a folder inside it that holds neither');
  assert.equal(other.insideFolder('/ws/work'), false, 'a sibling whose name starts alike');
  assert.equal(other.insideFolder('/ws/gw'), false, 'the gateway\'s own Worker is not an other Worker');
  assert.equal(other.insideFolder('/ws/workers/hooks/wrangler.toml'), false, 'a file is no folder');
  const win = new WorkspaceWorkers([worker('C:/Work/hooks/wrangler.toml', 'name = "hooks"\n')]).without([]);
  assert.equal(win.insideFolder('C:/work'), true, 'drive paths (normalised) without regard to case');
});

test('gateways of one check share one Worker list and name index; a second load keeps it while no Worker file changed', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 3; i++) {
    files[`/ws/gw${i}/api-config.json`] = JSON.stringify({ serviceBindings: [{ alias: 'w', binding: 'W' }], paths: [{ method: 'POST', path: '/x', integration: { type: 'service_binding', binding: 'w', function: 'run' } }] });
    files[`/ws/gw${i}/wrangler.toml`] = `name = "gw${i}"\nmain = "index.js"\nservices = [ { binding = "W", service = "w${i}" } ]\n`;
    files[`/ws/gw${i}/index.js`] = 'export default { fetch() { return new Response(""); } };\n';
    files[`/ws/w${i}/wrangler.toml`] = `name = "w${i}"\nmain = "index.js"\n`;
    files[`/ws/w${i}/index.js`] = 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { run() {} }\n';
  }
  const host = new MemoryFileHost(files);
  const { projects } = checkWorkspace(host, ['/ws']);
  assert.equal(projects.length, 3);
  const shared = projects.map((p) => p.workers.identity[0]);
  assert.ok(shared.every((s) => s === shared[0]), 'one list for all three gateways');
  for (const [i, project] of projects.entries()) {
    assert.equal(project.workers.size, 5, 'six Worker configs, less the gateway\'s own');
    assert.equal(project.workers.deployedAs(`w${i}`)?.worker.wrangler.file, `/ws/w${i}/wrangler.toml`);
    assert.equal(project.workers.deployedAs(`gw${i}`), undefined);
  }

  const cache = new ProjectCache();
  const first = loadProject(host, '/ws/gw0/api-config.json', cache);
  const again = loadProject(host, '/ws/gw1/api-config.json', cache);
  assert.equal(again.workers.identity[0], first.workers.identity[0], 'nothing changed: the same list (and index)');
  assert.notDeepEqual(again.workers.identity, first.workers.identity, 'each gateway leaves out its own');
  host.set('/ws/w2/index.js', 'import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { renamed() {} }\n');
  const edited = loadProject(host, '/ws/gw0/api-config.json', cache);
  assert.notEqual(edited.workers.identity[0], first.workers.identity[0], 'a Worker module changed: a new list');
  assert.equal(edited.workers.deployedAs('w2')?.worker.module?.defaultExport?.cls?.methods.has('renamed'), true);
});
