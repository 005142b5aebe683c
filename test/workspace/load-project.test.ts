// loadProject end to end over an in-memory workspace: wrangler choice (B.0 and .sagrc.json), dev vars, runtime
// detection (E.0), other Workers, and the cache re-parsing only what changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject, workerSearchRoots } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { fixture, loadFixture } from '../support/engine';

const SEED = `
  //- /ws/gw/api-config.json
  {
    "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }, { "alias": "target", "binding": "TARGET" }],
    "paths": [{ "method": "POST", "path": "/orders", "pre_process": { "binding": "hooks", "function": "before" },
                "integration": { "type": "service_binding", "binding": "target", "function": "run" } }]
  }
  //- /ws/gw/wrangler.toml
  name = "gateway"
  main = "src/index.js"
  services = [ { binding = "HOOKS", service = "hooks" }, { binding = "TARGET", service = "target" } ]
  [env.staging]
  services = [ { binding = "HOOKS", service = "hooks-staging" } ]
  //- /ws/gw/src/index.js
  export default { fetch() { return new Response(''); } };
  //- /ws/gw/.dev.vars
  JWT_SECRET=s3cret
  //- /ws/gw/.dev.vars.staging
  JWT_SECRET=staging
  //- /ws/hooks/wrangler.toml
  name = "hooks"
  main = "src/index.ts"
  //- /ws/hooks/src/index.ts
  import { WorkerEntrypoint } from 'cloudflare:workers';
  export default class Hooks extends WorkerEntrypoint { async before(request: Request) { return undefined; } }
  //- /ws/target/wrangler.jsonc
  { "name": "target", "main": "index.js" } // main file missing
`;

test('the seed project: config, wrangler, dev vars, workers', () => {
  const { project } = loadFixture(SEED);
  assert.equal(project.root, '/ws/gw');
  assert.equal(project.config.file, '/ws/gw/api-config.json');
  assert.equal(project.config.syntaxErrors.length, 0);
  assert.equal(project.wrangler?.file, '/ws/gw/wrangler.toml');
  assert.deepEqual(project.wranglerCandidates, ['/ws/gw/wrangler.toml']);
  assert.deepEqual(project.wrangler?.environments.map((e) => [e.name, e.services.map((s) => s.binding.value)]), [['', ['HOOKS', 'TARGET']], ['staging', ['HOOKS']]]);
  assert.deepEqual(project.devVars.map((d) => [d.file, d.env, d.vars.get('JWT_SECRET')?.value]), [['/ws/gw/.dev.vars', undefined, 's3cret'], ['/ws/gw/.dev.vars.staging', 'staging', 'staging']]);
  assert.equal(project.detectedRuntime, 'upstream');
  assert.equal(project.sagrc, undefined);
  assert.deepEqual([...project.workers].map((w) => [w.name, w.mainFile, w.module?.defaultExport?.cls?.extendsWorkerEntrypoint]), [
    ['hooks', '/ws/hooks/src/index.ts', true],
    ['target', undefined, undefined],
  ]);
  assert.deepEqual([...[...project.workers][0]!.module!.defaultExport!.cls!.methods.keys()], ['before']);
});

test('.sagrc.json: runtime wins over detection; wranglerConfig overrides the lookup; a missing one is a problem', () => {
  const files = fixture(SEED).files;
  files['/ws/gw/.sagrc.json'] = '{ "runtime": "bundled", "wranglerConfig": "./other/wrangler.json" }';
  files['/ws/gw/other/wrangler.json'] = '{ "name": "alt" }';
  const { project } = loadFixture(files);
  assert.equal(project.detectedRuntime, 'bundled');
  assert.equal(project.wrangler?.file, '/ws/gw/other/wrangler.json');
  assert.deepEqual(project.wranglerCandidates, ['/ws/gw/other/wrangler.json']);
  assert.equal(project.sagrc?.problems.length, 0);

  delete files['/ws/gw/other/wrangler.json'];
  const missing = loadFixture(files).project;
  assert.equal(missing.wrangler, undefined);
  assert.match(missing.sagrc!.problems[0]!.message, /wranglerConfig.*does not exist/);
});

test('a parent wrangler.json wins over the local wrangler.toml (B.0), and both are candidates', () => {
  const files = fixture(SEED).files;
  files['/ws/wrangler.json'] = '{ "name": "monorepo" }';
  const { project } = loadFixture(files);
  assert.equal(project.wrangler?.file, '/ws/wrangler.json');
  assert.deepEqual(project.wranglerCandidates, ['/ws/wrangler.json', '/ws/gw/wrangler.toml']);
  assert.equal(project.devVars.length, 0, 'dev vars are read beside the wrangler config that is used');
  assert.ok(![...project.workers].some((w) => w.wrangler.file === '/ws/wrangler.json' || w.wrangler.file === '/ws/gw/wrangler.toml'), 'the gateway\'s own configs are not "other Workers"');
});

test('runtime detection (E.0): sag build command, runtime package import, vendored shared-runtime', () => {
  const base = { '/g/api-config.json': '{"paths": []}' };
  const detect = (files: Record<string, string>) => loadFixture({ ...base, ...files }).project.detectedRuntime;
  assert.equal(detect({ '/g/wrangler.toml': 'main = "dist/entry.js"\n[build]\ncommand = "npx sag build"\n' }), 'bundled');
  assert.equal(detect({ '/g/wrangler.toml': 'main = "src/index.ts"\n', '/g/src/index.ts': 'import { createGateway } from "serverless-api-gateway-runtime";\nexport default createGateway({});\n' }), 'bundled');
  assert.equal(detect({ '/g/wrangler.toml': 'main = "src/index.js"\n', '/g/src/index.js': 'import gw from "../vendor/shared-runtime/dist/index.js";\nexport default gw;\n' }), 'bundled');
  assert.equal(detect({ '/g/wrangler.toml': 'main = "src/index.js"\n', '/g/src/index.js': 'export default { fetch() {} };\n' }), 'upstream');
  assert.equal(detect({}), 'upstream', 'no wrangler config at all');
});

test('no wrangler config and an api-config.json that does not exist still give a project', () => {
  const host = new MemoryFileHost({ '/x/readme.md': '' });
  const project = loadProject(host, '/x/api-config.json');
  assert.equal(project.wrangler, undefined);
  assert.deepEqual(project.wranglerCandidates, []);
  assert.match(project.config.unreadable ?? '', /does not exist/);
});

test('the cache re-parses only the file that changed', () => {
  const host = new MemoryFileHost(fixture(SEED).files);
  const cache = new ProjectCache();
  const options = { workspaceRoots: ['/ws'] };
  const first = loadProject(host, '/ws/gw/api-config.json', cache, options);
  const again = loadProject(host, '/ws/gw/api-config.json', cache, options);
  assert.equal(again.config, first.config);
  assert.equal(again.wrangler, first.wrangler);
  assert.equal(again.devVars[0], first.devVars[0]);
  assert.equal([...again.workers][0]!.module, [...first.workers][0]!.module);

  host.set('/ws/gw/wrangler.toml', 'name = "gateway"\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n');
  const edited = loadProject(host, '/ws/gw/api-config.json', cache, options);
  assert.notEqual(edited.wrangler, first.wrangler);
  assert.deepEqual(edited.wrangler?.environments[0]!.services.map((s) => s.binding.value), ['HOOKS']);
  assert.equal(edited.config, first.config, 'api-config.json was not parsed again');
  assert.equal([...edited.workers][0]!.module, [...first.workers][0]!.module, 'the hooks Worker module was not parsed again');
});

test('the module reader parses each version once and lists folders', () => {
  const host = new MemoryFileHost({ '/g/services/a.js': 'export default class A { fetch() {} }', '/g/services/b.ts': '' });
  const modules = createModuleReader(host);
  const a = modules.read('/g/services/a.js');
  assert.equal(a?.defaultExport?.hasFetch, true);
  assert.equal(modules.read('/g/services/a.js'), a);
  assert.equal(modules.read('/g/services/missing.js'), undefined);
  assert.equal(modules.fileExists('/g/services/a.js'), true);
  assert.equal(modules.fileExists('/g/services'), false, 'a folder is not a file');
  assert.deepEqual(modules.list('/g/services'), ['a.js', 'b.ts']);
  assert.equal(modules.list('/g/nothing'), undefined);
  host.set('/g/services/a.js', 'export default { fetch() {} }');
  assert.equal(modules.read('/g/services/a.js')?.defaultExport?.kind, 'object');
});

test('bound Workers are looked for around the gateway Worker (above src/ in the upstream layout) and in the workspace roots that hold it', () => {
  const worker = (name: string): string => `name = "${name}"\nmain = "src/index.js"\n`;
  const host = new MemoryFileHost({
    // Upstream's layout: api-config.json in src/, wrangler.toml one folder up (SPEC C.1, B.0 lookup).
    '/ws/apps/gateway/wrangler.toml': 'name = "gateway"\nmain = "src/index.js"\nservices = [ { binding = "HOOKS", service = "hooks-worker" } ]\n',
    '/ws/apps/gateway/src/api-config.json': '{ "paths": [] }',
    '/ws/apps/gateway/src/index.js': 'export default {};\n',
    '/ws/apps/hooks/wrangler.toml': worker('hooks-worker'),
    '/ws/apps/hooks/src/index.js': 'export default class Hooks { before() {} }\n',
    // Elsewhere in the workspace: found through the workspace root that holds the gateway only.
    '/ws/workers/far/wrangler.toml': worker('far-worker'),
    '/ws/workers/far/src/index.js': 'export default {};\n',
    '/elsewhere/other/wrangler.toml': worker('other-worker'),
  });
  const names = (options: { workspaceRoots?: string[] } = {}): (string | undefined)[] =>
    [...loadProject(host, '/ws/apps/gateway/src/api-config.json', undefined, options).workers].map((w) => w.name).sort();
  assert.deepEqual(names(), ['hooks-worker'], 'beside the gateway Worker\'s folder (apps/), not beside src/');
  assert.deepEqual(names({ workspaceRoots: ['/ws', '/elsewhere'] }), ['far-worker', 'hooks-worker'], 'and the workspace root holding the gateway, not the other one');
  assert.deepEqual(workerSearchRoots('/ws/apps/gateway/src', { workspaceRoots: ['/ws'] }, '/ws/apps/gateway/wrangler.toml'), ['/ws']);
  assert.deepEqual(workerSearchRoots('/ws/apps/gateway', {}, '/ws/apps/gateway/wrangler.toml'), ['/ws/apps']);
});
