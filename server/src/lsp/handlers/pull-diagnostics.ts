// textDocument/diagnostic and workspace/diagnostic (pull model): the affected gateways are checked right away
// (no debounce), and a report is "unchanged" while its file's diagnostics read the same as in the last report.
import {
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticParams,
  type FullDocumentDiagnosticReport,
  type UnchangedDocumentDiagnosticReport,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { EncodedDiagnostics } from '../diagnostics/diagnostic-wire';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

/** Result ids by content: a file's id stays while its diagnostics are the same, whatever was re-checked. */
class ReportIds {
  private readonly last = new Map<string, { id: string; encoded: EncodedDiagnostics }>();
  private issued = 0;

  idFor(path: string, encoded: EncodedDiagnostics, generations: number[]): string {
    if (generations.length === 0) return 'none';
    const previous = this.last.get(path);
    if (previous && encoded.sameAs(previous.encoded)) return previous.id;
    const id = `r${++this.issued}`;
    this.last.set(path, { id, encoded });
    return id;
  }
}

export function registerPullDiagnostics(server: SagServer): void {
  const { connection, log, wire } = server;
  const ids = new ReportIds();

  /** A file's report as both requests answer it: "unchanged" when the client holds the current result id. */
  const reportOn = (path: string, previousResultId: string | undefined): FullDocumentDiagnosticReport | UnchangedDocumentDiagnosticReport => {
    const { findings, generations } = server.registry.findingsOn(path);
    const encoded = wire.encode(findings);
    const resultId = ids.idFor(path, encoded, generations);
    if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: encoded.asDiagnostics() };
  };

  connection.languages.diagnostics.on(
    guardRequest<DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReport>(
      log,
      'textDocument/diagnostic',
      async ({ textDocument, previousResultId }, token) => {
        const path = uriToPath(textDocument.uri);
        if (path === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        await server.freshFor(path, token);
        return reportOn(path, previousResultId);
      },
      { kind: DocumentDiagnosticReportKind.Full, items: [] },
    ),
  );

  connection.languages.diagnostics.onWorkspace(
    guardRequest<WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReport>(
      log,
      'workspace/diagnostic',
      async ({ previousResultIds }, token) => {
        await server.freshAll(token);
        const previous = new Map<string, string>();
        for (const { uri, value } of previousResultIds) {
          const path = uriToPath(uri);
          if (path !== undefined) previous.set(path, value);
        }
        const files = new Set<string>();
        for (const gateway of server.registry.all()) {
          files.add(gateway.configFile);
          for (const file of gateway.byFile.keys()) files.add(file);
        }
        for (const file of previous.keys()) files.add(file);
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        for (const file of files) {
          items.push({ uri: server.documents.uriOf(file), version: server.documents.versionOf(file), ...reportOn(file, previous.get(file)) });
        }
        return { items };
      },
      { items: [] },
    ),
  );
}
