// The engine's only window on the outside world. Front-ends pass an implementation
// (Node file system, LSP open documents over it, or memory in tests); the engine never imports `fs`.

export interface DirectoryEntry {
  name: string;
  isDirectory: boolean;
}

export interface FileHost {
  /** Text of the file, or undefined when it does not exist or is a directory. Paths are normalised (workspace/paths.ts). */
  readFile(path: string): string | undefined;
  /** Entries of a folder, or undefined when it does not exist. */
  readDirectory(path: string): DirectoryEntry[] | undefined;
  /** A number that changes whenever the file's text changes (mtime, LSP version, counter); undefined when missing. */
  version(path: string): string | undefined;
  /**
   * Why the last readFile of `path` did not give the file's exact text: it gave undefined for a file that exists
   * (too large to read), or a text that is not the file's bytes (invalid UTF-8, decoded with U+FFFD in their place:
   * writing that text back would change them). Undefined when the read was exact or the file is missing.
   */
  readProblem?(path: string): string | undefined;
  /**
   * File names compare without regard to case, as on macOS and Windows by default: wrangler (and any file read)
   * finds `Wrangler.toml` as `wrangler.toml` there, so discovery must too, under the name on disk.
   */
  readonly ignoresCase?: boolean;
}

/** In-memory host for tests and for the CLI's `--fix` re-check. Keys are normalised absolute paths. */
export class MemoryFileHost implements FileHost {
  private readonly files = new Map<string, string>();
  private readonly versions = new Map<string, number>();
  private counter = 0;

  readonly ignoresCase: boolean;

  /** `ignoresCase`: look files up as a macOS or Windows file system does (listings keep the names as given). */
  constructor(files: Record<string, string> = {}, options: { ignoresCase?: boolean } = {}) {
    this.ignoresCase = options.ignoresCase ?? false;
    for (const [path, text] of Object.entries(files)) this.set(path, text);
  }

  set(path: string, text: string): void {
    this.files.set(path, text);
    this.versions.set(path, ++this.counter);
  }

  delete(path: string): void {
    this.files.delete(path);
    this.versions.delete(path);
  }

  readFile(path: string): string | undefined {
    return this.files.get(this.stored(path));
  }

  version(path: string): string | undefined {
    const v = this.versions.get(this.stored(path));
    return v === undefined ? undefined : String(v);
  }

  /** The key `path` is stored under (another spelling of it when case is ignored). */
  private stored(path: string): string {
    if (!this.ignoresCase || this.files.has(path)) return path;
    const wanted = path.toLowerCase();
    for (const key of this.files.keys()) if (key.toLowerCase() === wanted) return key;
    return path;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const entries = new Map<string, boolean>();
    for (const file of this.files.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) entries.set(rest, false);
      else entries.set(rest.slice(0, slash), true);
    }
    if (entries.size === 0) return undefined;
    return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
  }

  paths(): string[] {
    return [...this.files.keys()];
  }
}
