// The one place where file paths are normalised. Inside the engine every path is absolute and uses `/`
// (Windows paths keep their drive letter: `C:/work/gw`), so rules can use posix path arithmetic everywhere.
import { posix } from 'node:path';

/** Normalise an OS path (either separator) to the engine's form. */
export function normalizePath(osPath: string): string {
  let p = osPath.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(p)) p = p[0]!.toUpperCase() + p.slice(1);
  const normal = posix.normalize(p);
  return normal.length > 1 && normal.endsWith('/') && !/^[A-Z]:\/$/.test(normal) ? normal.slice(0, -1) : normal;
}

export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath(posix.join(base, ...parts));
}

export function resolvePath(base: string, relative: string): string {
  const rel = relative.replace(/\\/g, '/');
  if (rel.startsWith('/') || /^[a-zA-Z]:\//.test(rel)) return normalizePath(rel);
  return normalizePath(posix.join(base, rel));
}

export function dirname(path: string): string {
  return posix.dirname(path);
}

export function basename(path: string): string {
  return posix.basename(path);
}

/** Relative path with `/` separators, as shown to users and written into JSON output. */
export function relativePath(from: string, to: string): string {
  const rel = posix.relative(from, to);
  return rel === '' ? '.' : rel;
}

export function isInside(folder: string, path: string): boolean {
  const rel = posix.relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !posix.isAbsolute(rel);
}
