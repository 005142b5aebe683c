// What the analysis keeps from one edit to the next (per-route reports, the routing family's reports and their fix
// texts, line prefixes, the fingerprint of the text outside `paths`) must not keep an earlier config text alive.
// V8 makes a substring of 13+ characters a view into its whole source string: one such view kept across edits
// keeps a whole old text (3 MB at 10,000 paths) alive. Only the first text holds the marker number; the first edit
// removes it, a second edit changes another route; the untouched routes' kept results date from the first text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProject } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/findings';
import { MemoryFileHost } from '../../server/src/analysis/host';
import type { ConfigDocument } from '../../server/src/analysis/model';
import { parseConfigDocument } from '../../server/src/analysis/parse/config-document';
import { updateConfigDocument } from '../../server/src/analysis/parse/incremental-config';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { heapSnapshotText } from '../support/heap-snapshot';

const CONFIG = '/gw/api-config.json';

/** A config whose kept results hold strings of 13+ characters cut from the text: deep indentation, fix texts. */
function configText(marker: number): string {
  const indent = ' '.repeat(16);
  const routes = Array.from({ length: 8 }, (_, i) =>
    [
      `${indent}{`,
      `${indent}    "method": "${i % 2 ? 'ANY' : 'GET'}", "path": "/a-long-path-for-route/${i}/{id}",`,
      i === 0 ? `${indent}    "weight": ${marker}.5,` : '',
      `${indent}    "integration": { "type": "http_proxy", "server": "a-long-server-alias", "path": "/upstream/{id}/and-more" }`,
      `${indent}}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    '{',
    '    "title": "a title long enough to be kept as a view",',
    '    "cors": { "allow_origins": ["https://app.example.com"], "allow_methods": ["GET"] },',
    '    "servers": [ { "alias": "a-long-server-alias", "url": "https://api.example.com" } ],',
    `    "paths": [\n${routes.join(',\n')}\n    ]`,
    '}',
    '',
  ].join('\n');
}

/**
 * An editing session on configText(marker) as the language server keeps one: `edit` replaces the first `from` and
 * asserts the edit was spliced into the tree (not a full parse); `alive` keeps the session reachable until called.
 */
function editingSession(marker: number) {
  const host = new MemoryFileHost({ [CONFIG]: configText(marker), '/gw/wrangler.toml': 'name = "gw"\nmain = "src/index.ts"\n' });
  const cache = new ProjectCache();
  const modules = createModuleReader(host, cache);
  let doc: ConfigDocument = parseConfigDocument(CONFIG, host.readFile(CONFIG)!);
  return {
    doc: () => doc,
    analyze: (): Finding[] => analyzeProject(loadProject(host, CONFIG, cache, { workspaceRoots: ['/'], configDocument: doc }), modules, { runtime: 'upstream' }),
    edit(from: string, to: string): void {
      const at = doc.text.indexOf(from);
      assert.ok(at >= 0, `edit target: ${from}`);
      const result = updateConfigDocument(doc, { start: at, end: at + from.length, newText: to });
      assert.ok(result.reparsedNode, `${from} -> ${to} is spliced, not a full parse`);
      doc = result.doc;
      host.set(CONFIG, doc.text);
    },
    alive: (): boolean => cache !== undefined && modules !== undefined && doc.text.length > 0,
  };
}

test('after edits, nothing the analysis keeps holds on to an earlier config text', () => {
  const marker = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  const { analyze, edit, alive } = editingSession(marker);
  const first = analyze();
  assert.ok(first.some((f) => f.code === 'SAG505' && f.fixes.length > 0), 'the routing family keeps reports with fix texts');
  edit(`${marker}.5`, '1');
  analyze();
  edit('/a-long-path-for-route/3/', '/a-long-path-for-route/3/edited/');
  const findings = analyze();
  assert.ok(findings.length > 0);
  const snapshot = heapSnapshotText();
  assert.ok(snapshot.includes('edited/{id}'), 'the current text is on the heap');
  assert.equal(snapshot.includes(`${marker}.5`), false, 'a text from before the edits is still on the heap');
  assert.ok(alive(), 'the session is alive until the snapshot is taken');
});

test('a route parsed on its own while the JSON is broken keeps no earlier config text alive', () => {
  // Route 3 is broken and parsed alone (tolerantly) from the second text, which still holds the marker in route 0;
  // the third text takes the marker out, the fourth edits route 5. Route 3's node values, kept all along, must not
  // be views into the second text.
  const marker = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  const { doc, analyze, edit, alive } = editingSession(marker);
  analyze();
  edit('/a-long-path-for-route/3/{id}",', '/a-long-path-for-route/3/{id}" "broken-without-a-comma-and-long",');
  assert.ok(doc().syntaxErrors.length > 0);
  analyze();
  edit(`${marker}.5`, '1');
  analyze();
  // One more edit elsewhere: caches may hold the text analysed last before this one, not older ones.
  edit('/a-long-path-for-route/5/', '/a-long-path-for-route/5/edited/');
  analyze();
  const snapshot = heapSnapshotText();
  assert.ok(snapshot.includes('broken-without-a-comma-and-long'), 'the broken route is on the heap');
  assert.equal(snapshot.includes(`${marker}.5`), false, 'a text from before the edits is still on the heap');
  assert.ok(alive(), 'the session is alive until the snapshot is taken');
});
