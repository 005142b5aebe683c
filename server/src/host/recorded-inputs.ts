// What a check read, kept as digests: a FileHost decorator that records every answer it gives while recording,
// and the test that every recorded answer still holds. The findings cache (findings-cache.ts) stores a workspace
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

export class RecordingFileHost implements FileHost {
  private recording: Map<string, string | null> | undefined;
  /** A path answered two ways during one recording (edited meanwhile): the record stands for no single state. */
  private mixed = false;

  constructor(private readonly inner: FileHost) {}

  get ignoresCase(): boolean {
    return this.inner.ignoresCase ?? false;
  }

  /** Record every answer from now on (a new record). */
  start(): void {
    this.recording = new Map();
    this.mixed = false;
  }

  /** Stop; the record, or undefined when none was started or a path read two ways within it. */
  stop(): RecordedInputs | undefined {
    const record = this.recording;
    this.recording = undefined;
    this.lastDigest = undefined;
    return this.mixed ? undefined : record;
  }

  /** The last text digested while recording: a version's content is read again right after (the parse cache's load). */
  private lastDigest: { text: string; digest: string } | undefined;

  private digestRecorded(text: string): string {
    if (this.lastDigest?.text === text) return this.lastDigest.digest;
    const digest = digestOf(text);
    this.lastDigest = { text, digest };
    return digest;
  }

  private note(op: Op, path: string, digest: string | null): void {
    const key = `${op}\u0000${path}`;
    const before = this.recording!.get(key);
    if (before === undefined) this.recording!.set(key, digest);
    else if (before !== digest) this.mixed = true;
  }

  readFile(path: string): string | undefined {
    const text = this.inner.readFile(path);
    if (this.recording) this.note('f', path, text === undefined ? null : this.digestRecorded(text));
    return text;
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    if (this.recording) this.note('d', path, listingDigest(entries));
    return entries;
  }

  version(path: string): string | undefined {
    const version = this.inner.version(path);
    // A parse cache trusts a version it has seen: the content behind it is what the check used.
    if (this.recording) {
      const exists = version !== undefined;
      this.note('v', path, versionAnswer(exists, exists ? this.inner.readFile(path) : undefined, (text) => this.digestRecorded(text)));
    }
    return version;
  }

  readProblem(path: string): string | undefined {
    const problem = this.inner.readProblem?.(path);
    if (this.recording) this.note('p', path, problem ?? null);
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
