// Test entry to the whole engine: an in-memory workspace (a file map or a fixture string) -> loaded project ->
// findings, exactly as the CLI runs it but without a disk.
import { analyzeProject, type AnalysisOptions } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/findings';
import { MemoryFileHost } from '../../server/src/analysis/host';
import type { GatewayProject } from '../../server/src/analysis/model';
import type { ModuleReader } from '../../server/src/analysis/rules/rule';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject, type LoadProjectOptions } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { fixture } from './fixture';

export { fixture } from './fixture';

export interface FixtureOptions extends AnalysisOptions, LoadProjectOptions {
  /** The api-config.json to check; default: the only one in the files. */
  configFile?: string;
}

export interface LoadedFixture {
  host: MemoryFileHost;
  cache: ProjectCache;
  project: GatewayProject;
  modules: ModuleReader;
}

/** Files as a path -> text map, or a fixture string (`//- /gw/api-config.json` lines). */
export type FixtureFiles = Record<string, string> | string;

export function loadFixture(files: FixtureFiles, options: FixtureOptions = {}): LoadedFixture {
  const map = typeof files === 'string' ? fixture(files).files : files;
  const host = new MemoryFileHost(map);
  const cache = new ProjectCache();
  const configFile = options.configFile ?? onlyConfigFile(Object.keys(map));
  // The whole in-memory tree is the workspace, so Workers anywhere in it are bound-Worker targets.
  const project = loadProject(host, configFile, cache, { workspaceRoots: options.workspaceRoots ?? ['/'], ...(options.wranglerConfig !== undefined ? { wranglerConfig: options.wranglerConfig } : {}) });
  return { host, cache, project, modules: createModuleReader(host, cache) };
}

export function checkFixture(files: FixtureFiles, options: FixtureOptions = {}): Finding[] {
  const { project, modules } = loadFixture(files, options);
  return analyzeProject(project, modules, options);
}

/** Findings of one code, for focused assertions. */
export function findingsOf(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

function onlyConfigFile(paths: string[]): string {
  const configs = paths.filter((p) => p.endsWith('/api-config.json'));
  if (configs.length !== 1) throw new Error(`checkFixture: expected exactly one api-config.json, found ${configs.length} (${configs.join(', ')}); pass options.configFile`);
  return configs[0]!;
}
