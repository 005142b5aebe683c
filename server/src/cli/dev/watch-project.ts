// Watches a project folder for edits that need a rebuild (config, wrangler files, modules, .dev.vars): one
// non-recursive watcher per folder (recursive watching walks node_modules on Linux), skipping generated and
// installed folders, picking up new folders, and reporting a burst of events once. Files the bundles read from
// outside the project (a module importing `../../shared/util.js`) are watched too: their folders, for those files.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { normalizePath, relativePath } from '../../analysis/workspace/paths';

const SKIPPED = new Set(['node_modules', '.git', '.wrangler', '.sag', 'vendor', 'dist']);
const MAX_FOLDERS = 2000;

export class ProjectWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  /** The folders watched whole (add): every change in them counts; the others are watched for singleFiles. */
  private readonly wholeFolders = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new Set<string>();
  /**
   * Files the bundles read that no whole-folder watcher sees (outside the root, or in a folder the walk skips, such
   * as a bound Worker's prebuilt `dist/index.js` or `vendor/`): their folders are watched for them alone.
   */
  private readonly singleFiles = new Set<string>();
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly onChange: (files: string[]) => void,
    private readonly debounceMs = 25,
  ) {
    this.add(root, 0);
  }

  private add(folder: string, depth: number): void {
    if (this.closed || this.watchers.has(folder) || this.watchers.size >= MAX_FOLDERS || depth > 12) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: true }, (_event, name) => this.event(folder, depth, name === null ? undefined : String(name)));
    } catch {
      return;
    }
    watcher.on('error', () => this.drop(folder));
    this.watchers.set(folder, watcher);
    this.wholeFolders.add(folder);
    let entries: { name: string; isDirectory(): boolean }[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory() && !SKIPPED.has(entry.name)) this.add(join(folder, entry.name), depth + 1);
  }

  /**
   * Also watch the `files` the bundles read that no whole-folder watcher sees (outside the root, or below a folder
   * the walk skips), but none in node_modules, which holds installed packages, not the user's code: each one's
   * folder, for changes to those files only. Only the folders the path takes from the root count for node_modules:
   * a monorepo that itself sits inside some `node_modules` folder still has its shared code watched.
   */
  watchFiles(files: Iterable<string>): void {
    const root = normalizePath(this.root);
    for (const file of files) {
      const folder = dirname(file);
      if (this.wholeFolders.has(folder) || relativePath(root, normalizePath(file)).split('/').includes('node_modules')) continue;
      this.singleFiles.add(file);
      // Each call looks at every folder again: one whose watcher failed (and was dropped) is watched anew.
      if (this.closed || this.watchers.has(folder) || this.watchers.size >= MAX_FOLDERS) continue;
      try {
        const watcher = watch(folder, { persistent: true }, (_event, name) => {
          const path = name === null ? undefined : join(folder, String(name));
          if (path !== undefined && this.singleFiles.has(path)) this.note(path);
        });
        watcher.on('error', () => this.drop(folder));
        this.watchers.set(folder, watcher);
      } catch {
        // Gone already: the next bundle fails and says so.
      }
    }
  }

  private drop(folder: string): void {
    this.watchers.get(folder)?.close();
    this.watchers.delete(folder);
    this.wholeFolders.delete(folder);
  }

  /** Stop watching `folder` and every folder below it. */
  private dropTree(folder: string): void {
    const below = folder + sep;
    for (const watched of [...this.watchers.keys()]) if (watched === folder || watched.startsWith(below)) this.drop(watched);
  }

  private event(folder: string, depth: number, name: string | undefined): void {
    if (this.closed) return;
    if (name !== undefined) {
      if (SKIPPED.has(name) || name.endsWith('~') || name.startsWith('.#')) return;
      const path = join(folder, name);
      // A watched folder deleted (Linux reports only its name to the parent, no error to its own watcher) and maybe
      // made again (a checkout, `rm -rf` and a restore): the old watchers hear nothing more, so they go, and a
      // folder there now is watched anew, as a new folder (a service module folder) is from now on.
      if (this.watchers.has(path)) this.dropTree(path);
      if (isFolder(path)) this.add(path, depth + 1);
      this.note(path);
    } else {
      this.note(folder);
    }
  }

  /** A change to report with the others of its burst. */
  private note(path: string): void {
    if (this.closed) return;
    this.changed.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = [...this.changed];
      this.changed.clear();
      this.onChange(files);
    }, this.debounceMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

/**
 * Whether `path` is a folder now. Any error means no: an entry being deleted answers EPERM on Windows (not only
 * ENOENT), and an exception here, in an fs.watch callback, would end `sag dev`.
 */
function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}
