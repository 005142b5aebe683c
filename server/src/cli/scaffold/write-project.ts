// Writes a rendered template into a folder without ever changing an existing file: new files are created, files
// that are already there are kept and reported (so `sag init --force` in a used folder only adds).
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ProjectWrite {
  written: string[];
  kept: string[];
}

/**
 * `written` is filled as the files are written, so a caller whose write failed halfway can say what is there now
 * (pass its own list to keep it across a throw).
 */
export function writeProjectFiles(root: string, files: ReadonlyMap<string, string>, written: string[] = []): ProjectWrite {
  const result: ProjectWrite = { written, kept: [] };
  for (const [relative, text] of files) {
    const target = join(root, relative);
    if (existsSync(target)) {
      result.kept.push(relative);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    // 'wx': a file that appears between the check and the write is still never overwritten.
    try {
      writeFileSync(target, text, { flag: 'wx' });
      result.written.push(relative);
    } catch (error) {
      // Only a file that is there is kept; any other failure (no permission, a full disk) is the caller's to report.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      result.kept.push(relative);
    }
  }
  return result;
}

/**
 * The first folder (relative, `/`-separated) that writing `relativePaths` into `root` needs but that exists as
 * something else, e.g. a file named `services` where the template puts `services/hello.js`. Checked before writing
 * anything: `sag init` must not leave half a project and then blame the folder's permissions.
 */
export function blockedFolder(root: string, relativePaths: Iterable<string>): string | undefined {
  const checked = new Set<string>();
  for (const relative of relativePaths) {
    const parts = relative.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (checked.has(folder)) continue;
      checked.add(folder);
      let stat: ReturnType<typeof statSync> | undefined;
      try {
        stat = statSync(join(root, folder), { throwIfNoEntry: false });
      } catch {
        stat = undefined; // unreadable: the write says why
      }
      if (stat && !stat.isDirectory()) return folder;
    }
  }
  return undefined;
}

/** Local secrets start as the template's example values, so `npm run dev` works at once (.dev.vars is git-ignored). */
export function localDevVars(files: ReadonlyMap<string, string>): Map<string, string> {
  const example = files.get('.dev.vars.example');
  return example === undefined ? new Map() : new Map([['.dev.vars', example]]);
}

/** Names in the folder (empty when it does not exist). */
export function folderEntries(root: string): string[] {
  try {
    return readdirSync(root);
  } catch {
    return [];
  }
}
