// A JSON Schema's verdict on a parsed tree node without building the value: exact for the keywords it knows,
// UNKNOWN for the rest. A path item the schema surely accepts (nearly all of them) then skips JSON.parse and
// ajv; anything rejected or undecided still goes through the precompiled ajv validator, whose errors are reported.
import type { JsonSchema } from 'serverless-api-gateway-runtime/config';
import { isShadowed, shadowIndex, type JsonNode } from '../../parse/config-document';

export const VALID = 1;
export const INVALID = 0;
/** A keyword this file does not evaluate, a non-finite number, a schema key objects inherit: ask ajv. */
export const UNKNOWN = 2;
export type Verdict = typeof VALID | typeof INVALID | typeof UNKNOWN;

export type NodeVerdict = (node: JsonNode) => Verdict;

/** Keywords that never change validity. */
const ANNOTATIONS = new Set(['$schema', '$id', '$defs', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);

const TYPE_BITS: Record<string, number> = { string: 1, number: 2, integer: 4, boolean: 8, null: 16, object: 32, array: 64 };

/**
 * One schema object, compiled to plain fields that `evaluate` reads (one class, so every read has one shape;
 * closures per keyword cost several times more per node at 10,000 routes).
 */
class CompiledSchema {
  /** `true` schema or nothing to check: VALID without looking. */
  trivial = false;
  /** `false` schema. */
  never = false;
  /** Holds a keyword not evaluated here. */
  undecided = false;
  /** TYPE_BITS of `type`, 0 when absent. */
  types = 0;
  /** Primitive members of `enum` / `const` (Set.has agrees with === on every JSON value); undefined when absent. */
  members: Set<unknown> | undefined = undefined;
  membersHaveContainers = false;
  pattern: RegExp | undefined = undefined;
  /** `pattern` when it is `^` and literal text. */
  prefix: string | undefined = undefined;
  minLength = -1;
  maxLength = -1;
  ref: CompiledSchema | undefined = undefined;
  /** properties / additionalProperties / required present. */
  objectKeywords = false;
  /** Property schemas that check something (trivial ones dropped). */
  known = new Map<string, CompiledSchema>();
  additional: CompiledSchema | undefined = undefined;
  required: string[] = [];
  items: CompiledSchema | undefined = undefined;
  allOf: CompiledSchema[] = [];
  anyOf: CompiledSchema[] = [];
  not: CompiledSchema | undefined = undefined;
  ifSchema: CompiledSchema | undefined = undefined;
  thenSchema: CompiledSchema | undefined = undefined;
  elseSchema: CompiledSchema | undefined = undefined;
  /** allOf of if/then on one key's const (see `discriminated`): the key, its `then` per value, and all of them. */
  discriminator: string | undefined = undefined;
  branches = new Map<unknown, CompiledSchema>();
  everyBranch: CompiledSchema[] = [];
}

const TRIVIAL = Object.assign(new CompiledSchema(), { trivial: true });
const NEVER = Object.assign(new CompiledSchema(), { never: true });
const UNDECIDED = Object.assign(new CompiledSchema(), { undecided: true });

/**
 * The verdict function of `schema`, with `$ref`s (`#/$defs/Name` only) resolved in `root.$defs`. Built once per
 * schema; the semantics follow ajv as the analysis configures it (draft 2020-12, `strict: false`, `ownProperties` off).
 */
export function compileVerdict(schema: JsonSchema | boolean, root: JsonSchema): NodeVerdict {
  const defs = (root.$defs ?? {}) as Record<string, JsonSchema>;
  const compiledDefs = new Map<string, CompiledSchema>();
  const compile = (s: unknown): CompiledSchema => {
    if (s === true) return TRIVIAL;
    if (s === false) return NEVER;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return UNDECIDED;
    const schemaObject = s as JsonSchema;
    const c = new CompiledSchema();
    let checks = 0;
    for (const [keyword, value] of Object.entries(schemaObject)) {
      if (ANNOTATIONS.has(keyword) || keyword === 'then' || keyword === 'else') continue;
      checks++;
      switch (keyword) {
        case '$ref': {
          const name = typeof value === 'string' && value.startsWith('#/$defs/') ? value.slice('#/$defs/'.length) : undefined;
          if (name === undefined || name.includes('/') || name.includes('~') || !Object.hasOwn(defs, name)) c.undecided = true;
          else {
            let target = compiledDefs.get(name);
            if (!target) {
              // Registered before its body is compiled, so a recursive definition refers to itself.
              target = new CompiledSchema();
              compiledDefs.set(name, target);
              Object.assign(target, compile(defs[name]));
            }
            c.ref = target;
          }
          break;
        }
        case 'type': {
          const types = Array.isArray(value) ? value : [value];
          for (const t of types) {
            const bit = typeof t === 'string' ? TYPE_BITS[t] : undefined;
            if (bit === undefined) c.undecided = true;
            else c.types |= bit;
          }
          break;
        }
        case 'enum':
        case 'const': {
          const members = keyword === 'const' ? [value] : Array.isArray(value) ? value : undefined;
          if (!members || c.members) {
            c.undecided = true;
            break;
          }
          const primitives = members.filter((m) => m === null || typeof m !== 'object');
          c.members = new Set(primitives);
          c.membersHaveContainers = primitives.length < members.length;
          break;
        }
        case 'pattern':
          if (typeof value !== 'string') c.undecided = true;
          else if (/^\^[A-Za-z0-9/_-]*$/.test(value)) c.prefix = value.slice(1); // `^/`: a literal prefix, no regex needed
          else {
            try {
              c.pattern = new RegExp(value, 'u'); // ajv's unicodeRegExp default
            } catch {
              c.undecided = true;
            }
          }
          break;
        case 'minLength':
        case 'maxLength':
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) c.undecided = true;
          else if (keyword === 'minLength') c.minLength = value;
          else c.maxLength = value;
          break;
        case 'properties':
        case 'additionalProperties':
        case 'required':
          c.objectKeywords = true;
          break;
        case 'items':
          if ('prefixItems' in schemaObject) c.undecided = true;
          else c.items = compile(value);
          break;
        case 'allOf':
          if (!Array.isArray(value)) c.undecided = true;
          else if (!discriminated(c, value, compile)) c.allOf = value.map(compile);
          break;
        case 'anyOf':
          if (!Array.isArray(value) || value.length === 0) c.undecided = true;
          else c.anyOf = value.map(compile);
          break;
        case 'not':
          c.not = compile(value);
          break;
        case 'if':
          c.ifSchema = compile(value);
          c.thenSchema = 'then' in schemaObject ? compile(schemaObject.then) : TRIVIAL;
          c.elseSchema = 'else' in schemaObject ? compile(schemaObject.else) : TRIVIAL;
          break;
        default:
          // format, oneOf, uniqueItems, patternProperties, unevaluated*, numeric bounds... and anything unknown.
          c.undecided = true;
      }
    }
    if (c.objectKeywords) compileObjectKeywords(c, schemaObject, compile);
    if (checks === 0) return TRIVIAL;
    // `{ "$ref": ..., "description": ... }` (every property that names a definition): the definition itself.
    if (checks === 1 && c.ref) return c.ref;
    return c;
  };
  const compiled = compile(schema);
  return (node) => evaluate(compiled, node);
}

/**
 * `properties`, `additionalProperties` and `required`. ajv reads the JSON.parse'd value, where a duplicate key
 * keeps its last value (so only the last pair of a key is checked) and `__proto__` is an own key like any other;
 * schema keys an object inherits are left to ajv (it tests `data.key !== undefined`).
 */
function compileObjectKeywords(c: CompiledSchema, s: JsonSchema, compile: (s: unknown) => CompiledSchema): void {
  const properties = s.properties ?? {};
  const required = s.required ?? [];
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties) || !Array.isArray(required) || !required.every((k) => typeof k === 'string')) {
    c.undecided = true;
    return;
  }
  if ([...Object.keys(properties), ...required].some((k) => k in Object.prototype)) {
    c.undecided = true;
    return;
  }
  for (const [key, sub] of Object.entries(properties)) {
    const compiled = compile(sub);
    if (compiled !== TRIVIAL) c.known.set(key, compiled);
  }
  const additional = 'additionalProperties' in s ? compile(s.additionalProperties) : TRIVIAL;
  c.additional = additional === TRIVIAL ? undefined : additional;
  c.required = required as string[];
  // `variables` ({ type: object, additionalProperties: {} }): nothing to look at inside.
  if (c.known.size === 0 && !c.additional && c.required.length === 0) c.objectKeywords = false;
}

/**
 * `allOf: [{ if: { properties: { K: { const: c1 } }, required: [K] }, then: T1 }, ...]` (one `then` per string value
 * of the same key K, no `else`): at most one condition holds on an object, so the value of K picks the one `then`
 * (the integration schema has one per integration type). False when `members` has another form.
 */
function discriminated(c: CompiledSchema, members: unknown[], compile: (s: unknown) => CompiledSchema): boolean {
  let key: string | undefined;
  const branches = new Map<unknown, CompiledSchema>();
  for (const member of members) {
    if (typeof member !== 'object' || member === null) return false;
    const { if: test, then, ...rest } = member as JsonSchema;
    if (Object.keys(rest).length > 0 || typeof test !== 'object' || test === null || then === undefined) return false;
    const { properties, required, ...other } = test as JsonSchema;
    if (Object.keys(other).length > 0 || typeof properties !== 'object' || properties === null) return false;
    const names = Object.keys(properties);
    if (names.length !== 1 || !Array.isArray(required) || required.length !== 1 || required[0] !== names[0]) return false;
    const condition = (properties as Record<string, unknown>)[names[0]!];
    if (typeof condition !== 'object' || condition === null || Object.keys(condition).length !== 1 || !('const' in condition)) return false;
    const constant = (condition as { const: unknown }).const;
    if (typeof constant !== 'string' || branches.has(constant) || (key !== undefined && key !== names[0])) return false;
    key = names[0]!;
    branches.set(constant, compile(then));
  }
  if (key === undefined || key in Object.prototype) return false;
  c.discriminator = key;
  c.branches = branches;
  c.everyBranch = [...branches.values()];
  return true;
}

function evaluate(c: CompiledSchema, node: JsonNode): Verdict {
  if (c.trivial) return VALID;
  if (c.never) return INVALID;
  // An INVALID anywhere decides; UNKNOWN only if nothing rejects.
  let result: Verdict = c.undecided ? UNKNOWN : VALID;
  const type = node.type;
  if (type === 'number' && !Number.isFinite(node.value as number)) return UNKNOWN; // ajv's own handling of Infinity
  if (c.types !== 0) {
    const bit = type === 'number' ? (c.types & 2 ? 2 : Number.isInteger(node.value) ? 4 : 0) : TYPE_BITS[type] ?? 0;
    if ((c.types & bit) === 0) return INVALID;
  }
  if (c.members) {
    if (type === 'object' || type === 'array') {
      if (c.membersHaveContainers) result = UNKNOWN;
      else return INVALID;
    } else if (!c.members.has(node.value)) return INVALID;
  }
  if (type === 'string') {
    const text = node.value as string;
    if (c.prefix !== undefined && !text.startsWith(c.prefix)) return INVALID;
    if (c.pattern && !c.pattern.test(text)) return INVALID;
    if (c.minLength >= 0 || c.maxLength >= 0) {
      const length = codePointLength(text);
      if ((c.minLength >= 0 && length < c.minLength) || (c.maxLength >= 0 && length > c.maxLength)) return INVALID;
    }
  }
  if (c.ref) result = and(result, evaluate(c.ref, node));
  if (result === INVALID) return INVALID;
  if (c.objectKeywords && type === 'object') result = and(result, evaluateObject(c, node));
  if (result === INVALID) return INVALID;
  if (c.items && type === 'array') {
    const items = node.children ?? [];
    for (let i = 0; i < items.length && result !== INVALID; i++) result = and(result, evaluate(c.items, items[i]!));
  }
  for (let i = 0; i < c.allOf.length && result !== INVALID; i++) result = and(result, evaluate(c.allOf[i]!, node));
  if (c.discriminator !== undefined && result !== INVALID) result = and(result, evaluateDiscriminated(c, node));
  if (c.anyOf.length > 0 && result !== INVALID) {
    let any: Verdict = INVALID;
    for (let i = 0; i < c.anyOf.length && any !== VALID; i++) {
      const v = evaluate(c.anyOf[i]!, node);
      if (v !== INVALID) any = v;
    }
    result = and(result, any);
  }
  if (c.not && result !== INVALID) {
    const v = evaluate(c.not, node);
    result = and(result, v === UNKNOWN ? UNKNOWN : v === VALID ? INVALID : VALID);
  }
  if (c.ifSchema && result !== INVALID) {
    const v = evaluate(c.ifSchema, node);
    result = and(result, v === UNKNOWN ? UNKNOWN : evaluate(v === VALID ? c.thenSchema! : c.elseSchema!, node));
  }
  return result;
}

function and(a: Verdict, b: Verdict): Verdict {
  return a === INVALID || b === INVALID ? INVALID : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : VALID;
}

function evaluateObject(c: CompiledSchema, node: JsonNode): Verdict {
  const pairs = node.children;
  if (!pairs) return UNKNOWN;
  let result: Verdict = VALID;
  const known = c.known;
  const additional = c.additional;
  const shadowed = shadowIndex(pairs);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!.children;
    if (!pair || pair.length < 2) return UNKNOWN;
    const key = pair[0]!.value as string;
    const check = known.size > 0 ? known.get(key) ?? additional : additional;
    if (!check) continue;
    if (isShadowed(pairs, i, shadowed)) continue;
    const v = evaluate(check, pair[1]!);
    if (v === INVALID) return INVALID;
    if (v === UNKNOWN) result = UNKNOWN;
  }
  const required = c.required;
  for (let r = 0; r < required.length; r++) {
    const key = required[r]!;
    let present = false;
    for (let i = 0; i < pairs.length && !present; i++) present = pairs[i]!.children![0]!.value === key;
    if (!present) return INVALID;
  }
  return result;
}

function evaluateDiscriminated(c: CompiledSchema, node: JsonNode): Verdict {
  if (node.type !== 'object') {
    // `properties` and `required` do not apply to a non-object: every condition holds.
    let result: Verdict = VALID;
    for (let i = 0; i < c.everyBranch.length && result !== INVALID; i++) result = and(result, evaluate(c.everyBranch[i]!, node));
    return result;
  }
  const pairs = node.children ?? [];
  // The last pair with the key is the value JSON.parse keeps.
  for (let i = pairs.length - 1; i >= 0; i--) {
    const pair = pairs[i]!.children;
    if (pair?.[0]?.value !== c.discriminator) continue;
    const value = pair?.[1];
    if (!value) return UNKNOWN;
    if (value.type !== 'string') return VALID; // equal to no string constant: no condition holds
    const then = c.branches.get(value.value);
    return then ? evaluate(then, node) : VALID;
  }
  return VALID;
}

/** ajv's ucs2length: a surrogate pair counts once. */
function codePointLength(text: string): number {
  let length = 0;
  let pos = 0;
  while (pos < text.length) {
    length++;
    const c = text.charCodeAt(pos++);
    if (c >= 0xd800 && c <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}
