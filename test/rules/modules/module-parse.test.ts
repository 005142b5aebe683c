// SAG411: a service module that does not parse, on its entrypoint with the place in the module as related
// location; the checker's own limits (syntax of a proposal its parser is not set up for, a module over 5 MB) are
// not reported as the module's mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuntimeTarget } from '../../../server/src/analysis/findings';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from '../wrangler/position-of';

const CONFIG = `{
  "services": [{ "alias": "orders", "entrypoint": "./services/orders" }],
  "paths": [{ "method": "GET", "path": "/orders", "integration": { "type": "service", "binding": "orders" } }]
}
`;
const UPLOADING = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]\n';

function check(module: string, runtime: RuntimeTarget, name = 'orders.js') {
  const folder = runtime === 'upstream' ? '/gw/src/services' : '/gw/services';
  return checkFixture({ '/gw/api-config.json': CONFIG, '/gw/wrangler.toml': UPLOADING, '/gw/src/index.js': 'export default {};\n', [`${folder}/${name}`]: module }, { runtime });
}

test('SAG411: a syntax error, under both runtimes, with the line and the place in the module', () => {
  const broken = 'export default class {\n  async fetch(request) {\n    return new Response("ok"\n  }\n}\n';
  for (const runtime of ['upstream', 'bundled'] as const) {
    const [f, ...more] = findingsOf(check(broken, runtime), 'SAG411');
    assert.ok(f, runtime);
    assert.deepEqual(more, []);
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range.start, positionOf(CONFIG, '"./services/orders"'));
    assert.match(f.message, /^service module (src\/)?services\/orders\.js \(`orders`\) does not parse \(line 4\): syntax error: /);
    assert.match(f.message, runtime === 'upstream' ? /import\(\)` throws/ : /the gateway build fails/);
    assert.equal(f.related[0]!.range.start.line, 3);
    assert.match(f.related[0]!.file, /services\/orders\.js$/);
  }
});

test('SAG411: a binary file in place of the module', () => {
  const [f] = findingsOf(check('export default class {}\u0000\u0001', 'bundled'), 'SAG411');
  assert.match(f!.message, /binary/);
});

test('SAG411 near miss: valid modules, syntax esbuild reads (decorators, accessors, import attributes), a huge module', () => {
  const valid = [
    'export default class {\n  async fetch(request) {\n    return new Response("ok");\n  }\n}\n',
    'function logged(value) { return value; }\n@logged\nexport default class {\n  accessor count = 0;\n  async fetch() { return new Response(String(this.count)); }\n}\n',
    'import data from "./data.json" with { type: "json" };\nexport default class { async fetch() { return Response.json(data); } }\n',
    'import data from "./data.json" assert { type: "json" };\nexport default class { async fetch() { return Response.json(data); } }\n',
  ];
  for (const module of valid) assert.deepEqual(findingsOf(check(module, 'bundled'), 'SAG411'), [], module);
  const ts = 'function d(t: any) { return t; }\n@d\nexport default class {\n  accessor n = 1;\n  async fetch(): Promise<Response> { return new Response(String(this.n satisfies number)); }\n}\n';
  assert.deepEqual(findingsOf(check(ts, 'bundled', 'orders.ts'), 'SAG411'), []);
  const huge = `export default class { async fetch() { return new Response("ok"); } }\n${'// padding\n'.repeat(500_000)}`;
  assert.deepEqual(findingsOf(check(huge, 'bundled'), 'SAG411'), [], 'over 5 MB: too large to analyse, which is no mistake of the module');
});
