// Language servers started with a findings cache (server/src/host/findings-cache.ts), for the cache's protocol
// tests: a workspace and a cache folder per test, removed after it with the servers; what the servers logged; the
// entry on disk.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'node:test';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../../server/src/lsp/uri';
import { brokenGateway, GATEWAY_CONFIG, positionOf } from './fixtures';
import { codes, LspSession, type SessionOptions } from './lsp-session';
import { tempWorkspace, type TempWorkspace } from './workspace';

/** Logged when the check at start showed findings read back from the cache. */
export const SHOWN = 'shown from the findings cache';
/** Logged when a store was refused: an input the checks read reads otherwise now. */
export const NOT_UPDATED = /findings cache not updated/;
/** Logged once the check at start is over. */
export const CHECKED = /gateway\(s\) checked in/;

export function logs(session: LspSession): string[] {
  return session.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
}

/** Resolves once the server has logged a line matching `pattern` (the log is read as it comes in, none lost). */
export function logged(session: LspSession, pattern: RegExp): Promise<void> {
  return session.withTimeout(
    (async () => {
      while (!logs(session).some((m) => pattern.test(m))) await new Promise((resolve) => setTimeout(resolve, 10));
    })(),
    `a log line matching ${pattern}`,
  );
}

/** The codes of a pull of `path`'s diagnostics. */
export async function pull(session: LspSession, path: string): Promise<string[]> {
  const report = await session.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: pathToUri(path) } });
  assert.equal(report.kind, 'full');
  return codes(report.kind === 'full' ? report.items : []);
}

/** The one entry in `cache`. */
export function entryFile(cache: string): string {
  const [entry] = readdirSync(cache).filter((f) => f.endsWith('.json'));
  return join(cache, entry!);
}

export function entryText(cache: string): string {
  return readFileSync(entryFile(cache), 'utf8');
}

/**
 * Points the entrypoint of brokenGateway's config (`./services/hello`, a module that is missing) at `to` in the
 * editor, as one change of the open document; the config's whole new text, for saving it.
 */
export function retargetEntrypoint(session: LspSession, config: string, to = './index'): string {
  const start = positionOf(GATEWAY_CONFIG, '"./services/hello"', 1);
  session.change(config, { start, end: { line: start.line, character: start.character + 16 } }, to);
  return GATEWAY_CONFIG.replace('./services/hello', to);
}

/** Registers the clean-up of every test of the calling suite; call inside `describe`. */
export function cacheSessions() {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  /** A server, stopped after the test (stopping twice is harmless). */
  const start = async (options: Partial<SessionOptions> & { roots: string[]; cacheDirectory: string }): Promise<LspSession> => {
    const session = await LspSession.start({ pull: true, ...options });
    cleanups.push(() => session.stop());
    return session;
  };
  return {
    /** A workspace of `files` and an empty cache folder. */
    setUp(files: Record<string, string> = brokenGateway()): { ws: TempWorkspace; cache: string } {
      const ws = tempWorkspace(files);
      const cache = mkdtempSync(join(tmpdir(), 'sag-cache-'));
      cleanups.push(() => ws.remove(), () => rmSync(cache, { recursive: true, force: true }));
      return { ws, cache };
    },
    start,
    /** A server, once its check at start is over (and the cache written, when it writes). */
    async started(options: Partial<SessionOptions> & { roots: string[]; cacheDirectory: string }): Promise<LspSession> {
      const session = await start(options);
      await logged(session, CHECKED);
      return session;
    },
    /** Stop; the line the shutdown store logged when it stored nothing, if any. */
    async stopAndReport(session: LspSession): Promise<string | undefined> {
      await session.stop();
      return logs(session).find((m) => NOT_UPDATED.test(m));
    },
    /** Start again with `file` open: the findings shown first (from the cache, on a hit) and the check's after. */
    async nextStart(ws: TempWorkspace, cache: string, file: string): Promise<{ hit: boolean; shown: string[]; checked: string[] }> {
      const session = await start({ roots: [ws.root], cacheDirectory: cache });
      session.open(file);
      const shown = await pull(session, file);
      const hit = logs(session).some((m) => m.includes(SHOWN));
      await logged(session, CHECKED);
      const checked = await pull(session, file);
      await session.stop();
      return { hit, shown, checked };
    },
  };
}
