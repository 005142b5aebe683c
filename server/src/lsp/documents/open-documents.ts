// The documents the editor has open, by engine path, plus the URI each was opened with (answers use the
// client's own spelling of a URI, so its drive-letter case or encoding never makes two documents of one file).
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { ConfigDocument } from '../../analysis/model';
import { basename } from '../../analysis/workspace/paths';
import { CONFIG_FILE_NAME } from '../../analysis/workspace/discover';
import { pathToUri, uriToPath } from '../uri';
import { OpenDocument } from './open-document';

export class OpenDocuments {
  private readonly byPath = new Map<string, OpenDocument>();

  get(path: string): OpenDocument | undefined {
    return this.byPath.get(path);
  }

  getByUri(uri: string): OpenDocument | undefined {
    const path = uriToPath(uri);
    return path === undefined ? undefined : this.byPath.get(path);
  }

  paths(): IterableIterator<string> {
    return this.byPath.keys();
  }

  all(): IterableIterator<OpenDocument> {
    return this.byPath.values();
  }

  /** Open (or re-open) a document; `reuseConfig` is a parse of the same text the server already holds. */
  open(uri: string, languageId: string, version: number, text: string, reuseConfig?: ConfigDocument): OpenDocument | undefined {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const isConfig = basename(path) === CONFIG_FILE_NAME;
    const doc = new OpenDocument(uri, path, languageId, version, text, isConfig ? { reuse: reuseConfig } : undefined);
    this.byPath.set(path, doc);
    return doc;
  }

  /** The document after the changes; undefined when it is not open, or the changes are malformed (not applied). */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.getByUri(uri);
    if (!doc || !doc.applyChanges(changes, version)) return undefined;
    return doc;
  }

  close(uri: string): OpenDocument | undefined {
    const path = uriToPath(uri);
    if (path === undefined) return undefined;
    const doc = this.byPath.get(path);
    this.byPath.delete(path);
    return doc;
  }

  /** The URI to use for a path: the one the editor opened it with, else ours. */
  uriOf = (path: string): string => this.byPath.get(path)?.uri ?? pathToUri(path);

  /** LSP version of an open document; null for a file that is not open (unversioned edits). */
  versionOf = (path: string): number | null => this.byPath.get(path)?.version ?? null;
}
