// Completion latency on a generated 10,000-path workspace (issue 4 target: ≤ 3 ms after the index is built).
//   node /work/shared/bench/gen-workspace.mjs /tmp/ws10k --paths 10000 --bindings 500
//   node --conditions=sag-source --import tsx test/features/bench-completion.ts /tmp/ws10k
// Prints the index build time and the median / p95 of each completion kind. A script, not a test.
import { performance } from 'node:perf_hooks';
import { completion } from '../../server/src/analysis/features/completion';
import { definition } from '../../server/src/analysis/features/definition';
import { hover } from '../../server/src/analysis/features/hover';
import { referenceIndex } from '../../server/src/analysis/features/reference-index/build';
import { NodeFileHost } from '../../server/src/host/node-file-host';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { normalizePath } from '../../server/src/analysis/workspace/paths';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { configView } from '../../server/src/analysis/rules/schema/config-view';
import { gatewayUses } from '../../server/src/analysis/rules/wrangler/gateway-uses';

const folder = normalizePath(process.argv[2] ?? '/tmp/ws10k');
const host = new NodeFileHost();
const configFile = `${folder}/api-config.json`;
let t = performance.now();
const project = loadProject(host, configFile, undefined, { workspaceRoots: [folder] });
const loadMs = performance.now() - t;
const options = { host };
// The rules' views of the config (built by every check anyway) first, then the index on top of them.
t = performance.now();
configView(project.config);
gatewayUses(project.config);
const viewsMs = performance.now() - t;
t = performance.now();
referenceIndex(project, options);
const indexMs = performance.now() - t;
// After an edit: a new document, so new views and a new index (JIT warm now).
const edited = { ...project, config: parseConfigDocument(configFile, project.config.text) };
t = performance.now();
configView(edited.config);
gatewayUses(edited.config);
const viewsAgainMs = performance.now() - t;
t = performance.now();
referenceIndex(edited, options);
const indexAgainMs = performance.now() - t;

const text = project.config.text;
const lines = project.config.lines;
/** Position just after `needle` + `inset` characters, at the `occurrence`-th match from the middle of the file. */
function positionAfter(needle: string, inset: number, from = Math.floor(text.length / 2)) {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found`);
  return lines.positionAt(at + needle.length + inset);
}

const cases: [string, ReturnType<typeof positionAfter>][] = [
  ['service_binding alias (500 bindings)', positionAfter('"type": "service_binding",\n                "binding": "', 2)],
  ['function method', positionAfter('"function": "', 1)],
  ['http_proxy server alias', positionAfter('"server": "', 1)],
  ['HTTP method', positionAfter('"method": "', 1)],
  ['key in a route', positionAfter('"path": "', -8)],
];

function measure(run: () => unknown, rounds = 400): { median: number; p95: number; max: number } {
  for (let i = 0; i < 50; i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)]!, p95: times[Math.floor(rounds * 0.95)]!, max: times[rounds - 1]! };
}

const fmt = (n: number) => n.toFixed(3).padStart(8);
console.log(`workspace ${folder}: ${(text.length / 1e6).toFixed(1)} MB, ${lines.lineCount} lines`);
console.log(`loadProject ${loadMs.toFixed(1)} ms; rules' config views ${viewsMs.toFixed(1)} ms, then reference index ${indexMs.toFixed(1)} ms`);
console.log(`after a re-parse (warm): config views ${viewsAgainMs.toFixed(1)} ms, reference index ${indexAgainMs.toFixed(1)} ms`);
console.log('request                                   items   median ms    p95 ms    max ms');
for (const [name, position] of cases) {
  const items = completion(project, configFile, position, options).length;
  const m = measure(() => completion(project, configFile, position, options));
  console.log(`completion: ${name.padEnd(30)} ${String(items).padStart(5)} ${fmt(m.median)} ${fmt(m.p95)} ${fmt(m.max)}`);
}
const aliasAt = cases[0]![1];
const h = measure(() => hover(project, configFile, aliasAt, options));
console.log(`hover: alias chain${' '.repeat(32)} ${fmt(h.median)} ${fmt(h.p95)} ${fmt(h.max)}`);
const d = measure(() => definition(project, configFile, aliasAt, options));
console.log(`definition: alias${' '.repeat(33)} ${fmt(d.median)} ${fmt(d.p95)} ${fmt(d.max)}`);
