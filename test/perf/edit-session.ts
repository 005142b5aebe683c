// Test helpers for the incremental path: an editor-like session (one ProjectCache, the config document updated
// edit by edit with updateConfigDocument) next to a fresh full analysis of the same text, and random one-line edits.
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
