// The targeted runtime's JSON Schema (ajv 2020 + formats, compiled ONCE per process and variant) run over
// the parsed config. Each ajv error is mapped to the SAG1xx code of its location; when a direct check already
// reported that problem, the error only confirms it (under `bundled`, a schema-rejected config is refused, so
// the finding becomes an error), otherwise one finding is added with a message written here (never ajv's).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getNodeValue } from 'jsonc-parser';
import { buildSchema, type SchemaVariant } from 'serverless-api-gateway-runtime/config';
import type { Report, RuleContext } from '../rule';
import { openingOf, rangeOf, type BufferedEmitter } from './anchor';
import type { ConfigView } from './config-view';
import { mapSchemaError, type MappedSchemaError } from './schema-error-map';

const validators = new Map<SchemaVariant, ValidateFunction>();

/** The compiled validator of a schema variant; compiled on first use, then kept for the process. */
export function schemaValidator(variant: SchemaVariant): ValidateFunction {
  let validate = validators.get(variant);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    validate = ajv.compile(buildSchema(variant));
    validators.set(variant, validate);
  }
  return validate;
}

/** Codes whose findings are notes, not the problem a schema error is about. */
const NON_COVERING = new Set(['SAG103', 'SAG116', 'SAG122']);

export function applySchemaValidation(ctx: RuleContext, view: ConfigView, out: BufferedEmitter): void {
  const doc = view.doc;
  if (!doc.root) return;
  const value = doc.syntaxErrors.length === 0 ? parseQuick(doc.text) ?? getNodeValue(doc.root) : getNodeValue(doc.root);
  const validate = schemaValidator(ctx.runtime);
  if (validate(value)) return;
  const mapped = collapse((validate.errors ?? []).map((e) => mapSchemaError(e, view)).filter((m): m is MappedSchemaError => m !== undefined));
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
function indexReports(reports: Report[], covers: Map<Report, string[]>): ReportIndex {
  const index: ReportIndex = new Map();
  const add = (key: string, r: Report) => {
    const list = index.get(key);
    if (list) {
      if (!list.includes(r)) list.push(r);
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
