// SAG302, SAG303, SAG304, SAG312, SAG313: each triggered by a fixture workspace (code, file, exact start) and
// each with a near miss that stays silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFixture, findingsOf } from '../../support/engine';
import { positionOf } from './position-of';

const CONFIG = `{
  "serviceBindings": [
    { "alias": "hooks", "binding": "HOOKS" }
  ],
  "paths": [
    {
      "method": "POST",
      "path": "/orders",
      "pre_process": { "binding": "hooks", "function": "before" },
      "integration": { "type": "service_binding", "binding": "hooks", "function": "run" }
    }
  ]
}
`;
const HOOKS_AT = positionOf(CONFIG, '"HOOKS"');
const HEAD = 'name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]\n';

function gw(wrangler: string, extra: Record<string, string> = {}): Record<string, string> {
  return { '/gw/api-config.json': CONFIG, '/gw/wrangler.toml': wrangler, '/gw/src/index.js': 'export default {};\n', ...extra };
}

test('SAG302: declared at the top level only: error for a deployed env, warning for one not deployed; copy fix', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n\n[env.staging]\nname = "gateway-staging"\n\n[env.dev]\n`;
  const rc = '{ "environments": ["top", "staging"] }\n';
  const findings = findingsOf(checkFixture(gw(wrangler, { '/gw/.sagrc.json': rc })), 'SAG302');
  assert.deepEqual(findings.map((f) => [f.env, f.severity]).sort(), [['dev', 'warning'], ['staging', 'error']]);
  for (const f of findings) {
    assert.equal(f.file, '/gw/api-config.json');
    assert.deepEqual(f.range.start, HOOKS_AT);
    assert.match(f.message, new RegExp(`\\(env: ${f.env}\\)$`));
    assert.match(f.message, /not inherited/);
  }
  const staging = findings.find((f) => f.env === 'staging')!;
  assert.equal(staging.fixes[0]!.safe, true);
  assert.equal(staging.fixes[0]!.edits[0]!.newText, '\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks"');
  assert.deepEqual(staging.related[0]!.range.start, positionOf(wrangler, '"HOOKS"'));
});

test('SAG302: declared only in an environment and missing at the top level', () => {
  const wrangler = `${HEAD}\n[env.staging]\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n`;
  const findings = checkFixture(gw(wrangler));
  assert.deepEqual(findingsOf(findings, 'SAG302').map((f) => [f.env, f.severity, f.range.start]), [['', 'error', HOOKS_AT]]);
  assert.deepEqual(findingsOf(findings, 'SAG301'), []);
});

test("SAG302 fix from another environment's entry: its `-<env>` Worker name swapped, a guess to confirm (never applied unattended)", () => {
  const wrangler = `${HEAD}\n[env.staging]\nservices = [{ binding = "HOOKS", service = "auth-hooks-staging" }]\n\n[env.production]\nservices = [{ binding = "HOOKS", service = "auth-hooks-production" }]\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler)), 'SAG302');
  assert.ok(f);
  assert.equal(f.env, '');
  const fix = f.fixes[0]!;
  assert.equal(fix.safe, false, 'the top level must not be pointed at the staging Worker unattended');
  assert.match(fix.edits[0]!.newText, /service = "auth-hooks"/);
  assert.doesNotMatch(fix.edits[0]!.newText, /auth-hooks-staging/);
  assert.equal(fix.placeholder?.text, 'auth-hooks');
  assert.match(fix.title, /a guess from \[env\.staging\]'s `auth-hooks-staging`: check the Worker name/);
});

test('SAG302 near miss: declared in every environment', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n\n[env.staging]\nservices = [ { binding = "HOOKS", service = "hooks" } ]\n`;
  const findings = checkFixture(gw(wrangler));
  assert.deepEqual(findings.filter((f) => /^SAG30[1-4]$/.test(f.code)), []);
});

test('SAG301 per environment when declared nowhere; names the environment', () => {
  const wrangler = `${HEAD}\n[env.staging]\nname = "s"\n`;
  const findings = findingsOf(checkFixture(gw(wrangler)), 'SAG301');
  assert.deepEqual(findings.map((f) => f.env), ['', 'staging']);
  assert.match(findings[0]!.message, /\(env: top level\)$/);
  assert.match(findings[1]!.message, /\(env: staging\)$/);
  assert.equal(findings[1]!.fixes[0]!.edits[0]!.newText, '\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks"');
});

test('SAG301 with did-you-mean and a rename fix', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOK", service = "hooks" } ]\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler)), 'SAG301');
  assert.ok(f);
  assert.match(f.message, /^binding `HOOKS` is not declared in wrangler\.toml \(declared: HOOK\); did you mean `HOOK`\?/);
  assert.deepEqual(f.fixes.map((x) => x.title), ['Add binding `HOOKS` to wrangler.toml (service `hooks`, a guess: check the Worker name)', 'Use the declared binding `HOOK`']);
});

test('SAG301: the placeholder is the `service` value even when the binding reads the same (TOML and JSON)', () => {
  const config = CONFIG.replace('"binding": "HOOKS"', '"binding": "hooks"');
  const cases: [string, string, string][] = [
    ['/gw/wrangler.toml', `${HEAD}services = [ { binding = "TARGET", service = "orders" } ]\n`, ', { binding = "hooks", service = "hooks" }'],
    ['/gw/wrangler.json', '{\n  "name": "gateway",\n  "main": "src/index.js",\n  "compatibility_date": "2025-07-04",\n  "services": [{ "binding": "TARGET", "service": "orders" }]\n}\n', ''],
  ];
  for (const [file, wrangler, expectedText] of cases) {
    const files = { '/gw/api-config.json': config, [file]: wrangler, '/gw/src/index.js': 'export default {};\n' };
    const [f] = findingsOf(checkFixture(files), 'SAG301');
    assert.ok(f, file);
    const [add, ...others] = f.fixes;
    const placeholder = add!.placeholder!;
    const newText = add!.edits[placeholder.edit]!.newText;
    if (expectedText) assert.equal(newText, expectedText);
    assert.equal(placeholder.text, 'hooks');
    assert.notEqual(newText.indexOf('"hooks"'), newText.lastIndexOf('"hooks"'), `${file}: binding and service both read "hooks"`);
    assert.equal(placeholder.offset, newText.lastIndexOf('"hooks"') + 1, `${file}: the second "hooks" is the service`);
    for (const other of others) assert.equal(other.placeholder, undefined);
  }
});

test('SAG301 near miss: an unused serviceBindings entry is not checked', () => {
  const config = CONFIG.replace('{ "alias": "hooks", "binding": "HOOKS" }', '{ "alias": "hooks", "binding": "HOOKS" }, { "alias": "spare", "binding": "SPARE" }');
  const findings = checkFixture({ ...gw(`${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n`), '/gw/api-config.json': config });
  assert.deepEqual(findings.filter((f) => /^SAG30[1-4]$/.test(f.code)), []);
});

test('SAG303: the name is a KV namespace', () => {
  const wrangler = `${HEAD}\n[[kv_namespaces]]\nbinding = "HOOKS"\nid = "abc"\n`;
  const findings = checkFixture(gw(wrangler));
  const [f] = findingsOf(findings, 'SAG303');
  assert.ok(f);
  assert.deepEqual(f.range.start, HOOKS_AT);
  assert.match(f.message, /as a `kv_namespaces` binding, not as a service binding/);
  assert.deepEqual(f.related[0]!.range.start, positionOf(wrangler, '"HOOKS"'));
  assert.deepEqual(findingsOf(findings, 'SAG301'), []);
});

test('SAG303: a Worker name where the binding name belongs; safe rename fix', () => {
  const config = CONFIG.replace('"binding": "HOOKS"', '"binding": "auth-hooks"');
  const findings = checkFixture({ ...gw(`${HEAD}services = [ { binding = "AUTH_HOOKS", service = "auth-hooks" } ]\n`), '/gw/api-config.json': config });
  const [f] = findingsOf(findings, 'SAG303');
  assert.ok(f);
  assert.deepEqual(f.range.start, positionOf(config, '"auth-hooks"'));
  assert.deepEqual(f.fixes.map((x) => [x.safe, x.edits[0]!.newText]), [[true, '"AUTH_HOOKS"']]);
});

const HOOK_WORKER = (body: string): Record<string, string> => ({
  '/hooks/wrangler.toml': 'name = "hooks"\nmain = "src/index.ts"\n\n[env.staging]\n',
  '/hooks/src/index.ts': `import { WorkerEntrypoint } from 'cloudflare:workers';\n${body}`,
});

test('SAG304: the target class lacks the called method; stub fix inserted before the closing brace', () => {
  const target = 'export default class Hooks extends WorkerEntrypoint {\n  async before(request: Request) {\n    return true;\n  }\n}\n';
  const files = { ...gw(`${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n`), ...HOOK_WORKER(target) };
  const [f] = findingsOf(checkFixture(files, { runtime: 'upstream' }), 'SAG304');
  assert.ok(f);
  assert.deepEqual(f.range.start, HOOKS_AT);
  assert.match(f.message, /has no public method `run` \(methods: before\)/);
  const stub = f.fixes[0]!;
  assert.equal(stub.safe, false);
  assert.equal(stub.edits[0]!.file, '/hooks/src/index.ts');
  assert.equal(stub.edits[0]!.newText, '  async run(request: Request, env: unknown, context: unknown) {\n    // TODO: implement `run` (called by the gateway)\n    return true;\n  }\n');
  assert.deepEqual((stub.edits[0] as { range: { start: unknown } }).range.start, { line: 5, character: 0 });
});

test('SAG304: a default export that does not extend WorkerEntrypoint; and `<name>-<env>` targets', () => {
  const target = 'export default class Hooks {\n  async before() { return true; }\n  async run() { return true; }\n}\n';
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks-staging" } ]\n`;
  const [f] = findingsOf(checkFixture({ ...gw(wrangler), ...HOOK_WORKER(target) }), 'SAG304');
  assert.ok(f);
  assert.match(f.message, /does not extend WorkerEntrypoint/);
});

test('SAG304 near miss: both methods exist; and a target outside the workspace is not judged', () => {
  const target = 'export default class Hooks extends WorkerEntrypoint {\n  async before() { return true; }\n  async run() { return new Response(); }\n}\n';
  const declared = `${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n`;
  assert.deepEqual(findingsOf(checkFixture({ ...gw(declared), ...HOOK_WORKER(target) }), 'SAG304'), []);
  const elsewhere = `${HEAD}services = [ { binding = "HOOKS", service = "somewhere-else" } ]\n`;
  assert.deepEqual(findingsOf(checkFixture({ ...gw(elsewhere), ...HOOK_WORKER('export default class {}\n') }), 'SAG304'), []);
});

test('SAG304 for `<name>-<env>`: that environment\'s own `main` is the module judged (SPEC B.2), not the top-level one', () => {
  const good = 'export default class Staging extends WorkerEntrypoint {\n  async before() { return true; }\n  async run() { return true; }\n}\n';
  const files = {
    ...gw(`${HEAD}services = [ { binding = "HOOKS", service = "hooks-staging" } ]\n`),
    '/hooks/wrangler.toml': 'name = "hooks"\nmain = "src/index.ts"\n\n[env.staging]\nmain = "src/staging.ts"\n',
    '/hooks/src/index.ts': "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Prod extends WorkerEntrypoint {\n  async prodOnly() {}\n}\n",
    '/hooks/src/staging.ts': `import { WorkerEntrypoint } from 'cloudflare:workers';\n${good}`,
  };
  assert.deepEqual(findingsOf(checkFixture(files), 'SAG304'), [], 'staging.ts has both methods');
  const lacking = { ...files, '/hooks/src/staging.ts': "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Staging extends WorkerEntrypoint {\n  async before() {}\n}\n" };
  assert.match(findingsOf(checkFixture(lacking), 'SAG304')[0]?.message ?? '', /`Staging` of Worker `hooks-staging` \(\.\.\/hooks\/src\/staging\.ts\) has no public method `run`/);
});

test('SAG304 follows an entrypoint class re-exported from another module (`export { Bar } from`, `export *`, `as`)', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks", entrypoint = "Bar" } ]\n`;
  const good = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport class Bar extends WorkerEntrypoint {\n  async before() { return true; }\n  async run() { return true; }\n}\n";
  const lacking = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport class Bar extends WorkerEntrypoint {\n  async before() { return true; }\n}\n";
  for (const main of ["export { Bar } from './bar';\nexport default {};\n", "export * from './bar.js';\nexport default {};\n", "export { Inner as Bar } from './rpc';\nexport default {};\n"]) {
    const barFile = main.includes('./rpc') ? '/hooks/src/rpc/index.ts' : '/hooks/src/bar.ts';
    const body = (text: string) => (main.includes('./rpc') ? text.replace('class Bar', 'class Inner') : text);
    const clean = { ...gw(wrangler), ...HOOK_WORKER(main), [barFile]: body(good) };
    assert.deepEqual(findingsOf(checkFixture(clean), 'SAG304'), [], main);
    const [f] = findingsOf(checkFixture({ ...clean, [barFile]: body(lacking) }), 'SAG304');
    assert.match(f?.message ?? '', new RegExp(`class \`Bar\` of Worker \`hooks\` \\(\\.\\./hooks/src/${barFile.endsWith('index.ts') ? 'rpc/index' : 'bar'}\\.ts, re-exported by \\.\\./hooks/src/index\\.ts\\) has no public method \`run\``), main);
    assert.equal(f!.fixes[0]!.edits[0]!.file, barFile, 'the stub goes where the class is declared');
  }
  // Re-exported from a package, or from a file that is not there: not judged from here.
  for (const main of ["export { Bar } from 'rpc-package';\nexport default {};\n", "export * from './gone';\nexport default {};\n"]) {
    assert.deepEqual(findingsOf(checkFixture({ ...gw(wrangler), ...HOOK_WORKER(main) }), 'SAG304'), [], main);
  }
  const missing = { ...gw(wrangler), ...HOOK_WORKER("export { Baz } from './bar';\nexport default {};\n"), '/hooks/src/bar.ts': 'export class Baz {}\n' };
  assert.match(findingsOf(checkFixture(missing), 'SAG304')[0]?.message ?? '', /exports no class `Bar` \(the binding's `entrypoint`\); did you mean `Baz`\?/, 'a name nothing re-exports is still reported, with the re-exported names');
});

test('SAG304 follows a default re-exported from another module (`export { default } from`, `{ Bar as default } from`)', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n`;
  const lacking = "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Bar extends WorkerEntrypoint {\n  async before() { return true; }\n}\n";
  for (const main of ["export { default } from './bar';\n", "export { Bar as default } from './bar';\n"]) {
    const bar = main.includes('Bar as') ? lacking.replace('export default class', 'export class') : lacking;
    const [f] = findingsOf(checkFixture({ ...gw(wrangler), ...HOOK_WORKER(main), '/hooks/src/bar.ts': bar }), 'SAG304');
    assert.match(f?.message ?? '', /the default export `Bar` of Worker `hooks` \(\.\.\/hooks\/src\/bar\.ts, re-exported by \.\.\/hooks\/src\/index\.ts\)/, main);
    assert.equal(f!.fixes[0]!.edits[0]!.file, '/hooks/src/bar.ts', 'the stub goes where the class is declared');
    const fixed = bar.replace('  async before() { return true; }\n', '  async before() { return true; }\n  async run() { return true; }\n');
    assert.deepEqual(findingsOf(checkFixture({ ...gw(wrangler), ...HOOK_WORKER(main), '/hooks/src/bar.ts': fixed }), 'SAG304'), [], main);
  }
  // From a package: not judged.
  assert.deepEqual(findingsOf(checkFixture({ ...gw(wrangler), ...HOOK_WORKER("export { default } from 'hooks-package';\n") }), 'SAG304'), []);
});

test('SAG312: a binding to the gateway itself, on the `service` key of the wrangler file', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "gateway" } ]\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler)), 'SAG312');
  assert.ok(f);
  assert.equal(f.file, '/gw/wrangler.toml');
  assert.deepEqual(f.range.start, positionOf(wrangler, 'service = "gateway"'));
  assert.deepEqual(findingsOf(checkFixture(gw(`${HEAD}services = [ { binding = "HOOKS", service = "gateway-hooks" } ]\n`)), 'SAG312'), []);
});

test('SAG313: the legacy `environment` field; near miss without it', () => {
  const wrangler = `${HEAD}\n[[services]]\nbinding = "HOOKS"\nservice = "hooks"\nenvironment = "staging"\n`;
  const [f] = findingsOf(checkFixture(gw(wrangler)), 'SAG313');
  assert.ok(f);
  assert.equal(f.severity, 'information');
  assert.deepEqual(f.range.start, positionOf(wrangler, 'environment ='));
  assert.equal(f.fixes[0]!.edits[0]!.newText, '"hooks-staging"');
  assert.deepEqual(findingsOf(checkFixture(gw(wrangler.replace('environment = "staging"\n', ''))), 'SAG313'), []);
});

test('SAG302 copy fix binds the target Worker\'s deployment of that environment when it is in the workspace', () => {
  const wrangler = `${HEAD}services = [ { binding = "HOOKS", service = "hooks" } ]\n\n[env.staging]\nname = "gateway-staging"\n`;
  const files = { ...gw(wrangler), ...HOOK_WORKER('export default class Hooks extends WorkerEntrypoint {\n  async before() { return true; }\n  async run() { return true; }\n}\n') };
  const [f] = findingsOf(checkFixture(files), 'SAG302');
  assert.ok(f);
  assert.equal(f.env, 'staging');
  assert.equal(f.fixes[0]!.edits[0]!.newText, '\n\n[[env.staging.services]]\nbinding = "HOOKS"\nservice = "hooks-staging"');
});
