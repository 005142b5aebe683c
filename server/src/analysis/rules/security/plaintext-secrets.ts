// SAG602 (secret material written into api-config.json) and SAG603 (a `$secret.X` placeholder that resolves from a
// plaintext wrangler `[vars]` entry).
import type { Fix, TextFileEdit } from '../../findings';
import { replaceString, setJsonValue } from '../../fixes/json-edits';
import type { ConfigDocument, Located, WranglerConfig, WranglerEnvironment } from '../../model';
import { objectProperties, propertyValue, stringValue, type JsonNode } from '../../parse/config-document';
import { editStamp } from '../../parse/edit-stamps';
import type { RuleContext } from '../rule';
import { anchorOn } from '../routing/describe';
import type { RouteEntry } from '../routing/route-table';
import { configView } from '../schema/config-view';
import { envLabel, placeholderOf, varsTableLabel } from './env-values';
import { secretStringsIn, securityRouteFacts } from './route-facts';
import { secretLikeness } from './secret-likeness';

/** Authorizer fields that hold a secret, and the secret name the fix suggests for each. */
const SECRET_FIELDS: Record<string, string> = { secret: 'JWT_SECRET', client_secret: 'AUTH0_CLIENT_SECRET', jwt_secret: 'SUPABASE_JWT_SECRET' };

export function checkPlaintextSecrets(ctx: RuleContext, config: ConfigDocument): void {
  const root = config.root?.type === 'object' ? config.root : undefined;
  if (!root) return;
  const authorizer = propertyValue(root, 'authorizer');
  for (const { key, value } of objectProperties(authorizer)) {
    const name = SECRET_FIELDS[key];
    const text = stringValue(value);
    if (!name || !value || text === undefined || text === '' || placeholderOf(text)) continue;
    ctx.report({
      code: 'SAG602',
      ...anchorOn(config, value),
      file: config.file,
      message: `\`authorizer.${key}\` holds the secret itself, so it is committed with api-config.json (and uploaded with it to KV); store it with \`wrangler secret put ${name}\` and write \`"$secrets.${name}"\` here`,
      fixes: [secretReferenceFix(config, value, name)],
    });
  }
  scanValues(ctx, config, propertyValue(root, 'variables'), undefined, 'variables');
}

/** SAG602 in one route's `variables` and `mapping` (a per-route check). */
export function checkRouteSecrets(ctx: RuleContext, config: ConfigDocument, route: RouteEntry): void {
  if (route.variablesNode?.type === 'object') scanValues(ctx, config, route.variablesNode, route, 'variables');
  const mapping = route.mappingNode;
  if (mapping?.type !== 'object') return;
  for (const prop of mapping.children ?? []) {
    const key = prop.children?.[0]?.value;
    if (key === 'headers' || key === 'query') scanValues(ctx, config, prop.children?.[1], route, `mapping.${key}`);
  }
}

/** `route` and `part` name the object in messages (`paths[3].mapping.headers`); no route = the global `variables`. */
function scanValues(ctx: RuleContext, config: ConfigDocument, object: JsonNode | undefined, route: RouteEntry | undefined, part: string): void {
  if (object?.type !== 'object') return;
  const isMapping = part !== 'variables';
  for (const prop of object.children ?? []) {
    const key = prop.children?.[0]?.value;
    const value = prop.children?.[1];
    if (typeof key !== 'string' || value?.type !== 'string' || typeof value.value !== 'string') continue;
    const text = value.value;
    // Expressions and placeholders (`$request.…`, `$config.…`, `$secrets.…`) are never literals.
    if (text.charCodeAt(0) === 36) continue;
    const looks = secretLikeness(text, key);
    if (!looks) continue;
    const where = route ? `paths[${route.index}].${part}` : part;
    const name = secretNameFor(key);
    ctx.report({
      code: 'SAG602',
      ...anchorOn(config, value),
      file: config.file,
      message: isMapping
        ? `\`${where}.${key}\` looks like ${looks} written in plaintext: it is committed with api-config.json, and a mapping cannot send a constant anyway (only \`$request.*\`/\`$config.*\` expressions resolve); ` +
          `remove it, store the value with \`wrangler secret put ${name}\`, and let the integration read it from \`env\``
        : `\`${where}.${key}\` looks like ${looks} written in plaintext, so it is committed with api-config.json; store it with \`wrangler secret put ${name}\` and write \`"$secrets.${name}"\` here`,
      fixes: isMapping ? [] : [secretReferenceFix(config, value, name)],
    });
  }
}

/** `api_key` -> `API_KEY`, `x-upstream-token` -> `X_UPSTREAM_TOKEN`. */
function secretNameFor(key: string): string {
  const name = key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
  return name === '' ? 'SECRET' : /^[0-9]/.test(name) ? `S_${name}` : name;
}

function secretReferenceFix(config: ConfigDocument, value: JsonNode, name: string): Fix {
  return {
    title: `Replace with \`"$secrets.${name}"\` (then run \`wrangler secret put ${name}\`)`,
    // The value is gone from the file once replaced, and the name is a guess: never unattended.
    safe: false,
    edits: [replaceString(config, value, `$secrets.${name}`)],
    command: `wrangler secret put ${name}`,
  };
}

/** SAG603: every whole-value `$secret(s).X` placeholder, against each checked environment's `[vars]`. */
export function checkSecretsFromVars(ctx: RuleContext, config: ConfigDocument): void {
  const wrangler = ctx.project.wrangler;
  if (!wrangler || !config.root || !ctx.environments.some((env) => env.vars.size > 0)) return;
  for (const node of placeholderStrings(config)) {
    const text = node.value as string;
    const placeholder = placeholderOf(text);
    if (!placeholder || placeholder.kind !== 'secret') continue;
    for (const env of ctx.environments) {
      const located = env.vars.get(placeholder.name);
      if (!located) continue;
      const command = `wrangler secret put ${placeholder.name}${env.name === '' ? '' : ` --env ${env.name}`}`;
      const edits = removeVarEdits(wrangler, env, placeholder.name, located);
      ctx.report({
        code: 'SAG603',
        ...anchorOn(config, node),
        file: config.file,
        env: env.name,
        message:
          `\`${text}\` reads \`${placeholder.name}\` from ${varsTableLabel(env)} in ${fileName(wrangler.file)} ${envLabel(env)}: a plaintext var committed with the wrangler config, not a secret; ` +
          `store it with \`${command}\` and delete it from ${varsTableLabel(env)}`,
        related: [{ file: wrangler.file, range: located.keyRange ?? located.range, message: `plaintext \`${placeholder.name}\` ${envLabel(env)}` }],
        fixes: edits.length > 0 ? [{ title: `Delete \`${placeholder.name}\` from ${varsTableLabel(env)} (then run \`${command}\`)`, safe: false, edits, command }] : [],
      });
    }
  }
}

/**
 * String values (never keys) that start with `$secret`, the only ones SAG603 reads (SPEC A.8), in text order.
 * Routes come from their per-route facts and each other root property from a cache kept while its edit stamp
 * holds, so an edit in one route searches that route's text only, not the whole file.
 */
function placeholderStrings(config: ConfigDocument): JsonNode[] {
  const root = config.root;
  const out: JsonNode[] = [];
  if (!root) return out;
  // A tree cut by syntax errors need not nest as the text does: search the whole text from the root, as always.
  if (root.type !== 'object' || config.syntaxErrors.length > 0 || config.parseErrors.length > 0) return secretStringsIn(config, root, 0, config.text.length);
  const paths = configView(config).rootProps.value('paths');
  for (const prop of root.children ?? []) {
    if (paths?.type === 'array' && prop.children?.[1] === paths) {
      securityRouteFacts(config).secretStrings(config, out);
      continue;
    }
    const stamp = editStamp(prop);
    let cached = outsideStrings.get(prop);
    if (!cached || cached.stamp !== stamp) outsideStrings.set(prop, (cached = { stamp, nodes: secretStringsIn(config, prop) }));
    for (const node of cached.nodes) out.push(node);
  }
  return out;
}

/** `$secret` strings of one root property (outside `paths`); same node and edit stamp = same text inside. */
const outsideStrings = new WeakMap<JsonNode, { stamp: number; nodes: JsonNode[] }>();

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Edits that delete one `[vars]` entry: a JSON property, or a TOML `KEY = value` line that holds nothing else. */
function removeVarEdits(wrangler: WranglerConfig, env: WranglerEnvironment, name: string, located: Located<unknown>): TextFileEdit[] {
  const doc = { file: wrangler.file, text: wrangler.text, lines: wrangler.lines };
  if (wrangler.format !== 'toml') {
    try {
      return setJsonValue(doc, env.name === '' ? ['vars', name] : ['env', env.name, 'vars', name], undefined);
    } catch {
      return [];
    }
  }
  if (!located.keyRange) return [];
  const lineStart = wrangler.lines.offsetAt({ line: located.keyRange.start.line, character: 0 });
  const keyStart = wrangler.lines.offsetAt(located.keyRange.start);
  const valueEnd = wrangler.lines.offsetAt(located.range.end);
  const nextLine = wrangler.lines.offsetAt({ line: located.range.end.line + 1, character: 0 });
  const before = wrangler.text.slice(lineStart, keyStart);
  const after = wrangler.text.slice(valueEnd, nextLine);
  // Inline tables (`vars = { A = "1" }`) and shared lines are left to the user.
  if (!/^[ \t]*$/.test(before) || !/^[ \t]*(#.*)?(\r?\n|\r)?$/.test(after)) return [];
  return [{ file: wrangler.file, range: wrangler.lines.rangeOf(lineStart, nextLine - lineStart), newText: '' }];
}
