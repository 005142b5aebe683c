// The targeted runtime's JSON Schema run over the parsed config, through ajv validators precompiled at build time
// (generated/schema-validators.js: no schema is compiled at run time). Each ajv error is mapped to the SAG1xx code
// of its location; when a direct check already reported that problem, the error only confirms it (under `bundled`,
// a schema-rejected config is refused, so the finding becomes an error), otherwise one finding is added with a
// message written here (never ajv's). Validation is split so that an edit re-validates one route: each path item
// against the schema's PathItem, the rest against the schema with `paths` items left open (same errors as one
// validation of the whole value). A path item whose parsed tree the schema surely accepts (schema-verdict.ts: nearly
// every route) skips the JSON.parse and ajv run: ajv only ever reports errors, and there are none.
import type { ErrorObject } from 'ajv';
import { getNodeValue } from 'jsonc-parser';
import { buildSchema, type SchemaVariant } from 'serverless-api-gateway-runtime/config';
import type { JsonNode } from '../../parse/config-document';
import { detached } from '../../text/detached-string';
import type { Report, RuleContext } from '../rule';
import { openingOf, rangeOf, type BufferedEmitter } from './anchor';
import type { ConfigView, RouteView } from './config-view';
import { bundledRest, bundledRoute, upstreamRest, upstreamRoute, type PrecompiledValidator } from './generated/schema-validators';
import { KeyLookup, mapSchemaError, type MappedSchemaError } from './schema-error-map';
import { compileVerdict, VALID, type NodeVerdict } from './schema-verdict';

/** Per variant: one path item (`$defs/PathItem`), and the whole config with any value allowed as a path item. */
const VALIDATORS: Record<SchemaVariant, { route: PrecompiledValidator; rest: PrecompiledValidator }> = {
  bundled: { route: bundledRoute, rest: bundledRest },
  upstream: { route: upstreamRoute, rest: upstreamRest },
};

/** Tests compare the split validation with this one (compiled at run time, test-only). */
export { schemaValidator } from './whole-schema-validator';

/** ajv's errors for one path item, with instance paths as in a validation of the whole config. */
export function routeSchemaErrors(variant: SchemaVariant, view: ConfigView, route: RouteView): ErrorObject[] {
  const doc = view.doc;
  const node = route.node;
  // Without syntax errors the tree is exactly what JSON.parse reads: a route the schema surely accepts needs no value.
  if (doc.syntaxErrors.length === 0 && pathItemVerdict(variant)(node) === VALID) return [];
  const value = doc.syntaxErrors.length === 0 ? parseQuick(doc.text.slice(node.offset, node.offset + node.length)) ?? getNodeValue(node) : getNodeValue(node);
  const validate = VALIDATORS[variant].route;
  if (validate(value)) return [];
  const prefix = `/paths/${route.index}`;
  return (validate.errors ?? []).map((e) => ({ ...e, instancePath: prefix + e.instancePath }));
}

const pathItemVerdicts = new Map<SchemaVariant, NodeVerdict>();

/** The tree-level verdict of the variant's `$defs/PathItem` (the schema the route validator was generated from). */
export function pathItemVerdict(variant: SchemaVariant): NodeVerdict {
  let verdict = pathItemVerdicts.get(variant);
  if (!verdict) {
    const schema = buildSchema(variant);
    verdict = compileVerdict({ $ref: '#/$defs/PathItem' }, schema);
    pathItemVerdicts.set(variant, verdict);
  }
  return verdict;
}

/** The last validation of the rest per config tree: the text around the path items, their count, the errors. */
interface RestValidation {
  variant: SchemaVariant;
  before: string;
  after: string;
  items: number;
  errors: ErrorObject[];
}
const lastRestValidation = new WeakMap<JsonNode, RestValidation>();

/** ajv's errors for everything but the path items (their count and the `paths` array itself included). */
export function restSchemaErrors(variant: SchemaVariant, view: ConfigView): ErrorObject[] {
  const doc = view.doc;
  if (!doc.root) return [];
  // An edit inside a route leaves the rest as it was: its value (JSON.parse of ~100 KB beside 10,000 nulls) and
  // validation would come out the same, ~0.8 ms per edit at 10,000 paths.
  const paths = view.rootProps.value('paths');
  const memoable = doc.syntaxErrors.length === 0 && view.root !== undefined && paths?.type === 'array';
  let before = '';
  let after = '';
  if (memoable) {
    before = doc.text.slice(0, paths.offset);
    after = doc.text.slice(paths.offset + paths.length);
    const last = lastRestValidation.get(doc.root);
    if (last && last.variant === variant && last.items === (paths.children?.length ?? 0) && last.before === before && last.after === after) return last.errors;
  }
  const value = restValue(view);
  const validate = VALIDATORS[variant].rest;
  const errors = validate(value) ? [] : (validate.errors ?? []);
  if (memoable) lastRestValidation.set(doc.root, { variant, before: detached(before), after: detached(after), items: paths.children?.length ?? 0, errors });
  return errors;
}

/** The config's value with each path item replaced by null: JSON.parse of the text without the routes' text. */
function restValue(view: ConfigView): unknown {
  const doc = view.doc;
  const paths = view.rootProps.value('paths');
  if (doc.syntaxErrors.length === 0) {
    if (paths?.type === 'array' && view.root) {
      const nulls = (paths.children ?? []).map(() => 'null').join(',');
      const text = `${doc.text.slice(0, paths.offset)}[${nulls}]${doc.text.slice(paths.offset + paths.length)}`;
      const parsed = parseQuick(text);
      if (parsed !== undefined) return parsed;
    } else {
      const parsed = parseQuick(doc.text);
      if (parsed !== undefined) return parsed;
    }
  }
  // With mistakes the tree is jsonc-parser's: getNodeValue's value of it (keys in order, the last one wins), with
  // `paths` an array of nulls, built without the routes' values (10,000 of them per keystroke while the JSON is broken).
  const root = doc.root!;
  if (root.type !== 'object') return getNodeValue(root) as unknown;
  const value = Object.create(null) as Record<string, unknown>;
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = keyNode.value as string;
    value[key] = key === 'paths' && valueNode.type === 'array' ? (valueNode.children ?? []).map(() => null) : getNodeValue(valueNode);
  }
  return value;
}

/** Codes whose findings are notes, not the problem a schema error is about. */
const NON_COVERING = new Set(['SAG103', 'SAG116', 'SAG122']);

/**
 * Map ajv `errors` (of one route, or of the rest) to findings, next to the direct checks' reports in `out`
 * about the same part of the config (which they confirm or add to).
 */
export function applySchemaErrors(ctx: RuleContext, view: ConfigView, out: BufferedEmitter, errors: ErrorObject[]): void {
  const doc = view.doc;
  if (!doc.root || errors.length === 0) return;
  const keys = new KeyLookup();
  const mapped = collapse(errors.map((e) => mapSchemaError(e, view, keys)).filter((m): m is MappedSchemaError => m !== undefined));
  const byCodeAndPointer = indexReports(out.reports, out.covers);
  const refusal = ctx.runtime === 'bundled'
    ? 'the bundled gateway refuses the config'
    : 'the upstream gateway only notices when it validates (outside Workers, or with SAG_STRICT_CONFIG)';
  const added = new Map<string, { report: Report; missing: string[]; where: string }>();
  for (const m of mapped) {
    const covering = coveringReports(byCodeAndPointer, m.code, m.subject);
    if (covering.length > 0) {
      if (ctx.runtime === 'bundled') for (const r of covering) raiseToRefusal(r);
      continue;
    }
    // Several missing fields of one object become one finding on that object.
    const key = m.missing ? `required ${m.missing.in}` : `${m.code} ${m.subject}`;
    const earlier = added.get(key);
    if (earlier) {
      if (m.missing && !earlier.missing.includes(m.missing.property)) earlier.missing.push(m.missing.property);
      continue;
    }
    const node = m.anchor;
    const report: Report = {
      code: m.code,
      message: m.message,
      file: doc.file,
      range: node ? (m.openingOnly ? openingOf(doc, node) : rangeOf(doc, node)) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      pointer: m.missing?.in ?? m.subject,
      severity: ctx.runtime === 'bundled' ? 'error' : 'information',
      related: [],
      fixes: [],
    };
    added.set(key, { report, missing: m.missing ? [m.missing.property] : [], where: m.missing?.where ?? '' });
    out.reports.push(report);
  }
  for (const { report, missing, where } of added.values()) {
    if (missing.length > 0) report.message = `${where} lacks ${missing.map((f) => `\`${f}\``).join(', ')}, which the ${ctx.runtime} JSON Schema requires`;
    report.message += `; ${refusal}`;
  }
}

function parseQuick(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** ajv reports `if` failures next to the `then` errors, and authorizer branches that do not apply: keep one per problem. */
function collapse(list: MappedSchemaError[]): MappedSchemaError[] {
  const seen = new Set<string>();
  const out: MappedSchemaError[] = [];
  for (const m of list) {
    const key = `${m.code} ${m.subject} ${m.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}

type ReportIndex = Map<string, Report[]>;

/**
 * Reports by `code pointer`, under their own pointer, their `covers` pointers, and every ancestor of those
 * (`code ~ancestor`): a schema error about an object (`integration` must be an object) covers a finding on
 * one of its values, but a finding on an object never swallows unrelated errors further down.
 */
function indexReports(reports: Report[], covers: BufferedEmitter['covers']): ReportIndex {
  const index: ReportIndex = new Map();
  const add = (key: string, r: Report) => {
    const list = index.get(key);
    // A report adds itself to a key only while it is the one being indexed: if it is there, it is the last one
    // (a search of the list would make thousands of reports under one parent pointer quadratic).
    if (list) {
      if (list[list.length - 1] !== r) list.push(r);
    } else index.set(key, [r]);
  };
  for (const r of reports) {
    if (NON_COVERING.has(r.code) || r.pointer === undefined) continue;
    for (const ptr of [r.pointer, ...(covers.get(r) ?? [])]) {
      add(`${r.code} ${ptr}`, r);
      for (let p = parentPointer(ptr); p !== undefined; p = parentPointer(p)) add(`${r.code} ~${p}`, r);
    }
  }
  return index;
}

/** Same code, and the report's pointer is the subject or lies below it. */
function coveringReports(index: ReportIndex, code: string, subject: string): Report[] {
  return index.get(`${code} ${subject}`) ?? index.get(`${code} ~${subject}`) ?? [];
}

function parentPointer(p: string): string | undefined {
  if (p === '') return undefined;
  return p.slice(0, p.lastIndexOf('/'));
}

function raiseToRefusal(r: Report): void {
  if (r.severity === 'error') return;
  r.severity = 'error';
  r.message = r.message.replace(' is ignored by the gateway', ' is not allowed');
  if (r.message.includes('refuses the config')) return;
  const hint = r.message.indexOf('; did you mean');
  r.message = hint >= 0 ? `${r.message.slice(0, hint)}; the bundled gateway refuses the config${r.message.slice(hint)}` : `${r.message}; the bundled gateway refuses the config`;
}
