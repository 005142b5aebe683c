// checkWorkspace, the engine's entry point for front-ends, on an in-memory host: discovery over several roots,
// each gateway once, findings tagged with gateway and runtime, roots without a gateway listed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { MemoryFileHost } from '../../server/src/analysis/host';

const CONFIG_A = '{ "paths": [ { "method": "get", "path": "/x", "response": {} } ] }';
const WRANGLER = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';
const INDEX = 'export default { async fetch() { return new Response("ok"); } };\n';

function workspace(): MemoryFileHost {
  return new MemoryFileHost({
    '/ws/a/api-config.json': CONFIG_A,
    '/ws/a/wrangler.toml': WRANGLER,
    '/ws/a/src/index.js': INDEX,
    '/ws/b/api-config.json': '{ "paths": [ { "method": "ANY", "path": "/y", "auth": 0, "response": {} } ] }',
    '/ws/b/wrangler.toml': WRANGLER,
    '/ws/b/src/index.js': INDEX,
    '/ws/b/.sagrc.json': '{ "runtime": "bundled" }',
    '/ws/node_modules/pkg/api-config.json': '{',
    '/ws/docs/README.md': '# nothing here',
  });
}

describe('checkWorkspace', () => {
  it('finds every gateway under the roots once, skipping node_modules, and tags findings', () => {
    const result = checkWorkspace(workspace(), ['/ws', '/ws/a', '/ws/docs'], { runtime: undefined });
    assert.deepEqual(result.projects.map((p) => p.root), ['/ws/a', '/ws/b']);
    assert.deepEqual(result.rootsWithoutGateway, ['/ws/docs']);
    const method = result.findings.find((f) => f.code === 'SAG104');
    assert.equal(method?.gateway, '/ws/a');
    assert.equal(method?.file, '/ws/a/api-config.json');
    assert.deepEqual(method?.range.start, { line: 0, character: CONFIG_A.indexOf('"get"') });
    const auth = result.findings.find((f) => f.code === 'SAG120');
    assert.equal(auth?.runtime, 'bundled', '.sagrc.json of gateway b');
    assert.equal(auth?.severity, 'error');
    assert.equal(result.findings.some((f) => f.file.includes('node_modules')), false);
  });

  it('a wrangler config three gateways share: each of its findings once, whatever runtime each gateway targets', () => {
    const host = new MemoryFileHost({
      '/ws/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n[[services]\n',
      '/ws/a/api-config.json': '{ "paths": [] }',
      '/ws/b/api-config.json': '{ "paths": [] }',
      '/ws/c/api-config.json': '{ "paths": [] }',
      '/ws/c/.sagrc.json': '{ "runtime": "bundled" }',
    });
    const result = checkWorkspace(host, ['/ws'], { runtime: undefined });
    assert.equal(result.projects.length, 3);
    const inWrangler = result.findings.filter((f) => f.file === '/ws/wrangler.toml').map((f) => `${f.code} ${f.runtime}`);
    // SAG309 is upstream's only; SAG315 holds for both runtimes and reads the same: the first gateway's is kept.
    assert.deepEqual(inWrangler.sort(), ['SAG309 upstream', 'SAG315 upstream']);
  });

  it('says which roots it searched only in part: a gateway 13 levels down is past the discovery limits', () => {
    const deep = `/ws/${'d/'.repeat(13)}api-config.json`;
    const result = checkWorkspace(new MemoryFileHost({ [deep]: '{ "paths": [] }', '/ws/near/api-config.json': '{ "paths": [] }' }), ['/ws', '/ws/near']);
    assert.deepEqual(result.projects.map((p) => p.root), ['/ws/near']);
    assert.deepEqual(result.rootsSearchedInPart, ['/ws']);
    assert.deepEqual(checkWorkspace(new MemoryFileHost({ [deep]: '{ "paths": [] }' }), [`/ws/${'d/'.repeat(6)}`]).rootsSearchedInPart, [], 'from closer, the whole tree is read');
  });

  it('sorts findings by file, then position', () => {
    const { findings } = checkWorkspace(workspace(), ['/ws']);
    const keys = findings.map((f) => [f.file, f.range.start.line, f.range.start.character] as const);
    const sorted = [...keys].sort((x, y) => x[0].localeCompare(y[0]) || x[1] - y[1] || x[2] - y[2]);
    assert.deepEqual(keys, sorted);
  });

  it('an options runtime beats .sagrc.json; an empty root yields nothing and does not throw', () => {
    const { findings } = checkWorkspace(workspace(), ['/ws/b'], { runtime: 'upstream' });
    assert.deepEqual(findings.filter((f) => f.code === 'SAG120').map((f) => [f.runtime, f.severity]), [['upstream', 'warning']]);
    assert.deepEqual(checkWorkspace(new MemoryFileHost(), ['/nowhere']), { projects: [], findings: [], rootsWithoutGateway: ['/nowhere'], rootsSearchedInPart: [] });
  });

  it('a root may be the api-config.json itself', () => {
    assert.deepEqual(checkWorkspace(workspace(), ['/ws/a/api-config.json']).projects.map((p) => p.root), ['/ws/a']);
  });
  it('gateways side by side each see the others as Workers, never themselves (one Worker search for all of them)', () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c']) {
      files[`/ws/${name}/api-config.json`] = '{ "paths": [] }';
      files[`/ws/${name}/wrangler.toml`] = WRANGLER.replace('name = "gw"', `name = "gw-${name}"`);
      files[`/ws/${name}/src/index.js`] = INDEX;
    }
    const result = checkWorkspace(new MemoryFileHost(files), ['/ws']);
    assert.deepEqual(
      result.projects.map((p) => [p.root, [...p.workers].map((w) => w.name)]),
      [['/ws/a', ['gw-b', 'gw-c']], ['/ws/b', ['gw-a', 'gw-c']], ['/ws/c', ['gw-a', 'gw-b']]],
    );
  });
});
