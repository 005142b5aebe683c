// One ajv error -> the SAG1xx code of its location, the pointer of the value it is about (`subject`: the
// instance path plus the missing/extra property), the node to anchor on and a message in our words.
import type { ErrorObject } from 'ajv';
import { findNodeAtLocation } from 'jsonc-parser';
import type { JsonNode } from '../../parse/config-document';
import { pointer } from './anchor';
import type { ConfigView } from './config-view';

export interface MappedSchemaError {
  code: string;
  subject: string;
  message: string;
  anchor?: JsonNode;
  /** Anchor only the opening brace (a missing property: the object that lacks it). */
  openingOnly?: boolean;
  /** For `required`: the object's pointer and label, so missing fields of one object make one finding. */
  missing?: { in: string; where: string; property: string };
}

const VALUE_KEYWORDS = new Set(['format', 'pattern', 'enum', 'const', 'minLength', 'maxLength']);
const PLACEHOLDER = /^\$(env|secrets?)\./;

const AUTHORIZER_DEFS: Record<string, string> = { jwt: 'JwtAuthorizer', auth0: 'Auth0Authorizer', supabase: 'SupabaseAuthorizer' };

export function mapSchemaError(e: ErrorObject, view: ConfigView, keys = new KeyLookup()): MappedSchemaError | undefined {
  // `if` only says "the then-branch failed"; the then-branch's own error follows.
  if (e.keyword === 'if') return undefined;
  const segments = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0] === 'authorizer' && !authorizerBranchApplies(e, view)) return undefined;
  const property = propertyOf(e);
  const subjectSegments = property !== undefined ? [...segments, property] : segments;
  const subject = pointer(...subjectSegments);
  const code = codeFor(segments, e, property);
  const where = subjectSegments.length === 0 ? 'the config root' : `\`${subjectSegments.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')}\``;
  const at = (segs: string[]) => (view.doc.root ? findNodeAtLocation(view.doc.root, segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s))) : undefined);
  const instance = at(segments);
  // `$env.X` / `$secret(s).X` values are replaced before the gateway validates (SPEC A.0, A.8): their text says
  // nothing about the value's format; SAG306/SAG307 judge whether the variable exists.
  if (VALUE_KEYWORDS.has(e.keyword) && typeof instance?.value === 'string' && PLACEHOLDER.test(instance.value)) return undefined;
  let anchor = instance;
  let openingOnly = false;
  if (e.keyword === 'additionalProperties') anchor = keyNodeOf(instance, property!, keys) ?? instance;
  else if (e.keyword === 'required' || e.keyword === 'anyOf') openingOnly = true;
  const missing = e.keyword === 'required' && property !== undefined
    ? { in: pointer(...segments), where: segments.length === 0 ? 'the config root' : `\`${segments.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')}\``, property }
    : undefined;
  return { code, subject, message: describe(e, where, property), anchor, openingOnly, ...(missing ? { missing } : {}) };
}

function propertyOf(e: ErrorObject): string | undefined {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required' && typeof params.missingProperty === 'string') return params.missingProperty;
  if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') return params.additionalProperty;
  return undefined;
}

/** ajv checks every `oneOf` branch; only the branch of the written `type` speaks about this authorizer. */
function authorizerBranchApplies(e: ErrorObject, view: ConfigView): boolean {
  const def = view.authorizerType ? AUTHORIZER_DEFS[view.authorizerType] : undefined;
  if (e.keyword === 'oneOf') return def === undefined;
  const branch = /#\/\$defs\/(\w+Authorizer)\//.exec(e.schemaPath)?.[1];
  if (!branch) return true;
  return def !== undefined && branch === def;
}

function codeFor(segments: string[], e: ErrorObject, property: string | undefined): string {
  const [top, index] = segments;
  const full = property !== undefined ? [...segments, property] : segments;
  if (segments.length === 0) return e.keyword === 'additionalProperties' ? 'SAG102' : 'SAG101';
  switch (top) {
    case 'paths': {
      if (index === undefined) return 'SAG101';
      const key = full[2];
      if (key === undefined) return 'SAG101';
      if (key === 'method') return 'SAG104';
      if (key === 'path') return 'SAG105';
      if (key === 'auth') return 'SAG120';
      if (key === 'variables') return 'SAG101';
      if (key === 'pre_process') return e.keyword === 'additionalProperties' ? 'SAG108' : 'SAG109';
      if (key === 'mapping') return e.keyword === 'additionalProperties' ? 'SAG108' : 'SAG114';
      if (key === 'integration') {
        if (full.length === 3) return 'SAG106';
        const inner = full[3];
        if (inner === 'type') return 'SAG106';
        if (inner === 'post_process') return e.keyword === 'additionalProperties' && full.length >= 5 ? 'SAG108' : 'SAG110';
        if (e.keyword === 'additionalProperties') return 'SAG108';
        return 'SAG107';
      }
      return 'SAG108';
    }
    case 'servers':
      if (full[2] === 'url') return 'SAG118';
      return e.keyword === 'additionalProperties' ? 'SAG108' : 'SAG101';
    case 'services':
    case 'serviceBindings':
    case 'servicesBindings':
      return e.keyword === 'additionalProperties' ? 'SAG108' : 'SAG101';
    case 'cors':
      return 'SAG111';
    case 'authorizer':
      return index === 'algorithm' ? 'SAG113' : 'SAG112';
    default:
      return 'SAG101';
  }
}

function describe(e: ErrorObject, where: string, property: string | undefined): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${where} is required by the JSON Schema`;
    case 'additionalProperties':
      return `${where} is not allowed by the JSON Schema`;
    case 'type':
      return `${where} must be ${[params.type].flat().join(' or ')}`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `${where} must be a valid ${String(params.format)}`;
    case 'pattern':
      return `${where} must match \`${String(params.pattern)}\``;
    case 'minLength':
      return `${where} must not be empty`;
    case 'minimum':
      return `${where} must be at least ${String(params.limit)}`;
    case 'uniqueItems':
      return `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`;
    case 'anyOf':
      return `${where} does not match any allowed form`;
    case 'oneOf':
      return `${where} matches none of the jwt, auth0 and supabase authorizer forms`;
    default:
      void property;
      return `${where} is rejected by the JSON Schema (${e.keyword})`;
  }
}

function keyNodeOf(object: JsonNode | undefined, key: string, keys: KeyLookup): JsonNode | undefined {
  if (!object || object.type !== 'object') return undefined;
  const props = object.children ?? [];
  if (props.length > MAX_SCANNED_PROPERTIES) return keys.indexOf(object).get(key);
  for (const prop of props) if (prop.children?.[0]?.value === key) return prop.children[0];
  return undefined;
}

/**
 * An object with more properties than this gets an index: ajv reports each unknown key of it, and a search per
 * report is quadratic (an object of 200,000 unknown keys took minutes).
 */
const MAX_SCANNED_PROPERTIES = 64;

/**
 * Key indexes of large objects for one batch of errors. Never kept longer: an edit changes a tree's objects in place,
 * so an index kept across checks could name keys that are gone.
 */
export class KeyLookup {
  private readonly indexes = new Map<JsonNode, Map<unknown, JsonNode>>();

  /** Each key's first key node, as a scan finds it. */
  indexOf(object: JsonNode): Map<unknown, JsonNode> {
    let index = this.indexes.get(object);
    if (!index) {
      index = new Map();
      for (const prop of object.children ?? []) {
        const keyNode = prop.children?.[0];
        if (keyNode && !index.has(keyNode.value)) index.set(keyNode.value, keyNode);
      }
      this.indexes.set(object, index);
    }
    return index;
  }
}
