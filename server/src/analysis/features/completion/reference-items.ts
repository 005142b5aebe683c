// Completion items read from the reference index: the aliases a field may name, the service bindings the
// wrangler config declares, and the methods the bound Worker's entrypoint class exposes over RPC.
import { relativePath } from '../../workspace/paths';
import type { ReferenceIndex } from '../reference-index/build';
import type { AliasSection } from '../reference-index/model';
import { bindingChain, bindingOfAlias, callableMethods } from '../reference-index/resolve';
import type { CompletionEntry } from '../types';

export interface ItemPlacement {
  /** Wrap the value in quotes (the cursor is not inside a string). */
  quote: boolean;
  range: CompletionEntry['range'];
}

/** Completes `entry` in place: quoted when the cursor is outside a string, over the placement's range. */
export function placed(entry: CompletionEntry, placement: ItemPlacement): CompletionEntry {
  const text = entry.insertText ?? entry.label;
  entry.insertText = placement.quote ? JSON.stringify(text) : text;
  if (placement.range) entry.range = placement.range;
  return entry;
}

const SECTION_WORD: Record<AliasSection, string> = { servers: 'server', services: 'service', serviceBindings: 'service binding' };

export function aliasItems(index: ReferenceIndex, sections: AliasSection[], placement: ItemPlacement): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  sections.forEach((section, order) => {
    for (const [alias, targets] of index.config.aliases[section]) {
      if (seen.has(alias) || alias === '') continue;
      seen.add(alias);
      const winner = targets[0]!;
      const entry: CompletionEntry = { label: alias, kind: 'alias', detail: aliasDetail(index, section, winner.second), sortText: `${order}${alias}` };
      if (sections.length > 1) entry.documentation = `A \`${section}\` alias (${SECTION_WORD[section]}).`;
      out.push(placed(entry, placement));
    }
  });
  return out;
}

function aliasDetail(index: ReferenceIndex, section: AliasSection, second: string | undefined): string {
  if (second === undefined) return `${section} entry`;
  if (section === 'servers') return `→ ${second}`;
  if (section === 'services') return `→ module ${second}`;
  const service = index.wrangler?.bindings.get(second)?.[0]?.decl.service?.value;
  return `→ binding ${second}${service !== undefined ? ` → Worker ${service}` : ' (not declared in the wrangler config)'}`;
}

export function wranglerBindingItems(index: ReferenceIndex, placement: ItemPlacement): CompletionEntry[] {
  const wrangler = index.wrangler;
  if (!wrangler) return [];
  const envNames = wrangler.wrangler.environments.map((e) => e.name);
  const out: CompletionEntry[] = [];
  for (const [binding, decls] of wrangler.bindings) {
    const declaredIn = new Set(decls.map((d) => d.env));
    const missing = envNames.filter((e) => !declaredIn.has(e));
    const service = decls[0]?.decl.service?.value;
    const where = decls.map((d) => (d.env === '' ? 'top level' : d.env)).join(', ');
    out.push(
      placed(
        {
          label: binding,
          kind: 'binding',
          detail: `${service !== undefined ? `service ${service}` : 'service binding'} (${where})`,
          ...(missing.length > 0 ? { documentation: `Not declared in ${missing.map((e) => (e === '' ? 'the top level' : `env \`${e}\``)).join(', ')}: bindings are not inherited, so a deployment there has no \`env.${binding}\`.` } : {}),
        },
        placement,
      ),
    );
  }
  return out;
}

/** Methods the alias's Worker reaches (each environment's target, merged), for `function` values. */
export function functionItems(index: ReferenceIndex, alias: string | undefined, placement: ItemPlacement): CompletionEntry[] {
  if (alias === undefined) return [];
  const binding = bindingOfAlias(index, alias);
  if (binding === undefined) return [];
  const out = new Map<string, CompletionEntry>();
  const chain = bindingChain(index, binding);
  for (const link of chain) {
    if (!link.module || !link.worker) continue;
    const file = relativePath(index.project.root, link.module.file);
    if (link.objectExport && !out.has('fetch')) {
      out.set('fetch', placed({ label: 'fetch', kind: 'method', detail: `default export of ${link.service} (${file})`, documentation: 'A plain `{ fetch }` default export exposes only `fetch` over a service binding.' }, placement));
      continue;
    }
    const cls = link.cls;
    if (!cls) continue;
    const owner = link.exportName ?? cls.name ?? 'default export';
    for (const name of callableMethods(cls)) {
      if (out.has(name)) continue;
      const warning = cls.extendsWorkerEntrypoint || name === 'fetch' ? undefined : `\`${owner}\` does not extend WorkerEntrypoint, so RPC calls to \`${name}\` fail at run time.`;
      out.set(name, placed({ label: name, kind: 'method', detail: `${owner}.${name} — ${link.service} (${file})`, ...(warning ? { documentation: warning } : {}) }, placement));
    }
  }
  // Environments bind different Workers (or mains): a method some target lacks is SAG304 there once chosen.
  const judged = chain.filter((link) => link.module && link.worker && (link.cls || link.objectExport));
  if (judged.length > 1) {
    for (const [name, entry] of out) {
      const lacking = judged.filter((link) => (link.objectExport ? name !== 'fetch' : !callableMethods(link.cls!).includes(name))).map((link) => (link.env === '' ? 'the top level' : `env \`${link.env}\``));
      if (lacking.length === 0) continue;
      const note = `Not on the target of ${lacking.join(', ')}: choosing it is SAG304 there.`;
      entry.documentation = entry.documentation ? `${entry.documentation} ${note}` : note;
    }
  }
  return [...out.values()];
}
