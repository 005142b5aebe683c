// Test helpers for the incremental path: an editor-like session (one ProjectCache, the config document updated
// edit by edit with updateConfigDocument) next to a fresh full analysis of the same text, and random edits: within one
// line, and of whole blocks of lines as editors make them (delete, duplicate, move, replace across lines).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeProject, type AnalysisOptions } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/findings';
import { MemoryFileHost } from '../../server/src/analysis/host';
import type { ConfigDocument } from '../../server/src/analysis/model';
import { updateConfigDocument, type TextChange } from '../../server/src/analysis/parse/incremental-config';
import type { ModuleReader } from '../../server/src/analysis/rules/rule';
import { ProjectCache } from '../../server/src/analysis/workspace/cache';
import { loadProject } from '../../server/src/analysis/workspace/load-project';
import { createModuleReader } from '../../server/src/analysis/workspace/module-reader';
import { checkFixture } from '../support/engine';

export const CONFIG = '/gw/api-config.json';

export class EditSession {
  private readonly host: MemoryFileHost;
  private readonly cache = new ProjectCache();
  private readonly modules: ModuleReader;
  doc: ConfigDocument;

  constructor(private readonly files: Record<string, string>) {
    this.host = new MemoryFileHost(files);
    this.modules = createModuleReader(this.host, this.cache);
    this.doc = loadProject(this.host, CONFIG, this.cache, { workspaceRoots: ['/'] }).config;
  }

  edit(change: TextChange): void {
    this.doc = updateConfigDocument(this.doc, change).doc;
    this.host.set(CONFIG, this.doc.text);
  }

  /** What the language server computes: the incrementally updated document, every cache kept. */
  analyze(options: AnalysisOptions): Finding[] {
    const project = loadProject(this.host, CONFIG, this.cache, { workspaceRoots: ['/'], configDocument: this.doc });
    return analyzeProject(project, this.modules, options);
  }

  /** What `sag check` computes for the same text: everything parsed and checked from scratch. */
  fresh(options: AnalysisOptions): Finding[] {
    return checkFixture({ ...this.files, [CONFIG]: this.doc.text }, options);
  }
}

/** Tokens users type: values of every kind the rules read, and the punctuation that breaks or mends JSON. */
const TOKENS = [
  '"GET"', '"get"', '"ANY"', '"OPTIONS"', '"/users/{id}"', '"/users/{userId}"', '"/x/{.+}"', '"orders"', '"/files//x/"',
  '"users"', '"userz"', '"HOOKS"', '"TARGET"', '"svc"', '"hooks"', '"NOPE"', '"service_binding"', '"service"', '"http_proxy"',
  '"auth0_callback"', '"$env.FOO"', '"\\u0024env.ESCAPED"', '"a $env.X"', '"$secret.JWT_SECRET"', '"$config.region"', '"$request.jwt.sub"', '"sk_live_abcdefghijklmnop0123"',
  'true', 'false', '1', 'null', '{}', '[]', ',', '}', ']', '"', ':', '', ' ', '\n', '\r\n',
  '"type": "service_binding", ', '"auth": true, ', '"method": "POST", ', '"binding": "TARGET", ', '"function": "check", ',
  '"pre_process": { "binding": "HOOKS", "function": "check" }, ', '"mapping": { "headers": { "x": "$config.nope" } }, ',
];
const STRING = /"(?:[^"\\\n]|\\.)*"/g;

export interface EditSpec {
  line: number;
  column: number;
  kind: 'replace-string' | 'insert' | 'delete';
  token: string;
  length: number;
}

export const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  line: fc.nat(),
  column: fc.nat(),
  kind: fc.constantFrom('replace-string', 'replace-string', 'insert', 'delete'),
  token: fc.constantFrom(...TOKENS),
  length: fc.integer({ min: 1, max: 8 }),
});

/** A concrete change inside one line of `doc` (line and column taken modulo what exists). */
export function changeFor(doc: ConfigDocument, spec: EditSpec): TextChange {
  const lineCount = doc.lines.lineCount;
  const line = spec.line % lineCount;
  const start = doc.lines.offsetAt({ line, character: 0 });
  const next = line + 1 < lineCount ? doc.lines.offsetAt({ line: line + 1, character: 0 }) : doc.text.length;
  const text = doc.text.slice(start, next).replace(/\r?\n$/, '');
  const at = start + (spec.column % (text.length + 1));
  if (spec.kind === 'replace-string') {
    const strings = [...text.matchAll(STRING)];
    if (strings.length > 0) {
      const m = strings[spec.column % strings.length]!;
      return { start: start + m.index!, end: start + m.index! + m[0].length, newText: spec.token };
    }
  }
  if (spec.kind === 'delete') return { start: at, end: Math.min(at + spec.length, start + text.length), newText: '' };
  return { start: at, end: at, newText: spec.token };
}

/** Every file under `dir`, keyed by `/gw/<relative path>`. */
export function readWorkspace(dir: string, into = '/gw'): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const name of readdirSync(folder)) {
      if (name.startsWith('.expected')) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}/${name}`);
      else files[`${prefix}/${name}`] = readFileSync(path, 'utf8');
    }
  };
  walk(dir, into);
  return files;
}

/** What an editor does to a block of lines (numbers are taken modulo what exists). */
export interface BlockEditSpec {
  /** `*-route`: the whole text of one route of `paths` through the start of the next (the JSON stays valid). */
  kind: 'delete-lines' | 'duplicate-lines' | 'move-lines' | 'replace-across' | 'delete-route' | 'duplicate-route' | 'move-route';
  /** The block's first line; for the route kinds, which route. */
  line: number;
  /** How many lines the block has (the route kinds take one route). */
  lines: number;
  /** Where a duplicate or moved block goes (a line, or a route), or how many characters a replacement spans. */
  to: number;
  token: string;
}

export const blockEditSpec: fc.Arbitrary<BlockEditSpec> = fc.record({
  kind: fc.constantFrom('delete-lines', 'duplicate-lines', 'move-lines', 'replace-across', 'delete-route', 'duplicate-route', 'move-route'),
  line: fc.nat(),
  lines: fc.integer({ min: 1, max: 12 }),
  to: fc.nat(),
  token: fc.constantFrom('', ',', '{', '}', ' ', '"x"', '\n', '{ "method": "GET", "path": "/pasted" },\n'),
});

function lineStartOf(doc: ConfigDocument, line: number): number {
  return line >= doc.lines.lineCount ? doc.text.length : doc.lines.offsetAt({ line, character: 0 });
}

/**
 * Apply one block edit to the session: one change, or two for a move (cut, then paste at the target line of the
 * text after the cut), as Alt+Up/Down and cut-and-paste send them.
 */
export function applyBlockEdit(session: EditSession, spec: BlockEditSpec): void {
  const doc = session.doc;
  if (spec.kind.endsWith('-route')) return applyRouteEdit(session, spec);
  const first = spec.line % doc.lines.lineCount;
  const start = lineStartOf(doc, first);
  const end = lineStartOf(doc, first + spec.lines);
  const block = doc.text.slice(start, end);
  switch (spec.kind) {
    case 'delete-lines':
      session.edit({ start, end, newText: '' });
      return;
    case 'duplicate-lines': {
      const at = lineStartOf(doc, spec.to % doc.lines.lineCount);
      session.edit({ start: at, end: at, newText: block });
      return;
    }
    case 'move-lines': {
      session.edit({ start, end, newText: '' });
      const at = lineStartOf(session.doc, spec.to % session.doc.lines.lineCount);
      session.edit({ start: at, end: at, newText: block });
      return;
    }
    case 'replace-across': {
      const stop = Math.min(doc.text.length, start + (spec.to % 400));
      session.edit({ start, end: stop, newText: spec.token });
    }
  }
}

/** The routes of `paths` but the last, as [start, start of the next route): cutting one keeps the array valid. */
function routeSpans(doc: ConfigDocument): [number, number][] {
  const paths = doc.root?.type === 'object' ? doc.root.children?.find((p) => p.children?.[0]?.value === 'paths')?.children?.[1] : undefined;
  const items = paths?.type === 'array' ? (paths.children ?? []) : [];
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < items.length; i++) spans.push([items[i]!.offset, items[i + 1]!.offset]);
  return spans;
}

function applyRouteEdit(session: EditSession, spec: BlockEditSpec): void {
  const spans = routeSpans(session.doc);
  if (spans.length === 0) return;
  const [start, end] = spans[spec.line % spans.length]!;
  const route = session.doc.text.slice(start, end);
  if (spec.kind === 'delete-route') return session.edit({ start, end, newText: '' });
  if (spec.kind === 'duplicate-route') {
    const at = spans[spec.to % spans.length]![0];
    return session.edit({ start: at, end: at, newText: route });
  }
  session.edit({ start, end, newText: '' });
  const after = routeSpans(session.doc);
  if (after.length === 0) return session.edit({ start, end: start, newText: route });
  const at = after[spec.to % after.length]![0];
  session.edit({ start: at, end: at, newText: route });
}
