// textDocument/diagnostic and workspace/diagnostic (pull model): the affected gateways are checked right away
// (no debounce), and a report is "unchanged" while the gateways that feed it have not been re-checked.
import {
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { toDiagnostic } from '../convert';
import { guardRequest } from '../handler-guard';
import type { SagServer } from '../sag-server';
import { uriToPath } from '../uri';

function resultIdOf(generations: number[]): string {
  return generations.length === 0 ? 'none' : generations.join('.');
}

export function registerPullDiagnostics(server: SagServer): void {
  const { connection, log } = server;

  connection.languages.diagnostics.on(
    guardRequest<DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReport>(
      log,
      'textDocument/diagnostic',
      async ({ textDocument, previousResultId }, token) => {
        const path = uriToPath(textDocument.uri);
        if (path === undefined) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        await server.freshFor(path, token);
        const { findings, generations } = server.registry.findingsOn(path);
        const resultId = resultIdOf(generations);
        if (previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items: findings.map((f) => toDiagnostic(f, server.documents.uriOf)) };
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
          const { findings, generations } = server.registry.findingsOn(file);
          const resultId = resultIdOf(generations);
          const uri = server.documents.uriOf(file);
          const version = server.documents.versionOf(file);
          if (previous.get(file) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId });
          else items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: findings.map((f) => toDiagnostic(f, server.documents.uriOf)) });
        }
        return { items };
      },
      { items: [] },
    ),
  );
}
