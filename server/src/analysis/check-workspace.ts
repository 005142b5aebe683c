// The engine's one entry point for front-ends: find every gateway under some roots, load each one, run the
// rules, and hand back projects and findings (each tagged with its gateway and runtime). Pure: reads through the host.
import type { AnalysisOptions } from './analyze';
import { analyzeProject, effectiveRuntime, sortFindings } from './analyze';
import { withoutRepeats, type Finding, type RuntimeTarget } from './findings';
import type { FileHost } from './host';
import type { GatewayProject } from './model';
import { ProjectCache } from './workspace/cache';
import { discoverGateways } from './workspace/discover';
import { loadProject } from './workspace/load-project';
import { createModuleReader } from './workspace/module-reader';
import { normalizePath } from './workspace/paths';
import type { WorkspaceWorkers } from './workspace/workspace-workers';

export { applyFixes, planFixes } from './fixes/apply-fixes';
export type { ApplyFixesOptions, FixPlan, PlannedFix } from './fixes/apply-fixes';

export interface CheckWorkspaceOptions extends AnalysisOptions {
  /** Extra globs of folders that hold no gateway (on top of each project's `.sagrc.json` `exclude`). */
  exclude?: string[];
  /**
   * Parses to re-use across calls (the language server keeps one). Default: a fresh cache per call, so a check
   * right after files were rewritten (`--fix`) never sees a parse keyed by a coarse mtime that did not change.
   */
  cache?: ProjectCache;
}

/** A finding with the gateway it belongs to: the JSON and SARIF reporters need the runtime per finding. */
export interface WorkspaceFinding extends Finding {
  /** Root folder of the gateway (folder of its api-config.json). */
  gateway: string;
  /** Runtime the gateway was checked against (CLI flag > .sagrc.json > settings > detected). */
  runtime: RuntimeTarget;
}

export interface WorkspaceCheck {
  /** Every gateway found, in root order, each once even when roots overlap. */
  projects: GatewayProject[];
  /** All findings, sorted by file, position, severity, code, environment. */
  findings: WorkspaceFinding[];
  /** Roots under which no gateway was found (the front-end decides how loudly to say so). */
  rootsWithoutGateway: string[];
  /** Roots whose search stopped at the discovery limits (20,000 folders, 12 levels): gateways deeper are not checked. */
  rootsSearchedInPart: string[];
}

export function checkWorkspace(host: FileHost, roots: readonly string[], options: CheckWorkspaceOptions = {}): WorkspaceCheck {
  const { exclude, cache, ...rest } = options;
  // A caller that keeps a cache analyses again later; a one-off check stores no per-route results.
  const analysis: AnalysisOptions = { remember: cache !== undefined, ...rest };
  const files = cache ?? new ProjectCache();
  const modules = createModuleReader(host, files);
  const seen = new Set<string>();
  const projects: GatewayProject[] = [];
  const findings: WorkspaceFinding[] = [];
  const rootsWithoutGateway: string[] = [];
  const rootsSearchedInPart: string[] = [];
  // Gateways side by side share their Worker search: nothing changes on disk during one check.
  const workersOfRoots = new Map<string, WorkspaceWorkers>();

  const folderRoots = roots.map(normalizePath).filter((root) => host.readDirectory(root) !== undefined);
  for (const rawRoot of roots) {
    const root = normalizePath(rawRoot);
    const configFiles = discoverGateways(host, root, { exclude: exclude ?? [], onLimitReached: (r) => rootsSearchedInPart.push(r) });
    if (configFiles.length === 0) rootsWithoutGateway.push(root);
    for (const configFile of configFiles) {
      if (seen.has(configFile)) continue;
      seen.add(configFile);
      // The folders given are the workspace: a bound Worker anywhere in them is found, as in the editor.
      const project = loadProject(host, configFile, files, { workersOfRoots, workspaceRoots: folderRoots });
      projects.push(project);
      const runtime = effectiveRuntime(project, analysis);
      // The findings are this call's own objects: tagged in place rather than copied (thousands per gateway).
      for (const finding of analyzeProject(project, modules, analysis) as WorkspaceFinding[]) {
        finding.gateway = project.root;
        finding.runtime = runtime;
        findings.push(finding);
      }
    }
  }
  sortFindings(findings); // sorts in place
  // Gateways that share a wrangler config (found up the parent folders) each report its findings.
  return { projects, findings: projects.length > 1 ? withoutRepeats(findings) : findings, rootsWithoutGateway, rootsSearchedInPart };
}
