// A child-process script for tests: analyses a generated one-line (minified) config of N routes the way the
// language server does (results kept for the next analysis), edits one route, analyses again, and prints the
// number of findings. Tests run it under a heap limit: what the analysis keeps must not grow with N squared.
//   node --max-old-space-size=MB --conditions=sag-source --import tsx test/support/remembering-analysis.ts N
import { analyzeProject } from '../../server/src/analysis/analyze';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { updateConfigDocument } from '../../server/src/analysis/parse/incremental-config';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';

const n = Number(process.argv[2] ?? 10_000);
const CONFIG = '/gw/api-config.json';
const config = {
  cors: { allow_origins: ['https://app.example.com'], allow_methods: ['GET'], allow_headers: ['x'], expose_headers: ['y'], allow_credentials: false, max_age: 1 },
  servers: [{ alias: 's', url: 'https://api.example.com' }],
  paths: Array.from({ length: n }, (_, i) => ({ method: 'ANY', path: `/route-number-${i}/{id}`, integration: { type: 'http_proxy', server: 's', path: `/upstream/${i}/{id}` } })),
};
const host = new MemoryFileHost({ [CONFIG]: JSON.stringify(config), '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n' });
const cache = new ProjectCache();
const modules = createModuleReader(host, cache);
let project = loadProject(host, CONFIG, cache, { workspaceRoots: ['/'] });
analyzeProject(project, modules, { runtime: 'upstream' });
const at = project.config.text.lastIndexOf('/route-number-');
const doc = updateConfigDocument(project.config, { start: at, end: at + 1, newText: '/x' }).doc;
host.set(CONFIG, doc.text);
project = loadProject(host, CONFIG, cache, { workspaceRoots: ['/'], configDocument: doc });
console.log(analyzeProject(project, modules, { runtime: 'upstream' }).length);
