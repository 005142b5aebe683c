// Findings as they go over the wire: each diagnostic's JSON is kept between checks and sent again while the
// finding reads the same (a one-line edit in a 10,000-route config changes a handful of its 4,000 diagnostics, and
// encoding all of them again cost ~8 ms per edit). A report that equals the last one of its file keeps its result
// id, so a pull client that sends it back is told "unchanged" and receives nothing.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../analysis/findings';
import { placeOf } from '../../analysis/incremental/frozen-reports';
import { sameItems } from '../../analysis/incremental/same-items';
import { toDiagnostic, type UriOf } from '../convert';

/** One diagnostic's encoded JSON, and what it was made from. */
interface WireEntry {
  readonly finding: Finding;
  readonly relatedUris: readonly string[];
  readonly json: Buffer;
  /** Where in `json` the range ends (`,"severity":...` follows): what comes after it is the same at any range. */
  readonly afterRange: number;
  lastUsed: number;
}

/**
 * A file's diagnostics, encoded. Sent as is by the stdio writer (stdio-connection.ts); any other transport serialises
 * it with JSON.stringify, which gets the plain diagnostics from toJSON().
 */
export class EncodedDiagnostics {
  constructor(
    /** In report order; entries are shared with earlier reports that had the same diagnostic. */
    readonly entries: readonly WireEntry[],
    private readonly uriOf: UriOf,
  ) {}

  /** Bytes of the JSON array. */
  get byteLength(): number {
    let n = 2 + Math.max(0, this.entries.length - 1);
    for (const e of this.entries) n += e.json.length;
    return n;
  }

  /** Writes the JSON array into `target` at `offset` (byteLength bytes must fit); returns the offset after it. */
  writeInto(target: Buffer, offset: number): number {
    target[offset++] = 0x5b; // [
    for (let i = 0; i < this.entries.length; i++) {
      if (i > 0) target[offset++] = 0x2c; // ,
      const json = this.entries[i]!.json;
      target.set(json, offset); // a typed-array copy: Buffer#copy checks its arguments in JS, 4,000 times an answer
      offset += json.length;
    }
    target[offset++] = 0x5d; // ]
    return offset;
  }

  /** Same diagnostics in the same order as `other` (entry identity: equal content maps to one entry). */
  sameAs(other: EncodedDiagnostics | undefined): boolean {
    return other !== undefined && sameItems(other.entries, this.entries);
  }

  /** This, where the protocol types expect diagnostics (it serialises to exactly those). */
  asDiagnostics(): Diagnostic[] {
    return this as unknown as Diagnostic[];
  }

  toJSON(): Diagnostic[] {
    return this.entries.map((e) => toDiagnostic(e.finding, this.uriOf));
  }
}

/** Entries unused for this many encodings are dropped (files are re-encoded at different rates). */
const KEEP_FOR_ENCODINGS = 64;

/** The numbers of a file's last two encodings: its diagnostics as the client has them, and as they were before. */
interface FileEncodings {
  previous: number;
  latest: number;
}

export class DiagnosticWire {
  /** By message (the field that differs most between findings, a string whose hash V8 keeps), then by start. */
  private readonly byMessage = new Map<string, Map<number, WireEntry[]>>();
  /** By finding object: an entry stays valid for its finding, which nothing changes (a swept entry too). */
  private readonly byFinding = new WeakMap<Finding, WireEntry>();
  private encodings = 0;
  private size = 0;
  /** The table's size that calls for the next sweep (doubled when a sweep leaves most entries: they are in use). */
  private sweepAt = 0;
  /** By file: a finding that moved (Enter above it) is a new entry, and old ones of its file are dropped at once. */
  private readonly encodingsOf = new Map<string, FileEncodings>();

  constructor(private readonly uriOf: UriOf) {}

  encode(findings: readonly Finding[]): EncodedDiagnostics {
    const encoding = ++this.encodings;
    const entries: WireEntry[] = new Array(findings.length);
    let file: string | undefined;
    for (let i = 0; i < findings.length; i++) {
      const finding = findings[i]!;
      if (finding.file !== file) this.encodedFile((file = finding.file), encoding);
      const entry = this.entryFor(finding);
      entry.lastUsed = encoding;
      entries[i] = entry;
    }
    if (this.size > Math.max(this.sweepAt, 2 * (findings.length + 1024))) {
      this.sweep(encoding);
      this.sweepAt = 2 * this.size;
    }
    return new EncodedDiagnostics(entries, this.uriOf);
  }

  /** Entries held now (for tests and for the sweep). */
  get entryCount(): number {
    return this.size;
  }

  private entryFor(finding: Finding): WireEntry {
    // The engine hands out the same finding object while its report is unchanged (analyze.ts): most of an edit's.
    // Its related locations go out as the URIs the client knows the files by, which an open document can change.
    const known = this.byFinding.get(finding);
    if (known && finding.related.every((r, i) => known.relatedUris[i] === this.uriOf(r.file))) return known;
    const entry = this.entryByContent(finding);
    this.byFinding.set(finding, entry);
    return entry;
  }

  private entryByContent(finding: Finding): WireEntry {
    // By message, then by where the finding starts: thousands of findings may share a message (20,000 duplicates
    // of one route), and one list per message made each new one compare with all the others.
    const at = placeOf(finding.range.start);
    let byStart = this.byMessage.get(finding.message);
    const list = byStart?.get(at);
    const relatedUris = finding.related.length === 0 ? NO_URIS : finding.related.map((r) => this.uriOf(r.file));
    if (list) for (const entry of list) if (sameDiagnostic(entry, finding, relatedUris)) return entry;
    const entry = newEntry(finding, relatedUris, byStart && relatedUris.length === 0 ? sameButRange(byStart, finding) : undefined, this.uriOf);
    if (list) list.push(entry);
    else {
      if (!byStart) this.byMessage.set(finding.message, (byStart = new Map()));
      byStart.set(at, [entry]);
    }
    this.size++;
    return entry;
  }

  private encodedFile(file: string, encoding: number): void {
    const known = this.encodingsOf.get(file);
    if (!known) this.encodingsOf.set(file, { previous: encoding, latest: encoding });
    else if (known.latest !== encoding) {
      known.previous = known.latest;
      known.latest = encoding;
    }
  }

  /**
   * Drops the entries used by neither of their file's last two encodings (typing toggles between two states; Enter
   * in a large config makes thousands of entries per keystroke, never used again), and any unused for a while.
   */
  private sweep(encoding: number): void {
    const keep = (e: WireEntry): boolean => encoding - e.lastUsed < KEEP_FOR_ENCODINGS && e.lastUsed >= (this.encodingsOf.get(e.finding.file)?.previous ?? 0);
    for (const [message, byStart] of this.byMessage) {
      for (const [at, list] of byStart) {
        const kept = list.filter(keep);
        this.size -= list.length - kept.length;
        if (kept.length === 0) byStart.delete(at);
        else if (kept.length !== list.length) byStart.set(at, kept);
      }
      if (byStart.size === 0) this.byMessage.delete(message);
    }
  }
}

const NO_URIS: readonly string[] = [];

/** `{"range":` and the range as JSON.stringify writes it (toLspRange's key order), or undefined if not all integers. */
function rangeHead(range: Finding['range']): string | undefined {
  const { start, end } = range;
  if (!Number.isInteger(start.line) || !Number.isInteger(start.character) || !Number.isInteger(end.line) || !Number.isInteger(end.character)) return undefined;
  return `{"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}}`;
}

/**
 * An entry whose diagnostic differs from `finding`'s in its range only (same message, code, severity, environment,
 * neither with related locations), among those of the same message: Enter in a large config moves thousands of
 * findings a line down, each of which would otherwise be converted and stringified again, its message escaped.
 * Looks at a few start places only (findings of one message at thousands of places mostly agree).
 */
function sameButRange(byStart: Map<number, WireEntry[]>, finding: Finding): WireEntry | undefined {
  let places = 0;
  for (const list of byStart.values()) {
    for (const entry of list) {
      const e = entry.finding;
      if (entry.afterRange > 0 && e.related.length === 0 && e.code === finding.code && e.severity === finding.severity && e.env === finding.env) return entry;
    }
    if (++places === 4) return undefined;
  }
  return undefined;
}

function newEntry(finding: Finding, relatedUris: readonly string[], donor: WireEntry | undefined, uriOf: UriOf): WireEntry {
  const head = rangeHead(finding.range);
  if (head !== undefined && donor !== undefined) {
    // The head is ASCII (digits and punctuation): one byte per character.
    const json = Buffer.allocUnsafe(head.length + donor.json.length - donor.afterRange);
    json.write(head, 0, 'latin1');
    donor.json.copy(json, head.length, donor.afterRange);
    return { finding, relatedUris, json, afterRange: head.length, lastUsed: 0 };
  }
  const json = Buffer.from(JSON.stringify(toDiagnostic(finding, uriOf)), 'utf8');
  // Where the range ends, or 0 (never a donor: a range of non-integers is not written as rangeHead writes it).
  return { finding, relatedUris, json, afterRange: head?.length ?? 0, lastUsed: 0 };
}

/** Everything toDiagnostic reads, compared (the message already matched). */
function sameDiagnostic(entry: WireEntry, f: Finding, relatedUris: readonly string[]): boolean {
  const e = entry.finding;
  if (e.code !== f.code || e.severity !== f.severity || e.env !== f.env || !sameRange(e.range, f.range)) return false;
  if (e.related.length !== f.related.length) return false;
  for (let i = 0; i < f.related.length; i++) {
    const a = e.related[i]!;
    const b = f.related[i]!;
    if (a.message !== b.message || entry.relatedUris[i] !== relatedUris[i] || !sameRange(a.range, b.range)) return false;
  }
  return true;
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
