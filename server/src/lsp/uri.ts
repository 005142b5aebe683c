// The one place where `file://` URIs (LSP, SARIF) and engine paths meet (Windows drive letters, UNC shares, percent-encoding).
// vscode-uri is not a dependency; this is the subset of its rules that file URIs need.
import { normalizePath } from '../analysis/workspace/paths';

/** `file:///c%3A/work/gw/api-config.json` -> `C:/work/gw/api-config.json`; undefined for any other scheme. */
export function uriToPath(uri: string): string | undefined {
  const match = /^file:\/\/([^/]*)(\/.*)?$/i.exec(uri);
  if (!match) return undefined;
  const authority = decodeURIComponent(match[1] ?? '');
  let path: string;
  try {
    path = decodeURIComponent(match[2] ?? '/');
  } catch {
    return undefined;
  }
  // `/C:/x` and `/c:/x` carry a drive letter; the slash in front of it is the URI's, not the path's.
  if (/^\/[a-zA-Z]:/.test(path)) path = path.slice(1);
  // `file://server/share/x` is a UNC path; `file://localhost/x` is a local one.
  if (authority !== '' && authority.toLowerCase() !== 'localhost') return normalizePath(`//${authority}${path}`);
  return normalizePath(path);
}

/** The inverse, written the way VS Code writes it (`file:///c%3A/...`), so URIs we send compare equal to its own. */
export function pathToUri(path: string): string {
  let rest = path.replace(/\\/g, '/');
  let authority = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash === -1 ? '/' : rest.slice(slash);
  }
  let drive = '';
  const driveMatch = /^\/?([a-zA-Z]):(.*)$/.exec(rest);
  if (driveMatch) {
    drive = `/${driveMatch[1]!.toLowerCase()}%3A`;
    rest = driveMatch[2]!;
  }
  if (!rest.startsWith('/')) rest = `/${rest}`;
  const encoded = rest.split('/').map(encodeSegment).join('/');
  return `file://${authority}${drive}${drive && encoded === '/' ? '/' : encoded}`;
}

function encodeSegment(segment: string): string {
  // encodeURIComponent leaves !'()* alone; VS Code encodes them too, except where they are common in paths.
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
