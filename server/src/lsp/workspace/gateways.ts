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
import { loadProject, workerSearchRoots } from '../../analysis/workspace/load-project';
import type { WorkspaceWorkers } from '../../analysis/workspace/workspace-workers';
import { createModuleReader } from '../../analysis/workspace/module-reader';
import { basename, dirname, isAtOrInside, isInside, normalizePath } from '../../analysis/workspace/paths';
import type { RecordedInputs } from '../../host/recorded-inputs';

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
  /** When it was found: the order in which gateways report on a file they share. */
  order: number;
  /** The editor settings of the last analysis (JSON), to skip re-checks when a settings change does not touch it. */
  settingsKey?: string;
  /** The last analysis read api-config.json from the editor (an incrementally updated tree), not from disk. */
  configFromEditor?: boolean;
  /**
   * The service module files the last analysis looked for or read, and the folders it listed: an entrypoint may lead
   * out of every folder the gateway otherwise reads (`../../shared/hello`), and creating, changing or deleting that
   * module must still re-check it.
   */
  moduleReads?: ReadonlySet<string>;
  /**
   * Its findings came from the findings cache (host/findings-cache.ts) and hold while these inputs read the same;
   * it stays dirty (no project yet) until the check that follows, which drops this.
   */
  restored?: RecordedInputs;
}

let generationCounter = 0;
let gatewayCounter = 0;

export class GatewayRegistry {
  readonly cache = new ProjectCache();
  private readonly modules: ModuleReader;
  private readonly gateways = new Map<string, Gateway>();
  private roots: string[] = [];
  /** The api-config.json files the last search found (the other gateways were adopted for an open file). */
  private discovered = new Set<string>();
  /**
   * The search for the Workers beside the gateways, shared by their loads as `sag check`'s are: loaded one by one,
   * each gateway looked at every Worker config and main module again (a stat each), so 1,000 gateways beside 1,000
   * Workers took 48 s to check at start, and a keystroke in one of them re-read 2,000 files. Shared while the
   * workspace check runs, and after it where the client reports changes to the files searched (watchers registered,
   * the search inside the workspace folders): elsewhere a load looks afresh, so a change nobody reports is still
   * seen. Dropped at any change to a file other than an api-config.json (workersChanged).
   */
  private sharedWorkers = new Map<string, WorkspaceWorkers>();
  private checkingWorkspace = false;
  private changesReported = false;
  /** The gateways with findings on each file, and each gateway under its own api-config.json, in `order`. */
  private readonly reporters = new Map<string, Gateway[]>();

  constructor(
    private readonly host: FileHost,
    /** The open api-config.json's incrementally updated parse, when that file is open. */
    private readonly openConfig: (path: string) => ConfigDocument | undefined,
    /** Runs a load of `gateway` for the editor features (current). */
    private readonly featureLoad: (gateway: Gateway, load: () => GatewayProject) => GatewayProject = (_, load) => load(),
  ) {
    this.modules = createModuleReader(host, this.cache);
  }

  setRoots(roots: readonly string[]): void {
    this.roots = [...new Set(roots.map(normalizePath))];
  }

  getRoots(): readonly string[] {
    return this.roots;
  }

  /**
   * Find the gateways again (start, "Check Workspace", an api-config.json created or deleted, folders changed); keeps
   * known ones' results, and the gateways of api-config.json files open in the editor.
   */
  discover(): { added: Gateway[]; removed: Gateway[]; searchedInPart: string[] } {
    const searchedInPart: string[] = [];
    const found = new Set(discoverGateways(this.host, this.roots, { onLimitReached: (root) => searchedInPart.push(root) }));
    this.discovered = found;
    const added: Gateway[] = [];
    const removed: Gateway[] = [];
    for (const [file, gateway] of this.gateways) {
      // An api-config.json open in the editor stays, now as if opened alone (adopt): its folder was removed from the
      // workspace, or it was adopted before this search, and the editor still shows it.
      if (found.has(file) || this.openConfig(file)) continue;
      this.remove(gateway);
      removed.push(gateway);
    }
    for (const file of found) {
      if (this.gateways.has(file)) continue;
      const gateway: Gateway = { configFile: file, root: dirname(file), findings: [], byFile: new Map(), generation: 0, dirty: true, changes: 0, order: gatewayCounter++ };
      this.gateways.set(file, gateway);
      this.addReporter(file, gateway);
      added.push(gateway);
    }
    return { added, removed, searchedInPart };
  }

  private remove(gateway: Gateway): void {
    this.gateways.delete(gateway.configFile);
    for (const path of gateway.byFile.keys()) this.dropReporter(path, gateway);
    this.dropReporter(gateway.configFile, gateway);
  }

  /**
   * The editor closed an api-config.json: a gateway adopted for it alone (outside the workspace folders, or in a
   * folder the search skips) goes, and is returned; one the last search found stays.
   */
  release(configFile: string): Gateway | undefined {
    const gateway = this.gateways.get(configFile);
    if (!gateway || this.discovered.has(configFile)) return undefined;
    this.remove(gateway);
    return gateway;
  }

  /** Track an api-config.json the editor opened outside every workspace folder (a single file opened). */
  adopt(configFile: string): Gateway {
    let gateway = this.gateways.get(configFile);
    if (!gateway) {
      gateway = { configFile, root: dirname(configFile), findings: [], byFile: new Map(), generation: 0, dirty: true, changes: 0, order: gatewayCounter++ };
      this.gateways.set(configFile, gateway);
      this.addReporter(configFile, gateway);
    }
    return gateway;
  }

  all(): Gateway[] {
    return [...this.gateways.values()];
  }

  /** The gateways the last search found (not those adopted for a file opened elsewhere). */
  found(): Gateway[] {
    return this.all().filter((g) => this.discovered.has(g.configFile));
  }

  get(configFile: string): Gateway | undefined {
    return this.gateways.get(configFile);
  }

  /** The project as it is now (open documents included); cheap: unchanged files come from the cache. */
  load(gateway: Gateway): GatewayProject {
    const configDocument = this.openConfig(gateway.configFile);
    // The editor's parse is not read through the host: read the text through it too, so that what the check saw of
    // the config is recorded like any file while the findings cache records (host/recorded-inputs.ts).
    if (configDocument) this.host.readFile(gateway.configFile);
    const shared = this.checkingWorkspace || (this.changesReported && this.workerRootsOf(gateway).every((r) => this.roots.some((root) => isAtOrInside(root, r))));
    return loadProject(this.host, gateway.configFile, this.cache, {
      workspaceRoots: this.roots,
      ...(configDocument ? { configDocument } : {}),
      ...(shared ? { workersOfRoots: this.sharedWorkers } : {}),
    });
  }

  /** The workspace check starts (its loads share one Worker search, made afresh: nothing kept is trusted) or ends. */
  checkingAll(running: boolean): void {
    if (running) this.sharedWorkers = new Map();
    this.checkingWorkspace = running;
  }

  /** The client has registered the file watchers (watched-files.ts). */
  fileChangesReported(): void {
    this.changesReported = true;
  }

  /** `path` changed: a Worker config or module may have, so the shared Worker search is made again. */
  workersChanged(path: string): void {
    if (basename(path) !== CONFIG_FILE_NAME && this.sharedWorkers.size > 0) this.sharedWorkers = new Map();
  }

  /**
   * The project as the editor shows it, for navigation and completion: the last analysed one while nothing changed,
   * else one loaded now and re-used until the next change (the features' indexes are cached per project object).
   */
  current(gateway: Gateway): GatewayProject {
    if (!gateway.dirty && gateway.project) return gateway.project;
    if (gateway.loaded?.changes === gateway.changes) return gateway.loaded.project;
    const project = this.featureLoad(gateway, () => this.load(gateway));
    gateway.loaded = { changes: gateway.changes, project };
    return project;
  }

  /** The gateway whose features answer for `path`: its own api-config.json, else its wrangler config, else any that reads it. */
  gatewayFor(path: string): Gateway | undefined {
    const all = this.all();
    return all.find((g) => g.configFile === path) ?? all.find((g) => g.project?.wrangler?.file === path) ?? all.find((g) => dependsOn(g, path));
  }

  /** Every gateway that reads `path` (its config, its wrangler config, a module, a Worker it sees), in workspace order. */
  readersOf(path: string): Gateway[] {
    return this.all().filter((g) => dependsOn(g, path));
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
    const moduleReads = new Set<string>();
    const findings = analyzeProject(project, recordingReads(this.modules, moduleReads), options);
    gateway.project = project;
    gateway.moduleReads = moduleReads;
    gateway.loaded = undefined;
    gateway.settings = options.settings;
    gateway.configFromEditor = this.openConfig(gateway.configFile) !== undefined;
    this.setFindings(gateway, findings);
    gateway.restored = undefined;
    gateway.dirty = false;
    gateway.lastAnalysisMs = performance.now() - started;
  }

  /** Findings read back from the findings cache, valid while `inputs` hold (Gateway.restored); still dirty. */
  restore(gateway: Gateway, findings: Finding[], inputs: RecordedInputs): void {
    this.setFindings(gateway, findings);
    gateway.restored = inputs;
  }

  private setFindings(gateway: Gateway, findings: Finding[]): void {
    gateway.findings = findings;
    const byFile = groupByFile(findings);
    this.indexReports(gateway, gateway.byFile, byFile);
    gateway.byFile = byFile;
    gateway.generation = ++generationCounter;
  }

  /** Gateways whose result may change when `path` changes (edited, created or deleted). */
  affectedBy(path: string): Gateway[] {
    return this.all().filter((g) => dependsOn(g, path));
  }

  /** The gateways with a new folder in theirs, or in the folders their Workers are searched in. */
  affectedByNewFolders(folders: readonly string[]): Gateway[] {
    return this.all().filter((g) => folders.some((f) => isAtOrInside(g.root, f) || this.workerRootsOf(g).some((r) => isAtOrInside(r, f))));
  }

  /** Where the gateway's bound Workers are looked for (its wrangler config as of its last check). */
  private workerRootsOf(gateway: Gateway): readonly string[] {
    return workerSearchRoots(gateway.root, { workspaceRoots: this.roots }, gateway.project?.wrangler?.file);
  }

  /** The gateways that read something inside `folder`, or live there: a deleted folder takes all it held. */
  affectedByFolder(folder: string): Gateway[] {
    return this.all().filter((g) => dependsOnFolder(g, folder));
  }

  /**
   * Keep `reporters` in step with a gateway's files with findings (`before` -> `after`). Looked up per published
   * file: a pass over every gateway per file made publishing a folder of 2,000 gateways quadratic. A gateway no
   * longer registered (removed while its check ran) reports nothing.
   */
  private indexReports(gateway: Gateway, before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): void {
    for (const path of before.keys()) if (!after.has(path) && path !== gateway.configFile) this.dropReporter(path, gateway);
    if (this.gateways.get(gateway.configFile) !== gateway) return;
    for (const path of after.keys()) if (!before.has(path)) this.addReporter(path, gateway);
  }

  private addReporter(path: string, gateway: Gateway): void {
    const list = this.reporters.get(path);
    if (!list) this.reporters.set(path, [gateway]);
    else if (!list.includes(gateway)) {
      const after = list.findIndex((g) => g.order > gateway.order);
      list.splice(after < 0 ? list.length : after, 0, gateway);
    }
  }

  private dropReporter(path: string, gateway: Gateway): void {
    const list = this.reporters.get(path);
    const at = list?.indexOf(gateway) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length === 0) this.reporters.delete(path);
  }

  /** Findings on one file, from every gateway that reports on it. */
  findingsOn(path: string): { findings: readonly Finding[]; generations: number[] } {
    const lists: Finding[][] = [];
    const generations: number[] = [];
    for (const gateway of this.reporters.get(path) ?? []) {
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

/**
 * `modules`, noting every path asked about in `reads`. Only whole-config checks and analyze.ts's bound targets read
 * modules (per-route checks must not: rule.ts), and those run at every analysis, so one analysis's reads are all it
 * depends on.
 */
function recordingReads(modules: ModuleReader, reads: Set<string>): ModuleReader {
  return {
    fileExists: (path) => {
      reads.add(path);
      return modules.fileExists(path);
    },
    read: (path) => {
      reads.add(path);
      return modules.read(path);
    },
    list: (folder) => {
      reads.add(folder);
      return modules.list(folder);
    },
  };
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
  // A wrangler config created or deleted in any folder above: its lookup walks up from the gateway (SPEC B.0).
  if (WRANGLER_CONFIG_NAME.test(path) && isInside(dirname(path), gateway.root)) return true;
  const project = gateway.project;
  if (!project) return isInside(dirname(gateway.root), path);
  if (project.wranglerCandidates.includes(path)) return true;
  if (project.wrangler && (path === project.wrangler.file || isInside(dirname(project.wrangler.file), path))) return true;
  if (project.devVars.some((d) => d.file === path)) return true;
  if (gateway.moduleReads?.has(path) || gateway.moduleReads?.has(dirname(path))) return true;
  if (project.workers.touchedBy(path)) return true;
  // A new wrangler config or Worker beside the gateway: the workers scan covers the parent folder.
  return isInside(dirname(gateway.root), path) && WRANGLER_CONFIG_NAME.test(path);
}

const WRANGLER_CONFIG_NAME = /(^|\/)wrangler\.(toml|json|jsonc)$/;

/** A deleted folder: it held the gateway, or something the gateway reads (what dependsOn looks at, folder-wide). */
function dependsOnFolder(gateway: Gateway, folder: string): boolean {
  if (isInside(folder, gateway.configFile) || isInside(gateway.root, folder)) return true;
  const project = gateway.project;
  if (!project) return isInside(dirname(gateway.root), folder);
  const inside = (file: string): boolean => isInside(folder, file);
  if (project.wranglerCandidates.some(inside) || (project.wrangler !== undefined && inside(project.wrangler.file))) return true;
  if (project.devVars.some((d) => inside(d.file))) return true;
  // A module outside the gateway's folder (an entrypoint `../shared/...`): one it looked for, or one it reports on.
  for (const file of gateway.moduleReads ?? []) if (inside(file)) return true;
  for (const file of gateway.byFile.keys()) if (inside(file)) return true;
  return project.workers.insideFolder(folder);
}
