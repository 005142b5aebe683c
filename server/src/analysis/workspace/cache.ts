// Per-file parse cache keyed by path + host.version(path): re-loading a project after one edit re-parses only
// the edited file. Folder scans (which have no version) are memoised until forgetListings() is called; values
// derived from several parses are kept while those parses are the same objects.
import type { FileHost } from '../host';
import { sameItems } from '../incremental/same-items';

interface CachedParse {
  version: string;
  value: unknown;
}

export class ProjectCache {
  private readonly parses = new Map<string, CachedParse>();
  private readonly listings = new Map<string, unknown>();
  private readonly derived = new Map<string, { inputs: readonly unknown[]; value: unknown }>();

  /**
   * The parse of `path` by `kind` (e.g. "wrangler", "module"), re-using the previous one while the host's version
   * is unchanged. undefined when the file does not exist.
   */
  parsed<T>(host: FileHost, path: string, kind: string, parse: (text: string) => T): T | undefined {
    const key = `${kind}\u0000${path}`;
    const version = host.version(path);
    if (version === undefined) {
      this.parses.delete(key);
      // Hosts without versions still get a (non-cached) parse.
      const text = host.readFile(path);
      return text === undefined ? undefined : parse(text);
    }
    const hit = this.parses.get(key);
    if (hit && hit.version === version) return hit.value as T;
    const text = host.readFile(path);
    if (text === undefined) {
      this.parses.delete(key);
      return undefined;
    }
    const value = parse(text);
    this.parses.set(key, { version, value });
    return value;
  }

  /** A folder-scan result memoised under `key` until forgetListings(). */
  listing<T>(key: string, scan: () => T): T {
    if (this.listings.has(key)) return this.listings.get(key) as T;
    const value = scan();
    this.listings.set(key, value);
    return value;
  }

  /**
   * The value made under `key` the last time, while its `inputs` are the same (===, item by item); else `make()`'s,
   * kept for next time. What is derived from unchanged parses keeps its identity (and whatever it computed lazily).
   */
  sameAsBefore<T>(key: string, inputs: readonly unknown[], make: () => T): T {
    const last = this.derived.get(key);
    if (last && sameItems(last.inputs, inputs)) return last.value as T;
    const value = make();
    this.derived.set(key, { inputs, value });
    return value;
  }

  /** Call when files were created or deleted (the LSP's didChangeWatchedFiles): scans run again. */
  forgetListings(): void {
    this.listings.clear();
  }

  /** Drop everything about one file (e.g. closed or deleted). */
  forget(path: string): void {
    for (const key of this.parses.keys()) if (key.endsWith(`\u0000${path}`)) this.parses.delete(key);
  }

  clear(): void {
    this.parses.clear();
    this.listings.clear();
    this.derived.clear();
  }
}
