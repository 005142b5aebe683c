// Runs wrangler's own config reader (`unstable_readConfig` of the installed wrangler 4.86) on a config text
// in a child process, so fix tests can prove that wrangler accepts what a fix wrote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WranglerReading {
  ok: boolean;
  /** `services` per environment read ("" = top level). */
  services: Record<string, { binding: string; service: string; entrypoint?: string }[]>;
  vars: Record<string, Record<string, unknown>>;
  compatibilityFlags: Record<string, string[]>;
  error?: string;
}

const wranglerPath = createRequire(__filename).resolve('wrangler');

const SCRIPT = `
const { unstable_readConfig } = require(process.argv[1]);
const [file, envs] = [process.argv[2], JSON.parse(process.argv[3])];
const out = { ok: true, services: {}, vars: {}, compatibilityFlags: {} };
try {
  for (const env of envs) {
    const c = unstable_readConfig({ config: file, ...(env ? { env } : {}) }, { hideWarnings: true });
    out.services[env] = c.services ?? [];
    out.vars[env] = c.vars ?? {};
    out.compatibilityFlags[env] = c.compatibility_flags ?? [];
  }
} catch (e) { out.ok = false; out.error = String(e && e.message || e); }
process.stdout.write(JSON.stringify(out));
`;

/** Read `text` as `fileName` (wrangler.toml / wrangler.jsonc / wrangler.json) for each environment. */
export function readWithWrangler(fileName: string, text: string, envs: string[] = ['']): WranglerReading {
  const dir = mkdtempSync(join(tmpdir(), 'sag-wrangler-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, text);
    const stdout = execFileSync(process.execPath, ['-e', SCRIPT, wranglerPath, file, JSON.stringify(envs)], {
      cwd: dir,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    return JSON.parse(stdout) as WranglerReading;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
