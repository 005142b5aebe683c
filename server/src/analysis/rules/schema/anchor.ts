// Where findings of the 1xx/2xx families sit and the small fix builders they share: ranges of key and
// value nodes, JSON pointers built from known indexes (pointerOf scans sibling arrays, too slow at 10k routes),
// and single-edit fixes computed from a rewritten text.
import type { Fix, Range, RelatedLocation, Severity, TextFileEdit } from '../../findings';
import type { Report, RuleContext } from '../rule';
import type { ConfigDocument } from '../../model';
import type { JsonNode } from '../../parse/config-document';
import { detectIndent, modifyJson, renameKey, replaceNode, replaceString, setJsonValue } from '../../fixes/json-edits';
import type { JSONPath } from 'jsonc-parser';

export function rangeOf(doc: ConfigDocument, node: JsonNode): Range {
  return doc.lines.rangeOf(node.offset, node.length);
}

/** Range of the first character of a node (an object item that is missing a key: anchor on its `{`). */
export function openingOf(doc: ConfigDocument, node: JsonNode): Range {
  return doc.lines.rangeOf(node.offset, Math.min(1, node.length));
}

/** RFC 6901 pointer from path segments. */
export function pointer(...segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    const s = String(segment);
    out += s.includes('~') || s.includes('/') ? `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${s}`;
  }
  return out;
}

/** JSON path (for jsonc-parser `modify`) from the same segments. */
export function jsonPath(...segments: (string | number)[]): JSONPath {
  return segments;
}

export function renameKeyFix(doc: ConfigDocument, keyNode: JsonNode, newKey: string, safe: boolean): Fix {
  return { title: `Rename \`${String(keyNode.value)}\` to \`${newKey}\``, safe, edits: [renameKey(doc, keyNode, newKey)] };
}

export function replaceStringFix(doc: ConfigDocument, node: JsonNode, value: string, title: string, safe: boolean): Fix {
  return { title, safe, edits: [replaceString(doc, node, value)] };
}

export function replaceValueFix(doc: ConfigDocument, node: JsonNode, value: unknown, title: string, safe: boolean): Fix {
  return { title, safe, edits: [replaceNode(doc, node, JSON.stringify(value))] };
}

/** Insert or replace the value at a JSON path, keeping formatting (modifyJson). */
export function setValueFix(doc: ConfigDocument, path: JSONPath, value: unknown, title: string, safe: boolean): Fix | undefined {
  const edits = safeSet(doc, path, value);
  return edits && edits.length > 0 ? { title, safe, edits } : undefined;
}

export function safeSet(doc: ConfigDocument, path: JSONPath, value: unknown, isArrayInsertion = false): TextFileEdit[] | undefined {
  try {
    return setJsonValue(doc, path, value, { isArrayInsertion });
  } catch {
    // modify throws when the path crosses a value of another type; no fix then.
    return undefined;
  }
}

/**
 * Several jsonc-parser modifications applied one after the other, returned as ONE edit (common prefix and
 * suffix of the old and new text removed), so edits that touch neighbouring properties never overlap.
 * With `container`, paths are relative to that node and only its text is re-parsed.
 */
export function sequentialEdit(
  doc: ConfigDocument,
  steps: { path: JSONPath; value: unknown; isArrayInsertion?: boolean }[],
  container?: JsonNode,
): TextFileEdit | undefined {
  const { tabSize, insertSpaces, eol } = layoutOf(doc);
  let base = 0;
  let original = doc.text;
  if (container) {
    const local = localText(doc, container);
    original = local.text;
    base = container.offset - local.leading.length;
  }
  let text = original;
  try {
    for (const step of steps) {
      const edits = modifyJson(text, step.path, step.value, { tabSize, insertSpaces, eol }, step.isArrayInsertion ?? false);
      for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.content + text.slice(e.offset + e.length);
    }
  } catch {
    return undefined;
  }
  const change = textDiff(original, text);
  return change && { file: doc.file, range: doc.lines.rangeOf(base + change.start, change.length), newText: change.newText };
}

function textDiff(old: string, next: string): { start: number; length: number; newText: string } | undefined {
  if (old === next) return undefined;
  let start = 0;
  const max = Math.min(old.length, next.length);
  while (start < max && old.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = next.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === next.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  return { start, length: endOld - start, newText: next.slice(start, endNew) };
}

export interface EmitExtras {
  fixes?: (Fix | undefined)[];
  severity?: Severity;
  related?: RelatedLocation[];
  /** Anchor range when it is not the whole node (e.g. only the opening brace). */
  range?: Range;
  /** Other pointers this finding speaks for (e.g. the missing fields), so a schema error there is not reported twice. */
  covers?: string[];
}

/** report() bound to the config document: anchor on a node, pointer given by the caller. */
export type Emit = (code: string, node: JsonNode, ptr: string, message: string, extras?: EmitExtras) => void;

export interface BufferedEmitter {
  emit: Emit;
  /** Reports so far, in order; the schema pass may raise severities before they are flushed. */
  reports: Report[];
  /** Extra pointers per report (EmitExtras.covers). */
  covers: { get(report: Report): string[] | undefined };
  flush(): void;
}

/** EmitExtras.covers of every buffered report (one table: an emitter is made per route, most never cover). */
const coversOf = new WeakMap<Report, string[]>();

/** Findings are buffered so the JSON-Schema pass can tell which of them the targeted schema also rejects. */
export function configEmitter(ctx: RuleContext, doc: ConfigDocument): BufferedEmitter {
  const reports: Report[] = [];
  const emit: Emit = (code, node, ptr, message, extras = {}) => {
    const report: Report = {
      code,
      message,
      file: doc.file,
      range: extras.range ?? rangeOf(doc, node),
      pointer: ptr,
      ...(extras.severity ? { severity: extras.severity } : {}),
      ...(extras.related ? { related: extras.related } : {}),
      fixes: (extras.fixes ?? []).filter((f): f is Fix => f !== undefined),
    };
    reports.push(report);
    if (extras.covers) coversOf.set(report, extras.covers);
  };
  return {
    emit,
    reports,
    covers: coversOf,
    flush() {
      if (reports.length === 0) return; // most routes: skip the length write, not free per call
      for (const r of reports) ctx.report(r);
      reports.length = 0;
    },
  };
}

/** The emitter routeEmitter hands out per rule context, with the document it was made for. */
const routeEmitters = new WeakMap<RuleContext, { doc: ConfigDocument; out: BufferedEmitter }>();

/**
 * One buffered emitter per rule context and document, reused route after route (flush it after each): the route
 * runner passes one context for every route of a family run, so 10,000 routes share it instead of allocating an
 * emitter each. What a route that threw left unflushed is dropped, as with an emitter of its own.
 */
export function routeEmitter(ctx: RuleContext, doc: ConfigDocument): BufferedEmitter {
  let kept = routeEmitters.get(ctx);
  if (!kept || kept.doc !== doc) routeEmitters.set(ctx, (kept = { doc, out: configEmitter(ctx, doc) }));
  if (kept.out.reports.length !== 0) kept.out.reports.length = 0;
  return kept.out;
}

/** `paths[3]`-style label for messages. */
export function label(...segments: (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** JSON type name as users read it. */
export function typeName(node: JsonNode | undefined): string {
  if (!node) return 'nothing';
  if (node.type === 'null') return 'null';
  if (node.type === 'array') return 'an array';
  if (node.type === 'object') return 'an object';
  if (node.type === 'string') return `the string ${JSON.stringify(node.value)}`;
  return `the ${node.type} ${String(node.value)}`;
}

/**
 * The container's text prefixed with the whitespace that precedes it on its line (so jsonc-parser indents
 * like the file). When other text precedes it on the line (`"servers": [`), no prefix: offsets stay exact.
 */
function localText(doc: ConfigDocument, container: JsonNode): { text: string; leading: string } {
  const lineStart = doc.lines.offsetAt({ line: doc.lines.positionAt(container.offset).line, character: 0 });
  const before = doc.text.slice(lineStart, container.offset);
  const leading = /^[ \t]*$/.test(before) ? before : '';
  return { text: leading + doc.text.slice(container.offset, container.offset + container.length), leading };
}

/** Append an element to an array in its own layout (same line, or a new line at the last element's indentation). */
export function appendArrayItemEdit(doc: ConfigDocument, array: JsonNode, value: unknown): TextFileEdit | undefined {
  if (array.type !== 'array') return undefined;
  const item = JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
  const items = array.children ?? [];
  if (items.length === 0) return { file: doc.file, range: doc.lines.rangeOf(array.offset, array.length), newText: `[${item}]` };
  const last = items[items.length - 1]!;
  const end = last.offset + last.length;
  const lastLine = doc.lines.positionAt(last.offset).line;
  if (lastLine === doc.lines.positionAt(array.offset).line) return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `, ${item}` };
  const lineStart = doc.lines.offsetAt({ line: lastLine, character: 0 });
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, last.offset))![0];
  return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `,${layoutOf(doc).eol}${indent}${item}` };
}

/** The document's line ending and indentation (each found once per text). */
function layoutOf(doc: ConfigDocument): { eol: ConfigDocument['lines']['eol']; tabSize: number; insertSpaces: boolean } {
  return { eol: doc.lines.eol, ...detectIndent(doc) };
}

/**
 * Insert, replace or remove a value inside `container` (an object or array node) with jsonc-parser `modify`,
 * run on the container's text only (prefixed with its line's indentation so the formatting matches), so a
 * fix on one route costs the size of that route, not of a 3 MB file.
 */
export function localEdits(doc: ConfigDocument, container: JsonNode, path: JSONPath, value: unknown, isArrayInsertion = false): TextFileEdit[] | undefined {
  const local = localText(doc, container);
  const leading = local.leading;
  const { tabSize, insertSpaces, eol } = layoutOf(doc);
  try {
    const edits = modifyJson(local.text, path, value, { tabSize, insertSpaces, eol }, isArrayInsertion);
    const shift = container.offset - leading.length;
    return edits.map((e) => ({ file: doc.file, range: doc.lines.rangeOf(e.offset + shift, e.length), newText: e.content }));
  } catch {
    return undefined;
  }
}

export function localFix(doc: ConfigDocument, container: JsonNode | undefined, path: JSONPath, value: unknown, title: string, safe: boolean): Fix | undefined {
  if (!container) return undefined;
  const quick = path.length === 1 && typeof path[0] === 'string' && value !== undefined ? setPropertyEdit(doc, container, path[0], value) : undefined;
  if (quick) return { title, safe, edits: [quick] };
  const edits = localEdits(doc, container, path, value);
  return edits && edits.length > 0 ? { title, safe, edits } : undefined;
}

/** Insert `"key": value` as the first property of the root object without re-parsing the file. */
export function insertRootPropertyEdit(doc: ConfigDocument, root: JsonNode, key: string, value: unknown): TextFileEdit {
  const { tabSize, insertSpaces, eol } = layoutOf(doc);
  const unit = insertSpaces ? ' '.repeat(tabSize) : '\t';
  const body = JSON.stringify(value, null, unit).split('\n').join(eol + unit);
  const hasProps = (root.children?.length ?? 0) > 0;
  const newText = `${eol}${unit}${JSON.stringify(key)}: ${body}${hasProps ? ',' : eol}`;
  return { file: doc.file, range: doc.lines.rangeOf(root.offset + 1, 0), newText };
}

/** Replace the value of an existing property, or add it (insertPropertyEdit); no re-parse. */
export function setPropertyEdit(doc: ConfigDocument, object: JsonNode, key: string, value: unknown): TextFileEdit | undefined {
  if (object.type !== 'object') return undefined;
  let existing: JsonNode | undefined;
  for (const prop of object.children ?? []) if (prop.children?.[0]?.value === key) existing = prop.children[1];
  if (existing) return typeof value === 'object' && value !== null ? undefined : replaceNode(doc, existing, JSON.stringify(value));
  return insertPropertyEdit(doc, object, key, value);
}

/**
 * Add `"key": value` after the last property of an object, in the object's own layout (same line, or a new
 * line with the last property's indentation). Pure text arithmetic: fixes on thousands of findings stay cheap.
 * undefined when the key exists or the object is empty (then jsonc-parser formats it).
 */
export function insertPropertyEdit(doc: ConfigDocument, object: JsonNode, key: string, value: unknown, knownAbsent = false): TextFileEdit | undefined {
  if (object.type !== 'object' || !object.children || object.children.length === 0) return undefined;
  // `knownAbsent`: the caller looked the key up already (a pass over 10,000 keys per fix adds up).
  if (!knownAbsent && object.children.some((p) => p.children?.[0]?.value === key)) return undefined;
  if (typeof value === 'object' && value !== null && JSON.stringify(value).length > 60) return undefined;
  const last = object.children[object.children.length - 1]!;
  const end = last.offset + last.length;
  const lastLine = doc.lines.positionAt(last.offset).line;
  const text = doc.text;
  const property = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  if (lastLine === doc.lines.positionAt(object.offset).line) {
    return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `, ${property}` };
  }
  const lineStart = doc.lines.offsetAt({ line: lastLine, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
  return { file: doc.file, range: doc.lines.rangeOf(end, 0), newText: `,${layoutOf(doc).eol}${indent}${property}` };
}
