// SAG401 (the entrypoint's file does not exist), SAG403 (upstream: the entrypoint carries an extension, so the
// runtime imports `x.js.js`) and SAG407 (upstream: bare, escaping or absolute entrypoint).
import type { Fix } from '../../findings';
import { replaceString } from '../../fixes/json-edits';
import { serviceModuleTemplate } from '../../fixes/module-edits';
import { suggester, type Suggest } from '../../did-you-mean';
import { basename, dirname, isInside, relativePath, resolvePath } from '../../workspace/paths';
import type { ModuleReader, RuleContext } from '../rule';
import { extensionOf, fileToCreate, resolveEntrypoint, upstreamLayout, type ResolvedEntrypoint } from './resolve-entrypoint';
import { reportOnEntry, shown, type ServiceEntry } from './service-entries';

/** SAG403: returns the entrypoint the runtime would need (extension dropped), or the entrypoint as written. */
export function checkExtension(ctx: RuleContext, entry: ServiceEntry): string {
  const ext = extensionOf(entry.entrypoint);
  if (ctx.runtime !== 'upstream' || ext === undefined) return entry.entrypoint;
  const stripped = entry.entrypoint.slice(0, -ext.length);
  reportOnEntry(ctx, entry, {
    code: 'SAG403',
    message: `entrypoint \`${entry.entrypoint}\` of service \`${entry.alias}\` carries the extension \`${ext}\`: the gateway appends ".js" and imports \`${stripped}${ext}.js\`, which fails with 500; write \`${stripped}\``,
    related: [],
    fixes: [{ title: `Drop the extension: \`${stripped}\``, safe: true, edits: [replaceString(ctx.project.config, entry.node, stripped)] }],
  });
  return stripped;
}

/** SAG407: where the upstream runtime's module name would not be a path inside base_dir. */
export function checkSpecifierShape(ctx: RuleContext, entry: ServiceEntry, entrypoint: string): void {
  if (ctx.runtime !== 'upstream') return;
  const { baseDir } = upstreamLayout(ctx.project);
  const absolute = entrypoint.startsWith('/') || /^[A-Za-z]:[\\/]/.test(entrypoint);
  // A module specifier is a URL path: `import()` reads a backslash as part of a file name, on every platform.
  const backslashes = !absolute && entrypoint.includes('\\');
  const escapes = !absolute && !isInside(baseDir, resolvePath(baseDir, entrypoint));
  const bare = !absolute && !backslashes && !entrypoint.startsWith('./') && !entrypoint.startsWith('../');
  if (!absolute && !escapes && !bare && !backslashes) return;
  const why = absolute
    ? 'is an absolute path'
    : escapes
      ? `leaves base_dir (${shown(ctx, baseDir) || '.'})`
      : backslashes
        ? 'separates folders with backslashes, which a module specifier reads as part of a file name'
        : 'is a bare specifier (no `./`)';
  const fixes: Fix[] = [];
  if ((bare || backslashes) && !escapes) {
    // Slashes between folders, and `./` in front of a bare path.
    const slashed = entrypoint.replace(/\\/g, '/');
    const written = slashed.startsWith('./') || slashed.startsWith('../') ? slashed : `./${slashed}`;
    fixes.push({ title: `Write it as \`${written}\``, safe: true, edits: [replaceString(ctx.project.config, entry.node, written)] });
  }
  reportOnEntry(ctx, entry, {
    code: 'SAG407',
    message: `entrypoint \`${entry.entrypoint}\` of service \`${entry.alias}\` ${why}: the gateway's \`import()\` resolves it against the uploaded modules, which are named relative to base_dir, so it may not load; write \`./<path relative to base_dir>\``,
    related: [],
    fixes,
  });
}

/**
 * The files of a folder and suggestions from them, listed once per check: thousands of missing modules may share a
 * folder of thousands of files (a read of the folder and a pass over it per entry took minutes).
 */
export class SiblingFiles {
  private readonly folders = new Map<string, Suggest>();

  constructor(private readonly modules: ModuleReader) {}

  closest(folder: string, wanted: string): string | undefined {
    let suggest = this.folders.get(folder);
    if (!suggest) this.folders.set(folder, (suggest = suggester(this.modules.list(folder) ?? [])));
    return suggest(wanted);
  }
}

/** SAG401: the file is missing. Returns the resolution for the later checks. */
export function checkExists(ctx: RuleContext, entry: ServiceEntry, entrypoint: string, reportMissing: boolean, siblings: SiblingFiles): ResolvedEntrypoint {
  const resolved = resolveEntrypoint(ctx.project, ctx.runtime, entrypoint, ctx.modules);
  if (resolved.exists || !reportMissing) return resolved;
  const folder = dirname(resolved.file);
  const wanted = basename(resolved.file);
  const close = siblings.closest(folder, wanted);
  // The file written is there, with an extension the bundled build does not load (`.jsx`, `.tsx`, `.mts`): say so,
  // rather than suggest the very file the entrypoint names.
  const named = ctx.runtime === 'bundled' ? resolvePath(ctx.project.root, entrypoint) : undefined;
  const unsupported = named !== undefined && /\.[cm]?[jt]sx?$/.test(named) && ctx.modules.fileExists(named) ? named : undefined;
  const hint = unsupported ? `; ${shown(ctx, unsupported)} exists, but the bundled gateway loads only .js, .mjs and .ts modules (SPEC E.4): rename it` : close !== undefined && close !== wanted ? `; did you mean \`${close}\`?` : '';
  const where = ctx.runtime === 'upstream' ? `resolved from base_dir ${shown(ctx, upstreamLayout(ctx.project).baseDir) || '.'} as entrypoint + ".js"` : 'resolved from the folder of api-config.json';
  const create = fileToCreate(ctx.project, ctx.runtime, resolved);
  const fixes: Fix[] = [{ title: `Create ${shown(ctx, create)} from the service class template`, safe: false, edits: [serviceModuleTemplate(create, entry.alias, ctx.runtime)] }];
  if (close !== undefined && close !== wanted && ctx.runtime === 'upstream' && close.endsWith('.js')) {
    const renamed = relativePath(upstreamLayout(ctx.project).baseDir, `${folder}/${close.slice(0, -3)}`);
    fixes.push({ title: `Use \`./${renamed}\``, safe: false, edits: [replaceString(ctx.project.config, entry.node, `./${renamed}`)] });
  }
  reportOnEntry(ctx, entry, {
    code: 'SAG401',
    message: `service \`${entry.alias}\`: ${resolved.candidates.map((c) => shown(ctx, c)).join(' / ')} does not exist (entrypoint ${where})${hint}; ${ctx.runtime === 'upstream' ? 'every request to its routes answers 500' : 'the gateway build cannot import it'}`,
    related: [],
    fixes,
  });
  return resolved;
}
