// The reference index itself: what it collects (targets and origins of every kind), caching by project and by
// parsed file, the cursor reader on broken input (property-based), and every feature on garbage at every offset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as features from '../../server/src/analysis/features';
import { jsonCursor, nodeAtOffset } from '../../server/src/analysis/features/json-cursor';
import { configPart } from '../../server/src/analysis/features/reference-index/config-part';
import { referenceIndex } from '../../server/src/analysis/features/reference-index/build';
import { occurrenceAt } from '../../server/src/analysis/features/reference-index/lookup';
import type { Range } from '../../server/src/analysis/findings';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { loadFixture } from '../support/engine';
import { fixture } from '../support/fixture';
import { CONFIG, GATEWAY_FILES, workspaceWith } from './workspace';

test('the index collects every kind of target and origin of the fixture workspace', () => {
  const f = workspaceWith('/ws/gw/api-config.json', '"method": "POST"', '"method": "POST"$0');
  const index = referenceIndex(f.project, f.options);
  const config = index.config;
  assert.deepEqual([...config.aliases.servers.keys()], ['api']);
  assert.deepEqual([...config.aliases.services.keys()], ['orders']);
  assert.deepEqual([...config.aliases.serviceBindings.keys()], ['hooks', 'target']);
  assert.deepEqual([...config.aliasOrigins.serviceBindings].map(([k, v]) => `${k}:${v.map((o) => o.hook).join(',')}`), ['target:integration', 'hooks:pre_process']);
  assert.deepEqual([...config.bindingOrigins.keys()], ['HOOKS', 'TARGET']);
  assert.deepEqual(config.entrypointOrigins.map((o) => o.name), ['./services/orders']);
  assert.deepEqual(config.functionOrigins.map((o) => `${o.alias}.${o.name}`), ['target.run', 'hooks.before']);
  assert.deepEqual([...config.globalVariables.keys()], ['tenant']);
  assert.deepEqual(config.configOrigins.map((o) => o.name), ['tenant']);
  assert.deepEqual([...config.envOrigins.keys()].sort(), ['ISSUER', 'JWT_SECRET']);
  assert.deepEqual([...index.wrangler!.bindings].map(([k, v]) => `${k}:${v.map((t) => t.env || 'top').join(',')}`), ['HOOKS:top,staging', 'TARGET:top,staging']);
  assert.deepEqual([...index.wrangler!.vars].map(([k, v]) => `${k}:${v.length}`), ['ISSUER:2']);
  assert.deepEqual(index.wrangler!.serviceOrigins.map((o) => o.name), ['sag-hooks', 'sag-target', 'sag-hooks', 'sag-target']);
  assert.deepEqual(index.wrangler!.entrypointOrigins.map((o) => o.name), ['TargetEntrypoint', 'TargetEntrypoint']);
  assert.deepEqual([...index.devVars.keys()], ['JWT_SECRET']);
  assert.deepEqual([...index.project.workers.deployedNames()].map(([name]) => name).sort(), ['sag-hooks', 'sag-target']);
});

test('legacy servicesBindings entries join serviceBindings; the serviceBindings entry wins the alias', () => {
  const { project } = loadFixture({
    '/gw/api-config.json': JSON.stringify({
      serviceBindings: [{ alias: 'a', binding: 'NEW' }],
      servicesBindings: [{ alias: 'a', binding: 'OLD' }, { alias: 'b', binding: 'LEGACY' }],
      paths: [{ method: 'GET', path: '/', integration: { type: 'service_binding', binding: 'a', function: 'f' } }],
    }),
  });
  const index = referenceIndex(project);
  assert.deepEqual(index.config.aliases.serviceBindings.get('a')!.map((t) => `${t.sectionKey}:${t.second}:${t.winner}`), ['serviceBindings:NEW:true', 'servicesBindings:OLD:false']);
  assert.deepEqual([...index.config.aliases.serviceBindings.keys()], ['a', 'b']);
});

test('one index per project, runtime and host; parts are shared across projects built from the same parsed files', () => {
  const f = workspaceWith('/ws/gw/api-config.json', '"method": "POST"', '"method": "POST"$0');
  const a = referenceIndex(f.project, f.options);
  assert.equal(referenceIndex(f.project, f.options), a);
  assert.notEqual(referenceIndex(f.project, { ...f.options, runtime: 'bundled' }), a);
  const reloaded = { ...f.project };
  const b = referenceIndex(reloaded, f.options);
  assert.notEqual(b, a);
  assert.equal(b.config, a.config, 'same ConfigDocument -> same config part');
  assert.equal(b.wrangler, a.wrangler, 'same WranglerConfig -> same wrangler part');
  const edited = { ...f.project, config: parseConfigDocument(f.project.config.file, f.project.config.text) };
  const c = referenceIndex(edited, f.options);
  assert.notEqual(c.config, a.config);
  assert.equal(c.wrangler, a.wrangler, 'an api-config edit leaves the wrangler part alone');
});

test('occurrenceAt: the kind of thing under the cursor in each file', () => {
  const at = (file: string, needle: string, replacement: string) => {
    const f = workspaceWith(file, needle, replacement);
    const o = occurrenceAt(referenceIndex(f.project, f.options), f.file, f.position);
    return o ? `${o.role}:${o.kind}:${o.name}` : undefined;
  };
  assert.equal(at('/ws/gw/api-config.json', '"alias": "api"', '"alias": "a$0pi"'), 'target:alias:api');
  assert.equal(at('/ws/gw/api-config.json', '"server": "api"', '"server": "a$0pi"'), 'origin:alias:api');
  assert.equal(at('/ws/gw/api-config.json', '{ "tenant": "acme" }', '{ "ten$0ant": "acme" }'), 'target:configVariable:tenant');
  assert.equal(at('/ws/gw/api-config.json', '"acme"', '"ac$0me"'), undefined);
  assert.equal(at('/ws/gw/wrangler.toml', 'ISSUER = "https://issuer', 'ISS$0UER = "https://issuer'), 'target:wranglerVar:ISSUER');
  assert.equal(at('/ws/gw/wrangler.toml', 'service = "sag-hooks" }', 'service = "sag$0-hooks" }'), 'origin:workerService:sag-hooks');
  assert.equal(at('/ws/gw/.dev.vars', 'JWT_SECRET', 'J$0WT_SECRET'), 'target:devVar:JWT_SECRET');
  assert.equal(at('/ws/target/src/index.ts', 'async status', 'async sta$0tus'), 'target:workerMethod:status');
  assert.equal(at('/ws/target/src/index.ts', 'export class TargetEntrypoint', 'export class Target$0Entrypoint'), 'target:workerClass:TargetEntrypoint');
});

function routesConfig(count: number): string {
  const paths = Array.from({ length: count }, (_, i) => ({
    method: 'GET',
    path: `/r/${i}`,
    pre_process: { binding: `h${i % 50}`, function: 'before' },
    integration: { type: 'service_binding', binding: `b${i % 500}`, function: 'run' },
    mapping: { headers: { 'x-v': '$config.v' } },
  }));
  return JSON.stringify({ serviceBindings: Array.from({ length: 500 }, (_, i) => ({ alias: `b${i}`, binding: `B${i}` })), variables: { v: 1 }, paths }, null, 2);
}

test('the index sees every route of 20,000 (its speed is a benchmark figure: npm run bench:lsp, completion)', () => {
  const part = configPart(parseConfigDocument('/gw/api-config.json', routesConfig(20_000)));
  assert.equal(part.functionOrigins.length, 40_000);
  assert.equal(part.configOrigins.length, 20_000);
  assert.equal(part.aliasOrigins.serviceBindings.get('b7')!.length, 40);
});

/** Every range lies inside the text it refers to. */
function inside(range: Range, lineCount: number): boolean {
  return range.start.line >= 0 && range.end.line < lineCount && (range.start.line < range.end.line || range.start.character <= range.end.character);
}

test('jsonCursor on any text and any offset: never throws, and its prefix is the text before the cursor', () => {
  const fragment = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '"paths"', '"binding"', '"alias"', '"integration"', '"type"', '"service_binding"', ' ', '\n', '12', 'true', 'null', '"$config.', '"$env.X"', '\\', '//', '/*');
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 40 }), fc.nat(), (parts, at) => {
      const text = parts.join('');
      const doc = parseConfigDocument('/gw/api-config.json', text);
      const offset = text.length === 0 ? 0 : at % (text.length + 1);
      const cursor = jsonCursor(doc, doc.lines.positionAt(offset));
      nodeAtOffset(doc.root, offset);
      if (!cursor) return;
      const start = doc.lines.offsetAt(cursor.replaceRange.start);
      assert.ok(start <= offset, 'replace range starts at or before the cursor');
      assert.equal(text.slice(start, offset), cursor.prefix);
    }),
    { numRuns: 400 },
  );
});

test('every feature on garbage, truncated and wrongly typed configs, at every offset: answers, never throws', () => {
  const texts = [
    '',
    '\u0000\u0001\u0002',
    '{"paths": ',
    '{"paths": [{"method": "GET", "path": "/", "integration": {"type": "service_binding", "binding": ',
    '{"serviceBindings": {"alias": "x"}, "servers": "nope", "services": [1, null, {"alias": 5}], "paths": {"a": 1}}',
    '{"paths": [{"integration": {"type": 7, "binding": ["x"], "function": {}}, "pre_process": "hook", "mapping": {"headers": [1]}}]}',
    '{"variables": [], "paths": [{"variables": "x", "mapping": {"headers": {"a": "$config."}, "query": {"b": "$request.jwt."}}}]}',
    '[[[[[[[[[[]]]]]]]]]]',
    '"just a string"',
    `{"paths": [${'{"method": "GET", "path": "/x"},'.repeat(50)}]}`,
  ];
  const gatewayFiles = fixture(GATEWAY_FILES).files;
  for (const text of texts) {
    for (const withWorkspace of [false, true]) {
      const files = withWorkspace ? { ...gatewayFiles, '/ws/gw/api-config.json': text } : { '/ws/gw/api-config.json': text };
      const { project, host } = loadFixture(files);
      const swallowed: unknown[] = [];
      const options = { host, onError: (error: unknown) => swallowed.push(error) };
      const lines = project.config.lines;
      for (let offset = 0; offset <= text.length; offset += Math.max(1, Math.floor(text.length / 60))) {
        const position = lines.positionAt(offset);
        for (const file of ['/ws/gw/api-config.json', '/ws/gw/wrangler.toml']) {
          for (const item of features.completion(project, file, position, options)) if (item.range) assert.ok(inside(item.range, 1 + (host.readFile(file) ?? '').split('\n').length));
          features.hover(project, file, position, options);
          assert.ok(Array.isArray(features.definition(project, file, position, options)));
          assert.ok(Array.isArray(features.references(project, file, position, { ...options, includeDeclaration: true })));
          const prepared = features.prepareRename(project, file, position, options);
          assert.ok('error' in prepared || 'range' in prepared);
          const renamed = features.rename(project, file, position, 'NEW_NAME', options);
          assert.ok('error' in renamed || 'edits' in renamed);
        }
      }
      assert.ok(Array.isArray(features.documentSymbols(project, '/ws/gw/api-config.json', options)));
      assert.ok(Array.isArray(features.codeLenses(project, '/ws/gw/api-config.json', options)));
      assert.ok(Array.isArray(features.documentLinks(project, '/ws/gw/api-config.json', options)));
      assert.ok(Array.isArray(features.semanticTokens(project, '/ws/gw/api-config.json', options)));
      // The features answer through `safely`; an error it swallowed is a bug all the same.
      assert.deepEqual(swallowed.map(String), [], JSON.stringify(text));
    }
  }
});

test('the fixture CONFIG parses cleanly (guards the other tests\' line numbers)', () => {
  const doc = parseConfigDocument('/ws/gw/api-config.json', fixture(CONFIG).files['/ws/gw/api-config.json']!);
  assert.deepEqual(doc.syntaxErrors, []);
});
