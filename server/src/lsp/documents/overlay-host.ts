// The FileHost the server analyses with: open documents (their unsaved text, versioned by LSP version) over the
// Node file host, so a check sees exactly what the editor shows. Folder listings add open files not yet on disk.
import type { DirectoryEntry, FileHost } from '../../analysis/host';
import { basename, dirname } from '../../analysis/workspace/paths';
import type { OpenDocument } from './open-document';

export class OverlayFileHost implements FileHost {
  constructor(
    private readonly disk: FileHost,
    private readonly open: (path: string) => OpenDocument | undefined,
    private readonly openPaths: () => Iterable<string>,
  ) {}

  get ignoresCase(): boolean {
    return this.disk.ignoresCase ?? false;
  }

  readFile(path: string): string | undefined {
    const doc = this.open(path);
    return doc ? doc.text : this.disk.readFile(path);
  }

  /** An open document's text is what the editor holds, exactly; a file on disk may not be (FileHost.readProblem). */
  readProblem(path: string): string | undefined {
    return this.open(path) ? undefined : this.disk.readProblem?.(path);
  }

  version(path: string): string | undefined {
    const doc = this.open(path);
    return doc ? `lsp:${doc.revision}` : this.disk.version(path);
  }

  readDirectory(path: string): DirectoryEntry[] | undefined {
    const entries = this.disk.readDirectory(path);
    let extra: DirectoryEntry[] | undefined;
    for (const open of this.openPaths()) {
      if (dirname(open) !== path) continue;
      const name = basename(open);
      if (entries?.some((e) => e.name === name) || extra?.some((e) => e.name === name)) continue;
      (extra ??= []).push({ name, isDirectory: false });
    }
    if (!extra) return entries;
    return [...(entries ?? []), ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
