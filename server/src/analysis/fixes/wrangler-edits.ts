// Edits to a wrangler config (toml, json, jsonc) for the 3xx/4xx quick fixes: add or copy a service binding,
// add a var, append a compatibility flag, turn on additional modules. Each edit uses the form the file already
// uses (SPEC D) and keeps comments, blank lines and line endings; undefined = no edit can be made safely.
import { parse as parseJsonc } from 'jsonc-parser';
import { getStaticTOMLValue, type AST } from 'toml-eslint-parser';
import type { FixPlaceholder, TextFileEdit } from '../findings';
import type { ServiceBindingDecl, WranglerConfig, WranglerEnvironment } from '../model';
import { applyTextEdits } from './json-edits';
import { appendToJsonArray, hasJsonNodeAt, setJsonProperty } from './jsonc-layout';
import { LineIndex } from '../text/line-index';
import { askOnce } from '../ask-once';
import {
  appendToInlineArray,
  appendToInlineTable,
  insertLinesAfter,
  keyNames,
  keyValueAt,
  lastTableUnder,
  nodeAtRange,
  rootKeyValues,
  standardTable,
  tables,
  tablePath,
  tomlDefines,
  dottedKeyTable,
  tomlKey,
  tomlPairs,
  tomlProgram,
  tomlValue,
  topLevelSectionEnd,
  valueIn,
} from './toml-layout';

/** Fields of a new `services` entry, in the order wrangler's docs write them. */
export interface ServiceBindingFields {
  binding: string;
  service: string;
  entrypoint?: string;
}

function environmentOf(wrangler: WranglerConfig, envName: string): WranglerEnvironment | undefined {
  // By name, made once per config: a fix per finding asks, with 1,000 environments a find each added up.
  const byName = askOnce(wrangler, 'environments by name', () => {
    const map = new Map<string, WranglerEnvironment>();
    for (const env of wrangler.environments) if (!map.has(env.name)) map.set(env.name, env);
    return map;
  });
  return byName.get(envName);
}

/** Path of an environment's own table: [] for the top level, ['env', NAME] otherwise. */
function envPath(envName: string): string[] {
  return envName === '' ? [] : ['env', envName];
}

function fieldsObject(fields: ServiceBindingFields): Record<string, unknown> {
  return { binding: fields.binding, service: fields.service, ...(fields.entrypoint !== undefined ? { entrypoint: fields.entrypoint } : {}) };
}

/** Where a new table of an environment goes: end of the top-level section, or after the env's last table. */
function tableInsertionOffset(program: AST.TOMLProgram, envName: string): number | undefined | null {
  if (envName === '') return topLevelSectionEnd(program);
  // `null`: the env is not written as tables (e.g. an inline table), so a header cannot extend it.
  return lastTableUnder(program, ['env', envName])?.range[1] ?? null;
}

/**
 * Add a service binding to one environment ("" = top level). TOML: append to an inline `services = [...]`,
 * else add a `[[services]]` / `[[env.NAME.services]]` table after the last one or at the end of the right
 * section. JSON/JSONC: insert into the array (or create it) with jsonc-parser, comments kept.
 */
export function addServiceBinding(
  wrangler: WranglerConfig,
  envName: string,
  binding: string,
  serviceName: string,
  entrypoint?: string,
  otherFields: Record<string, unknown> = {},
): TextFileEdit[] | undefined {
  const env = environmentOf(wrangler, envName);
  if (!env) return undefined;
  const fields = { ...fieldsObject({ binding, service: serviceName, ...(entrypoint !== undefined ? { entrypoint } : {}) }), ...otherFields };
  if (wrangler.format !== 'toml') {
    const path = [...envPath(envName), 'services'];
    if (env.servicesForm.kind !== 'json-array' && hasJsonNodeAt(wrangler, path)) return undefined;
    return appendToJsonArray(wrangler, path, fields);
  }
  const program = tomlProgram(wrangler.text);
  if (!program) return undefined;
  const form = env.servicesForm;
  switch (form.kind) {
    case 'toml-inline-array': {
      const { start, end } = form.arrayRange;
      const array = askOnce(program, `array at ${start.line}:${start.character}-${end.line}:${end.character}`, () => nodeAtRange(program, wrangler.lines, form.arrayRange, 'TOMLArray'));
      if (!array) return undefined;
      return appendToInlineArray(wrangler, array, inlineTableLike(wrangler.text, array, fields));
    }
    case 'toml-table-array': {
      const path = [...envPath(envName), 'services'];
      // After the last entry's own subtables too (`[services.props]`): a table between would become the new entry's.
      const lastTableEnd = wrangler.lines.offsetAt(form.lastTableRange.end);
      const end = Math.max(lastTableUnder(program, path)?.range[1] ?? lastTableEnd, lastTableEnd);
      return [insertLinesAfter(wrangler, end, [`[[${path.map(tomlKey).join('.')}]]`, ...tomlPairs(fields)], true)];
    }
    case 'json-array':
      return undefined;
    case 'absent': {
      const path = [...envPath(envName), 'services'];
      if (tomlDefines(program, path)) return undefined;
      const offset = askOnce(program, `new table of env ${envName}`, () => tableInsertionOffset(program, envName));
      if (offset === null) return undefined;
      const header = `[[${path.map(tomlKey).join('.')}]]`;
      return [insertLinesAfter(wrangler, offset, [header, ...tomlPairs(fields)], true)];
    }
  }
}

/**
 * Where addServiceBinding wrote `service`'s value: the `service` key (bare or quoted, `=` or `:`) followed by that
 * value, so a binding or entrypoint with the same text is never taken for it.
 */
export function servicePlaceholder(edits: readonly TextFileEdit[], service: string): FixPlaceholder | undefined {
  const quoted = JSON.stringify(service);
  const key = /(?:^|[\s{,])"?service"?[ \t]*[:=][ \t]*/g;
  for (let edit = 0; edit < edits.length; edit++) {
    const newText = edits[edit]!.newText;
    for (const match of newText.matchAll(key)) {
      const at = match.index + match[0].length;
      if (newText.startsWith(quoted, at)) return { kind: 'workerName', text: quoted.slice(1, -1), edit, offset: at + 1 };
    }
  }
  return undefined;
}

/** Copy an existing declaration of environment `fromEnv`, every field of it, into another environment (SAG302). */
export function copyServiceBinding(wrangler: WranglerConfig, decl: ServiceBindingDecl, fromEnv: string, toEnv: string): TextFileEdit[] | undefined {
  if (!decl.service) return undefined;
  const others = otherServiceFields(wrangler, fromEnv, decl);
  if (!others) return undefined;
  return addServiceBinding(wrangler, toEnv, decl.binding.value, decl.service.value, decl.entrypoint?.value, others);
}

/**
 * The fields of `decl` besides binding, service and entrypoint (`props`, `remote`, `environment`, …), as wrangler
 * reads the file: a copy without them would bind differently (another deployment, no props). undefined when the
 * entry cannot be found in the file's value (no copy is then offered).
 */
export function otherServiceFields(wrangler: WranglerConfig, envName: string, decl: ServiceBindingDecl): Record<string, unknown> | undefined {
  const root = askOnce(wrangler, 'file value', () => fileValue(wrangler));
  const section = envName === '' ? root : asRecord(asRecord(asRecord(root)?.env)?.[envName]);
  const services = asRecord(section)?.services;
  if (!Array.isArray(services)) return undefined;
  for (const item of services) {
    const entry = asRecord(item);
    if (!entry || entry.binding !== decl.binding.value || entry.service !== decl.service?.value || entry.entrypoint !== decl.entrypoint?.value) continue;
    const { binding: _binding, service: _service, entrypoint: _entrypoint, ...others } = entry;
    return others;
  }
  return undefined;
}

function fileValue(wrangler: WranglerConfig): unknown {
  if (wrangler.format !== 'toml') return jsonValue(wrangler.text, []);
  const program = tomlProgram(wrangler.text);
  if (!program) return undefined;
  try {
    return getStaticTOMLValue(program);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `NAME = value` under `[vars]` / `[env.NAME.vars]` (or `"vars"` in JSON), creating the table when needed. */
export function addVar(wrangler: WranglerConfig, envName: string, name: string, value: string): TextFileEdit[] | undefined {
  const env = environmentOf(wrangler, envName);
  if (!env) return undefined;
  const varsPath = [...envPath(envName), 'vars'];
  if (wrangler.format !== 'toml') return setJsonProperty(wrangler, [...varsPath, name], value);
  const program = tomlProgram(wrangler.text);
  if (!program) return undefined;
  const pair = `${tomlKey(name)} = ${tomlValue(value)}`;
  const table = standardTable(program, varsPath);
  if (table) {
    const last = table.body[table.body.length - 1];
    return [insertLinesAfter(wrangler, (last ?? table).range[1], [pair], false)];
  }
  const inline = keyValueAt(program, varsPath);
  if (inline) return inline.value.type === 'TOMLInlineTable' ? [appendToInlineTable(wrangler, inline.value, pair)] : undefined;
  // `vars.ISS = "x"`: one more dotted key beside the last one (a [vars] header would define the table twice).
  const dotted = dottedKeyTable(program, varsPath);
  if (dotted) return [insertLinesAfter(wrangler, dotted.pair.range[1], [`${[...dotted.keyPrefix, name].map(tomlKey).join('.')} = ${tomlValue(value)}`], false)];
  if (tomlDefines(program, varsPath)) return undefined;
  const offset = tableInsertionOffset(program, envName);
  if (offset === null) return undefined;
  return [insertLinesAfter(wrangler, offset, [`[${varsPath.map(tomlKey).join('.')}]`, pair], true)];
}

/** Append a flag to the top-level `compatibility_flags` (or create the key next to `compatibility_date`). */
export function appendCompatibilityFlag(wrangler: WranglerConfig, flag: string): TextFileEdit[] | undefined {
  if (wrangler.format !== 'toml') {
    const existing = jsonValue(wrangler.text, ['compatibility_flags']);
    return existing === undefined || Array.isArray(existing) ? appendToJsonArray(wrangler, ['compatibility_flags'], flag) : undefined;
  }
  const program = tomlProgram(wrangler.text);
  if (!program) return undefined;
  const existing = keyValueAt(program, ['compatibility_flags']);
  if (existing) return existing.value.type === 'TOMLArray' ? appendToInlineArray(wrangler, existing.value, tomlValue(flag)) : undefined;
  return [insertRootKeyValue(wrangler, program, 'compatibility_date', `compatibility_flags = ${tomlValue([flag])}`)];
}

/**
 * Make wrangler upload `relativeFile` (relative to base_dir) as an additional module (SAG402): set
 * `find_additional_modules = true` when it is not, and add `glob` to the first ESModule rule (a later rule of the
 * same type would be ignored without `fallthrough`) or add such a rule.
 */
export function enableAdditionalModule(wrangler: WranglerConfig, options: { setFindAdditionalModules: boolean; glob?: string }): TextFileEdit[] | undefined {
  // Asked once per finding, mostly with the same answer (1,000 services, one missing glob): made once per config
  // and options, each finding getting its own copies (the JSON steps re-parse the whole file).
  const made = askOnce(wrangler, `additional module ${options.setFindAdditionalModules} ${options.glob ?? ''}`, () => additionalModuleEdits(wrangler, options));
  return made?.map((edit) => ({ ...edit }));
}

function additionalModuleEdits(wrangler: WranglerConfig, options: { setFindAdditionalModules: boolean; glob?: string }): TextFileEdit[] | undefined {
  const edits: TextFileEdit[] = [];
  if (wrangler.format !== 'toml') {
    // jsonc-parser computes each edit on the text it is given, so the steps run one after the other and
    // the result is handed back as one replacement.
    let doc = { file: wrangler.file, text: wrangler.text, lines: wrangler.lines };
    const step = (edits: TextFileEdit[]): void => {
      const text = applyTextEdits(doc.text, doc.lines, edits);
      doc = { file: doc.file, text, lines: new LineIndex(text) };
    };
    const apply = (edits: TextFileEdit[] | undefined): void => {
      if (edits) step(edits);
    };
    if (options.setFindAdditionalModules) apply(setJsonProperty(doc, ['find_additional_modules'], true));
    if (options.glob !== undefined) {
      const rules = jsonValue(doc.text, ['rules']);
      if (Array.isArray(rules)) {
        const index = rules.findIndex((r) => r && typeof r === 'object' && (r as { type?: unknown }).type === 'ESModule');
        const globs = index >= 0 ? (rules[index] as { globs?: unknown }).globs : undefined;
        apply(
          index >= 0 && Array.isArray(globs)
            ? appendToJsonArray(doc, ['rules', index, 'globs'], options.glob)
            : appendToJsonArray(doc, ['rules'], { type: 'ESModule', globs: [options.glob] }),
        );
      } else if (rules === undefined) {
        apply(appendToJsonArray(doc, ['rules'], { type: 'ESModule', globs: [options.glob] }));
      }
    }
    return doc.text === wrangler.text ? undefined : [replacementEdit(wrangler, doc.text)];
  }
  const program = tomlProgram(wrangler.text);
  if (!program) return undefined;
  if (options.setFindAdditionalModules) {
    const existing = keyValueAt(program, ['find_additional_modules']);
    if (existing) edits.push({ file: wrangler.file, range: wrangler.lines.rangeOf(existing.value.range[0], existing.value.range[1] - existing.value.range[0]), newText: 'true' });
    else edits.push(insertRootKeyValue(wrangler, program, 'main', 'find_additional_modules = true'));
  }
  if (options.glob !== undefined) {
    const ruleEdits = addGlobToTomlRules(wrangler, program, options.glob);
    if (!ruleEdits) return undefined;
    edits.push(...ruleEdits);
  }
  const merged = mergeInsertions(edits);
  return merged.length > 0 && !overlapping(wrangler, merged) ? merged : undefined;
}

/** Insertions at one position become one edit, in list order (two edits there would apply in no set order). */
function mergeInsertions(edits: TextFileEdit[]): TextFileEdit[] {
  const out: TextFileEdit[] = [];
  for (const e of edits) {
    const empty = (x: TextFileEdit): boolean => x.range.start.line === x.range.end.line && x.range.start.character === x.range.end.character;
    const same = out.find((o) => empty(o) && empty(e) && o.range.start.line === e.range.start.line && o.range.start.character === e.range.start.character);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

function addGlobToTomlRules(wrangler: WranglerConfig, program: AST.TOMLProgram, glob: string): TextFileEdit[] | undefined {
  const newRule = { type: 'ESModule', globs: [glob] };
  const inline = keyValueAt(program, ['rules']);
  if (inline) {
    if (inline.value.type !== 'TOMLArray') return undefined;
    for (const element of inline.value.elements) {
      if (element.type !== 'TOMLInlineTable') continue;
      const edits = appendGlobIfESModule(wrangler, element.body, glob);
      if (edits) return edits;
    }
    return appendToInlineArray(wrangler, inline.value, tomlValue(newRule));
  }
  const ruleTables = tables(program).filter((t) => t.kind === 'array' && tablePath(t).join('.') === 'rules');
  for (const table of ruleTables) {
    const edits = appendGlobIfESModule(wrangler, table.body, glob);
    if (edits) return edits;
  }
  const last = ruleTables[ruleTables.length - 1];
  if (last) return [insertLinesAfter(wrangler, last.range[1], ['[[rules]]', ...tomlPairs(newRule)], true)];
  return [insertRootKeyValue(wrangler, program, 'main', `rules = [${tomlValue(newRule)}]`)];
}

function appendGlobIfESModule(wrangler: WranglerConfig, body: AST.TOMLKeyValue[], glob: string): TextFileEdit[] | undefined {
  const type = valueIn(body, 'type');
  if (type?.type !== 'TOMLValue' || type.value !== 'ESModule') return undefined;
  const globs = valueIn(body, 'globs');
  return globs?.type === 'TOMLArray' ? appendToInlineArray(wrangler, globs, tomlValue(glob)) : undefined;
}

/** A top-level `key = value` line: after `afterKey` when the root section has it, else after the last root pair. */
function insertRootKeyValue(wrangler: WranglerConfig, program: AST.TOMLProgram, afterKey: string, line: string): TextFileEdit {
  const roots = rootKeyValues(program);
  const anchor = roots.filter((kv) => keyNames(kv.key).join('.') === afterKey).pop() ?? roots[roots.length - 1];
  return insertLinesAfter(wrangler, anchor?.range[1], [line], false);
}

/** A new inline-table element written like the array's existing ones (`{ a = 1 }` vs `{a = 1}`). */
function inlineTableLike(text: string, array: AST.TOMLArray, fields: Record<string, unknown>): string {
  const pairs = Object.entries(fields).map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`).join(', ');
  const first = array.elements[0];
  const tight = first?.type === 'TOMLInlineTable' && /^\{\S/.test(text.slice(first.range[0], first.range[1]));
  return tight ? `{${pairs}}` : `{ ${pairs} }`;
}

function jsonValue(text: string, path: string[]): unknown {
  let value: unknown;
  try {
    value = parseJsonc(text);
  } catch {
    return undefined;
  }
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function overlapping(wrangler: WranglerConfig, edits: TextFileEdit[]): boolean {
  const spans = edits.map((e) => [wrangler.lines.offsetAt(e.range.start), wrangler.lines.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i]![0] < spans[i - 1]![1]) return true;
  return false;
}

/** One edit that turns the original text into `newText`: the span between their common prefix and suffix. */
function replacementEdit(wrangler: WranglerConfig, newText: string): TextFileEdit {
  const old = wrangler.text;
  let prefix = 0;
  while (prefix < old.length && prefix < newText.length && old[prefix] === newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < newText.length - prefix && old[old.length - 1 - suffix] === newText[newText.length - 1 - suffix]) suffix++;
  return { file: wrangler.file, range: wrangler.lines.rangeOf(prefix, old.length - suffix - prefix), newText: newText.slice(prefix, newText.length - suffix) };
}
