// What the checks read: a FileHost decorator that records every answer it gives each gateway's checks, their
// snapshot as digests, and the test that every recorded answer still holds. The findings cache (findings-cache.ts)
// stores the checks' findings under these inputs, so they are trusted again only when each file, listing and
// existence the engine saw reads the same (the engine reads nothing but through its FileHost).
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

function recordedText(text: string | undefined): RawAnswer {
  return text !== undefined && text.length <= KEPT_TEXT_LENGTH ? new Digested(digestOf(text)) : text;
}

/** A snapshot of records: the digests of every answer, or the first path that reads differently now. */
export type RecordSnapshot = { inputs: RecordedInputs } | { changed: string };

/** One gateway's record: `op \0 path` -> its latest answer. */
type Record = Map<string, RawAnswer>;

/**
 * Records what each gateway's checks read (recordWhile, by the gateway's config file), for as long as the server
 * lives: the latest answer for each file, listing, version and read problem, so that a gateway's record always ends
 * in what its findings were last computed from. One record per gateway, not one for all: when two gateways read a
 * file that changed unreported and only one is checked again, the other's record still holds the old answer, and
 * no snapshot passes until it is checked too (one shared record would take the new answer and store the other's
 * stale findings under it). A large text is kept as given, not digested: a keystroke's check reads the 3 MB config
 * again, and hashing it each time would cost ~5 ms per keystroke. A version is kept as the version: the content it
 * stands for is digested at the snapshot (mtimes differ between runs; what the cache keys on must not).
 */
export class RecordingFileHost implements FileHost {
  private readonly records = new Map<string, Record>();
  private enabled = false;
  /** The record of the check running now (recordWhile), if any. */
  private current: Record | undefined;
  /** Paths reported changed (not created or deleted) that no check has read since. */
  private readonly changesReported = new Set<string>();

  constructor(private readonly inner: FileHost) {}

  get ignoresCase(): boolean {
    return this.inner.ignoresCase ?? false;
  }

  /** Record from now on, within recordWhile (no findings cache: never, and nothing is kept). */
  enable(): void {
    this.enabled = true;
  }

  /** Run `check`, recording what it reads into the record of `owner` (a gateway's config file). */
  recordWhile<T>(owner: string, check: () => T): T {
    if (!this.enabled) return check();
    let record = this.records.get(owner);
    if (!record) this.records.set(owner, (record = new Map()));
    const outer = this.current;
    this.current = record;
    try {
      return check();
    } finally {
      this.current = outer;
    }
  }

  /**
   * `path` changed (reported; not created or deleted). The gateways whose findings depend on it are checked again
   * (the server's change handling) and record it anew; the others' findings do not change with it. So a record still
   * holding its old answer at the snapshot, with no check having read it since, takes the answer then: one kept for
   * what a gateway no longer reads (an entrypoint moved away from the module) would fail every snapshot for the rest
   * of the session. Taken at the snapshot, not now: an edit of an open document reports a change at each keystroke.
   */
  changed(path: string): void {
    if (this.records.size > 0) this.changesReported.add(path);
  }

  /**
   * `path` was created or deleted (reported): every record that holds an answer for it, for what is below it or for
   * the listing of its folder takes the answer now, for the same reason as changed(). Taken, not dropped: one dropped
   * would no longer be checked at the next start (a file added there meanwhile, unseen).
   */
  createdOrDeleted(path: string): void {
    const below = path.endsWith('/') ? path : `${path}/`;
    const listing = `d\u0000${dirname(path)}`;
    const now = new Map<string, RawAnswer>();
    const answer = (key: string): RawAnswer => {
      if (!now.has(key)) now.set(key, rawAnswer(this.inner, key[0] as Op, key.slice(2)));
      return now.get(key);
    };
    for (const record of this.records.values()) {
      for (const key of record.keys()) {
        const at = key.slice(2);
        if (key === listing || at === path || at.startsWith(below)) record.set(key, answer(key));
      }
    }
  }

  /**
   * Every record as digests when every answer in them still reads the same through `host` (then the findings of the
   * checks that read them stand for what is there now), else the first path that does not. Records of gateways gone
   * count too: what a check found once for all (the Worker search the others re-use, ProjectCache's listings) sits
   * in the record of the gateway that ran it first.
   */
  snapshot(disk: FileHost): RecordSnapshot {
    // Gateways share most inputs (a wrangler config, the folders above them): each read once per snapshot.
    const host = new ReadOnce(disk);
    const inputs = new Map<string, string | null>();
    // A version and a read of the same file digest one text.
    const digests = new Map<string, string>();
    const digest = (text: string): string => {
      let known = digests.get(text);
      if (known === undefined) digests.set(text, (known = digestOf(text)));
      return known;
    };
    for (const record of this.records.values()) {
      for (const [key, answer] of record) {
        let now = answerHolding(host, record, key, answer, digest);
        // Changed as reported, and read by no check since: what it reads now (the gateways that depend on it were
        // checked again, and read it then unless nothing reads it any more).
        if (now === CHANGED && this.changesReported.has(key.slice(2))) now = answerNow(host, key[0] as Op, key.slice(2));
        if (now === CHANGED) return { changed: key.slice(2) };
        inputs.set(key, now);
      }
    }
    return { inputs };
  }

  private note(op: Op, path: string, answer: RawAnswer): void {
    this.current?.set(`${op}\u0000${path}`, answer);
    this.changesReported.delete(path);
  }

  readFile(path: string): string | undefined {
    const text = this.inner.readFile(path);
    const record = this.current;
    if (record) {
      this.note('f', path, recordedText(text));
      // The text read now is what the path's version stands for from here on: a version recorded before (from the
      // disk, before the file was opened in the editor, whose checks then read its text and ask no version) would
      // otherwise stay behind and fail the snapshot once the file is saved.
      const versionKey = `v\u0000${path}`;
      if (record.has(versionKey)) record.set(versionKey, this.inner.version(path));
    }
    return text;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    // Digested now: a listing is small, and its array is the caller's to keep (or sort).
    if (this.current) this.note('d', path, listingDigest(entries));
    return entries;
  }

  version(path: string): string | undefined {
    const version = this.inner.version(path);
    const record = this.current;
    if (record) {
      // A parse cache trusts a version it has seen: the content behind it is what the check used. A new version with
      // no read of the text (another gateway's check parsed it into the shared cache) makes the text this gateway
      // read before no longer what it uses.
      const versionKey = `v\u0000${path}`;
      if (record.has(versionKey) && record.get(versionKey) !== version) record.delete(`f\u0000${path}`);
      record.set(versionKey, version);
      this.changesReported.delete(path);
    }
    return version;
  }

  readProblem(path: string): string | undefined {
    const problem = this.inner.readProblem?.(path);
    if (this.current) this.note('p', path, problem);
    return problem;
  }
}

const CHANGED = Symbol('changed');

/** A FileHost that asks `inner` once per path and operation (a snapshot's reads: nothing changes meanwhile). */
class ReadOnce implements FileHost {
  private readonly answers = new Map<string, unknown>();

  constructor(private readonly inner: FileHost) {}

  private once<T>(op: string, path: string, read: () => T): T {
    const key = `${op}\u0000${path}`;
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = read();
    this.answers.set(key, answer);
    return answer;
  }

  readFile(path: string): string | undefined {
    return this.once('f', path, () => this.inner.readFile(path));
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    return this.once('d', path, () => this.inner.readDirectory(path));
  }

  version(path: string): string | undefined {
    return this.once('v', path, () => this.inner.version(path));
  }

  readProblem(path: string): string | undefined {
    return this.once('p', path, () => this.inner.readProblem?.(path));
  }
}

/** What the host answers now, as a record keeps it. */
function rawAnswer(host: FileHost, op: Op, path: string): RawAnswer {
  switch (op) {
    case 'f':
      return recordedText(host.readFile(path));
    case 'v':
      return host.version(path);
    case 'd':
      return listingDigest(host.readDirectory(path));
    case 'p':
      // A read problem is the last read's: read first.
      host.readFile(path);
      return host.readProblem?.(path);
  }
}

/** The digest of a recorded answer that still holds through `host`, else CHANGED. */
function answerHolding(host: FileHost, record: Record, key: string, answer: RawAnswer, digest: (text: string) => string): string | null | typeof CHANGED {
  const path = key.slice(2);
  switch (key[0] as Op) {
    case 'f':
      return textHolding(host.readFile(path), answer, digest);
    case 'v': {
      const version = host.version(path);
      // Another version of the text the gateway read with it (a document closed as saved, a rehearsed edit undone,
      // a file touched) still stands for what the check used.
      if (version !== answer && (version === undefined || !record.has(`f\u0000${path}`) || textHolding(host.readFile(path), record.get(`f\u0000${path}`), digest) === CHANGED)) return CHANGED;
      return versionAnswer(version !== undefined, version === undefined ? undefined : host.readFile(path), digest);
    }
    case 'd': {
      const now = listingDigest(host.readDirectory(path));
      return now === answer ? now : CHANGED;
    }
    case 'p': {
      const problem = host.readProblem?.(path);
      return problem === answer ? (problem ?? null) : CHANGED;
    }
  }
}

/** The digest of `text` when it is the recorded text (kept or digested), else CHANGED. */
function textHolding(text: string | undefined, recorded: RawAnswer, digest: (text: string) => string): string | null | typeof CHANGED {
  if (text === undefined) return recorded === undefined ? null : CHANGED;
  if (recorded instanceof Digested) return digest(text) === recorded.digest ? recorded.digest : CHANGED;
  return text === recorded ? digest(text) : CHANGED;
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
