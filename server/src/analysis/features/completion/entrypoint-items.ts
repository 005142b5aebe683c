// Completion of `services[].entrypoint`: module paths from the files on disk (through the host), relative to the
// folder the runtime resolves them from — wrangler base_dir for upstream (A.3, B.4; no extension, `.js` only),
// the folder of api-config.json for bundled (E.4; .js, .mjs, .ts).
import { BUNDLED_RESOLUTION_ORDER, upstreamLayout } from '../../rules/modules/resolve-entrypoint';
import { uploadFacts } from '../../rules/modules/module-upload';
import { isJavaScriptRule } from '../../rules/modules/upload-rules';
import { SKIPPED_FOLDERS } from '../../workspace/discover';
import { dirname, relativePath, resolvePath } from '../../workspace/paths';
import type { ReferenceIndex } from '../reference-index/build';
import type { CompletionEntry } from '../types';
import { placed, type ItemPlacement } from './reference-items';

export function entrypointItems(index: ReferenceIndex, prefix: string, placement: ItemPlacement): CompletionEntry[] {
  const host = index.host;
  if (!host) return [];
  const upstream = index.runtime === 'upstream';
  const base = upstream ? upstreamLayout(index.project).baseDir : index.project.root;
  const slash = prefix.lastIndexOf('/');
  const folderPart = slash >= 0 ? prefix.slice(0, slash + 1) : '';
  const shown = folderPart === '' ? './' : folderPart;
  const folder = resolvePath(base, folderPart === '' ? '.' : folderPart);
  const entries = host.readDirectory(folder) ?? [];
  // Bundled: in the order the build resolves a name written without its extension (`dual.ts` before `dual.js`).
  const extensions: readonly string[] = upstream ? ['.js'] : BUNDLED_RESOLUTION_ORDER;
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  // The gateway's own main module is never a service.
  const main = index.project.wrangler?.environments[0]?.main?.value;
  const mainFile = main !== undefined && index.project.wrangler ? resolvePath(dirname(index.project.wrangler.file), main) : undefined;
  const rank = (name: string): number => extensions.findIndex((e) => name.endsWith(e));
  const ordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name));
  for (const entry of ordered) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    if (entry.isDirectory) {
      out.push({ ...placed({ label: `${shown}${entry.name}/`, kind: 'folder', detail: 'folder' }, placement), retrigger: true });
      continue;
    }
    const ext = extensions.find((e) => entry.name.endsWith(e) && !entry.name.endsWith(`.d${e}`));
    if (!ext) continue;
    const label = `${shown}${entry.name.slice(0, -ext.length)}`;
    const file = resolvePath(folder, entry.name);
    if (seen.has(label) || file === mainFile) continue;
    seen.add(label);
    const notUploaded = upstream ? whyNotUploaded(index, file) : undefined;
    const documentation = upstream
      ? `Loaded as \`import("${label}.js")\` from ${relativePath(index.project.root, base) || '.'} (wrangler base_dir).${notUploaded ? ` **Not uploaded as the wrangler config stands:** ${notUploaded} (SAG402 offers the fix).` : ''}`
      : `Imported by the bundled build from ${relativePath(index.project.root, file)}.`;
    // Modules wrangler would not upload come after the others.
    out.push(placed({ label, kind: 'file', detail: relativePath(index.project.root, file), documentation, ...(notUploaded ? { sortText: `~${label}` } : {}) }, placement));
  }
  return out.sort((a, b) => (a.kind === b.kind ? a.label.localeCompare(b.label) : a.kind === 'file' ? -1 : 1));
}

/** Why wrangler (upstream layout) would not upload `file` as a JavaScript module, or undefined when it would (SAG402). */
function whyNotUploaded(index: ReferenceIndex, file: string): string | undefined {
  const facts = uploadFacts(index.project, file);
  if (!facts) return undefined;
  if (!facts.match) return `no ESModule or CommonJS rule glob matches \`${facts.rel}\``;
  if (!isJavaScriptRule(facts.match.rule)) return `the first rule matching \`${facts.rel}\` is of type ${facts.match.rule.type}`;
  return facts.findAdditional ? undefined : 'find_additional_modules is not true';
}
