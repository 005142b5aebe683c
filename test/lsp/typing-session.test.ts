// Long, hostile typing sessions against the real server: seeded random keystrokes, deletions, pasted lines, line
// breaks of every style and whole-file replacements, saves, and closes without saving then opening again (from
// disk, at version 1 again), in api-config.json and in wrangler.toml. After each edit (pull,
// as VS Code does) or each burst of edits (push, debounced), the server's diagnostics for both files must equal a
// fresh engine check of the same texts, message for message: whatever text sync, the incremental analysis and the
// re-used wire encoding (diagnostic-wire.ts) keep between edits must never show a stale or shifted diagnostic.
// The server logs no error on the way. SAG_TYPING_SEED / SAG_TYPING_EDITS run other sessions (a failure names its seed).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { checkWorkspace } from '../../server/src/analysis/check-workspace';
import { MemoryFileHost } from '../../server/src/analysis/host';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { pathToUri } from '../../server/src/lsp/uri';
import { brokenGateway, GATEWAY_CONFIG } from './support/fixtures';
import { LspSession, lspPositionAt } from './support/lsp-session';
import { tempWorkspace, type TempWorkspace } from './support/workspace';

const CONFIG = 'gw/api-config.json';
const WRANGLER = 'gw/wrangler.toml';
const SEED = Number(process.env.SAG_TYPING_SEED ?? 20261205);
const EDITS = Number(process.env.SAG_TYPING_EDITS ?? 240);

/** What a keystroke may type, per file: the file's own punctuation and words, and text that is never valid there. */
const TYPED: Record<string, readonly string[]> = {
  [CONFIG]: ['{', '}', '[', ']', '"', ',', ':', 'x', 'HOOKS', ' ', '\t', '\\', '/', 'é', '😀', '"path": "/a/{id}"', '"method": "GET"'],
  [WRANGLER]: ['[', ']', '[[services]]', '=', '"', '#', ',', '{', '}', 'x', 'HOOKS', ' ', '\t', '😀', '{ binding = "HOOKS", service = "h" }', 'binding = "HOOKS"', '[env.staging]'],
};

/**
 * Over 1,000 routes (edit-rehearsal.ts MIN_ROUTES_TO_REHEARSE): the server rehearses an edit after opening it, and
 * the incremental analysis replays most routes. Some routes repeat (shadowed), some name unknown aliases.
 */
function largeConfig(routes: number): string {
  const lines: string[] = [];
  for (let i = 0; i < routes; i++) {
    const binding = i % 97 === 0 ? 'targte' : i % 2 === 0 ? 'target' : 'hooks';
    const path = i % 89 === 0 ? '/r0/{id}' : `/r${i}/{id}`;
    lines.push(`    { "method": "${i % 3 === 0 ? 'POST' : 'GET'}", "path": "${path}", "integration": { "type": "service_binding", "binding": "${binding}", "function": "run" } }`);
  }
  return GATEWAY_CONFIG.replace('"paths": [\n', `"paths": [\n${lines.join(',\n')},\n`);
}

interface Variant {
  name: string;
  files: Record<string, string>;
  edited: string;
  edits: number;
}

const VARIANTS: Variant[] = [
  { name: 'api-config.json', files: brokenGateway('gw'), edited: CONFIG, edits: EDITS },
  { name: 'wrangler.toml', files: brokenGateway('gw'), edited: WRANGLER, edits: EDITS },
  { name: 'an api-config.json of 1,050 routes', files: { ...brokenGateway('gw'), [CONFIG]: largeConfig(1050) }, edited: CONFIG, edits: Math.ceil(EDITS / 3) },
];

/** mulberry32: the same session on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An editor's cursor is never between the `\r` and the `\n` of a line break (LSP has no position there). */
function outsideLineBreak(text: string, offset: number): number {
  return text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset;
}

interface Edit {
  start: number;
  end: number;
  newText: string;
}

/** One edit as an editor sends it: a range of the current text and what replaces it. */
function nextEdit(variant: Variant, text: string, rnd: () => number, step: number): Edit {
  const file = variant.edited;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const at = outsideLineBreak(text, Math.floor(rnd() * (text.length + 1)));
  if (step % 60 === 59) return { start: 0, end: text.length, newText: variant.files[file]! }; // back to the start, at once
  switch (pick(['type', 'type', 'type', 'delete', 'paste', 'enter', 'retype'] as const)) {
    case 'type':
      return { start: at, end: at, newText: pick(TYPED[file]!) };
    case 'delete':
      return { start: at, end: outsideLineBreak(text, Math.min(text.length, at + 1 + Math.floor(rnd() * 30))), newText: '' };
    case 'paste':
      return { start: at, end: at, newText: `${pick(text.split('\n'))}\n` };
    case 'enter':
      return { start: at, end: at, newText: pick(['\n', '\r\n', '\r', '\n    ']) };
    case 'retype': {
      // A word replaced by another word of the file (a method, an alias, a number).
      const word = /[A-Za-z0-9_]+/g;
      const words = text.match(word) ?? ['x'];
      word.lastIndex = at;
      const found = word.exec(text);
      return found ? { start: found.index, end: found.index + found[0].length, newText: pick(words) } : { start: at, end: at, newText: pick(words) };
    }
  }
}

/** A fresh engine check of the texts the editor holds (the other files as on disk), per file. */
function expectedDiagnostics(ws: TempWorkspace, variant: Variant, texts: Record<string, string>): Map<string, Diagnostic[]> {
  const files: Record<string, string> = {};
  for (const [relative, text] of Object.entries({ ...variant.files, ...texts })) files[ws.path(relative)] = text;
  const findings = checkWorkspace(new MemoryFileHost(files), [ws.root]).findings;
  const byFile = new Map<string, Diagnostic[]>();
  for (const relative of [CONFIG, WRANGLER]) byFile.set(relative, findings.filter((f) => f.file === ws.path(relative)).map((f) => toDiagnostic(f)));
  return byFile;
}

/** What must agree: code, severity, range and message, in report order. */
function essentials(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
}

/** Both files open; `edited` takes the edits; `observe` returns what the client shows for each file afterwards. */
async function typingSession(
  ws: TempWorkspace,
  session: LspSession,
  variant: Variant,
  edits: number,
  burst: (rnd: () => number) => number,
  observe: (expected: Map<string, Diagnostic[]>) => Promise<Map<string, readonly Diagnostic[]>>,
): Promise<void> {
  const rnd = random(SEED);
  const edited = variant.edited;
  const path = ws.path(edited);
  for (const relative of [CONFIG, WRANGLER]) session.open(ws.path(relative));
  for (let step = 0; step < edits; ) {
    const made: Edit[] = [];
    for (let n = burst(rnd); n > 0 && step < edits; n--, step++) {
      // Now and then the file is saved, or closed without saving and opened again (from disk, at version 1 again).
      const now = rnd();
      if (now < 0.04) {
        writeFileSync(path, session.documents.get(path)!.text);
        void session.connection.sendNotification('textDocument/didSave', { textDocument: { uri: pathToUri(path) } });
        session.watched(path, 2);
        made.push({ start: -1, end: -1, newText: 'saved' });
      } else if (now < 0.08) {
        session.close(path);
        session.open(path);
        made.push({ start: -1, end: -1, newText: 'closed and opened again' });
      }
      const text = session.documents.get(path)!.text;
      const edit = nextEdit(variant, text, rnd, step);
      session.change(path, { start: lspPositionAt(text, edit.start), end: lspPositionAt(text, edit.end) }, edit.newText);
      made.push(edit);
    }
    const texts = Object.fromEntries([CONFIG, WRANGLER].map((relative) => [relative, session.documents.get(ws.path(relative))!.text]));
    const expected = expectedDiagnostics(ws, variant, texts);
    const shown = await observe(expected);
    for (const relative of [CONFIG, WRANGLER]) {
      const context = `seed ${SEED}, ${edited} after edit ${step} (${JSON.stringify(made)}), diagnostics of ${relative}; ${edited} now:\n${texts[edited]}`;
      assert.deepEqual(essentials(shown.get(relative) ?? []), essentials(expected.get(relative)!), context);
    }
  }
  assert.deepEqual(session.loggedErrors(), []);
}

for (const variant of VARIANTS) {
  const { edited, edits } = variant;
  describe(`a long hostile typing session in ${variant.name}`, () => {
    let ws: TempWorkspace;
    let pull: LspSession;
    let push: LspSession;

    before(async () => {
      ws = tempWorkspace(variant.files);
      [pull, push] = await Promise.all([LspSession.start({ roots: [ws.root], pull: true }), LspSession.start({ roots: [ws.root], timeoutMs: 5_000 })]);
    });
    after(async () => {
      await Promise.all([pull.stop(), push.stop()]);
      ws.remove();
    });

    it(`pull after each of ${edits} edits: both files' diagnostics equal a fresh check of the same texts`, async () => {
      await typingSession(ws, pull, variant, edits, () => 1, async () => {
        const shown = new Map<string, readonly Diagnostic[]>();
        for (const relative of [CONFIG, WRANGLER]) {
          const report = await pull.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: pathToUri(ws.path(relative)) } });
          assert.equal(report.kind, 'full');
          shown.set(relative, report.items ?? []);
        }
        return shown;
      });
    });

    it(`push after bursts of 1 to 8 edits (${Math.ceil(edits / 4)} in all): the publishes of the last versions equal a fresh check`, async () => {
      const path = ws.path(edited);
      await typingSession(ws, push, variant, Math.ceil(edits / 4), (rnd) => 1 + Math.floor(rnd() * 8), async (expected) => {
        // The edited file's publish for its last version. The other file's comes from the same check, in an order
        // the protocol leaves open (or not at all, when it did not change): wait a little for it to read as expected.
        // The next publish, not one received before: after a close and a new open, versions count from 1 again.
        const version = push.documents.get(path)!.version;
        await push.nextPublishWhere(path, (p: PublishDiagnosticsParams) => p.version === version, `the publish of version ${version}`);
        const other = ws.path(edited === CONFIG ? WRANGLER : CONFIG);
        const want = JSON.stringify(essentials(expected.get(edited === CONFIG ? WRANGLER : CONFIG)!));
        await push.waitForDiagnostics(other, (p) => JSON.stringify(essentials(p.diagnostics)) === want).catch(() => undefined);
        return new Map([CONFIG, WRANGLER].map((relative) => [relative, push.published.get(pathToUri(ws.path(relative)))?.diagnostics ?? []]));
      });
    });
  });
}
