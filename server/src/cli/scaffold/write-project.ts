// Writes a rendered template into a folder without ever changing an existing file: new files are created, files
// that are already there are kept and reported (so `sag init --force` in a used folder only adds).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ProjectWrite {
  written: string[];
  kept: string[];
}

export function writeProjectFiles(root: string, files: ReadonlyMap<string, string>): ProjectWrite {
  const result: ProjectWrite = { written: [], kept: [] };
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
