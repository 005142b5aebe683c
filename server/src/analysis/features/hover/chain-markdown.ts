// Markdown for the resolution chain of a name, as the runtime follows it: alias -> serviceBindings entry ->
// wrangler service binding (each environment) -> target Worker -> its source and class -> the method.
// Broken links say what breaks and where, so the hover doubles as a diagnosis.
import type { AliasSection } from '../reference-index/model';
import type { ReferenceIndex } from '../reference-index/build';
import { bindingChain, callableMethods, moduleFileOf, type ChainLink } from '../reference-index/resolve';
import { basename, relativePath } from '../../workspace/paths';
import type { EntrypointOrigin } from '../reference-index/model';

export function envLabel(env: string): string {
  return env === '' ? 'top level' : `env \`${env}\``;
}

export function shortPath(index: ReferenceIndex, file: string): string {
  return relativePath(index.project.root, file);
}

function wranglerName(index: ReferenceIndex): string {
  return index.project.wrangler ? basename(index.project.wrangler.file) : 'the wrangler config';
}

/** One bullet per wrangler environment for a binding name; `method` adds whether that method exists there. */
export function bindingChainLines(index: ReferenceIndex, binding: string, method?: string): string[] {
  if (!index.project.wrangler) return [`- ⚠ no wrangler config found: \`env.${binding}\` cannot be checked`];
  return bindingChain(index, binding).map((link) => `- ${envLabel(link.env)}: ${linkText(index, binding, link, method)}`);
}

function linkText(index: ReferenceIndex, binding: string, link: ChainLink, method: string | undefined): string {
  if (!link.decl) return `⚠ \`${binding}\` is not declared in ${wranglerName(index)} there, so \`env.${binding}\` is undefined (500); bindings are not inherited`;
  if (link.service === undefined) return `\`${binding}\` has no \`service\``;
  const entry = link.exportName !== undefined ? ` entrypoint \`${link.exportName}\`` : '';
  const head = `\`${binding}\` → Worker \`${link.service}\`${entry}`;
  if (!link.worker) return `${head} (its source is not in the workspace)`;
  if (!link.module) return `${head} → ${shortPath(index, link.worker.worker.wrangler.file)} (main module not found)`;
  const source = shortPath(index, link.module.file);
  if (link.objectExport) {
    const reach = method === undefined || method === 'fetch' ? '' : ` — ⚠ \`${method}\` is not reachable (a plain object exposes only \`fetch\`)`;
    return `${head} → ${source} (default export \`{ fetch }\`)${reach}`;
  }
  if (link.classUnknown) return `${head} → ${source} (re-exports \`${link.exportName}\` from a module not in the workspace)`;
  if (!link.cls) return `${head} → ${source} (${link.exportName !== undefined ? `⚠ no exported class \`${link.exportName}\`` : 'default export is not a class'})`;
  const className = link.exportName ?? link.cls.name ?? 'default export';
  const methods = callableMethods(link.cls);
  const kind = link.cls.extendsWorkerEntrypoint ? 'WorkerEntrypoint' : '⚠ does not extend WorkerEntrypoint';
  let tail = `class \`${className}\` (${kind}; methods: ${methods.length > 0 ? methods.join(', ') : 'none'})`;
  if (method !== undefined) {
    const found = link.cls.methods.get(method);
    tail += found && methods.includes(method) ? ` — \`${method}\` at line ${found.range.start.line + 1}` : ` — ⚠ no public method \`${method}\``;
  }
  const declaredIn = link.classModule && link.classModule !== link.module ? ` → ${shortPath(index, link.classModule.file)}` : '';
  return `${head} → ${source}${declaredIn} ${tail}`;
}

/** Markdown for an alias (target or origin) of `section`. */
export function aliasMarkdown(index: ReferenceIndex, section: AliasSection | undefined, alias: string): string {
  const sections: AliasSection[] = section ? [section] : ['serviceBindings', 'services'];
  for (const s of sections) {
    const entry = index.config.aliases[s].get(alias)?.[0];
    if (!entry) continue;
    const where = `\`${entry.sectionKey}[${entry.index}]\``;
    if (s === 'servers') return `**server \`${alias}\`** — ${where} → ${entry.second !== undefined ? `\`${entry.second}\`` : '(no url)'}`;
    if (s === 'services') {
      if (entry.second === undefined) return `**service \`${alias}\`** — ${where} (no entrypoint)`;
      return `**service \`${alias}\`** — ${where} → ${entrypointText(index, { role: 'origin', kind: 'entrypoint', name: entry.second, index: entry.index, site: entry.site })}`;
    }
    if (entry.second === undefined) return `**service binding \`${alias}\`** — ${where} (no binding)`;
    return [`**service binding \`${alias}\`** — ${where} → binding \`${entry.second}\``, '', ...bindingChainLines(index, entry.second)].join('\n');
  }
  const defined = sections.flatMap((s) => [...index.config.aliases[s].keys()]);
  return `⚠ \`${alias}\` is not an alias in \`${sections.join('` or `')}\`${defined.length > 0 ? ` (defined: ${defined.slice(0, 8).join(', ')}${defined.length > 8 ? ', …' : ''})` : ''}`;
}

export function entrypointText(index: ReferenceIndex, origin: EntrypointOrigin): string {
  const file = moduleFileOf(index, origin);
  const how = index.runtime === 'upstream' ? 'upstream: `import(entrypoint + ".js")` from wrangler base_dir' : 'bundled: resolved from the folder of api-config.json';
  if (!index.host) return `\`${origin.name}\` (${how})`;
  return `${shortPath(index, file.name)}${file.exists ? '' : ' — ⚠ file not found'} (${how})`;
}
