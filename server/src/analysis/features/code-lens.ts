// One code lens per route: where it resolves (`→ TARGET.run (sag-target)`) and whether another route takes its
// requests. Shadowing comes from the routing rules' findings (SAG501/502/504/511, which use the reference
// precedence of shared-runtime/routing for the project's runtime): the server's findings when given, else a
// run of the routing family alone. Clicking the lens asks the client to open the route (`sag.openRoute`).
import type { Finding, Severity } from '../findings';
import type { GatewayProject } from '../model';
import { codeInfo } from '../rules/registry';
import { routingRules } from '../rules/routing';
import type { ModuleReader, RuleContext } from '../rules/rule';
import { NO_BOUND_TARGETS } from '../rules/schema/hook-target';
import { relativePath } from '../workspace/paths';
import { referenceIndex, type ReferenceIndex } from './reference-index/build';
import { moduleFileOf } from './reference-index/resolve';
import { resolvedTarget, routeSummary } from './route-summary';
import { safely } from './safely';
import type { CodeLensEntry, CodeLensOptions } from './types';

export const OPEN_ROUTE_COMMAND = 'sag.openRoute';
const SHADOW_CODES: ReadonlySet<string> = new Set(['SAG501', 'SAG502', 'SAG504', 'SAG511']);
const ROUTE_PATH_POINTER = /^\/paths\/(\d+)\/path$/;

interface Shadow {
  code: string;
  message: string;
}

export function codeLenses(project: GatewayProject, file: string, options: CodeLensOptions = {}): CodeLensEntry[] {
  return safely([], () => {
    if (file !== project.config.file) return [];
    const index = referenceIndex(project, options);
    const shadows = shadowsByRoute(index, options.findings);
    const entrypoints = entrypointFiles(index);
    const lines = project.config.lines;
    return index.config.view.routes.map((route) => {
      const summary = routeSummary(route);
      const shadow = shadows.get(route.index);
      const anchor = route.method ?? route.node;
      const title = `→ ${resolvedTarget(index, route, entrypoints)}${shadow ? ` · ⚠ shadowed (${shadow.code})` : ''}`;
      return {
        range: lines.rangeOf(anchor.offset, anchor.length),
        title,
        ...(shadow ? { tooltip: shadow.message } : {}),
        // The gateway's folder too: with several gateways running, the client opens the one this route is in.
        command: { id: OPEN_ROUTE_COMMAND, arguments: [{ method: summary.method, path: summary.path, gateway: project.root }] },
        routeIndex: route.index,
        shadowed: shadow !== undefined,
      };
    });
  }, options.onError);
}

/** Entrypoint -> ` (src/services/x.js)`, resolved once per distinct entrypoint, not once per route. */
function entrypointFiles(index: ReferenceIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const origin of index.config.entrypointOrigins) {
    if (out.has(origin.name) || !index.host) continue;
    const file = moduleFileOf(index, origin);
    out.set(origin.name, ` (${relativePath(index.project.root, file.name)}${file.exists ? '' : ', missing'})`);
  }
  return out;
}

function shadowsByRoute(index: ReferenceIndex, findings: readonly Finding[] | undefined): Map<number, Shadow> {
  const out = new Map<number, Shadow>();
  for (const finding of findings ?? routingFindings(index)) {
    if (!SHADOW_CODES.has(finding.code) || finding.file !== index.project.config.file) continue;
    const match = ROUTE_PATH_POINTER.exec(finding.pointer ?? '');
    if (!match) continue;
    const routeIndex = Number(match[1]);
    if (!out.has(routeIndex)) out.set(routeIndex, { code: finding.code, message: finding.message });
  }
  return out;
}

const NO_MODULES: ModuleReader = { fileExists: () => false, read: () => undefined, list: () => undefined };

/** The routing family alone, under the index's runtime (codes that do not apply to it are dropped). */
function routingFindings(index: ReferenceIndex): Finding[] {
  const findings: Finding[] = [];
  const ctx: RuleContext = {
    project: index.project,
    runtime: index.runtime,
    environments: [],
    deployedEnvironments: new Set(),
    modules: NO_MODULES,
    boundTargets: NO_BOUND_TARGETS,
    // The editor asks again after edits: the routing family's state (routing-state.ts) is shared with the analysis.
    remember: true,
    report(r) {
      const severity: Severity | null | undefined = codeInfo(r.code)?.severity[index.runtime];
      if (!SHADOW_CODES.has(r.code) || severity === null || severity === undefined) return;
      findings.push({ code: r.code, severity: r.severity ?? severity, message: r.message, file: r.file, range: r.range, ...(r.pointer !== undefined ? { pointer: r.pointer } : {}), related: r.related ?? [], fixes: [] });
    },
  };
  routingRules.check(ctx);
  return findings;
}
