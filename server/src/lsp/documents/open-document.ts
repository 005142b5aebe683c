// One document the editor has open: its text and LSP version, updated by incremental changes. An api-config.json
// also keeps its parsed ConfigDocument (from its first use on), updated per change by updateConfigDocument (no full
// re-parse of 3 MB).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { Position } from '../../analysis/findings';
import type { ConfigDocument } from '../../analysis/model';
import { parseConfigDocument } from '../../analysis/parse/config-document';
import { applyChange, updateConfigDocument } from '../../analysis/parse/incremental-config';
import { LineIndex } from '../../analysis/text/line-index';
import { nextChangeRun } from './change-runs';

/** Counts every text any open document held: no two texts of one server share a revision. */
let revisions = 0;

export class OpenDocument {
  /**
   * This text's revision, new at open and at each change: what the analysis caches key on. The client's version is
   * no such key: it starts at 1 again when a file is closed and opened again (VS Code), and a client may repeat it.
   */
  revision = ++revisions;
  private plainText: string;
  private plainLines: LineIndex | undefined;
  private configDoc: ConfigDocument | undefined;
  /** An api-config.json: kept parsed once first asked for (findings shown from the cache need no parse). */
  private readonly isConfig: boolean;

  constructor(
    readonly uri: string,
    readonly path: string,
    readonly languageId: string,
    public version: number,
    text: string,
    /** When set, the text is an api-config.json kept parsed; `reuse` is an existing parse of exactly this text. */
    config?: { reuse?: ConfigDocument },
  ) {
    this.isConfig = config !== undefined;
    if (config?.reuse && config.reuse.text === text) this.configDoc = config.reuse;
    // An api-config.json's text lives in its parse only, once parsed (3 MB for 10,000 routes: not twice).
    this.plainText = this.configDoc ? '' : text;
  }

  get text(): string {
    return this.configDoc ? this.configDoc.text : this.plainText;
  }

  /** The parsed api-config.json (undefined for every other file). */
  get config(): ConfigDocument | undefined {
    if (this.isConfig && !this.configDoc) {
      this.configDoc = parseConfigDocument(this.path, this.plainText);
      this.plainText = '';
      this.plainLines = undefined;
    }
    return this.configDoc;
  }

  get lines(): LineIndex {
    if (this.configDoc) return this.configDoc.lines;
    this.plainLines ??= new LineIndex(this.plainText);
    return this.plainLines;
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  /**
   * Apply the changes in order (each range refers to the text after the previous change, as LSP says). A list
   * with a malformed change (no string `text`, a range without numeric positions) is not applied at all, rather
   * than applied in part or with "undefined" as text: false, and the document stays as it was.
   */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): boolean {
    if (!Array.isArray(changes) || !changes.every(isContentChange)) return false;
    for (let i = 0; i < changes.length; ) {
      const first = changes[i]!;
      if (!('range' in first) || first.range === undefined) {
        this.replaceAll(first.text);
        i++;
        continue;
      }
      const { change, count } = nextChangeRun(this.config?.lines ?? this.lines, changes, i);
      i += count;
      if (this.configDoc) {
        this.configDoc = updateConfigDocument(this.configDoc, change).doc;
      } else {
        this.plainText = applyChange(this.plainText, change);
        this.plainLines = undefined;
      }
    }
    this.version = version;
    this.revision = ++revisions;
    return true;
  }

  private replaceAll(text: string): void {
    this.configDoc = undefined;
    this.plainText = text;
    this.plainLines = undefined;
  }
}

function isContentChange(change: unknown): change is TextDocumentContentChangeEvent {
  if (typeof change !== 'object' || change === null || typeof (change as { text?: unknown }).text !== 'string') return false;
  const range = (change as { range?: { start?: unknown; end?: unknown } }).range;
  return range === undefined || (typeof range === 'object' && range !== null && isPosition(range.start) && isPosition(range.end));
}

function isPosition(position: unknown): boolean {
  const p = position as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && Number.isFinite(p.line) && Number.isFinite(p.character);
}
