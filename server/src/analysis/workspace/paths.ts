// The one place where file paths are normalised. Inside the engine every path is absolute and uses `/`:
// POSIX paths as they are, Windows paths with an upper-case drive letter (`C:/work/gw`) and UNC shares with their
// leading `//` (`//server/share/gw`), so rules can do path arithmetic the same way everywhere. A path's root (`/`,
// `C:/`, `//server/share/`) is kept by every function here: the upward searches stop at it, and `..` never climbs
// past it (plain posix arithmetic made `C:/proj` a child of `.`, and `//server/share` a child of `/server`).
import { posix, win32 } from 'node:path';

/** The root a path starts with: `/`, `C:/`, `//server/share/`, or '' (a relative path). */
function rootOf(path: string): string {
  const drive = /^[A-Z]:\//.exec(path);
  if (drive) return drive[0];
  const unc = /^\/\/([^/]+)\/([^/]+)(\/|$)/.exec(path);
  if (unc) return `//${unc[1]}/${unc[2]}/`;
  return path.startsWith('/') ? '/' : '';
}

/** Normalise an OS path (either separator) to the engine's form. */
export function normalizePath(osPath: string): string {
  let p = osPath.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(p)) {
    // `C:` and `C:x` (drive-relative, which nothing here means) are read from the drive's root.
    p = `${p[0]!.toUpperCase()}:/${p.slice(2).replace(/^\/+/, '')}`;
  } else if (/^\/\/[^/]/.test(p)) {
    const unc = /^\/\/([^/]+)(?:\/+([^/]+))?(.*)$/.exec(p)!;
    if (unc[2] === undefined) return `//${unc[1]}/`;
    p = `//${unc[1]}/${unc[2]}/${unc[3]!.replace(/^\/+/, '')}`;
  }
  const root = rootOf(p);
  if (root === '') {
    const relative = posix.normalize(p);
    return relative.length > 1 && relative.endsWith('/') ? relative.slice(0, -1) : relative;
  }
  // Below the root, posix rules apply; `..` at the root stays at the root.
  const below = posix.normalize(`/${p.slice(root.length)}`).slice(1);
  return below === '' ? root : `${root}${below.endsWith('/') ? below.slice(0, -1) : below}`;
}

export function joinPath(base: string, ...parts: string[]): string {
  let joined = base;
  for (const part of parts) {
    if (part === '') continue;
    joined = joined === '' ? part : `${joined.replace(/\/+$/, '')}/${part.replace(/^[\\/]+/, '')}`;
  }
  return normalizePath(joined);
}

export function resolvePath(base: string, relative: string): string {
  const rel = relative.replace(/\\/g, '/');
  if (rel.startsWith('/') || /^[a-zA-Z]:\//.test(rel)) return normalizePath(rel);
  return joinPath(base, rel);
}

export function dirname(path: string): string {
  const root = rootOf(path);
  const below = path.slice(root.length);
  if (below === '') return root === '' ? '.' : root;
  const slash = below.lastIndexOf('/');
  return slash < 0 ? root || '.' : `${root}${below.slice(0, slash)}`;
}

export function basename(path: string): string {
  return posix.basename(path);
}

/**
 * `to` relative to `from` with `/` separators, or `to` itself when no relative path leads there (another drive or
 * share). Drive and UNC paths are Windows paths, compared without regard to case as Windows does.
 */
function relativeOrAbsolute(from: string, to: string): string {
  const fromRoot = rootOf(from);
  const toRoot = rootOf(to);
  if ((fromRoot === '/' && toRoot === '/') || fromRoot === '' || toRoot === '') return posix.relative(from, to);
  if (fromRoot === '/' || toRoot === '/' || fromRoot.toLowerCase() !== toRoot.toLowerCase()) return to;
  return win32.relative(from, to).replace(/\\/g, '/');
}

/** Relative path with `/` separators, as shown to users and written into JSON output (absolute across drives). */
export function relativePath(from: string, to: string): string {
  const rel = relativeOrAbsolute(from, to);
  return rel === '' ? '.' : rel;
}

export function isInside(folder: string, path: string): boolean {
  const rel = relativeOrAbsolute(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('../') && rootOf(rel) === '';
}

/** `path` is `folder` itself or inside it. */
export function isAtOrInside(folder: string, path: string): boolean {
  return folder === path || isInside(folder, path);
}

/** A key under which paths naming the same file are equal: Windows paths (drive, UNC) without regard to case. */
export function pathKey(path: string): string {
  const root = rootOf(path);
  return root === '' || root === '/' ? path : path.toLowerCase();
}
