// Finding things on disk through the FileHost: every gateway (api-config.json) under some roots, the wrangler
// config wrangler itself would use (SPEC B.0), and the other Workers' wrangler configs (bound-Worker targets).
// Every walk is bounded in depth and folder count, so a huge tree cannot hang a check.
import picomatch from 'picomatch';
import type { FileHost } from '../host';
import { EXCLUDE_GLOB_OPTIONS, excludeGlob, excludeGlobProblem, parseSagRc, SAGRC_FILE_NAME } from '../parse/sagrc';
import { WRANGLER_FILE_NAMES } from '../parse/wrangler';
import { basename, dirname, joinPath, normalizePath, relativePath } from './paths';

export const CONFIG_FILE_NAME = 'api-config.json';
/** Folders that never hold a gateway or a Worker source the checker should read. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.wrangler', '.git', 'dist']);

/** How far a search for gateways goes below each root: a home folder opened by mistake must not hold up the start. */
export const DISCOVERY_LIMITS = { maxDepth: 12, maxFolders: 20_000 } as const;

/** What a front-end says of a root searched only in part (onLimitReached), before its own advice. */
export function searchStoppedMessage(shownRoot: string): string {
  return `stopped searching ${shownRoot} for gateways after ${DISCOVERY_LIMITS.maxFolders.toLocaleString('en-US')} folders or ${DISCOVERY_LIMITS.maxDepth} levels: a gateway deeper in it is not checked`;
}

export interface WalkLimits {
  /** Folder levels below each root (default 12). */
  maxDepth?: number;
  /** Folders visited per walk (default 20,000). */
  maxFolders?: number;
}

export interface DiscoverOptions extends WalkLimits {
  /** Globs of folders (relative to each root) that hold no gateway, on top of each `.sagrc.json` `exclude`. */
  exclude?: readonly string[];
  /** Told of each root whose walk stopped at the limits with folders left unread (a gateway there is not found). */
  onLimitReached?: (root: string) => void;
}

interface ExcludeRule {
  base: string;
  matches: (relative: string) => boolean;
}

/** Every api-config.json under the roots (a root may also be the api-config.json itself), sorted, each once. */
export function discoverGateways(host: FileHost, roots: string | readonly string[], options: DiscoverOptions = {}): string[] {
  const found = new Set<string>();
  for (const rawRoot of typeof roots === 'string' ? [roots] : roots) {
    const root = normalizePath(rawRoot);
    if (basename(root) === CONFIG_FILE_NAME && host.readDirectory(root) === undefined) {
      if (host.readFile(root) !== undefined) found.add(root);
      continue;
    }
    const complete = walkWorkspace(host, root, options, (folder, entries) => {
      const name = fileNamed(entries, CONFIG_FILE_NAME, host.ignoresCase);
      if (name) found.add(joinPath(folder, name));
    });
    if (!complete) options.onLimitReached?.(root);
  }
  return [...found].sort();
}

/**
 * Breadth-first walk of the folders under `root`, skipping SKIPPED_FOLDERS and every folder an `exclude` glob
 * matches (the options' globs are relative to the root; a `.sagrc.json`'s are relative to its own folder). False when
 * it stopped at the limits (folder count or depth) with folders below left unread.
 */
export function walkWorkspace(
  host: FileHost,
  root: string,
  options: DiscoverOptions,
  visit: (folder: string, entries: { name: string; isDirectory: boolean }[]) => void,
): boolean {
  const maxDepth = options.maxDepth ?? DISCOVERY_LIMITS.maxDepth;
  const maxFolders = options.maxFolders ?? DISCOVERY_LIMITS.maxFolders;
  const rootRules = [...ancestorExcludeRules(host, root), ...excludeRules(root, options.exclude ?? [])];
  const queue: { folder: string; depth: number; rules: ExcludeRule[] }[] = [{ folder: root, depth: 0, rules: rootRules }];
  // A read index, not shift(): shifting moves the whole queue each time, and a wide tree queues 100,000s of folders.
  let next = 0;
  let visited = 0;
  let tooDeep = false;
  while (next < queue.length && visited < maxFolders) {
    const { folder, depth, rules: inherited } = queue[next++]!;
    visited++;
    const entries = host.readDirectory(folder);
    if (!entries) continue;
    let rules = inherited;
    if (entries.some((e) => !e.isDirectory && e.name === SAGRC_FILE_NAME)) {
      const own = sagrcExcludeRules(host, folder);
      if (own.length > 0) rules = [...rules, ...own];
    }
    visit(folder, entries);
    if (depth >= maxDepth) {
      tooDeep ||= entries.some((e) => e.isDirectory && !SKIPPED_FOLDERS.has(e.name));
      continue;
    }
    for (const entry of entries) {
      if (!entry.isDirectory || SKIPPED_FOLDERS.has(entry.name)) continue;
      const child = joinPath(folder, entry.name);
      if (rules.some((rule) => rule.matches(relativePath(rule.base, child)))) continue;
      queue.push({ folder: child, depth: depth + 1, rules });
    }
  }
  return next >= queue.length && !tooDeep;
}

/**
 * The `exclude` globs of each `.sagrc.json` in a folder above `root`: `sag check sub` must skip what `sag check`
 * (and the editor, which walks from the workspace folder) skips there. They apply below the root, never to the
 * root itself, which was asked for by name.
 */
function ancestorExcludeRules(host: FileHost, root: string): ExcludeRule[] {
  const rules: ExcludeRule[] = [];
  if (dirname(root) === root) return rules;
  for (let folder = dirname(root), depth = 0; depth < 256; folder = dirname(folder), depth++) {
    rules.push(...sagrcExcludeRules(host, folder));
    if (dirname(folder) === folder) break;
  }
  return rules;
}

/** The rules of the `exclude` globs of `folder`'s .sagrc.json, when it has one. */
function sagrcExcludeRules(host: FileHost, folder: string): ExcludeRule[] {
  const file = joinPath(folder, SAGRC_FILE_NAME);
  const text = host.readFile(file);
  const exclude = text === undefined ? undefined : parseSagRc(file, text).exclude;
  return exclude && exclude.length > 0 ? excludeRules(folder, exclude) : [];
}

function excludeRules(base: string, globs: readonly string[]): ExcludeRule[] {
  // A .sagrc.json's globs come checked (parseSagRc reports the ones refused); options.exclude's do not, and a throw
  // (or a glob that takes minutes) here would end the whole check: each is checked on its own, a refused one skipped.
  const matchers: ((path: string) => boolean)[] = [];
  for (const glob of globs) {
    const usable = typeof glob === 'string' ? excludeGlob(glob) : '';
    if (excludeGlobProblem(usable) === undefined) matchers.push(picomatch(usable, EXCLUDE_GLOB_OPTIONS));
  }
  if (matchers.length === 0) return [];
  const matcher = (relative: string): boolean => matchers.some((m) => m(relative));
  // `..` paths are outside the base: a .sagrc.json's globs only apply below its folder.
  return [{ base, matches: (relative) => !relative.startsWith('..') && matcher(relative) }];
}

export interface WranglerLookup {
  /** The file wrangler uses (first found in B.0 order), when there is one. */
  active?: string;
  /**
   * Every wrangler.json / wrangler.jsonc / wrangler.toml in the start folder and each of its parents, in B.0
   * lookup order (name first, then nearest folder first), so `candidates[0] === active`. More than one = SAG311.
   */
  candidates: string[];
}

/** SPEC B.0: for each name in turn (json, jsonc, toml), walk up from `startFolder`; the first file found wins. */
export function findWranglerConfig(host: FileHost, startFolder: string): WranglerLookup {
  const folders: string[] = [];
  for (let folder = normalizePath(startFolder); ; ) {
    folders.push(folder);
    const parent = dirname(folder);
    if (parent === folder || folders.length > 256) break;
    folder = parent;
  }
  const candidates: string[] = [];
  for (const name of WRANGLER_FILE_NAMES) {
    for (const folder of folders) {
      const file = joinPath(folder, name);
      if (!fileExists(host, file)) continue;
      // Found as `wrangler.toml` where case is ignored: named as on disk (`Wrangler.toml`), which editors show.
      const onDisk = host.ignoresCase ? fileNamed(host.readDirectory(folder) ?? [], name, true) : name;
      candidates.push(onDisk ? joinPath(folder, onDisk) : file);
    }
  }
  return { ...(candidates[0] ? { active: candidates[0] } : {}), candidates };
}

/** The wrangler config of each Worker folder under the roots (B.0 order within a folder), sorted. */
export function findWorkerConfigs(host: FileHost, roots: readonly string[], options: DiscoverOptions = {}): string[] {
  const found = new Set<string>();
  for (const rawRoot of roots) {
    walkWorkspace(host, normalizePath(rawRoot), { maxDepth: 8, maxFolders: 5_000, ...options }, (folder, entries) => {
      for (const wanted of WRANGLER_FILE_NAMES) {
        const name = fileNamed(entries, wanted, host.ignoresCase);
        if (!name) continue;
        found.add(joinPath(folder, name));
        break;
      }
    });
  }
  return [...found].sort();
}

/** The name on disk of the file `name` among a folder's entries (any spelling of it when case is ignored). */
function fileNamed(entries: readonly { name: string; isDirectory: boolean }[], name: string, ignoresCase = false): string | undefined {
  const exact = entries.find((e) => !e.isDirectory && e.name === name);
  if (exact || !ignoresCase) return exact?.name;
  return entries.find((e) => !e.isDirectory && e.name.toLowerCase() === name)?.name;
}

export function fileExists(host: FileHost, path: string): boolean {
  return host.version(path) !== undefined || host.readFile(path) !== undefined;
}
