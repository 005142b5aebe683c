// The server's state and life cycle: open documents over the disk, the gateways and their latest findings, when
// to re-check (debounced edits, watched files, pull requests) and how results reach the client (push or pull,
// plus the status notification). Handlers (handlers/*.ts) are thin calls into this.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { AnalysisOptions, EditorSettings } from '../analysis/analyze';
import type { Finding } from '../analysis/findings';
import type { FileHost } from '../analysis/host';
import type { FindingsCache } from '../host/findings-cache';
import type { HeapCollector } from '../host/heap-collector';
import { inputsOfPathHold, RecordingFileHost } from '../host/recorded-inputs';
import { basename, isInside, relativePath } from '../analysis/workspace/paths';
import { CONFIG_FILE_NAME, searchStoppedMessage, SKIPPED_FOLDERS } from '../analysis/workspace/discover';
import { DiagnosticWire } from './diagnostics/diagnostic-wire';
import { PushPublisher } from './diagnostics/push-publisher';
import { OpenDocuments } from './documents/open-documents';
import { OverlayFileHost } from './documents/overlay-host';
import { runLogged, type Logger } from './handler-guard';
import { StatusNotification, type CheckWorkspaceResult } from './protocol';
import { CachedChecks } from './workspace/cached-checks';
import { EditRehearsals } from './workspace/edit-rehearsal';
import { FeatureContexts } from './workspace/feature-contexts';
import { problemSummary } from './workspace/problem-summary';
import { GatewayRegistry, type Gateway } from './workspace/gateways';
import { SettingsStore } from './workspace/settings';

/** Edits arriving faster than this are checked once, after the last one (pull requests never wait for it). */
export const DEBOUNCE_MS = 150;
/** The timer of created paths (pathCreated), beside the per-gateway ones: no api-config.json has this path. */
const CREATED_PATHS = '\u0000created paths';

export interface ServerOptions {
  excludeCodes: ReadonlySet<string>;
  /** The editor shows JSON syntax errors itself (SagInitializationOptions.editorShowsJsonSyntaxErrors). */
  omitJsonSyntaxErrors: boolean;
  /** The client asks for the target Worker's name itself (protocol.ts ADD_SERVICE_BINDING_COMMAND). */
  askForWorkerName: boolean;
  /** The client pulls diagnostics (textDocument/diagnostic): nothing is pushed then. */
  pullDiagnostics: boolean;
  /** The client accepts workspace/diagnostic/refresh. */
  refreshSupport: boolean;
  /** The client expands snippet completions (completionItem.snippetSupport); otherwise items carry plain text. */
  snippetSupport: boolean;
  /** The client resolves a code action's `edit` later (codeAction/resolve): "Fix all" is then planned when chosen. */
  resolveCodeActionEdits?: boolean;
}

export class SagServer {
  readonly documents = new OpenDocuments();
  readonly host: FileHost;
  readonly registry: GatewayRegistry;
  readonly settings: SettingsStore;
  /** The projects and options the editor features answer with. */
  readonly contexts: FeatureContexts;
  /** Diagnostics as sent, kept between checks (diagnostic-wire.ts). */
  readonly wire: DiagnosticWire;
  private readonly publisher: PushPublisher;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Paths created with none of our file names, waiting for foldersCreated. */
  private readonly createdPaths = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly rehearsals: EditRehearsals;
  private initialCheck: Promise<void> = Promise.resolve();
  /** The open documents over the disk: what every check reads (through `host`, which records it at start). */
  private readonly overlay: FileHost;
  private readonly cachedChecks: CachedChecks;
  /** `host`, recording what the checks read for the findings cache. */
  private readonly recorder: RecordingFileHost;
  private readonly heap: HeapCollector | undefined;
  private readonly trafficPending: () => boolean;
  /** Settles once the check at start has shown what the findings cache holds (or found nothing to show). */
  private restoring: Promise<unknown> = Promise.resolve();

  constructor(
    readonly connection: Connection,
    readonly log: Logger,
    disk: FileHost,
    readonly options: ServerOptions,
    settingsPull: boolean,
    extras: { heap?: HeapCollector; findingsCache?: FindingsCache; trafficPending?: () => boolean } = {},
  ) {
    this.heap = extras.heap;
    this.trafficPending = extras.trafficPending ?? (() => false);
    const findingsCache = extras.findingsCache;
    this.overlay = new OverlayFileHost(disk, (p) => this.documents.get(p), () => this.documents.paths());
    this.recorder = new RecordingFileHost(this.overlay);
    this.host = this.recorder;
    this.cachedChecks = new CachedChecks(findingsCache, this.recorder, this.overlay, log);
    // A load for the editor features fills the parse cache the next check re-uses: recorded like the check's own.
    this.registry = new GatewayRegistry(this.host, (p) => this.documents.get(p)?.config, (gateway, load) => this.recorder.recordWhile(gateway.configFile, load));
    this.settings = new SettingsStore(connection, settingsPull);
    this.contexts = new FeatureContexts(this.registry, this.host);
    this.wire = new DiagnosticWire(this.documents.uriOf);
    this.publisher = new PushPublisher(connection, this.registry, this.documents.uriOf, this.documents.versionOf, this.wire);
    this.rehearsals = new EditRehearsals({
      documents: this.documents,
      log,
      busy: (gateway) => gateway.dirty || this.running.has(gateway.configFile),
      // Recorded like any check: its last round reads the text as it was, and may run a search the others re-use.
      check: (gateway) => this.recorder.recordWhile(gateway.configFile, () => this.registry.analyze(gateway, this.analysisOptions(gateway.settings))),
      after: (file) => {
        // Its last check made new findings of many reports; encoded now (not sent), the first keystroke finds them in
        // the wire by identity, with the encoder's code compiled (at 10,000 paths it encoded for ~12 ms, cold).
        this.wire.encode(this.registry.findingsOn(file).findings);
        // Its garbage and the first check's, collected in this pause too rather than after the first keystrokes.
        this.heap?.afterCheck(true);
      },
    });
  }

  /**
   * At `initialized` (`atStart`) and on "Check Workspace": find every gateway in every folder and check them all.
   * At start, findings the cache holds for this very workspace are shown first (cached-checks.ts).
   */
  checkWorkspace(roots?: readonly string[], atStart = false): Promise<CheckWorkspaceResult> {
    const run = (async () => {
      this.registry.checkingAll(true);
      if (roots) this.registry.setRoots(roots);
      this.registry.cache.forgetListings();
      const { removed, searchedInPart } = this.registry.discover();
      for (const gateway of removed) this.publisher.forget(gateway);
      for (const root of searchedInPart) this.log.info(`[sag] ${searchStoppedMessage(root)}; open its folder, or exclude large folders in .sagrc.json`);
      for (const gateway of this.registry.all()) this.registry.touch(gateway);
      if (atStart) {
        this.restoring = this.showCachedFindings().catch((error: unknown) => this.log.error(`[sag] findings cache not read: ${String(error)}`));
        // Findings shown: the client's requests (the pull that shows them, a hover) go before the check confirming them.
        if ((await this.restoring) === true) await this.whenClientQuiet();
      }
      for (const gateway of this.registry.all()) {
        // Read what came in meanwhile before each gateway: a pull for an open file checks its own gateway at once
        // (freshFor) instead of waiting for every other one in the workspace, and is then not checked again here.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (gateway.dirty) await this.refresh(gateway, 'check');
      }
      this.cachedChecks.save(this.registry, this.cacheKey(), atStart);
      this.refreshPulls();
      this.sendStatus();
    })().finally(() => this.registry.checkingAll(false));
    this.initialCheck = run.catch((error: unknown) => this.log.error(`[sag] workspace check failed: ${String(error)}`));
    return run.then(() => this.summary());
  }

  /** The stored findings of this workspace, shown (published, answered to pulls) when they still hold. */
  private async showCachedFindings(): Promise<boolean> {
    const shown = await this.cachedChecks.restore(this.registry, this.cacheKey(), async (g) => JSON.stringify(await this.settings.forFolder(g.root)));
    if (shown.length === 0) return false;
    const versions = new Map([...this.documents.all()].map((d) => [d.path, d.version]));
    for (const gateway of shown) {
      gateway.openVersions = versions;
      if (!this.options.pullDiagnostics) this.publisher.publish(gateway);
    }
    this.refreshPulls();
    this.sendStatus();
    return true;
  }

  /**
   * Resolves once the messages read so far are handled and the answers written (or after a second of constant
   * traffic). Requests still unanswered do not count: a workspace pull waits for this very check.
   */
  private async whenClientQuiet(): Promise<void> {
    for (let waited = 0; this.trafficPending() && waited < 1000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private cacheKey(): { roots: readonly string[]; options: unknown } {
    return { roots: this.registry.getRoots(), options: { excludeCodes: [...this.options.excludeCodes].sort(), omitJsonSyntaxErrors: this.options.omitJsonSyntaxErrors } };
  }

  /** Settings changed: re-check the gateways whose effective editor settings differ from their last check's. */
  async settingsChanged(): Promise<void> {
    for (const gateway of this.registry.all()) {
      const settings = JSON.stringify(await this.settings.forFolder(gateway.root));
      if (settings === gateway.settingsKey) continue;
      this.registry.touch(gateway);
      await this.refresh(gateway, 'timer');
    }
  }

  /** Resolves once the first workspace check is done (pull requests wait for it rather than answer empty). */
  ready(): Promise<void> {
    return this.initialCheck;
  }

  /** A file changed (edited, saved elsewhere, created, deleted): mark what it affects and check it after a pause. */
  fileChanged(path: string, options: { created?: boolean; deleted?: boolean; immediate?: boolean } = {}): void {
    this.registry.workersChanged(path);
    if (options.created || options.deleted) this.recorder.createdOrDeleted(path);
    else this.recorder.changed(path);
    if (options.created || options.deleted) {
      this.registry.cache.forgetListings();
      if (options.deleted) this.registry.cache.forget(path);
      if (basename(path) === CONFIG_FILE_NAME) this.discoverAgain(options.immediate);
    }
    let affected = this.registry.affectedBy(path);
    if (affected.length === 0 && basename(path) === CONFIG_FILE_NAME && this.documents.get(path)) affected = [this.registry.adopt(path)];
    // Gateways shown from the cache: those that read `path` otherwise lose the cached findings and are checked now.
    for (const gateway of this.registry.all()) {
      if (!gateway.restored || inputsOfPathHold(this.overlay, gateway.restored, path)) continue;
      gateway.restored = undefined;
      this.cachedChecks.restoredDropped();
      if (!affected.includes(gateway)) affected.push(gateway);
    }
    for (const gateway of affected) {
      this.registry.touch(gateway);
      // Still as the cache saw it (a file opened as saved): the check at start that follows the cached findings is coming.
      if (gateway.restored) continue;
      this.schedule(gateway, options.immediate);
    }
  }

  /**
   * A folder deleted, or renamed away: clients report one event for the folder, none for what it held (VS Code folds
   * them). Its gateways go; those that read a file in it (a module, a wrangler config, a bound Worker) are checked.
   */
  folderDeleted(folder: string): void {
    this.recorder.createdOrDeleted(folder);
    this.forgetRestored();
    const affected = this.registry.affectedByFolder(folder);
    if (affected.length === 0) return; // dist/, node_modules/ ...: nothing a gateway reads
    this.registry.workersChanged(folder);
    this.registry.cache.forgetListings();
    if (affected.some((g) => isInside(folder, g.configFile))) this.discoverAgain();
    for (const gateway of affected) {
      if (this.registry.get(gateway.configFile) !== gateway) continue;
      this.registry.touch(gateway);
      this.schedule(gateway);
    }
  }

  /**
   * A path created that has none of our file names: maybe a folder moved or copied in, which clients report as one
   * event for the folder. Such paths are looked at together once their events stop for DEBOUNCE_MS (a checkout or a
   * copy makes many); those inside folders the gateway search skips (node_modules ...) are not. Only the folders
   * below the workspace folder count: one opened inside a `dist` or `.git` of its own is searched like any other.
   */
  pathCreated(path: string): void {
    const root = this.registry.getRoots().find((r) => isInside(r, path));
    const below = root === undefined ? path : relativePath(root, path);
    if (below.split('/').some((segment) => SKIPPED_FOLDERS.has(segment))) return;
    this.recorder.createdOrDeleted(path);
    this.createdPaths.add(path);
    clearTimeout(this.timers.get(CREATED_PATHS));
    const timer = setTimeout(() => {
      this.timers.delete(CREATED_PATHS);
      runLogged(this.log, 'created folders', async () => this.foldersCreated());
    }, DEBOUNCE_MS);
    this.timers.set(CREATED_PATHS, timer);
  }

  /** The created paths that are folders: gateways are found again, and those whose Worker search covers them checked. */
  private foldersCreated(): void {
    const folders = [...this.createdPaths].filter((path) => this.host.readDirectory(path) !== undefined);
    this.createdPaths.clear();
    if (folders.length === 0) return;
    this.forgetRestored();
    for (const folder of folders) this.registry.workersChanged(folder);
    this.registry.cache.forgetListings();
    this.discoverAgain();
    for (const gateway of this.registry.affectedByNewFolders(folders)) {
      this.registry.touch(gateway);
      this.schedule(gateway);
    }
  }

  /**
   * The editor closed an api-config.json. True when that ended its gateway, whose findings are then cleared as for a
   * gateway deleted: one adopted for the open file alone (outside the workspace folders), or one whose file was
   * deleted on disk while open (the search counted the open file; VS Code keeps a deleted file's tab open).
   */
  configClosed(path: string): boolean {
    const gone = this.registry.release(path);
    if (gone) {
      this.gatewaysGone([gone]);
      return true;
    }
    if (this.host.readFile(path) !== undefined) return false;
    this.fileChanged(path, { deleted: true, immediate: true });
    return true;
  }

  /** Folders came or went: findings shown from the cache are trusted no more (their gateways are checked now). */
  private forgetRestored(): void {
    for (const gateway of this.registry.all()) {
      if (!gateway.restored) continue;
      gateway.restored = undefined;
      this.cachedChecks.restoredDropped();
      this.schedule(gateway, true);
    }
  }

  /** An api-config.json created or deleted: gateways are found again; new ones are checked, gone ones cleared. */
  private discoverAgain(immediate = false): void {
    const { added, removed } = this.registry.discover();
    this.gatewaysGone(removed);
    for (const gateway of added) this.schedule(gateway, immediate);
  }

  /**
   * Gateways the registry dropped are checked no more: a pending check is cancelled, their findings cleared (push
   * clients), the status (gateway and problem counts) told now, and pull clients asked to pull again.
   */
  private gatewaysGone(gone: readonly Gateway[]): void {
    if (gone.length === 0) return;
    for (const gateway of gone) {
      clearTimeout(this.timers.get(gateway.configFile));
      this.timers.delete(gateway.configFile);
      this.publisher.forget(gateway);
    }
    this.sendStatus();
    this.refreshPulls();
  }

  private schedule(gateway: Gateway, immediate = false): void {
    clearTimeout(this.timers.get(gateway.configFile));
    const timer = setTimeout(
      () => {
        this.timers.delete(gateway.configFile);
        runLogged(this.log, 'scheduled check', async () => {
          await this.restoring; // findings the cache may show first: the check at start decides
          if (gateway.dirty && !gateway.restored) await this.refresh(gateway, 'timer');
        });
      },
      immediate ? 0 : DEBOUNCE_MS,
    );
    this.timers.set(gateway.configFile, timer);
  }

  /**
   * Make sure the gateways that report on `path` are up to date (pull requests, fix-all): no debounce wait, and no
   * wait for the workspace check's other gateways (it finds them all synchronously, before its first await).
   */
  async freshFor(path: string, token?: CancellationToken): Promise<void> {
    await this.restoring;
    if (basename(path) === CONFIG_FILE_NAME && !this.registry.get(path) && this.documents.get(path)) this.registry.adopt(path);
    // Findings shown from the cache are those of the files as they are now (fileChanged drops them otherwise).
    for (const gateway of this.registry.affectedBy(path)) if (gateway.dirty && !gateway.restored) await this.refresh(gateway, 'pull', token, path);
  }

  async freshAll(token?: CancellationToken): Promise<void> {
    await this.ready();
    for (const gateway of this.registry.all()) if (gateway.dirty) await this.refresh(gateway, 'pull', token);
  }

  /**
   * Re-check one gateway now (deduplicated: a check already running is awaited, then re-run if still dirty). After a
   * check that an edit caused (debounce timer, settings, or a pull that got there first), pull clients are asked to
   * re-pull: the findings of files other than the edited one change too (a binding added to wrangler.toml clears
   * SAG301 in api-config.json), and a pull that runs the check cancels the timer that would otherwise have asked.
   * Unless the check was for a pull of one file and no other file's findings changed: that pull's answer is all
   * there is to tell (asking at every keystroke made clients re-pull every open file, and the answer to the ask
   * kept the server from collecting its garbage in the pause after the edit).
   */
  private async refresh(gateway: Gateway, reason: 'check' | 'timer' | 'pull', token?: CancellationToken, pulled?: string): Promise<void> {
    for (;;) {
      const running = this.running.get(gateway.configFile);
      if (!running) break;
      await running;
      if (!gateway.dirty) return;
    }
    let analyzed = false;
    const before = gateway.byFile;
    const run = (async () => {
      const settings = await this.settings.forFolder(gateway.root);
      // A cancelled pull does not start the analysis (it stays dirty: the next request or the timer runs it).
      if (token?.isCancellationRequested) return;
      // Gone while the settings were asked for (its folder or file deleted, its file closed): nothing to publish.
      if (this.registry.get(gateway.configFile) !== gateway) return;
      // This check covers every edit so far: a pending debounce timer has nothing left to do.
      clearTimeout(this.timers.get(gateway.configFile));
      this.timers.delete(gateway.configFile);
      analyzed = true;
      // Synchronous from here: no edit can land between loading the files and storing the findings.
      this.recorder.recordWhile(gateway.configFile, () => this.registry.analyze(gateway, this.analysisOptions(settings)));
      gateway.settingsKey = JSON.stringify(settings);
      gateway.openVersions = new Map([...this.documents.all()].map((d) => [d.path, d.version]));
      if (!this.options.pullDiagnostics) this.publisher.publish(gateway);
      if (reason !== 'check') this.log.info(`[sag] checked ${gateway.configFile} in ${gateway.lastAnalysisMs?.toFixed(1)} ms (${reason})`);
    })();
    this.running.set(gateway.configFile, run);
    try {
      await run;
    } finally {
      this.running.delete(gateway.configFile);
    }
    if (analyzed && reason !== 'check') {
      if (pulled === undefined || findingsChangedBesides(before, gateway.byFile, pulled)) this.refreshPulls();
      this.sendStatus();
    }
    if (analyzed) {
      this.heap?.afterCheck();
      this.rehearsals.schedule(gateway);
    }
  }

  /** The analysis options of every check of this server's: the editor settings and the codes left out. */
  private analysisOptions(settings: EditorSettings | undefined): AnalysisOptions {
    return { settings, excludeCodes: this.options.excludeCodes, omitJsonSyntaxErrors: this.options.omitJsonSyntaxErrors };
  }

  /** Pull clients re-ask for open documents' diagnostics after a check they did not ask for. */
  private refreshPulls(): void {
    if (this.options.pullDiagnostics && this.options.refreshSupport) {
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  summary(): CheckWorkspaceResult {
    return problemSummary(this.registry);
  }

  sendStatus(): void {
    void this.connection.sendNotification(StatusNotification, { ...this.summary(), busy: this.running.size > 0 });
  }

  /** Push clients: publish a file again (e.g. opened, so its diagnostics carry the document version). */
  republish(path: string): void {
    if (!this.options.pullDiagnostics) this.publisher.publishFile(path);
  }

  /** At shutdown: the findings cache takes the findings of the edits saved since the check at start. */
  saveFindings(): void {
    try {
      this.cachedChecks.save(this.registry, this.cacheKey());
    } catch (error) {
      this.log.error(`[sag] findings cache not written: ${String(error)}`);
    }
  }

  dispose(): void {
    this.heap?.dispose();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Whether any file but `except` has other findings in `after` than in `before` (the same objects or the same content). */
function findingsChangedBesides(before: ReadonlyMap<string, readonly Finding[]>, after: ReadonlyMap<string, readonly Finding[]>, except: string): boolean {
  for (const file of new Set([...before.keys(), ...after.keys()])) {
    if (file === except) continue;
    const a = before.get(file) ?? [];
    const b = after.get(file) ?? [];
    if (a === b) continue;
    if (a.length !== b.length) return true;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return true;
  }
  return false;
}
