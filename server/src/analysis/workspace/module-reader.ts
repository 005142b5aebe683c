// The ModuleReader rules use to look at service modules and Worker sources: parsed once per file version
// (through the ProjectCache), so a re-check after an unrelated edit costs nothing here.
import type { FileHost } from '../host';
import { parseModule } from '../parse/module';
import type { ModuleReader } from '../rules/rule';
import { ProjectCache } from './cache';
import { fileExists } from './discover';

export function createModuleReader(host: FileHost, cache: ProjectCache = new ProjectCache()): ModuleReader {
  return {
    fileExists: (path) => fileExists(host, path),
    read: (path) => cache.parsed(host, path, 'module', (text) => parseModule(path, text)),
    list: (folder) => host.readDirectory(folder)?.map((entry) => entry.name).sort(),
  };
}
