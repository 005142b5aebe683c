// Runs the `sag` CLI as a child process on fixture folders. Always the TypeScript source through tsx (the bundle
// may be missing or stale while tests run), with the `sag-source` condition, so the tests check what is in the tree.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Tests run from the repository root (npm test, and the commands in the team brief).
const repoRoot = process.cwd();
const mainTs = join(repoRoot, 'server', 'src', 'cli', 'main.ts');
// An absolute loader URL: the child's cwd is the fixture folder, where the bare name `tsx` does not resolve.
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface SagRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The node arguments that run `sag args...` from the source (for tests that spawn with their own stdio). */
export function sagNodeArgs(args: string[]): string[] {
  return ['--conditions=sag-source', '--import', tsxLoader, mainTs, ...args];
}

export function runSag(args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs = 60_000): SagRun {
  const childEnv: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  const result = spawnSync(process.execPath, sagNodeArgs(args), {
    cwd,
    env: childEnv as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: timeoutMs,
    // Reports of hostile-size fixtures run to tens of megabytes (the default cap, 1 MB, kills the child).
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temp folder holding `files` (relative paths -> text); remove it with `dispose`. */
export function writeFixture(files: Record<string, string>): { dir: string; read(rel: string): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sag-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, read: (rel) => readFileSync(join(dir, rel), 'utf8'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A gateway every rule family accepts (upstream runtime: nodejs_compat set; bundled: nothing to refuse). */
export const CLEAN_GATEWAY: Record<string, string> = {
  'gw/api-config.json': `{
  "paths": [
    { "method": "ANY", "path": "/health", "response": { "status": "ok" } }
  ]
}
`,
  'gw/wrangler.toml': `# The gateway Worker
name = "gw"
main = "src/index.js"
compatibility_date = "2025-01-01"
compatibility_flags = ["nodejs_compat"]

[env.staging]
name = "gw-staging"
`,
  'gw/src/index.js': `export default {
  async fetch() {
    return new Response('ok');
  },
};
`,
};
