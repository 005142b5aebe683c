// Push diagnostics (textDocument/publishDiagnostics) for clients without pull support: after each analysis, every
// file of the gateway that has findings now or had them before is published (an empty list clears a file).
import type { Connection } from 'vscode-languageserver/node';
import type { UriOf, VersionOf } from '../convert';
import type { DiagnosticWire } from './diagnostic-wire';
import type { Gateway, GatewayRegistry } from '../workspace/gateways';

export class PushPublisher {
  /** Files that currently show our diagnostics, per gateway config file. */
  private readonly shown = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly registry: GatewayRegistry,
    private readonly uriOf: UriOf,
    private readonly versionOf: VersionOf,
    private readonly wire: DiagnosticWire,
  ) {}

  publish(gateway: Gateway): void {
    const before = this.shown.get(gateway.configFile) ?? new Set<string>();
    const now = new Set(gateway.byFile.keys());
    this.shown.set(gateway.configFile, now);
    const files = new Set([...now, ...before, gateway.configFile]);
    for (const file of files) this.publishFile(file);
  }

  /** One file's findings from every gateway (a shared wrangler config may be reported on by two gateways). */
  publishFile(file: string): void {
    const { findings } = this.registry.findingsOn(file);
    const version = this.versionOf(file);
    void this.connection.sendDiagnostics({
      uri: this.uriOf(file),
      ...(version !== null ? { version } : {}),
      diagnostics: this.wire.encode(findings).asDiagnostics(),
    });
  }

  /** A gateway disappeared (its api-config.json was deleted): clear what it showed. */
  forget(gateway: Gateway): void {
    const files = this.shown.get(gateway.configFile);
    this.shown.delete(gateway.configFile);
    for (const file of files ?? []) this.publishFile(file);
  }
}
