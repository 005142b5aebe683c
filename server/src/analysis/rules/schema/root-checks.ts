// SAG100–SAG103 and the section-entry shape checks: syntax, root and `paths` shape, unknown root keys,
// the deprecated `servicesBindings`, and `servers`/`services`/`serviceBindings` entries (SAG101, SAG108).
import {
  DEPRECATED_ROOT_KEYS,
  ROOT_KEYS,
  SERVER_KEYS,
  SERVICE_BINDING_KEYS,
  SERVICE_KEYS,
} from 'serverless-api-gateway-runtime/config';
import { closestMatch } from '../../did-you-mean';
import type { JsonNode } from '../../parse/config-document';
import type { RuleContext } from '../rule';
import { label, openingOf, pointer, renameKeyFix, sequentialEdit, setValueFix, typeName, type Emit } from './anchor';
import type { AliasSectionName, ConfigView } from './config-view';
import { propertiesOf, stringOf } from './config-view';
import { isFoldedMatch, unknownKeyFinding } from './unknown-keys';

const MAX_SYNTAX_FINDINGS = 20;

/** SAG100. Returns false when there is no tree worth checking further. */
export function checkSyntax(ctx: RuleContext, view: ConfigView): boolean {
  const doc = view.doc;
  const start = { line: 0, character: 0 };
  if (doc.unreadable) {
    ctx.report({ code: 'SAG100', message: `api-config.json cannot be loaded: ${doc.unreadable}; every request would answer 500`, file: doc.file, range: { start, end: start }, pointer: '' });
    return false;
  }
  for (const problem of doc.syntaxErrors.slice(0, MAX_SYNTAX_FINDINGS)) {
    ctx.report({ code: 'SAG100', message: `invalid JSON: ${problem.message}; the gateway cannot load the config and every request answers 500`, file: doc.file, range: problem.range, pointer: '' });
  }
  if (!doc.root) {
    if (doc.syntaxErrors.length === 0) {
      ctx.report({ code: 'SAG100', message: 'api-config.json is empty: it must hold one JSON object with a `paths` array', file: doc.file, range: { start, end: start }, pointer: '' });
    }
    return false;
  }
  return true;
}

/** SAG101 (root, paths, section types), SAG102, SAG103. */
export function checkRoot(view: ConfigView, emit: Emit): void {
  const doc = view.doc;
  const rootNode = doc.root!;
  if (!view.root) {
    emit('SAG101', rootNode, '', `the config must be a JSON object with a \`paths\` array, but it is ${typeName(rootNode)}`);
    return;
  }
  const paths = view.rootProps.get('paths');
  if (!paths) {
    // `Paths` or `PATHS` written: SAG102 renames it, which keeps the routes; an empty `paths` beside it would not.
    const spelledOtherwise = view.rootProps.keys().find((key) => isFoldedMatch(key, 'paths'));
    emit('SAG101', view.root, '', `\`paths\` is missing: the gateway needs a \`paths\` array and answers 500 to every request without one${spelledOtherwise ? ` (\`${spelledOtherwise}\` is not it: keys are case-sensitive)` : ''}`, {
      range: openingOf(doc, view.root),
      fixes: spelledOtherwise ? [] : [setValueFix(doc, ['paths'], [], 'Add `"paths": []`', true)],
      // The schema's `required` error about the same key (one finding, not two at one place).
      covers: ['/paths'],
    });
  } else if (paths.value && paths.value.type !== 'array') {
    emit('SAG101', paths.value, '/paths', `\`paths\` must be an array of routes, but it is ${typeName(paths.value)}; the gateway answers 500 to every request`);
  }
  for (const [key, expected] of [['servers', 'array'], ['services', 'array'], ['serviceBindings', 'array'], ['servicesBindings', 'array'], ['cors', 'object'], ['authorizer', 'object'], ['variables', 'object']] as const) {
    const value = view.rootProps.value(key);
    if (value && value.type !== expected) {
      emit('SAG101', value, pointer(key), `\`${key}\` must be ${expected === 'array' ? 'an array' : 'an object'}, but it is ${typeName(value)}; the gateway fails when it reads it`);
    }
  }
  for (const prop of view.rootProps.values()) {
    if ((ROOT_KEYS as readonly string[]).includes(prop.key)) continue;
    if (prop.key === 'post_process') {
      emit('SAG102', prop.keyNode, pointer(prop.key), 'a root `post_process` is ignored: post-process hooks belong under a route\'s `integration` (`integration.post_process`)');
      continue;
    }
    const suggestion = closestMatch(prop.key, ROOT_KEYS);
    const hint = suggestion && !view.rootProps.has(suggestion) ? `; did you mean \`${suggestion}\`?` : '';
    emit('SAG102', prop.keyNode, pointer(prop.key), `unknown top-level key \`${prop.key}\` is ignored by the gateway${hint}`, {
      fixes: hint ? [renameKeyFix(doc, prop.keyNode, suggestion!, isFoldedMatch(prop.key, suggestion!))] : [],
    });
  }
  checkDeprecatedBindings(view, emit);
}

function checkDeprecatedBindings(view: ConfigView, emit: Emit): void {
  const legacy = view.rootProps.get(DEPRECATED_ROOT_KEYS[0] ?? 'servicesBindings');
  if (!legacy) return;
  const doc = view.doc;
  const modern = view.rootProps.get('serviceBindings');
  const modernAliases = new Set(view.entries.serviceBindings.map((e) => e.alias));
  let fix;
  if (!modern) {
    fix = renameKeyFix(doc, legacy.keyNode, 'serviceBindings', true);
    fix.title = 'Rename `servicesBindings` to `serviceBindings`';
  } else if (modern.value?.type === 'array' && legacy.value?.type === 'array') {
    const moved = (legacy.value.children ?? []).filter((entry) => {
      const alias = stringOf(propertiesOf(entry).value('alias'));
      return alias !== undefined && alias !== '' && !modernAliases.has(alias);
    });
    const edit = sequentialEdit(doc, [
      ...moved.map((entry) => ({ path: ['serviceBindings', -1], value: valueOf(entry), isArrayInsertion: true })),
      { path: ['servicesBindings'], value: undefined },
    ]);
    fix = edit ? { title: 'Move the `servicesBindings` entries into `serviceBindings`', safe: true, edits: [edit] } : undefined;
  }
  emit('SAG103', legacy.keyNode, '/servicesBindings', '`servicesBindings` is the deprecated spelling of `serviceBindings`; both are merged at run time, move the entries into `serviceBindings`', { fixes: [fix] });
  for (const entry of view.entries.servicesBindings) {
    if (!modernAliases.has(entry.alias)) continue;
    emit('SAG103', entry.aliasNode, pointer('servicesBindings', entry.index, 'alias'), `alias \`${entry.alias}\` is also defined in \`serviceBindings\`, which wins: this legacy entry is ignored`);
  }
}

function valueOf(node: JsonNode): unknown {
  // Small entries only; getNodeValue would also do, this avoids importing it for one use.
  const out: Record<string, unknown> = {};
  for (const [key, prop] of propertiesOf(node)) out[key] = prop.value ? nodeToValue(prop.value) : null;
  return out;
}

function nodeToValue(node: JsonNode): unknown {
  if (node.type === 'object') return valueOf(node);
  if (node.type === 'array') return (node.children ?? []).map(nodeToValue);
  return node.value;
}

const SECTION_FIELDS: Record<AliasSectionName, readonly string[]> = {
  servers: SERVER_KEYS,
  services: SERVICE_KEYS,
  serviceBindings: SERVICE_BINDING_KEYS,
  servicesBindings: SERVICE_BINDING_KEYS,
};

/** SECTION_FIELDS as sets, for the per-entry lookups. */
const SECTION_FIELD_SETS = {} as Record<AliasSectionName, ReadonlySet<string>>;
for (const section of Object.keys(SECTION_FIELDS) as AliasSectionName[]) SECTION_FIELD_SETS[section] = new Set(SECTION_FIELDS[section]);

/**
 * SAG101 for entries without the fields the runtime reads (servers `url` is SAG118), SAG108 for unknown keys. Runs
 * on every edit over hundreds of entries: labels are made only for what is reported, and an entry's keys are only
 * listed when one of them is unknown.
 */
export function checkSectionEntries(view: ConfigView, emit: Emit): void {
  const doc = view.doc;
  for (const section of Object.keys(SECTION_FIELDS) as AliasSectionName[]) {
    // The section's array as the view read it (undefined when missing or not an array).
    const array = view.sectionNodes[section];
    if (!array) continue;
    const fields = SECTION_FIELDS[section];
    const known = SECTION_FIELD_SETS[section];
    const entries = array.children ?? [];
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index]!;
      if (entry.type !== 'object') {
        emit('SAG101', entry, pointer(section, index), `${label(section, index)} must be an object with ${fields.map((f) => `\`${f}\``).join(' and ')}, but it is ${typeName(entry)}`);
        continue;
      }
      const props = propertiesOf(entry);
      for (const field of fields) {
        if (section === 'servers' && field === 'url') continue; // SAG118 reports the url
        const value = props.value(field);
        const text = stringOf(value);
        if (text !== undefined && text !== '') continue;
        const problem = value ? `\`${field}\` must be a non-empty string, but it is ${typeName(value)}` : `\`${field}\` is missing`;
        emit('SAG101', value ?? entry, pointer(section, index, field), `${label(section, index)}: ${problem}; ${consequence(section, field)}`, value ? {} : { range: openingOf(doc, entry) });
      }
      if (!props.hasKeyOutside(known)) continue;
      for (const prop of props.values()) {
        if (known.has(prop.key)) continue;
        unknownKeyFinding(view, emit, prop, fields, [section, index], label(section, index));
      }
    }
  }
}

function consequence(section: AliasSectionName, field: string): string {
  if (field === 'alias') return 'no route can refer to this entry';
  if (section === 'services') return 'the gateway imports `undefined.js` and answers 500';
  return 'the gateway calls `env[undefined]` and answers 500';
}
