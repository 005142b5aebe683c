// The language server's findings cache on disk: the findings of the workspace check at start, stored with the
// digests of everything that check read (recorded-inputs.ts), so that opening the same workspace again shows its
// problems before the engine has run (a 10,000-path gateway takes ~0.5 s to check in a fresh process). One file
// per workspace (its folders and analysis options), written whole and renamed into place; the oldest go past
// MAX_ENTRIES. Any unreadable, foreign or stale file is a miss, never an error.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../analysis/findings';
import { digestOf, type RecordedInputs } from './recorded-inputs';

const FORMAT = 1;
const MAX_ENTRIES = 32;
/** Every entry's name starts so: pruning touches nothing else in the folder (a user may point it at a shared one). */
const ENTRY_PREFIX = 'sag-findings-';

export interface CachedGateway {
  configFile: string;
  /** The editor settings of its check, as the server keys them (Gateway.settingsKey). */
  settingsKey: string;
  findings: Finding[];
}

export interface CachedWorkspace {
  inputs: RecordedInputs;
  gateways: CachedGateway[];
}

interface StoredEntry {
  format: number;
  engine: string;
  key: string;
  inputs: [string, string | null][];
  gateways: CachedGateway[];
}

/**
 * Where the cache lives: `SAG_CACHE_DIR` when set ("off" or empty: no cache), else the client's choice
 * (initializationOptions.cacheDirectory; null turns it off), else the platform's user cache folder.
 */
export function cacheDirectory(requested: string | null | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const fromEnv = env.SAG_CACHE_DIR;
  if (fromEnv !== undefined) return fromEnv === '' || fromEnv === 'off' ? undefined : fromEnv;
  if (requested === null) return undefined;
  if (typeof requested === 'string' && requested !== '') return requested;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'sag', 'Cache') : undefined;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'sag');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sag');
}

function isStoredEntry(value: unknown): value is StoredEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Partial<StoredEntry>;
  return (
    entry.format === FORMAT &&
    typeof entry.engine === 'string' &&
    typeof entry.key === 'string' &&
    Array.isArray(entry.inputs) &&
    entry.inputs.every((i) => Array.isArray(i) && typeof i[0] === 'string' && (typeof i[1] === 'string' || i[1] === null)) &&
    Array.isArray(entry.gateways) &&
    entry.gateways.every((g) => g && typeof g.configFile === 'string' && typeof g.settingsKey === 'string' && Array.isArray(g.findings))
  );
}

export class FindingsCache {
  /**
   * @param directory where the entries go (created on the first write)
   * @param engine what produced the findings (the server bundle's digest): another build's entries are misses
   */
  constructor(
    readonly directory: string,
    private readonly engine: string,
  ) {}

  private fileFor(key: string): string {
    return join(this.directory, `${ENTRY_PREFIX}${digestOf(key).replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}.json`);
  }

  /** The entry stored under `key` by this engine, or undefined (none, unreadable, another engine's or format). */
  read(key: string): CachedWorkspace | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.fileFor(key), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isStoredEntry(parsed) || parsed.engine !== this.engine || parsed.key !== key) return undefined;
    return { inputs: new Map(parsed.inputs), gateways: parsed.gateways };
  }

  /** Store an entry (replacing the one under `key`). Throws on a file-system error: the caller logs it. */
  write(key: string, workspace: CachedWorkspace): void {
    const entry: StoredEntry = { format: FORMAT, engine: this.engine, key, inputs: [...workspace.inputs], gateways: workspace.gateways };
    mkdirSync(this.directory, { recursive: true });
    const file = this.fileFor(key);
    // Written aside and renamed: a reader (another window's server) sees the old entry or the new one, whole.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
    this.prune(file);
  }

  /** An entry was of use: it counts as new for pruning (a workspace opened every day is not the oldest). */
  used(key: string): void {
    const now = new Date();
    try {
      utimesSync(this.fileFor(key), now, now);
    } catch {
      // Gone meanwhile (another server pruned it): nothing to keep.
    }
  }

  /** Keep the newest MAX_ENTRIES entries (one per workspace opened lately), and no write left half done. */
  private prune(keep: string): void {
    const ours = readdirSync(this.directory).filter((name) => name.startsWith(ENTRY_PREFIX));
    const entries = ours
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(this.directory, name))
      .filter((file) => file !== keep)
      .map((file) => ({ file, mtime: statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
      .sort((a, b) => b.mtime - a.mtime);
    const stale = entries.slice(MAX_ENTRIES - 1).map((e) => e.file);
    // A temporary file an hour old: its server stopped between the write and the rename.
    const hourAgo = Date.now() - 3_600_000;
    for (const name of ours) {
      if (!name.endsWith('.tmp')) continue;
      const file = join(this.directory, name);
      if ((statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < hourAgo) stale.push(file);
    }
    // Another server may prune the same folder at the same time: a file already gone is fine.
    for (const file of stale) rmSync(file, { force: true });
  }
}
