// Hostile sizes: objects and lists with tens of thousands of entries, where a check that compares each entry with
// all the others is quadratic (or builds per entry what serves them all: an index of every global variable, a parse
// of every variable for an add-variable fix). Every shape below was, before it was made linear: the first, third and fourth and the
// 200,000 keys ran for minutes at these sizes, the others for seconds (they grow as the square: a 5 MB file took
// minutes). Run as `sag check` in a child process, so that a hang is killed and fails the test instead of blocking
// the run; each test also checks the findings at that size.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { runSag, writeFixture } from '../cli/sag-process';

const WRANGLER_TEXT = 'name = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const servers = [{ alias: 's', url: 'https://example.com' }];
const route = (extra: object = {}) => ({ method: 'GET', path: '/x', integration: { type: 'http_proxy', server: 's' }, ...extra });

interface Diagnostic {
  code: string;
  message: string;
  env?: string;
  fixes: { edits: unknown[] }[];
}

/** `sag check --format json` on a gateway of these texts; killed after 2 minutes (linear work takes seconds). */
function check(config: object | string, wrangler = WRANGLER_TEXT, runtime = 'bundled', wranglerFile = 'wrangler.toml'): Diagnostic[] {
  const fixture = writeFixture({ 'gw/api-config.json': typeof config === 'string' ? config : JSON.stringify(config, null, 1), [`gw/${wranglerFile}`]: wrangler });
  try {
    const run = runSag(['check', 'gw', '--format', 'json', '--runtime', runtime], fixture.dir, {}, 120_000);
    assert.ok(run.code === 0 || run.code === 1, `sag check ended with ${run.code} (null: killed after 2 minutes): ${run.stderr.slice(0, 300)}`);
    return (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } finally {
    fixture.dispose();
  }
}

const codes = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

test('20,000 mapping headers naming undefined $config variables, next to 20,000 route variables', () => {
  const n = 20_000;
  const config = {
    servers,
    paths: [route({ mapping: { headers: Object.fromEntries(range(n).map((i) => [`h${i}`, `$config.v${i}`])) }, variables: Object.fromEntries(range(n).map((i) => [`w${i}`, 'x'])) })],
  };
  const sag209 = codes(check(config), 'SAG209');
  assert.equal(sag209.length, n);
  // `v7` is one edit from `w7`: the suggestion survives the index that large candidate sets use.
  assert.match(sag209.find((d) => d.message.startsWith('`$config.v7`'))!.message, /did you mean `w7`\?/);
});

test('20,000 routes each naming a missing one of 20,000 global variables (suggestions and add-variable fixes)', () => {
  const n = 20_000;
  const config = {
    servers,
    variables: Object.fromEntries(range(n).map((i) => [`v${i}`, 'x'])),
    paths: range(n).map((i) => ({ ...route(), path: `/m${i}`, mapping: { headers: { x: `$config.v${i}x` } } })),
  };
  const sag209 = codes(check(config), 'SAG209');
  assert.equal(sag209.length, n);
  const seventh = sag209.find((d) => d.message.startsWith('`$config.v7x`'))!;
  assert.match(seventh.message, /did you mean `v7`\?/);
  assert.equal(seventh.fixes.length, 2, 'change to the suggestion, or add the variable');
});

test('a binding used by the gateway, missing from 10,000 environments of a wrangler.json: a copy fix for each', () => {
  const n = 10_000;
  const wrangler = {
    name: 'gw',
    main: 'src/index.js',
    compatibility_date: '2025-01-01',
    compatibility_flags: ['nodejs_compat'],
    services: [{ binding: 'SB', service: 'w' }],
    env: Object.fromEntries(range(n).map((e) => [`e${e}`, { name: `gw-e${e}`, vars: { A: '1' } }])),
  };
  const config = { serviceBindings: [{ alias: 'sb', binding: 'SB' }], paths: [{ ...route(), integration: { type: 'service_binding', binding: 'sb', function: 'run' } }] };
  const sag302 = codes(check(config, JSON.stringify(wrangler, null, 2), 'bundled', 'wrangler.json'), 'SAG302');
  assert.equal(sag302.length, n);
  assert.ok(sag302.every((d) => d.fixes.length > 0 && d.fixes[0]!.edits.length > 0), 'each environment gets the copy of the binding');
});

test('$env.NEEDED in the top-level [vars] and missing from 36,000 [env.*] sections: an add-var fix for each', () => {
  const n = 36_000;
  let wrangler = `${WRANGLER_TEXT}[vars]\nNEEDED = "x"\n`;
  // Short sections: the file must stay under the 1 MB a wrangler config may have.
  for (let e = 0; e < n; e++) wrangler += `[env.e${e}]\nvars={O="1"}\n`;
  const sag306 = codes(check({ servers, variables: { a: '$env.NEEDED' }, paths: [route()] }, wrangler), 'SAG306');
  assert.equal(sag306.length, n);
  assert.ok(sag306.every((d) => d.fixes.length > 0), 'each environment gets its add-var fix');
});

test('sag check --fix with 60,000 safe fixes in one file: all applied, the file rewritten once per round', () => {
  const n = 60_000;
  const config = { servers, paths: range(n).map((i) => ({ ...route(), method: 'get', path: `/m${i}` })) };
  const fixture = writeFixture({ 'gw/api-config.json': JSON.stringify(config, null, 1), 'gw/wrangler.toml': WRANGLER_TEXT });
  try {
    const run = runSag(['check', 'gw', '--fix', '--runtime', 'bundled', '--no-color'], fixture.dir, {}, 120_000);
    assert.ok(run.code === 0 || run.code === 1, `sag check --fix ended with ${run.code} (null: killed after 2 minutes): ${run.stderr.slice(0, 300)}`);
    assert.match(run.stdout, new RegExp(`applied ${n} fixes in 1 file`));
    const fixed = JSON.parse(fixture.read('gw/api-config.json')) as { paths: { method: string }[] };
    assert.ok(fixed.paths.every((p) => p.method === 'GET'));
  } finally {
    fixture.dispose();
  }
});

test('a mapping with 20,000 keys, one of them repeated: only the last occurrence counts', () => {
  const n = 20_000;
  const entries = range(n).map((i) => `"h${i}": "$request.jwt.c${i}"`);
  entries.push('"h5": "$request.query.q"');
  const text = `{"servers": [{"alias": "s", "url": "https://example.com"}], "paths": [{"method": "GET", "path": "/x", "integration": {"type": "http_proxy", "server": "s"}, "mapping": {"headers": {${entries.join(', ')}}}}]}`;
  const sag210 = codes(check(text), 'SAG210');
  assert.equal(sag210.length, n - 1, 'h5 is replaced by its last occurrence, which reads no JWT claim');
  assert.ok(!sag210.some((d) => d.message.startsWith('`$request.jwt.c5`')));
});

test('20,000 routes naming misspelled aliases among 20,000 servers and service bindings', () => {
  const n = 20_000;
  const config = {
    servers: range(n).map((i) => ({ alias: `srv${i}`, url: `https://e${i}.example.com` })),
    serviceBindings: range(n).map((i) => ({ alias: `bnd${i}`, binding: `B${i}` })),
    paths: range(n).map((i) =>
      i % 2
        ? { method: 'GET', path: `/p${i}`, integration: { type: 'http_proxy', server: `srx${i}` } }
        : { method: 'POST', path: `/p${i}`, pre_process: { binding: `bnx${i}`, function: 'f' }, integration: { type: 'http_proxy', server: `srv${i}` } },
    ),
  };
  const diagnostics = check(config);
  const sag201 = codes(diagnostics, 'SAG201');
  const sag204 = codes(diagnostics, 'SAG204');
  assert.equal(sag201.length, n / 2);
  assert.equal(sag204.length, n / 2);
  assert.match(sag201.find((d) => d.message.includes('`srx1`'))!.message, /did you mean `srv1`\?/);
  assert.match(sag204.find((d) => d.message.includes('`bnx2`'))!.message, /did you mean `bnd2`\?/);
});

test('10,000 routes naming bindings that wrangler.toml misspells, over three environments', () => {
  const n = 10_000;
  const config = {
    serviceBindings: range(n).map((i) => ({ alias: `a${i}`, binding: `BINDNG_${i}` })),
    paths: range(n).map((i) => ({ method: 'POST', path: `/p${i}`, integration: { type: 'service_binding', binding: `a${i}` } })),
  };
  let wrangler = WRANGLER_TEXT;
  for (const i of range(n)) wrangler += `[[services]]\nbinding = "BINDING_${i}"\nservice = "w${i}"\n`;
  wrangler += '[env.staging]\n[env.production]\n';
  const sag301 = codes(check(config, wrangler), 'SAG301');
  assert.equal(sag301.length, 3 * n, 'every route, in each of the three environments');
  const top = sag301.find((d) => d.env === '' && d.message.startsWith('binding `BINDNG_3` '))!;
  assert.match(top.message, /did you mean `BINDING_3`\?/);
  const staging = sag301.find((d) => d.env === 'staging' && d.message.startsWith('binding `BINDNG_3` '))!;
  assert.equal(staging.fixes[0]!.edits.length, 1, 'the add-binding fix of an environment without services');
});

test('CORS lists of 40,000 entries with duplicates', () => {
  const n = 40_000;
  const config = {
    servers,
    cors: { allow_origins: [...range(n).map((i) => `https://o${i}.example.com`), 'https://o0.example.com'], allow_methods: range(n).map(() => 'GET'), allow_headers: ['x'], expose_headers: ['y'], max_age: 1 },
    paths: [route()],
  };
  const twice = check(config).filter((d) => d.code === 'SAG111' && d.message.includes('is listed twice'));
  assert.ok(twice.some((d) => d.message.startsWith('`cors.allow_origins`: `https://o0.example.com`')), 'the repeated origin is reported');
  assert.ok(twice.some((d) => d.message.startsWith('`cors.allow_methods`: `GET`')), 'the repeated method is reported');
});

test('10,000 wildcards over 10,000 {param} routes of one shape (upstream)', () => {
  const n = 10_000;
  const config = {
    servers,
    paths: range(2 * n).map((i) => ({ method: 'GET', path: i % 2 ? `/a/{p${i}}/x` : `/a/b${i}/{.+}`, integration: { type: 'http_proxy', server: 's' } })),
  };
  const diagnostics = check(config, WRANGLER_TEXT, 'upstream');
  // Every {param} route loses `/a/b0/x` to the first wildcard; all but the first are duplicates of the first.
  assert.equal(codes(diagnostics, 'SAG511').length, n);
  assert.equal(codes(diagnostics, 'SAG502').length, n - 1);
});

test('a minified config of 10,000 routes, analysed and edited as the editor does, within a 384 MB heap', () => {
  // Kept line prefixes and routing reports held the whole text before each route on its line: gigabytes here.
  const run = spawnSync(process.execPath, ['--max-old-space-size=384', '--conditions=sag-source', '--import', 'tsx', 'test/support/remembering-analysis.ts', '10000'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `the analysis ended with ${run.status} ${run.signal ?? ''}: ${run.stderr.slice(-400)}`);
  assert.ok(Number(run.stdout.trim()) >= 10_000, `findings: ${run.stdout}`);
});

test('a minified config of 20,000 routes: the fixes continue the line', () => {
  const n = 20_000;
  const config = {
    cors: { allow_origins: ['https://app.example.com'], allow_methods: ['GET'], allow_headers: ['x'], expose_headers: ['y'], allow_credentials: false, max_age: 1 },
    servers,
    paths: range(n).map((i) => ({ method: 'ANY', path: `/r${i}/{id}`, integration: { type: 'http_proxy', server: 's' } })),
  };
  const sag505 = codes(check(JSON.stringify(config), WRANGLER_TEXT, 'upstream'), 'SAG505');
  assert.equal(sag505.length, n);
  const edit = sag505[n - 1]!.fixes[0]!.edits[0] as { newText: string };
  assert.equal(edit.newText, `, { "method": "OPTIONS", "path": "/r${n - 1}/{id}", "integration": {"type":"http_proxy","server":"s"} }`);
});

test('a minified config of 200,000 unknown keys and no paths: each key found by index, the fix a compact insertion', () => {
  // Each unknown key's node was searched for among all the others, and the "add paths" fix re-formatted the whole
  // line through jsonc-parser, one formatting edit applied to the whole text at a time: minutes, both.
  const n = 200_000;
  const text = `{${range(n).map((i) => `"k${i}":1`).join(',')}}`;
  const diagnostics = check(text);
  const unknown = codes(diagnostics, 'SAG102');
  assert.equal(unknown.length, n);
  assert.match(unknown[n - 1]!.message, /k199999/);
  const missing = codes(diagnostics, 'SAG101').find((d) => /paths/.test(d.message));
  const edit = missing!.fixes[0]!.edits[0] as { newText: string; range: { start: { character: number }; end: { character: number } } };
  assert.equal(edit.newText, ',"paths": []');
  assert.equal(edit.range.start.character, text.length - 1);
  assert.equal(edit.range.end.character, text.length - 1);
});

test('a minified config of 50,000 services naming missing modules: 100,000 findings on one line, sorted', () => {
  // Findings are sorted by line in linear time, then each line's run by insertion: one line of 100,000 took minutes.
  const n = 50_000;
  const diagnostics = check(JSON.stringify({ services: range(n).map((i) => ({ alias: `s${i}`, entrypoint: `./services/s${i}` })), paths: [] }));
  assert.equal(codes(diagnostics, 'SAG401').length, n);
  const starts = diagnostics.filter((d) => d.code === 'SAG401').map((d) => (d as unknown as { range: { start: { character: number } } }).range.start.character);
  assert.ok(starts.every((c, i) => i === 0 || starts[i - 1]! < c), 'in the order of the file');
});

test('5,000 routes naming bindings that a wrangler.jsonc misspells, over three environments', () => {
  const n = 5_000;
  const config = {
    serviceBindings: range(n).map((i) => ({ alias: `a${i}`, binding: `BINDNG_${i}` })),
    paths: range(n).map((i) => ({ method: 'POST', path: `/p${i}`, integration: { type: 'service_binding', binding: `a${i}` } })),
  };
  const wrangler = {
    name: 'gw',
    main: 'src/index.js',
    compatibility_date: '2025-01-01',
    compatibility_flags: ['nodejs_compat'],
    services: range(n).map((i) => ({ binding: `BINDING_${i}`, service: `w${i}` })),
    env: { staging: {}, production: { vars: { A: '1' } } },
  };
  const sag301 = codes(check(config, `// the gateway\n${JSON.stringify(wrangler, null, 2)}\n`, 'bundled', 'wrangler.jsonc'), 'SAG301');
  assert.equal(sag301.length, 3 * n, 'every route, in each of the three environments');
  for (const env of ['', 'staging', 'production']) {
    const d = sag301.find((f) => (f.env ?? '') === env && f.message.startsWith('binding `BINDNG_3` '))!;
    // Environments do not inherit `services`: only the top level has a close name to offer.
    if (env === '') assert.match(d.message, /did you mean `BINDING_3`\?/);
    assert.equal(d.fixes[0]!.edits.length, 1, `an add-binding fix in ${env || 'the top level'}`);
  }
});

test('a .sagrc.json with 20,000 ignores over 20,000 findings', () => {
  const n = 20_000;
  const config = { servers, paths: range(n).map((i) => ({ method: 'GET', path: `/p${i}`, integration: { type: 'http_proxy', server: `srx${i}` } })) };
  // Every other finding ignored by pointer, in the three ways a file may be written.
  const files = ['api-config.json', './api-config.json'];
  const ignore = range(n / 2).map((i) => ({ code: 'SAG201', file: files[i % 2], pointer: `/paths/${2 * i}/integration/server` }));
  const fixture = writeFixture({ 'gw/api-config.json': JSON.stringify(config, null, 1), 'gw/wrangler.toml': WRANGLER_TEXT, 'gw/.sagrc.json': JSON.stringify({ ignore }) });
  try {
    const run = runSag(['check', 'gw', '--format', 'json', '--runtime', 'bundled'], fixture.dir, {}, 120_000);
    assert.equal(run.code, 1, `sag check ended with ${run.code} (null: killed after 2 minutes): ${run.stderr.slice(0, 300)}`);
    const sag201 = codes((JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics, 'SAG201');
    assert.equal(sag201.length, n / 2);
    assert.ok(sag201.every((d) => /`srx\d*[13579]`/.test(d.message)), 'only the odd routes are left');
  } finally {
    fixture.dispose();
  }
});

test('10,000 services whose entrypoints misspell files of a 10,000-file folder', () => {
  const n = 10_000;
  const files: Record<string, string> = {
    'gw/api-config.json': JSON.stringify({ services: range(n).map((i) => ({ alias: `m${i}`, entrypoint: `services/mdo${i}` })), paths: [] }, null, 1),
    'gw/wrangler.toml': 'name = "gw"\nmain = "index.js"\ncompatibility_date = "2025-01-01"\ncompatibility_flags = ["nodejs_compat"]\n',
  };
  for (const i of range(n)) files[`gw/services/mod${i}.js`] = 'export default class { async fetch() { return new Response("x"); } }\n';
  const fixture = writeFixture(files);
  try {
    const run = runSag(['check', 'gw', '--format', 'json', '--runtime', 'upstream'], fixture.dir, {}, 120_000);
    assert.equal(run.code, 1, `sag check ended with ${run.code} (null: killed after 2 minutes): ${run.stderr.slice(0, 300)}`);
    const sag401 = codes((JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics, 'SAG401');
    assert.equal(sag401.length, n);
    assert.match(sag401.find((d) => d.message.startsWith('service `m7`:'))!.message, /did you mean `mod7\.js`\?/);
  } finally {
    fixture.dispose();
  }
});
