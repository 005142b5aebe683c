// Rename an alias (servers / services / serviceBindings, legacy servicesBindings included) or a service binding
// name across api-config.json and the wrangler config, in every environment. A new name that would not work
// (empty, not an identifier for a binding, already taken) is refused with a message saying why.
import type { Position, TextFileEdit } from '../findings';
import type { GatewayProject } from '../model';
import { environmentIndex, wranglerFileName } from '../rules/wrangler/environment-index';
import { referenceIndex, type ReferenceIndex } from './reference-index/build';
import { occurrenceAt } from './reference-index/lookup';
import type { AliasSection, Occurrence, Site } from './reference-index/model';
import { aliasOriginsOf, aliasTargetOf, originsNamed, sectionsSearched } from './reference-index/resolve';
import { safely } from './safely';
import type { FeatureOptions, PrepareRenameAnswer, RenameResult } from './types';

type Plan =
  | { kind: 'alias'; section: AliasSection; name: string; site: Site }
  | { kind: 'binding'; name: string; site: Site };

const NOT_RENAMEABLE = 'Only aliases (servers, services, serviceBindings entries and the values that name them) and service binding names can be renamed here.';
/** Wrangler puts each binding on `env` as a property: a JavaScript identifier. */
const BINDING_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function planOf(index: ReferenceIndex, occurrence: Occurrence): Plan | undefined {
  const base = { name: occurrence.name, site: occurrence.site };
  if (occurrence.role === 'target') {
    if (occurrence.kind === 'alias') return { kind: 'alias', section: occurrence.section, ...base };
    if (occurrence.kind === 'wranglerBinding') return { kind: 'binding', ...base };
    return undefined;
  }
  if (occurrence.kind === 'alias') {
    const section = aliasTargetOf(index, occurrence)?.section ?? occurrence.section;
    return section ? { kind: 'alias', section, ...base } : undefined;
  }
  if (occurrence.kind === 'binding') return { kind: 'binding', ...base };
  return undefined;
}

export function prepareRename(project: GatewayProject, file: string, position: Position, options: FeatureOptions = {}): PrepareRenameAnswer {
  return safely<PrepareRenameAnswer>({ error: NOT_RENAMEABLE }, () => {
    const index = referenceIndex(project, options);
    const occurrence = occurrenceAt(index, file, position);
    const plan = occurrence ? planOf(index, occurrence) : undefined;
    if (!plan) return { error: NOT_RENAMEABLE };
    return { range: plan.site.nameRange, placeholder: plan.name };
  }, options.onError);
}

export function rename(project: GatewayProject, file: string, position: Position, newName: string, options: FeatureOptions = {}): RenameResult {
  return safely<RenameResult>({ error: NOT_RENAMEABLE }, () => {
    const index = referenceIndex(project, options);
    const occurrence = occurrenceAt(index, file, position);
    const plan = occurrence ? planOf(index, occurrence) : undefined;
    if (!plan) return { error: NOT_RENAMEABLE };
    if (newName === plan.name) return { edits: [] };
    const problem = plan.kind === 'alias' ? (aliasNameProblem(index, plan.section, newName) ?? aliasMeaningProblem(index, plan.section, plan.name, newName)) : bindingNameProblem(index, newName);
    if (problem) return { error: problem };
    const sites = plan.kind === 'alias' ? aliasSites(index, plan.section, plan.name) : bindingSites(index, plan.name);
    return { edits: editsFor(sites, newName) };
  }, options.onError);
}

function aliasNameProblem(index: ReferenceIndex, section: AliasSection, name: string): string | undefined {
  if (name.trim() === '') return 'An alias cannot be empty: routes would not find the entry.';
  if (name !== name.trim()) return `\`${name}\` starts or ends with a space; aliases are compared exactly, so a stray space breaks every reference.`;
  if (/["\\\u0000-\u001f]/.test(name)) return `\`${name}\` contains a quote, a backslash or a control character; use letters, digits, \`-\`, \`_\` or \`.\`.`;
  const existing = index.config.aliases[section].get(name)?.[0];
  if (existing) return `\`${name}\` is already an alias in \`${existing.sectionKey}[${existing.index}]\`; renaming would merge two entries (the first one wins). Pick another name.`;
  return undefined;
}

/**
 * The rename must not change what a route calls. A use read in another section first (a `service_binding`
 * integration naming a `services` alias, SAG208; a use of unknown type) would, under the new name, find an entry
 * of that section; and a use of the new name that now means an entry of another section would find this one.
 */
function aliasMeaningProblem(index: ReferenceIndex, section: AliasSection, oldName: string, newName: string): string | undefined {
  const aliases = index.config.aliases;
  for (const origin of aliasOriginsOf(index, section, oldName)) {
    const searched = sectionsSearched(origin);
    for (const other of searched.slice(0, searched.indexOf(section))) {
      const taken = aliases[other].get(newName)?.[0];
      if (taken) return `route ${origin.routeIndex} names this entry through \`${other}\`, where \`${newName}\` is already \`${taken.sectionKey}[${taken.index}]\`: after the rename it would call that entry. Pick another name.`;
    }
  }
  for (const origin of originsNamed(index, newName)) {
    const now = aliasTargetOf(index, origin);
    if (!now || now.section === section) continue;
    const searched = sectionsSearched(origin);
    const at = searched.indexOf(section);
    if (at >= 0 && at < searched.indexOf(now.section)) return `route ${origin.routeIndex} names \`${newName}\` meaning \`${now.sectionKey}[${now.index}]\` (its integration reads \`${section}\` first): after the rename it would call this entry instead. Pick another name.`;
  }
  return undefined;
}

function bindingNameProblem(index: ReferenceIndex, name: string): string | undefined {
  if (!BINDING_NAME.test(name)) return `\`${name}\` is not a valid binding name: the Worker reads it as \`env.${name}\`, so use a JavaScript identifier (letters, digits, \`_\`, \`$\`; not starting with a digit), e.g. \`${suggestIdentifier(name)}\`.`;
  const wrangler = index.project.wrangler;
  for (const env of wrangler?.environments ?? []) {
    const envIndex = environmentIndex(env);
    const where = env.name === '' ? 'the top level' : `env \`${env.name}\``;
    if (envIndex.services.has(name)) return `\`${name}\` is already a service binding in ${wranglerFileName(wrangler!)} (${where}); wrangler refuses two bindings with one name. Pick another name.`;
    const other = envIndex.others.get(name);
    if (other) return `\`${name}\` is already a \`${other.kind}\` binding in ${wranglerFileName(wrangler!)} (${where}); binding names must be unique across all kinds. Pick another name.`;
  }
  return undefined;
}

function suggestIdentifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]+/g, '_').replace(/^(\d)/, '_$1');
  return cleaned === '' ? 'MY_BINDING' : cleaned.toUpperCase();
}

function aliasSites(index: ReferenceIndex, section: AliasSection, name: string): Site[] {
  const config = index.config;
  const sites: Site[] = (config.aliases[section].get(name) ?? []).map((t) => t.site);
  for (const origin of aliasOriginsOf(index, section, name)) sites.push(origin.site);
  return sites;
}

function bindingSites(index: ReferenceIndex, name: string): Site[] {
  return [...(index.config.bindingOrigins.get(name) ?? []).map((o) => o.site), ...(index.wrangler?.bindings.get(name) ?? []).map((t) => t.site)];
}

function editsFor(sites: Site[], newName: string): TextFileEdit[] {
  const seen = new Set<string>();
  const edits: TextFileEdit[] = [];
  for (const site of sites) {
    const range = site.nameRange;
    const key = `${site.file}:${range.start.line}:${range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edits.push({ file: site.file, range, newText: newName });
  }
  return edits.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
