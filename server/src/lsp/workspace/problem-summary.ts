// The counts the status bar and "SAG: Check Workspace" show: gateways, and problems as published.
import type { CheckWorkspaceResult } from '../protocol';
import type { GatewayRegistry } from './gateways';

export function problemSummary(registry: GatewayRegistry): CheckWorkspaceResult {
  let errors = 0;
  let warnings = 0;
  let problems = 0;
  const counted = new Set<string>();
  for (const gateway of registry.all()) {
    for (const file of gateway.byFile.keys()) {
      if (counted.has(file)) continue;
      counted.add(file);
      // As published: a wrangler config several gateways share holds each of its findings once.
      for (const finding of registry.findingsOn(file).findings) {
        problems++;
        if (finding.severity === 'error') errors++;
        else if (finding.severity === 'warning') warnings++;
      }
    }
  }
  return { gateways: registry.all().length, errors, warnings, problems };
}
