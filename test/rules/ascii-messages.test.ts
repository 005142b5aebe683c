// Finding messages are plain ASCII whenever the checked files are: a single `…` in one of 4,000 messages makes
// V8 hold the language server's whole diagnostics payload (JSON string and bytes) as UTF-16, twice the memory and
// a slower encode on every publish. User text (a non-ASCII alias) may still carry its own characters through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeTarget } from '../../server/src/analysis/findings';
import { CRLF_AUTH0, ERRORS_EVERYWHERE } from '../perf/handwritten-workspaces';
import { readWorkspace } from '../perf/edit-session';
import { checkFixture } from '../support/engine';

const GENERATOR = join(import.meta.dirname, '../../../shared/bench/gen-workspace.mjs');
const NON_ASCII = /[^\x00-\x7f]/;

function assertAsciiMessages(files: Record<string, string>, runtime: RuntimeTarget): number {
  for (const [file, text] of Object.entries(files)) assert.ok(!NON_ASCII.test(text), `fixture ${file} must be ASCII for this test`);
  const findings = checkFixture(files, { runtime });
  for (const f of findings) {
    assert.ok(!NON_ASCII.test(f.message), `${f.code} message has a non-ASCII character: ${f.message}`);
    for (const r of f.related) assert.ok(!NON_ASCII.test(r.message), `${f.code} related message has a non-ASCII character: ${r.message}`);
  }
  return findings.length;
}

/** Long lists (aliases, bindings) are cut with "..." and a count; a module without a default export; CORS `*` headers. */
const LISTS_AND_MODULES: Record<string, string> = {
  '/gw/api-config.json': JSON.stringify(
    {
      servers: Array.from({ length: 12 }, (_, i) => ({ alias: `server_${i}`, url: `https://s${i}.example.com` })),
      services: [{ alias: 'plain', entrypoint: 'services/plain' }],
      serviceBindings: [{ alias: 'orphan', binding: 'ORPHAN' }],
      cors: { allow_origins: ['https://app.example.com'], allow_methods: ['GET'], allow_headers: ['*'], allow_credentials: true },
      paths: [
        { method: 'GET', path: '/a', integration: { type: 'http_proxy', server: 'nope' } },
        { method: 'GET', path: '/b', integration: { type: 'service', binding: 'plain' } },
        { method: 'GET', path: '/c', integration: { type: 'service_binding', binding: 'orphan', function: 'run' } },
      ],
    },
    null,
    2,
  ),
  '/gw/wrangler.toml': ['name = "gw"', 'main = "src/index.ts"', 'services = ['].concat(Array.from({ length: 14 }, (_, i) => `  { binding = "B_${i}", service = "w${i}" },`), [']', '']).join('\n'),
  '/gw/services/plain.js': 'export class Plain { async fetch() { return new Response("x"); } }\n',
};

for (const runtime of ['upstream', 'bundled'] as const) {
  test(`${runtime}: messages are ASCII on the handwritten workspaces`, () => {
    assert.ok(assertAsciiMessages(ERRORS_EVERYWHERE, runtime) > 20);
    assert.ok(assertAsciiMessages(CRLF_AUTH0, runtime) > 0);
  });

  test(`${runtime}: long lists, a module without a default export and CORS \`*\` headers are reported in ASCII`, () => {
    const findings = checkFixture(LISTS_AND_MODULES, { runtime });
    const codes = new Set(findings.map((f) => f.code));
    // The lists this test is about are really there (cut with "...").
    assert.ok(findings.some((f) => f.message.includes(', ...')), `no shortened list among ${[...codes].join(', ')}`);
    assertAsciiMessages(LISTS_AND_MODULES, runtime);
  });
}

test('generated 200-path workspace with injected errors: messages are ASCII', { skip: !existsSync(GENERATOR) && 'bench generator not found' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sag-ascii-'));
  try {
    execFileSync(process.execPath, [GENERATOR, dir, '--paths', '200', '--bindings', '30', '--errors', '8', '--schema-errors', '6'], { stdio: 'ignore' });
    const files = readWorkspace(dir);
    assert.ok(assertAsciiMessages(files, 'upstream') > 50);
    assertAsciiMessages(files, 'bundled');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
