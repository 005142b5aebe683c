// Schema-driven key/enum completion, hover docs and snippets for api-config.json: vscode-json-languageservice used
// as a library with the schema of the gateway's runtime (bundled or upstream), validation OFF (the engine owns every
// diagnostic). A 3 MB file is not re-parsed per request: the service sees only the array item or object around the
// cursor (a "window"), framed by a one-line prefix, so line numbers map back by a constant.
import { getLanguageService, TextDocument as JsonTextDocument, type ClientCapabilities, type CompletionList, type Hover, type JSONSchema, type LanguageService } from 'vscode-json-languageservice';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Position } from '../../analysis/findings';
import type { RuntimeTarget } from '../../analysis/findings';
import type { ConfigDocument } from '../../analysis/model';
import bundledSchema from '../../../../shared-runtime/schemas/api-config.bundled.schema.json';
import upstreamSchema from '../../../../shared-runtime/schemas/api-config.upstream.schema.json';
import { withPostProcessHook, withSnippets } from './snippets';

/** The document the service sees is named after the runtime: its folder picks the schema (fileMatch). */
const WINDOW_URI: Record<RuntimeTarget, string> = {
  bundled: 'file:///sag-window/bundled/api-config.json',
  upstream: 'file:///sag-window/upstream/api-config.json',
};

interface Window {
  document: JsonTextDocument;
  /** Editor line = window line + lineDelta. */
  lineDelta: number;
}

export class JsonSchemaService {
  private readonly service: LanguageService;
  private fullDocCache: { key: string; window: Window; parsed: ReturnType<LanguageService['parseJSONDocument']> } | undefined;

  constructor(capabilities?: ClientCapabilities) {
    this.service = getLanguageService({ clientCapabilities: capabilities ?? {} });
    this.service.configure({
      validate: false,
      allowComments: false,
      schemas: [
        { uri: 'sag-schema://api-config.bundled.schema.json', fileMatch: ['/sag-window/bundled/*'], schema: withSnippets(bundledSchema as JSONSchema) },
        { uri: 'sag-schema://api-config.upstream.schema.json', fileMatch: ['/sag-window/upstream/*'], schema: withSnippets(withPostProcessHook(upstreamSchema as JSONSchema, bundledSchema as JSONSchema)) },
      ],
    });
  }

  async completion(doc: ConfigDocument, revision: number, requested: Position, runtime: RuntimeTarget): Promise<CompletionList | null> {
    if (refused(doc)) return null;
    // The language service trusts positions: one past a line's end or the last line gave ranges outside the text.
    const position = inDocument(doc, requested);
    const { window, parsed } = this.windowAt(doc, revision, position, runtime);
    const list = await this.service.doComplete(window.document, shift(position, -window.lineDelta), parsed);
    if (!list) return null;
    for (const item of list.items) {
      const edit = item.textEdit;
      if (edit) {
        if ('range' in edit) edit.range = shiftRange(edit.range, window.lineDelta);
        else {
          edit.insert = shiftRange(edit.insert, window.lineDelta);
          edit.replace = shiftRange(edit.replace, window.lineDelta);
        }
      }
      if (item.additionalTextEdits) for (const extra of item.additionalTextEdits) extra.range = shiftRange(extra.range, window.lineDelta);
    }
    return list;
  }

  async hover(doc: ConfigDocument, revision: number, requested: Position, runtime: RuntimeTarget): Promise<Hover | null> {
    if (refused(doc)) return null;
    const position = inDocument(doc, requested);
    const { window, parsed } = this.windowAt(doc, revision, position, runtime);
    const hover = await this.service.doHover(window.document, shift(position, -window.lineDelta), parsed);
    // A value the schema says nothing about comes back as `contents: [""]`: an empty hover box, so none.
    if (!hover || isEmpty(hover.contents)) return null;
    if (hover.range) hover.range = shiftRange(hover.range, window.lineDelta);
    return hover;
  }

  private windowAt(doc: ConfigDocument, revision: number, position: Position, runtime: RuntimeTarget): { window: Window; parsed: ReturnType<LanguageService['parseJSONDocument']> } {
    const window = cutWindow(doc, doc.lines.offsetAt(position), runtime);
    if (window) return { window, parsed: this.service.parseJSONDocument(window.document) };
    // Outside any top-level item (root keys, between array items): the whole file, parsed once per revision of the
    // open document (OpenDocument.revision; the client's version repeats after a close and a new open).
    const key = `${doc.file}\u0000${revision}\u0000${runtime}`;
    if (this.fullDocCache?.key !== key) {
      const full: Window = { document: JsonTextDocument.create(WINDOW_URI[runtime], 'json', revision, doc.text), lineDelta: 0 };
      this.fullDocCache = { key, window: full, parsed: this.service.parseJSONDocument(full.document) };
    }
    return { window: this.fullDocCache.window, parsed: this.fullDocCache.parsed };
  }
}

function isEmpty(contents: Hover['contents']): boolean {
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.every((part) => (typeof part === 'string' ? part : part.value).trim() === '');
}

/**
 * A file the engine refused to parse (too large, binary, nested deeper than MAX_CONFIG_DEPTH): the language
 * service's own recursive parser would overflow the stack on it (5,000 levels did), at every hover and keystroke.
 */
function refused(doc: ConfigDocument): boolean {
  return doc.root === undefined && doc.unreadable !== undefined;
}

/** The item of a top-level array (paths[i], servers[i] ...) or the top-level object value (cors ...) around `offset`. */
export function cutWindow(doc: ConfigDocument, offset: number, runtime: RuntimeTarget): Window | undefined {
  const root = doc.root;
  if (!root || root.type !== 'object') return undefined;
  for (const prop of root.children ?? []) {
    const key = prop.children?.[0];
    const value = prop.children?.[1];
    if (!key || !value || !strictlyInside(value, offset)) continue;
    if (value.type === 'object') return frame(doc, value, `{${JSON.stringify(key.value)}:`, '}', runtime);
    if (value.type !== 'array') return undefined;
    const item = value.children?.find((child) => offset >= child.offset && offset <= child.offset + child.length);
    if (!item || item.type !== 'object') return undefined;
    return frame(doc, item, `{${JSON.stringify(key.value)}:[`, ']}', runtime);
  }
  return undefined;
}

function strictlyInside(node: JsonNode, offset: number): boolean {
  return offset > node.offset && offset < node.offset + node.length;
}

function frame(doc: ConfigDocument, node: JsonNode, prefix: string, suffix: string, runtime: RuntimeTarget): Window {
  const startLine = doc.lines.positionAt(node.offset).line;
  const lineStart = doc.lines.offsetAt({ line: startLine, character: 0 });
  // Text before the node on its first line becomes spaces, so columns stay where the editor has them.
  const text = `${prefix}\n${' '.repeat(node.offset - lineStart)}${doc.text.slice(node.offset, node.offset + node.length)}\n${suffix}`;
  return { document: JsonTextDocument.create(WINDOW_URI[runtime], 'json', 1, text), lineDelta: startLine - 1 };
}

/** The position as the document has it: LSP's reading of one past a line's end (its end) or past the text. */
function inDocument(doc: ConfigDocument, position: Position): Position {
  return doc.lines.positionAt(doc.lines.offsetAt(position));
}

function shift(position: Position, lines: number): Position {
  return { line: position.line + lines, character: position.character };
}

function shiftRange<R extends { start: Position; end: Position }>(range: R, lines: number): R {
  return { ...range, start: shift(range.start, lines), end: shift(range.end, lines) };
}
