// What the checks read: a FileHost decorator that records every answer it gives them, its snapshot as digests, and
// the test that every recorded answer still holds. The findings cache (findings-cache.ts) stores a workspace
// check's findings under these inputs, so they are trusted again only when each file, listing and existence the
// engine saw reads the same (the engine reads nothing but through its FileHost).
import { createHash } from 'node:crypto';
import type { DirectoryEntry, FileHost } from '../analysis/host';
import { dirname } from '../analysis/workspace/paths';

/** Recorded answers, `op \0 path` -> digest (null: undefined). Ops: f readFile, d readDirectory, v version, p readProblem. */
export type RecordedInputs = ReadonlyMap<string, string | null>;

type Op = 'f' | 'd' | 'v' | 'p';

export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

function listingDigest(entries: readonly DirectoryEntry[] | undefined): string | null {
  if (!entries) return null;
  let text = '';
  for (const entry of entries) text += `${entry.isDirectory ? 'd' : 'f'}${entry.name}\u0000`;
  return digestOf(text);
}

/**
 * A version as recorded: the digest of the content it stands for, not its value (mtimes differ between runs);
 * "exists" for a file there but unreadable, null for none.
 */
function versionAnswer(exists: boolean, text: string | undefined, digest: (text: string) => string): string | null {
  if (!exists) return null;
  return text === undefined ? 'exists' : digest(text);
}

/** The digest of one operation's answer now. */
function answerNow(host: FileHost, op: Op, path: string): string | null {
  switch (op) {
    case 'f': {
      const text = host.readFile(path);
      return text === undefined ? null : digestOf(text);
    }
    case 'v':
      return versionAnswer(host.version(path) !== undefined, host.readFile(path), digestOf);
    case 'd':
      return listingDigest(host.readDirectory(path));
    case 'p':
      return host.readProblem?.(path) ?? null;
  }
}

/** What the host answered: a version or problem as given (undefined: none); a text as given or digested; a listing as its digest. */
type RawAnswer = string | null | undefined | Digested;

/** A text recorded as its digest. */
class Digested {
  constructor(readonly digest: string) {}
}

/**
 * Texts up to this long are recorded as digests at once (a module, a wrangler config: hashed in well under a
 * millisecond); longer ones as the text itself, digested at the snapshot. A large text is nearly always the open
 * api-config.json, which each keystroke's check reads again and which the editor's document keeps alive anyway;
 * small ones are kept alive by nothing else, and a monorepo's thousands of them would be held for the server's life.
 */
const KEPT_TEXT_LENGTH = 64 * 1024;

/** A snapshot of the record: the digests of every answer, or the first path that reads differently now. */
export type RecordSnapshot = { inputs: RecordedInputs } | { changed: string };

/**
 * Records, while a check runs (recordWhile), the latest answer the host gave for each file, listing, version and
 * read problem, for as long as the server lives: each check of an edit adds what it read again, so the record
 * always ends in what the findings were last computed from. A large text is kept as given, not digested: a
 * keystroke's check reads the 3 MB config again, and hashing it each time would cost ~5 ms per keystroke. A
 * version is kept as the version: the content it stands for is digested at the snapshot, when the version still
 * matches (mtimes differ between runs; what the cache keys on must not).
 */
export class RecordingFileHost implements FileHost {
  private readonly answers = new Map<string, RawAnswer>();
  private enabled = false;
  private depth = 0;

  constructor(private readonly inner: FileHost) {}

  get ignoresCase(): boolean {
    return this.inner.ignoresCase ?? false;
  }

  /** Record from now on, within recordWhile (no findings cache: never, and nothing is kept). */
  enable(): void {
    this.enabled = true;
  }

  /** Run `check`, recording what it reads. */
  recordWhile<T>(check: () => T): T {
    if (!this.enabled) return check();
    this.depth++;
    try {
      return check();
    } finally {
      this.depth--;
    }
  }

  private note(op: Op, path: string, answer: RawAnswer): void {
    if (this.depth > 0) this.answers.set(`${op}\u0000${path}`, answer);
  }

  /**
   * The record as digests when every answer in it still reads the same through `host` (then the findings of the
   * checks that read them stand for what is there now), else the first path that does not.
   */
  snapshot(host: FileHost): RecordSnapshot {
    const inputs = new Map<string, string | null>();
    // A version and a read of the same file digest one text.
    const digests = new Map<string, string>();
    const digest = (text: string): string => {
      let known = digests.get(text);
      if (known === undefined) digests.set(text, (known = digestOf(text)));
      return known;
    };
    for (const [key, answer] of this.answers) {
      const op = key[0] as Op;
      const path = key.slice(2);
      let now: string | null;
      switch (op) {
        case 'f': {
          const text = host.readFile(path);
          now = text === undefined ? null : digest(text);
          if (answer instanceof Digested ? now !== answer.digest : text !== answer) return { changed: path };
          break;
        }
        case 'v': {
          const version = host.version(path);
          if (version !== answer) return { changed: path };
          now = versionAnswer(version !== undefined, version === undefined ? undefined : host.readFile(path), digest);
          break;
        }
        case 'd': {
          now = listingDigest(host.readDirectory(path));
          if (now !== answer) return { changed: path };
          break;
        }
        case 'p': {
          const problem = host.readProblem?.(path);
          if (problem !== answer) return { changed: path };
          now = problem ?? null;
          break;
        }
      }
      inputs.set(key, now);
    }
    return { inputs };
  }

  readFile(path: string): string | undefined {
    const text = this.inner.readFile(path);
    if (this.depth > 0) {
      this.note('f', path, text !== undefined && text.length <= KEPT_TEXT_LENGTH ? new Digested(digestOf(text)) : text);
      // The text read now is what the path's version stands for from here on: a version recorded before (from the
      // disk, before the file was opened in the editor, whose checks then read its text and ask no version) would
      // otherwise stay behind and fail the snapshot once the file is saved.
      const versionKey = `v\u0000${path}`;
      if (this.answers.has(versionKey)) this.answers.set(versionKey, this.inner.version(path));
    }
    return text;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    // Digested now: a listing is small, and its array is the caller's to keep (or sort).
    if (this.depth > 0) this.note('d', path, listingDigest(entries));
    return entries;
  }

  version(path: string): string | undefined {
    const version = this.inner.version(path);
    // A parse cache trusts a version it has seen: the content behind it is what the check used.
    this.note('v', path, version);
    return version;
  }

  readProblem(path: string): string | undefined {
    const problem = this.inner.readProblem?.(path);
    this.note('p', path, problem);
    return problem;
  }
}

/** The first recorded input that reads differently now (its path), or undefined when every one still holds. */
export function changedInput(host: FileHost, inputs: Iterable<[string, string | null]>): string | undefined {
  for (const [key, digest] of inputs) {
    const op = key[0] as Op;
    const path = key.slice(2);
    if (answerNow(host, op, path) !== digest) return path;
  }
  return undefined;
}

/**
 * Whether the recorded inputs that a change of `path` may touch still hold: its own answers, and the listing of
 * its folder (a file created or deleted beside what was read).
 */
export function inputsOfPathHold(host: FileHost, inputs: RecordedInputs, path: string): boolean {
  const keys: [Op, string][] = [['f', path], ['d', path], ['v', path], ['p', path], ['d', dirname(path)]];
  for (const [op, at] of keys) {
    const digest = inputs.get(`${op}\u0000${at}`);
    if (digest !== undefined && answerNow(host, op, at) !== digest) return false;
  }
  return true;
}
