// The schema-only baseline of bench:lsp, VS Code's JSON language server, measured now on this machine with the
// shared script that recorded it (../shared/bench/run-json-baseline.sh, run from the harness copy, which has its
// node_modules): the recorded figures come from another day, and a shared machine's speed varies from day to day.
// The script installs vscode-langservers-extracted from the npm registry into .bench-work/json-baseline and needs
// bash. Each figure is the median over the passes, of the pull-diagnostics runs (as the recorded ones).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BaselineFigures {
  first: number;
  edit: number;
  completion: number;
  rss: number;
}

interface PullResult {
  ok?: boolean;
  firstDiagnosticsMs?: number;
  edits?: { median: number } | null;
  completion?: { ms?: { median: number } };
  peakRssMB?: number;
}

function median(values: number[]): number | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[sorted.length >> 1];
}

/** The baseline's figures per size, measured now; throws with the script's output when it fails. */
export function measureJsonBaseline(harnessDir: string, workDir: string, schema: string, sizes: readonly number[], runs: string, repeats: number): Record<number, BaselineFigures> {
  const scratch = join(workDir, 'json-baseline');
  const run = spawnSync('bash', [join(harnessDir, 'run-json-baseline.sh'), scratch, schema, runs, String(repeats), sizes.join(' ')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // The shared script is a bash script: where there is none (Windows without Git Bash or WSL), say so.
  if (run.error) throw new Error(`--baseline=measure runs ../shared/bench/run-json-baseline.sh, which needs bash on the PATH: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`run-json-baseline.sh failed (exit ${run.status}):\n${(run.stderr ?? '').slice(-2000)}`);
  const out: Record<number, BaselineFigures> = {};
  for (const size of sizes) {
    const passes: PullResult[] = [];
    for (let pass = 1; pass <= repeats; pass++) {
      const file = join(scratch, 'results', `pass${pass}`, `lsp-${size}-pull.json`);
      if (existsSync(file)) passes.push(JSON.parse(readFileSync(file, 'utf8')) as PullResult);
    }
    const ok = passes.filter((p) => p.ok);
    const first = median(ok.map((p) => p.firstDiagnosticsMs ?? NaN));
    const edit = median(ok.map((p) => p.edits?.median ?? NaN));
    const completion = median(ok.map((p) => p.completion?.ms?.median ?? NaN));
    const rss = median(ok.map((p) => p.peakRssMB ?? NaN));
    if (first === undefined || edit === undefined || completion === undefined || rss === undefined) throw new Error(`no JSON server result for ${size} paths in ${scratch}/results`);
    out[size] = { first, edit, completion, rss };
  }
  return out;
}
