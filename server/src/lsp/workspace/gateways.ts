// Every gateway (api-config.json) in the workspace folders, its latest project and findings, and which gateways a
// changed file affects. Analysis is the engine's (loadProject + analyzeProject, as checkWorkspace runs them, so
// editor and CLI agree); this file only decides what to re-check and keeps the results per file.
import type { AnalysisOptions, EditorSettings } from '../../analysis/analyze';
import { analyzeProject } from '../../analysis/analyze';
import { withoutRepeats, type Finding } from '../../analysis/findings';
import type { FileHost } from '../../analysis/host';
import type { ConfigDocument, GatewayProject } from '../../analysis/model';
import type { ModuleReader } from '../../analysis/rules/rule';
import { ProjectCache } from '../../analysis/workspace/cache';
import { CONFIG_FILE_NAME, discoverGateways } from '../../analysis/workspace/discover';
import { loadProject } from '../../analysis/workspace/load-project';
import { createModuleReader } from '../../analysis/workspace/module-reader';
import { basename, dirname, isInside, normalizePath } from '../../analysis/workspace/paths';

export interface Gateway {
  configFile: string;
  root: string;
  /** The project of the last analysis (its config tree may since have been updated in place: re-load to read it). */
  project?: GatewayProject;
  findings: Finding[];
  byFile: Map<string, Finding[]>;
  /** Bumped on every analysis: the pull diagnostics' resultId. */
  generation: number;
  /** A file it reads changed since the last analysis. */
  dirty: boolean;
  /** Milliseconds the last analysis took (logged, and reported by the bench). */
  lastAnalysisMs?: number;
  /** LSP versions of the open documents when the findings were computed: fixes are version-checked against them. */
  openVersions?: Map<string, number>;
  /** Bumped by every change that marks it dirty: a loaded project is re-used while this stays the same. */
  changes: number;
  /** A project loaded for editor features since the last analysis (keyed by `changes`). */
  loaded?: { changes: number; project: GatewayProject };
  /** The editor settings of the last analysis. */
  settings?: EditorSettings;
  /** The editor settings of the last analysis (JSON), to skip re-checks when a settings change does not touch it. */
  settingsKey?: string;
  /** The last analysis read api-config.json from the editor (an incrementally updated tree), not from disk. */
  configFromEditor?: boolean;
}

let generationCounter = 0;

export class GatewayRegistry {
  readonly cache = new ProjectCache();
  private readonly modules: ModuleReader;
  private readonly gateways = new Map<string, Gateway>();
  private roots: string[] = [];

  constructor(
    private readonly host: FileHost,
    /** The open api-config.json's incrementally updated parse, when that file is open. */
    private readonly openConfig: (path: string) => ConfigDocument | undefined,
  ) {
    this.modules = createModuleReader(host, this.cache);
  }

  setRoots(roots: readonly string[]): void {
    this.roots = [...new Set(roots.map(normalizePath))];
  }

  getRoots(): readonly string[] {
    return this.roots;
  }

  /** Find the gateways again (start, "Check Workspace", an api-config.json created or deleted); keeps known ones' results. */
  discover(): { added: Gateway[]; removed: Gateway[]; searchedInPart: string[] } {
    const searchedInPart: string[] = [];
    const found = new Set(discoverGateways(this.host, this.roots, { onLimitReached: (root) => searchedInPart.push(root) }));
    const added: Gateway[] = [];
    const removed: Gateway[] = [];
    for (const [file, gateway] of this.gateways) {
      if (!found.has(file)) {
        this.gateways.delete(file);
        removed.push(gateway);
      }
    }
    for (const file of found) {
      if (this.gateways.has(file)) continue;
      const gateway: Gateway = { configFile: file, root: dirname(file), findings: [], byFile: new Map(), generation: 0, dirty: true, changes: 0 };
      this.gateways.set(file, gateway);
      added.push(gateway);
    }
    return { added, removed, searchedInPart };
  }

  /** Track an api-config.json the editor opened outside every workspace folder (a single file opened). */
  adopt(configFile: string): Gateway {
    let gateway = this.gateways.get(configFile);
    if (!gateway) {
      gateway = { configFile, root: dirname(configFile), findings: [], byFile: new Map(), generation: 0, dirty: true, changes: 0 };
      this.gateways.set(configFile, gateway);
    }
    return gateway;
  }

  all(): Gateway[] {
    return [...this.gateways.values()];
  }

  get(configFile: string): Gateway | undefined {
    return this.gateways.get(configFile);
  }

  /** The project as it is now (open documents included); cheap: unchanged files come from the cache. */
  load(gateway: Gateway): GatewayProject {
    const configDocument = this.openConfig(gateway.configFile);
    return loadProject(this.host, gateway.configFile, this.cache, configDocument ? { configDocument } : {});
  }

  /**
   * The project as the editor shows it, for navigation and completion: the last analysed one while nothing changed,
   * else one loaded now and re-used until the next change (the features' indexes are cached per project object).
   */
  current(gateway: Gateway): GatewayProject {
    if (!gateway.dirty && gateway.project) return gateway.project;
    if (gateway.loaded?.changes === gateway.changes) return gateway.loaded.project;
    const project = this.load(gateway);
    gateway.loaded = { changes: gateway.changes, project };
    return project;
  }

  /** The gateway whose features answer for `path`: its own api-config.json, else its wrangler config, else any that reads it. */
  gatewayFor(path: string): Gateway | undefined {
    const all = this.all();
    return all.find((g) => g.configFile === path) ?? all.find((g) => g.project?.wrangler?.file === path) ?? all.find((g) => dependsOn(g, path));
  }

  /** Mark dirty after a change to a file it reads. */
  touch(gateway: Gateway): void {
    gateway.dirty = true;
    gateway.changes++;
  }

  get moduleReader(): ModuleReader {
    return this.modules;
  }

  analyze(gateway: Gateway, options: AnalysisOptions): void {
    const started = performance.now();
    const project = this.load(gateway);
    const findings = analyzeProject(project, this.modules, options);
    gateway.project = project;
    gateway.loaded = undefined;
    gateway.settings = options.settings;
    gateway.configFromEditor = this.openConfig(gateway.configFile) !== undefined;
    gateway.findings = findings;
    gateway.byFile = groupByFile(findings);
    gateway.generation = ++generationCounter;
    gateway.dirty = false;
    gateway.lastAnalysisMs = performance.now() - started;
  }

  /** Gateways whose result may change when `path` changes (edited, created or deleted). */
  affectedBy(path: string): Gateway[] {
    return this.all().filter((g) => dependsOn(g, path));
  }

  /** Findings on one file, from every gateway that reports on it. */
  findingsOn(path: string): { findings: readonly Finding[]; generations: number[] } {
    const lists: Finding[][] = [];
    const generations: number[] = [];
    for (const gateway of this.gateways.values()) {
      const own = gateway.byFile.get(path);
      if (gateway.configFile === path || own) generations.push(gateway.generation);
      if (own) lists.push(own);
    }
    // One gateway's list as it is (read only, replaced whole by its next check); no copy per pull.
    if (lists.length <= 1) return { findings: lists[0] ?? [], generations };
    // Gateways that share a wrangler config each report its findings: merged, shown once. A loop, not
    // push(...own): spread arguments overflow the stack past ~120,000 findings.
    const merged: Finding[] = [];
    for (const own of lists) for (const finding of own) merged.push(finding);
    return { findings: withoutRepeats(merged), generations };
  }

  /** Does any gateway know this file (so its diagnostics are ours to answer)? */
  owns(path: string): boolean {
    return this.all().some((g) => g.configFile === path || g.byFile.has(path) || dependsOn(g, path));
  }
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = out.get(finding.file);
    if (list) list.push(finding);
    else out.set(finding.file, [finding]);
  }
  return out;
}

/**
 * Conservative: anything under the gateway's folder (modules, .dev.vars, .sagrc.json), every wrangler config its
 * B.0 lookup met, any wrangler config or Worker source beside it (bound-Worker targets, scanned from the parent folder).
 */
function dependsOn(gateway: Gateway, path: string): boolean {
  if (path === gateway.configFile) return true;
  // A gateway reads its own api-config.json only: another one (beside it or nested in its folder) is another gateway's.
  if (basename(path) === CONFIG_FILE_NAME) return false;
  if (isInside(gateway.root, path)) return true;
  const project = gateway.project;
  if (!project) return isInside(dirname(gateway.root), path);
  if (project.wranglerCandidates.includes(path)) return true;
  if (project.wrangler && (path === project.wrangler.file || isInside(dirname(project.wrangler.file), path))) return true;
  if (project.devVars.some((d) => d.file === path)) return true;
  for (const worker of project.workers) if (worker.wrangler.file === path || worker.mainFile === path || isInside(dirname(worker.wrangler.file), path)) return true;
  // A new wrangler config or Worker beside the gateway: the workers scan covers the parent folder.
  return isInside(dirname(gateway.root), path) && /(^|\/)wrangler\.(toml|json|jsonc)$/.test(path);
}
