// Completion inside the gateway's wrangler config (TOML or JSON): a service declaration's `service` (the Workers
// of the workspace), its `entrypoint` (the target Worker's exported classes) and its `binding` (the names
// api-config.json's serviceBindings expect). Read from the text of the cursor's line, so half-typed values work.
import type { Position } from '../../findings';
import type { ReferenceIndex } from '../reference-index/build';
import { contains } from '../reference-index/lookup';
import type { CompletionEntry } from '../types';
import { textContextAt } from './wrangler-text-state';
import { deployedModule } from '../../workspace/deployed-module';
import { exportedClassList } from '../../workspace/module-exports';

const VALUE_BEFORE_CURSOR = /(?:^|[\s,{])"?(service|entrypoint|binding)"?\s*[=:]\s*(["'])([^"']*)$/;
/** `binding = |` / `"binding": |`: no quote typed yet; the items bring their own. */
const BARE_VALUE_BEFORE_CURSOR = /(?:^|[\s,{])"?(service|entrypoint|binding)"?\s*[=:]\s*$/;

export function wranglerCompletion(index: ReferenceIndex, position: Position): CompletionEntry[] {
  const wrangler = index.wrangler?.wrangler;
  if (!wrangler) return [];
  const lineStart = wrangler.lines.offsetAt({ line: position.line, character: 0 });
  const offset = wrangler.lines.offsetAt(position);
  const before = wrangler.text.slice(lineStart, offset);
  const { state, table, declarationStart } = textContextAt(wrangler.text, offset, wrangler.format);
  // The line only looks like a declaration when the cursor is in a one-line string (not a comment, not a `"""`),
  // or in code right after the `=` / `:`.
  const quoted = state === 'string' ? VALUE_BEFORE_CURSOR.exec(before) : null;
  const bare = state === 'code' && !quoted ? BARE_VALUE_BEFORE_CURSOR.exec(before) : null;
  if (!quoted && !bare) return [];
  const key = (quoted ?? bare)![1]!;
  let range;
  if (quoted) {
    const [, , quote, typed] = quoted;
    const start = offset - typed!.length;
    let end = offset;
    while (end < wrangler.text.length && /[^"'\r\n]/.test(wrangler.text[end]!) && wrangler.text[end] !== quote) end++;
    range = wrangler.lines.rangeOf(start, end - start);
  } else range = wrangler.lines.rangeOf(offset, 0);
  // `service`, `entrypoint` and these `binding` names belong to service bindings only: a `binding` of a KV namespace
  // (or a var called `binding`) must not be offered them (binding names are unique across kinds, SPEC B.1).
  if (table !== undefined && table !== 'services') return [];
  const names = key === 'service' ? workerNames(index) : key === 'entrypoint' ? entrypointNames(index, position, writtenService(wrangler.text, declarationStart, offset, wrangler.format)) : bindingNames(index);
  return names.map(([label, detail]) => ({
    label,
    kind: key === 'binding' ? 'binding' : key === 'service' ? 'alias' : 'method',
    detail,
    range,
    // TOML and JSON write these names the same way in double quotes (they hold no quote or backslash).
    ...(bare ? { insertText: JSON.stringify(label), filterText: JSON.stringify(label) } : {}),
  }));
}

function workerNames(index: ReferenceIndex): [string, string][] {
  return [...index.project.workers.deployedNames()].map(([name, deployed]) => [name, `Worker in ${deployed.worker.wrangler.file}${deployed.envName ? ` (env ${deployed.envName})` : ''}`]);
}

/**
 * The `service` written in the declaration the cursor is in: the last one before the cursor, in code (not in a
 * comment), else one after the cursor's own value on its line, before the declaration's `}`.
 */
function writtenService(text: string, declarationStart: number, offset: number, format: 'toml' | 'json' | 'jsonc'): string | undefined {
  const pattern = format === 'toml' ? /\bservice[ \t]*=[ \t]*["']([^"'\n]+)["']/g : /"service"\s*:\s*"([^"\n]+)"/g;
  let found: string | undefined;
  for (const line of text.slice(declarationStart, offset).split(/\r\n|\r|\n/)) {
    for (const match of withoutComment(line, format).matchAll(pattern)) found = match[1];
  }
  if (found !== undefined) return found;
  // After the cursor: past the end of the value typed at it (an unterminated one runs to the end of its line).
  const lineEnd = text.slice(offset).search(/[\r\n]|$/) + offset;
  const valueEnd = text.slice(offset, lineEnd).search(/["']/);
  // No closing quote before the declaration's `}`: the value is still being typed, and what follows is the next one's.
  if (valueEnd < 0 || text.slice(offset, offset + valueEnd).includes('}')) return undefined;
  const rest = withoutComment(text.slice(offset + valueEnd + 1, lineEnd), format);
  const close = rest.indexOf('}');
  return [...(close < 0 ? rest : rest.slice(0, close)).matchAll(pattern)][0]?.[1];
}

/** A line up to its comment (`#` in TOML, `//` in JSONC) outside quotes. */
function withoutComment(line: string, format: 'toml' | 'json' | 'jsonc'): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || (c === "'" && format === 'toml')) quote = c;
    else if (format === 'toml' ? c === '#' : c === '/' && line[i + 1] === '/') return line.slice(0, i);
  }
  return line;
}

/** Exported classes of the Worker the declaration under the cursor targets. */
function entrypointNames(index: ReferenceIndex, position: Position, writtenService: string | undefined): [string, string][] {
  const decl = index.wrangler?.occurrences.find((o) => o.role === 'target' && o.kind === 'wranglerBinding' && contains(o.decl.range, position));
  // A half-typed `entrypoint = "` leaves the file unparsed: the `service` written in the declaration then says it.
  const service = decl?.role === 'target' && decl.kind === 'wranglerBinding' ? decl.decl.service?.value : writtenService;
  const deployed = service !== undefined ? index.project.workers.deployedAs(service) : undefined;
  const module = deployed ? deployedModule(deployed, index.modules) : undefined;
  if (!module) return [];
  return exportedClassList(module, index.modules).map(([name, { cls }]) => [name, cls.extendsWorkerEntrypoint ? 'WorkerEntrypoint class' : 'class (does not extend WorkerEntrypoint)']);
}

function bindingNames(index: ReferenceIndex): [string, string][] {
  return [...index.config.bindingOrigins].map(([name, origins]) => [name, `serviceBindings alias ${origins.map((o) => o.alias ?? '?').join(', ')}`]);
}
