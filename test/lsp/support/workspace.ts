// Temporary workspaces for protocol tests: a fixture string or an example folder copied under the OS temp
// folder (the server reads files from disk, so tests need real files), removed after the test.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { normalizePath } from '../../../server/src/analysis/workspace/paths';
import { REPO_ROOT } from './lsp-session';

export interface TempWorkspace {
  root: string;
  path(relative: string): string;
  write(relative: string, text: string): string;
  remove(): void;
}

function make(): TempWorkspace {
  // One folder down in a temp folder of its own: the server also looks for bound Workers beside a gateway (in the
  // parent of its folder), which must not be the shared temp folder and whatever other processes left there.
  const own = realpathSync(mkdtempSync(join(tmpdir(), 'sag-lsp-')));
  const root = normalizePath(join(own, 'ws'));
  mkdirSync(root);
  return {
    root,
    path: (relative) => normalizePath(join(root, relative)),
    write(relative, text) {
      const file = normalizePath(join(root, relative));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(own, { recursive: true, force: true }),
  };
}

/** Files by path relative to the workspace root. */
export function tempWorkspace(files: Record<string, string>): TempWorkspace {
  const ws = make();
  for (const [relative, text] of Object.entries(files)) ws.write(relative, text);
  return ws;
}

/** A copy of examples/NAME. */
export function copyExample(name: string): TempWorkspace {
  const ws = make();
  cpSync(join(REPO_ROOT, 'examples', name), ws.root, { recursive: true });
  return ws;
}
