// loadProject: one api-config.json -> the GatewayProject every rule reads (its .sagrc.json, the wrangler config
// wrangler would use, .dev.vars*, the detected runtime and the other Workers of the workspace).
// Reads only through the FileHost; with a ProjectCache, unchanged files are not parsed again.
import type { FileHost } from '../host';
import type { ConfigDocument, DevVarsFile, GatewayProject, OtherWorkers, SagRc, WranglerConfig } from '../model';
import { parseConfigDocument } from '../parse/config-document';
import { devVarsEnvironmentOf, parseDevVars } from '../parse/dev-vars';
import { parseModule } from '../parse/module';
import { parseSagRc, SAGRC_FILE_NAME } from '../parse/sagrc';
import { parseWranglerConfig } from '../parse/wrangler';
import { ProjectCache } from './cache';
import { detectRuntime } from './detect-runtime';
import { fileExists, findWorkerConfigs, findWranglerConfig } from './discover';
import { dirname, isAtOrInside, isInside, joinPath, resolvePath } from './paths';
import { WorkspaceWorkers, type FoundWorker } from './workspace-workers';
import { EMPTY_RANGE } from '../text/line-index';

export interface LoadProjectOptions {
  /**
   * The workspace (the editor's workspace folders, the folders `sag check` was given): those holding the gateway are
   * searched for other Workers' wrangler configs (bound-Worker targets, SAG304/SAG121), besides the folder around
   * the gateway's Worker (workerSearchRoots).
   */
  workspaceRoots?: readonly string[];
  /** A wrangler config chosen outside .sagrc.json (CLI `--config`, editor setting); .sagrc.json still wins. */
  wranglerConfig?: string;
  /** An already parsed api-config.json (the language server's incrementally updated document). */
  configDocument?: ConfigDocument;
  /**
   * The Workers found under each set of roots, shared by the gateways of one check, during which no file changes:
   * each gateway looked at every other Worker config again (a version stat and a main-file stat each), which
   * grew with the square of the gateways in one folder. Without it every load looks afresh.
   */
  workersOfRoots?: Map<string, WorkspaceWorkers>;
}

export function loadProject(host: FileHost, configFile: string, cache?: ProjectCache, options: LoadProjectOptions = {}): GatewayProject {
  // Without a cache every call reads afresh (no hidden state); front-ends that re-check pass one ProjectCache.
  const files = cache ?? new ProjectCache();
  const root = dirname(configFile);
  const config =
    options.configDocument ??
    files.parsed(host, configFile, 'config', (text) => parseConfigDocument(configFile, text, host.readProblem?.(configFile))) ??
    { ...parseConfigDocument(configFile, ''), unreadable: host.readProblem?.(configFile) ?? `${configFile} does not exist` };

  const sagrcFile = joinPath(root, SAGRC_FILE_NAME);
  const parsedSagrc = files.parsed(host, sagrcFile, 'sagrc', (text) => parseSagRc(sagrcFile, text));
  // Problems found here (a wranglerConfig that does not exist) must not leak into the cached parse.
  const sagrc: SagRc | undefined = parsedSagrc ? { ...parsedSagrc, problems: [...parsedSagrc.problems] } : unreadableSagrc(sagrcFile, host.readProblem?.(sagrcFile));

  const { wranglerFile, candidates } = chooseWrangler(host, root, sagrc, options);
  const wrangler = wranglerFile ? files.parsed(host, wranglerFile, 'wrangler', (text) => parseWranglerConfig(wranglerFile, text)) : undefined;
  // There, but not read: said as such (SAG315), not as "no wrangler config" (SAG314), which would send the user
  // looking for a file that exists.
  const wranglerUnreadable = wranglerFile && !wrangler ? { file: wranglerFile, problem: host.readProblem?.(wranglerFile) ?? 'it cannot be read' } : undefined;

  const mainFile = wrangler ? mainFileOf(host, wrangler) : undefined;
  const mainModule = mainFile ? files.parsed(host, mainFile, 'module', (text) => parseModule(mainFile, text)) : undefined;
  const detectedRuntime = sagrc?.runtime ?? detectRuntime(wrangler, mainFile, mainModule);

  return {
    root,
    config,
    ...(sagrc ? { sagrc } : {}),
    ...(wrangler ? { wrangler } : {}),
    wranglerCandidates: candidates,
    ...(wranglerUnreadable ? { wranglerUnreadable } : {}),
    devVars: loadDevVars(host, files, wrangler ? dirname(wrangler.file) : root),
    detectedRuntime,
    workers: loadWorkers(host, files, root, wranglerFile, candidates, options),
  };
}

/** A .sagrc.json that is there but could not be read: its settings do not apply, which SAG001 says. */
function unreadableSagrc(file: string, problem: string | undefined): SagRc | undefined {
  if (problem === undefined) return undefined;
  return { file, problems: [{ message: `.sagrc.json cannot be read (${problem}); none of its settings apply`, range: EMPTY_RANGE }], codeMentions: [] };
}

function chooseWrangler(host: FileHost, root: string, sagrc: SagRc | undefined, options: LoadProjectOptions): { wranglerFile?: string; candidates: string[] } {
  const override = sagrc?.wranglerConfig !== undefined ? resolvePath(root, sagrc.wranglerConfig) : options.wranglerConfig !== undefined ? resolvePath(root, options.wranglerConfig) : undefined;
  if (override !== undefined) {
    // Like `wrangler --config`: the lookup does not run, so no other file competes with it.
    if (fileExists(host, override)) return { wranglerFile: override, candidates: [override] };
    if (sagrc?.wranglerConfig !== undefined) {
      // A folder (`config.toml/`): wrangler's --config wants the file itself.
      const what = host.readDirectory(override) !== undefined ? 'which is a folder, not a file' : 'which does not exist';
      sagrc.problems.push({ message: `\`wranglerConfig\` points to ${override}, ${what}; fix the path or remove the key to use wrangler's own lookup`, range: sagrc.wranglerConfigRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    }
    return { candidates: [] };
  }
  const lookup = findWranglerConfig(host, root);
  return { ...(lookup.active ? { wranglerFile: lookup.active } : {}), candidates: lookup.candidates };
}

/** The top-level `main`, resolved against the wrangler config's folder, when that file exists. */
export function mainFileOf(host: FileHost, wrangler: WranglerConfig): string | undefined {
  const main = wrangler.environments[0]?.main?.value;
  if (!main) return undefined;
  const file = resolvePath(dirname(wrangler.file), main);
  return fileExists(host, file) ? file : undefined;
}

/** `.dev.vars`, `.dev.vars.<env>`, `.env`, `.env.<env>` beside the wrangler config, in name order. */
function loadDevVars(host: FileHost, files: ProjectCache, folder: string): DevVarsFile[] {
  const names = (host.readDirectory(folder) ?? [])
    .filter((e) => !e.isDirectory && devVarsEnvironmentOf(e.name) !== null)
    .map((e) => e.name)
    .sort();
  const out: DevVarsFile[] = [];
  for (const name of names) {
    const file = joinPath(folder, name);
    const parsed = files.parsed(host, file, 'dev-vars', (text) => parseDevVars(file, text));
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Where the other Workers of the gateway in `root` are searched for: its parent folder, unless that is a filesystem root. */
/**
 * Where the Workers a gateway binds are looked for: the folder around the gateway's Worker, that is the parent of
 * the folder holding its wrangler config (above api-config.json in upstream's `src/` layout, where the parent of
 * `src/` is the Worker's own folder), or of the gateway's folder (the folder itself when that parent is a
 * filesystem root); and each workspace root that holds the gateway, so a Worker anywhere in the workspace is found.
 * A folder inside another one searched is left out.
 */
export function workerSearchRoots(root: string, options: LoadProjectOptions = {}, wranglerFile?: string): readonly string[] {
  const workerFolder = wranglerFile !== undefined && isInside(dirname(wranglerFile), root) ? dirname(wranglerFile) : root;
  const parent = dirname(workerFolder);
  const around = parent === workerFolder || dirname(parent) === parent ? workerFolder : parent;
  const roots = [...new Set([around, ...(options.workspaceRoots ?? []).filter((r) => isAtOrInside(r, root))])];
  return roots.filter((r) => !roots.some((other) => other !== r && isAtOrInside(other, r))).sort();
}

function loadWorkers(host: FileHost, files: ProjectCache, root: string, wranglerFile: string | undefined, ownCandidates: readonly string[], options: LoadProjectOptions): OtherWorkers {
  const roots = workerSearchRoots(root, options, wranglerFile);
  const key = roots.join('\u0000');
  let found = options.workersOfRoots?.get(key);
  if (!found) {
    found = workersUnder(host, files, roots, key);
    options.workersOfRoots?.set(key, found);
  }
  return found.without(ownCandidates);
}

/** Every Worker under the roots: its wrangler config, name, main module (parsed once per version). */
function workersUnder(host: FileHost, files: ProjectCache, roots: readonly string[], key: string): WorkspaceWorkers {
  const configs = files.listing(`workers\u0000${key}`, () => findWorkerConfigs(host, roots));
  const workers: FoundWorker[] = [];
  for (const file of configs) {
    const wrangler = files.parsed(host, file, 'wrangler', (text) => parseWranglerConfig(file, text));
    if (!wrangler) continue;
    const mainFile = mainFileOf(host, wrangler);
    const module = mainFile ? files.parsed(host, mainFile, 'module', (text) => parseModule(mainFile, text)) : undefined;
    workers.push({
      file,
      worker: {
        wrangler,
        ...(wrangler.name ? { name: wrangler.name.value } : {}),
        ...(mainFile ? { mainFile } : {}),
        ...(module ? { module } : {}),
      },
    });
  }
  // While every parse is the one of last time, the Workers are last time's too (and their name index with them).
  const inputs: unknown[] = [];
  for (const { file, worker } of workers) inputs.push(file, worker.wrangler, worker.mainFile, worker.module);
  return files.sameAsBefore(`workers\u0000${key}`, inputs, () => new WorkspaceWorkers(workers));
}
