// Timing script (not a test): the routing and security families alone on a generated workspace.
//   node /work/shared/bench/gen-workspace.mjs /tmp/ws10k --paths 10000 --bindings 500
//   node --expose-gc --conditions=sag-source --import tsx test/rules/routing/measure-families.ts /tmp/ws10k
// Each run gets a freshly parsed ConfigDocument (so the route table and every per-route result are built anew,
// the worst case: a full analysis, not an incremental one) and a collected heap; prints wall and process CPU time (min and median of 25) per runtime, and a JSON.parse calibration.
import { readFileSync } from 'node:fs';
import { parseConfigDocument } from '../../../server/src/analysis/parse/config-document';
import { parseWranglerConfig } from '../../../server/src/analysis/parse/wrangler';
import type { GatewayProject } from '../../../server/src/analysis/model';
import { NO_OTHER_WORKERS } from '../../../server/src/analysis/workspace/workspace-workers';
import type { RuleContext } from '../../../server/src/analysis/rules/rule';
import { routingRules } from '../../../server/src/analysis/rules/routing';
import { securityRules } from '../../../server/src/analysis/rules/security';
import { configView } from '../../../server/src/analysis/rules/schema/config-view';
import { NO_BOUND_TARGETS } from '../../../server/src/analysis/rules/schema/hook-target';

const dir = process.argv[2] ?? '/tmp/ws10k';
const text = readFileSync(`${dir}/api-config.json`, 'utf8');
const wrangler = parseWranglerConfig(`${dir}/wrangler.toml`, readFileSync(`${dir}/wrangler.toml`, 'utf8'));
const gc = (globalThis as { gc?: () => void }).gc;
const RUNS = 25;

for (const runtime of ['upstream', 'bundled'] as const) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const counts: Record<string, number> = {};
  for (let run = 0; run < RUNS; run++) {
    const config = parseConfigDocument(`${dir}/api-config.json`, text);
    const project: GatewayProject = { root: dir, config, wrangler, wranglerCandidates: [wrangler.file], devVars: [], detectedRuntime: runtime, workers: NO_OTHER_WORKERS };
    const ctx: RuleContext = {
      project,
      runtime,
      environments: wrangler.environments,
      deployedEnvironments: new Set(wrangler.environments.map((e) => e.name)),
      remember: false,
      modules: { fileExists: () => false, read: () => undefined, list: () => undefined },
      boundTargets: NO_BOUND_TARGETS,
      report: (r) => {
        if (run === 0) counts[r.code] = (counts[r.code] ?? 0) + 1;
      },
    };
    const views = configView(config).routes; // analyze.ts has the schema family build the shared view first
    gc?.();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // As analyze.ts does on a fresh document: each family's per-route part over every route, then its whole-config part.
    for (const family of [routingRules, securityRules]) {
      for (const view of views) family.checkRoute?.(ctx, view);
      family.check(ctx);
    }
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `min ${sorted[0]!.toFixed(1)} / median ${sorted[RUNS >> 1]!.toFixed(1)} ms`;
  };
  console.log(`${runtime}: wall ${stats(wall)}; cpu ${stats(cpu)}; findings ${JSON.stringify(counts)}`);
}
const calibration: number[] = [];
for (let i = 0; i < 15; i++) {
  const t0 = performance.now();
  JSON.parse(text);
  calibration.push(performance.now() - t0);
}
console.log(`calibration: JSON.parse of the ${(text.length / 1e6).toFixed(1)} MB config, min ${Math.min(...calibration).toFixed(1)} ms`);
