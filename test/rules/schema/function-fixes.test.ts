// The SAG107/SAG109 fixes that insert the missing `function`: the only public method of the bound Worker's class,
// found where the Worker declares it, also when its main module only re-exports it (`export { Hooks } from`,
// `export * from`, `export { default } from`), as SAG304 and completion find it; never from a re-export that
// cannot be read (a package, a missing file). Kept per-route results follow a change to the re-exported module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeProject } from '../../../server/src/analysis/analyze';
import type { Finding } from '../../../server/src/analysis/findings';
import { applyTextEdits } from '../../../server/src/analysis/fixes/json-edits';
import { LineIndex } from '../../../server/src/analysis/text/line-index';
import { loadProject } from '../../../server/src/analysis/workspace/load-project';
import { checkFixture, fixture, loadFixture } from '../../support/engine';

const CONFIG = '/ws/gw/api-config.json';

const CONFIG_TEXT = `{
  "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],
  "paths": [
    {
      "method": "POST",
      "path": "/orders",
      "pre_process": { "binding": "hooks" },
      "integration": { "type": "service_binding", "binding": "hooks" }
    }
  ]
}
`;

/** One public method (`before`); fetch, the constructor, a static and a private method are not candidates. */
const HOOKS_CLASS = (exported: string): string => `import { WorkerEntrypoint } from 'cloudflare:workers';
${exported} Hooks extends WorkerEntrypoint {
  constructor(ctx, env) { super(ctx, env); }
  async fetch() { return new Response('hooks'); }
  static create() { return 1; }
  #secret() { return 2; }
  async before(request) { return true; }
}
`;

/** The gateway binds HOOKS to Worker `hooks-worker` (entrypoint when given); its main module is `main`. */
function workspace(main: string, others: Record<string, string>, entrypoint?: string): string {
  const files = Object.entries(others).map(([path, text]) => `//- /ws/hooks/src/${path}\n${text}`);
  return [
    `//- ${CONFIG}\n${CONFIG_TEXT}`,
    `//- /ws/gw/wrangler.toml\nname = "gw"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n\n[[services]]\nbinding = "HOOKS"\nservice = "hooks-worker"\n${entrypoint ? `entrypoint = "${entrypoint}"\n` : ''}`,
    '//- /ws/gw/src/index.js\nexport default { fetch() { return new Response("gw"); } };\n',
    '//- /ws/hooks/wrangler.toml\nname = "hooks-worker"\nmain = "src/index.js"\ncompatibility_date = "2025-01-01"\n',
    `//- /ws/hooks/src/index.js\n${main}`,
    ...files,
  ].join('\n');
}

const NAMED_FETCH = "export default { fetch() { return new Response('hooks'); } };\n";

const READABLE: [string, string][] = [
  ['declared by the main module', workspace(HOOKS_CLASS('export default class'), {})],
  ['export { Hooks } from', workspace(`export { Hooks } from './hooks.js';\n${NAMED_FETCH}`, { 'hooks.js': HOOKS_CLASS('export class') }, 'Hooks')],
  ['export * from', workspace(`export * from './rpc';\n${NAMED_FETCH}`, { 'rpc/index.js': "export * from './hooks.js';\n", 'rpc/hooks.js': HOOKS_CLASS('export class') }, 'Hooks')],
  ['export { default } from', workspace("export { default } from './hooks.js';\n", { 'hooks.js': HOOKS_CLASS('export default class') })],
];

const UNREADABLE: [string, string][] = [
  ['a package', workspace(`export { Hooks } from '@acme/hooks';\n${NAMED_FETCH}`, {}, 'Hooks')],
  ['a missing file', workspace("export { default } from './gone.js';\n", {})],
  ['a star export of a missing folder', workspace(`export * from './rpc';\n${NAMED_FETCH}`, {}, 'Hooks')],
];

const functionFix = (finding: Finding | undefined) => finding?.fixes.find((f) => /Add `"function"/.test(f.title));

function findingOf(findings: Finding[], code: string): Finding {
  const found = findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code}: ${found.map((f) => f.message).join(' | ')}`);
  return found[0]!;
}

/** The config after the fix, then re-checked: the finding is gone. */
function applied(findings: Finding[], code: string, files: string): string {
  const fix = functionFix(findingOf(findings, code));
  assert.ok(fix, `${code} offers no \`function\` fix`);
  assert.equal(fix.title, 'Add `"function": "before"`');
  assert.equal(fix.safe, false);
  const after = applyTextEdits(CONFIG_TEXT, new LineIndex(CONFIG_TEXT), fix.edits.map((e) => e as { range: Finding['range']; newText: string }));
  const again = checkFixture({ ...fixture(files).files, [CONFIG]: after }, { runtime: 'upstream' });
  assert.deepEqual(again.filter((f) => f.code === code).map((f) => f.message), [], `${code} still reported after its fix:\n${after}`);
  return after;
}

for (const [label, files] of READABLE) {
  test(`SAG107 and SAG109 insert the only public method of the bound class (${label})`, () => {
    const findings = checkFixture(files, { runtime: 'upstream' });
    const sag107 = findingOf(findings, 'SAG107');
    assert.match(sag107.message, /`function` is missing \(methods: before\)/);
    assert.equal(
      applied(findings, 'SAG107', files),
      CONFIG_TEXT.replace('"integration": { "type": "service_binding", "binding": "hooks" }', '"integration": { "type": "service_binding", "binding": "hooks", "function": "before" }'),
    );
    assert.equal(applied(findings, 'SAG109', files), CONFIG_TEXT.replace('"pre_process": { "binding": "hooks" }', '"pre_process": { "binding": "hooks", "function": "before" }'));
  });
}

for (const [label, files] of UNREADABLE) {
  test(`no \`function\` fix when the main module re-exports the class from ${label}`, () => {
    const findings = checkFixture(files, { runtime: 'upstream' });
    for (const code of ['SAG107', 'SAG109']) assert.equal(functionFix(findingOf(findings, code)), undefined, code);
    assert.doesNotMatch(findingOf(findings, 'SAG107').message, /methods:/);
  });
}

test('kept per-route results follow the re-exported module: a second public method takes the fix away, and back', () => {
  const files = READABLE.find(([label]) => label === 'export { default } from')![1];
  const { host, cache, modules } = loadFixture(files);
  const analyze = (): Finding[] => analyzeProject(loadProject(host, CONFIG, cache, { workspaceRoots: ['/'] }), modules, { runtime: 'upstream' });
  const fixTitles = (findings: Finding[]): (string | undefined)[] => ['SAG107', 'SAG109'].map((code) => functionFix(findingOf(findings, code))?.title);
  const one = ['Add `"function": "before"`', 'Add `"function": "before"`'];
  assert.deepEqual(fixTitles(analyze()), one);
  // Only hooks.js changes: no file the gateway names as a main module, and not the config.
  host.set('/ws/hooks/src/hooks.js', HOOKS_CLASS('export default class').replace('async before', 'async after() { return true; }\n  async before'));
  const two = analyze();
  assert.deepEqual(fixTitles(two), [undefined, undefined]);
  assert.match(findingOf(two, 'SAG107').message, /\(methods: after, before\)/);
  host.set('/ws/hooks/src/hooks.js', HOOKS_CLASS('export default class'));
  assert.deepEqual(fixTitles(analyze()), one);
});
