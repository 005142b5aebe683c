// Completion inside the gateway's wrangler config (TOML or JSON): a service declaration's `service` (the Workers
// of the workspace), its `entrypoint` (the target Worker's exported classes) and its `binding` (the names
// api-config.json's serviceBindings expect). Read from the text of the cursor's line, so half-typed values work.
import type { Position } from '../../findings';
import type { ReferenceIndex } from '../reference-index/build';
import { contains } from '../reference-index/lookup';
import type { CompletionEntry } from '../types';
import { textStateAt } from './wrangler-text-state';
import { deployedModule } from '../../workspace/deployed-module';

const VALUE_BEFORE_CURSOR = /(?:^|[\s,{])"?(service|entrypoint|binding)"?\s*[=:]\s*(["'])([^"']*)$/;

export function wranglerCompletion(index: ReferenceIndex, position: Position): CompletionEntry[] {
  const wrangler = index.wrangler?.wrangler;
  if (!wrangler) return [];
  const lineStart = wrangler.lines.offsetAt({ line: position.line, character: 0 });
  const offset = wrangler.lines.offsetAt(position);
  const before = wrangler.text.slice(lineStart, offset);
  const match = VALUE_BEFORE_CURSOR.exec(before);
  // The line only looks like a declaration when the cursor is in a one-line string (not a comment, not a `"""`).
  if (!match || textStateAt(wrangler.text, offset, wrangler.format) !== 'string') return [];
  const [, key, quote, typed] = match;
  const start = offset - typed!.length;
  let end = offset;
  while (end < wrangler.text.length && /[^"'\r\n]/.test(wrangler.text[end]!) && wrangler.text[end] !== quote) end++;
  const range = wrangler.lines.rangeOf(start, end - start);
  const names = key === 'service' ? workerNames(index) : key === 'entrypoint' ? entrypointNames(index, position) : bindingNames(index);
  return names.map(([label, detail]) => ({ label, kind: key === 'binding' ? 'binding' : key === 'service' ? 'alias' : 'method', detail, range }));
}

function workerNames(index: ReferenceIndex): [string, string][] {
  return [...index.project.workers.deployedNames()].map(([name, deployed]) => [name, `Worker in ${deployed.worker.wrangler.file}${deployed.envName ? ` (env ${deployed.envName})` : ''}`]);
}

/** Exported classes of the Worker the declaration under the cursor targets. */
function entrypointNames(index: ReferenceIndex, position: Position): [string, string][] {
  const decl = index.wrangler?.occurrences.find((o) => o.role === 'target' && o.kind === 'wranglerBinding' && contains(o.decl.range, position));
  const service = decl?.role === 'target' && decl.kind === 'wranglerBinding' ? decl.decl.service?.value : undefined;
  const deployed = service !== undefined ? index.project.workers.deployedAs(service) : undefined;
  const module = deployed ? deployedModule(deployed, index.modules) : undefined;
  if (!module) return [];
  return [...module.exportedClasses].map(([name, cls]) => [name, cls.extendsWorkerEntrypoint ? 'WorkerEntrypoint class' : 'class (does not extend WorkerEntrypoint)']);
}

function bindingNames(index: ReferenceIndex): [string, string][] {
  return [...index.config.bindingOrigins].map(([name, origins]) => [name, `serviceBindings alias ${origins.map((o) => o.alias ?? '?').join(', ')}`]);
}
