// FileHost over node:fs for the CLI and the language server (the engine itself never imports fs).
// Synchronous on purpose: the engine is synchronous, and the reads are small local files.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import type { DirectoryEntry, FileHost } from '../analysis/host';
import { normalizePath } from '../analysis/workspace/paths';

/**
 * Files above this are not read at all (they count as absent): every parser refuses far smaller input, and
 * reading gigabytes would only cost memory. Below it, the parsers' own size limits give the clear message.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/** Refuses invalid UTF-8 instead of replacing it; keeps a byte order mark in the text (readFile drops it). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class NodeFileHost implements FileHost {
  /** The default file systems of macOS (APFS) and Windows (NTFS) ignore case; Linux's do not. */
  readonly ignoresCase = process.platform === 'darwin' || process.platform === 'win32';

  /** readProblem's answers, by path, from each file's last read. */
  private readonly problems = new Map<string, string>();

  readFile(path: string): string | undefined {
    this.problems.delete(path);
    try {
      const stat = statSync(toOsPath(path), { throwIfNoEntry: false });
      if (!stat || !stat.isFile()) return undefined;
      if (stat.size > MAX_READ_BYTES) {
        this.problems.set(path, `the file is ${stat.size} bytes, larger than the ${MAX_READ_BYTES} bytes this checker reads`);
        return undefined;
      }
      const bytes = readFileSync(toOsPath(path));
      let text: string;
      try {
        text = STRICT_UTF8.decode(bytes);
      } catch {
        // Still read (a syntax check of the rest is worth having), but never taken for the file's exact text.
        text = bytes.toString('utf8');
        this.problems.set(path, 'the file is not valid UTF-8');
      }
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch (error) {
      // Gone between the stat and the read is absent; anything else (permission denied, an I/O error) is a file
      // that is there and could not be read, which the checks must say rather than call it missing.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.problems.set(path, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : `the file cannot be read: ${code ?? String(error)}`);
      return undefined;
    }
  }

  readProblem(path: string): string | undefined {
    return this.problems.get(path);
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    let entries: Dirent[];
    try {
      entries = readdirSync(toOsPath(path), { withFileTypes: true });
    } catch {
      return undefined;
    }
    const out: DirectoryEntry[] = [];
    for (const entry of entries) {
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        // Follow links to files; links to folders are not walked (they can form cycles).
        try {
          const target = statSync(`${toOsPath(path)}/${entry.name}`);
          if (target.isDirectory()) continue;
          isDirectory = false;
        } catch {
          continue;
        }
      } else if (!isDirectory && !entry.isFile()) {
        continue;
      }
      out.push({ name: entry.name, isDirectory });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  version(path: string): string | undefined {
    try {
      const stat = statSync(toOsPath(path), { throwIfNoEntry: false });
      return stat && stat.isFile() ? `${stat.mtimeMs}:${stat.size}` : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Engine paths are '/'-separated; Node accepts them on Windows too (`C:/work/gw`). */
function toOsPath(path: string): string {
  return normalizePath(path);
}
