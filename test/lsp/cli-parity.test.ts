// Same engine, same results: `sag check --format json` and the server's published diagnostics agree on code, file
// and range for every finding of the same workspaces (several gateways, findings in wrangler.toml, environments).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LspSession, REPO_ROOT } from './support/lsp-session';
import { brokenGateway, smallGateway } from './support/fixtures';
import { copyExample, tempWorkspace, type TempWorkspace } from './support/workspace';
import { uriToPath } from '../../server/src/lsp/uri';
import { joinPath } from '../../server/src/analysis/workspace/paths';

interface Key {
  code: string;
  file: string;
  range: string;
}

function cliFindings(ws: TempWorkspace): string[] {
  // The bundle, like the server: both are built from the same tree by `npm test`.
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/sag.js'), 'check', '--format', 'json', '.'], {
    cwd: ws.root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.ok(run.status === 0 || run.status === 1, `sag check failed: ${run.stderr}`);
  const output = JSON.parse(run.stdout) as { diagnostics: { code: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] };
  return output.diagnostics.map((d) => keyOf({ code: d.code, file: joinPath(ws.root, d.file), range: JSON.stringify(d.range) }));
}

function keyOf(k: Key): string {
  return `${k.file} ${k.code} ${k.range}`;
}

async function serverFindings(ws: TempWorkspace): Promise<string[]> {
  const session = await LspSession.start({ roots: [ws.root] });
  try {
    // Every publish of the initial check precedes the status notification on the same stream.
    await session.waitForNotification('sag/status');
    const keys: string[] = [];
    for (const [uri, params] of session.published) {
      for (const d of params.diagnostics) keys.push(keyOf({ code: String(d.code), file: uriToPath(uri)!, range: JSON.stringify(d.range) }));
    }
    return keys;
  } finally {
    await session.stop();
  }
}

function withoutHooks(ws: TempWorkspace): TempWorkspace {
  const file = ws.path('wrangler.toml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^.*binding = "HOOKS".*\n/m, ''));
  return ws;
}

describe('CLI parity', () => {
  for (const [name, make] of [
    ['two gateways with findings in both files', () => tempWorkspace({ ...brokenGateway('a'), ...smallGateway('b') })],
    ['the seed example without its HOOKS binding', () => withoutHooks(copyExample('service-execution'))],
  ] as const) {
    it(`reports the same code, file and range as sag check: ${name}`, async () => {
      const ws = make();
      try {
        const cli = cliFindings(ws).sort();
        const server = (await serverFindings(ws)).sort();
        assert.ok(cli.length > 0, 'the fixture has findings');
        assert.deepEqual(server, cli);
      } finally {
        ws.remove();
      }
    });
  }
});
