// SAG402 (upstream: the service module is not uploaded: find_additional_modules is off, or no ESModule/CommonJS
// rule glob matches it relative to base_dir) and SAG408 (upstream: the module imports npm packages or files that
// are not uploaded: additional modules are uploaded as is, never bundled).
import type { Fix, RelatedLocation } from '../../findings';
import type { GatewayProject, ModuleFacts } from '../../model';
import { enableAdditionalModule } from '../../fixes/wrangler-edits';
import { basename, dirname, isInside, relativePath, resolvePath } from '../../workspace/paths';
import type { RuleContext } from '../rule';
import { upstreamLayout } from './resolve-entrypoint';
import { reportOnEntry, shown, type ServiceEntry } from './service-entries';
import { globForFile, isJavaScriptRule, matchingRule, type UploadMatch } from './upload-rules';

interface UploadState {
  uploaded: boolean;
  reasons: string[];
  needsFlag: boolean;
  /** Glob that would make a rule match, when none does. */
  missingGlob?: string;
}

/** What decides whether wrangler uploads `file` as a JavaScript module (upstream layout: base_dir and rules). */
export interface UploadFacts {
  baseDir: string;
  /** `file` relative to base_dir. */
  rel: string;
  inside: boolean;
  /** The first rule whose glob matches `rel`. */
  match: UploadMatch | undefined;
  findAdditional: boolean;
}

/** Undefined without a wrangler config. Shared by SAG402 and entrypoint completion, which say the same. */
export function uploadFacts(project: GatewayProject, file: string): UploadFacts | undefined {
  const { baseDir, env } = upstreamLayout(project);
  if (!project.wrangler || !env) return undefined;
  const rel = relativePath(baseDir, file);
  return { baseDir, rel, inside: isInside(baseDir, file), match: matchingRule(env.rules?.value ?? [], rel), findAdditional: env.findAdditionalModules?.value ?? env.noBundle?.value === true };
}

function uploadState(ctx: RuleContext, file: string): UploadState | undefined {
  const facts = uploadFacts(ctx.project, file);
  if (!facts) return undefined;
  const { baseDir, rel, match, findAdditional } = facts;
  const fileName = basename(ctx.project.wrangler!.file);
  const reasons: string[] = [];
  if (!facts.inside) return { uploaded: false, reasons: [`it lies outside base_dir (${shown(ctx, baseDir) || '.'}), and wrangler only uploads files under base_dir`], needsFlag: false };
  let missingGlob: string | undefined;
  if (!match) {
    missingGlob = globForFile(rel);
    reasons.push(`no ESModule or CommonJS rule glob in ${fileName} matches \`${rel}\` (relative to base_dir ${shown(ctx, baseDir) || '.'})`);
  } else if (!isJavaScriptRule(match.rule)) {
    reasons.push(`the first rule matching \`${rel}\` is of type ${match.rule.type} (glob \`${match.glob}\`), so it is not uploaded as JavaScript`);
  }
  if (!findAdditional) reasons.push(`find_additional_modules is not true in ${fileName}`);
  return { uploaded: reasons.length === 0, reasons, needsFlag: !findAdditional, ...(missingGlob !== undefined ? { missingGlob } : {}) };
}

export function checkUpload(ctx: RuleContext, entry: ServiceEntry, file: string): void {
  if (ctx.runtime !== 'upstream') return;
  const state = uploadState(ctx, file);
  const wrangler = ctx.project.wrangler;
  if (!state || state.uploaded || !wrangler) return;
  const fixes: Fix[] = [];
  if (state.needsFlag || state.missingGlob !== undefined) {
    const edits = enableAdditionalModule(wrangler, { setFindAdditionalModules: state.needsFlag, ...(state.missingGlob !== undefined ? { glob: state.missingGlob } : {}) });
    const what = [state.needsFlag ? '`find_additional_modules = true`' : '', state.missingGlob !== undefined ? `an ESModule rule for \`${state.missingGlob}\`` : ''].filter(Boolean).join(' and ');
    if (edits) fixes.push({ title: `Add ${what} to ${basename(wrangler.file)}`, safe: true, edits });
  }
  reportOnEntry(ctx, entry, {
    code: 'SAG402',
    message: `service module ${shown(ctx, file)} (\`${entry.alias}\`) is not uploaded with the Worker: ${state.reasons.join('; ')}; its \`import()\` fails at request time ("No such module") and the route answers 500`,
    related: [{ file: wrangler.file, range: wrangler.environments[0]?.rules?.keyRange ?? wrangler.environments[0]?.findAdditionalModules?.keyRange ?? wrangler.environments[0]?.main?.keyRange ?? wrangler.lines.rangeOf(0, 0), message: 'module upload settings' }],
    fixes,
  });
}

/** Imports the runtime cannot satisfy for an unbundled module: npm packages, extensionless or not-uploaded files. */
export function checkImports(ctx: RuleContext, entry: ServiceEntry, module: ModuleFacts): void {
  if (ctx.runtime !== 'upstream') return;
  const problems: RelatedLocation[] = [];
  const words: string[] = [];
  if (module.language === 'ts') words.push('it is TypeScript, which is uploaded untranspiled');
  for (const imp of module.imports) {
    if (imp.dynamic) continue;
    const spec = imp.specifier;
    if (spec.startsWith('cloudflare:') || spec.startsWith('node:')) continue;
    if (!spec.startsWith('.') && !spec.startsWith('/')) {
      problems.push({ file: module.file, range: imp.range, message: `npm import \`${spec}\` is not bundled into an additional module` });
      words.push(`it imports the npm package \`${spec}\``);
      continue;
    }
    const target = resolvePath(dirname(module.file), spec);
    if (!/\.[A-Za-z0-9]+$/.test(spec)) {
      problems.push({ file: module.file, range: imp.range, message: `\`${spec}\` has no extension: unbundled modules are looked up by exact name` });
      words.push(`it imports \`${spec}\` without an extension`);
      continue;
    }
    const state = uploadState(ctx, target);
    if (state && !state.uploaded) {
      problems.push({ file: module.file, range: imp.range, message: `\`${spec}\` is not uploaded: ${state.reasons.join('; ')}` });
      words.push(`\`${spec}\` is not uploaded`);
    }
  }
  if (words.length === 0) return;
  reportOnEntry(ctx, entry, {
    code: 'SAG408',
    message: `service module ${shown(ctx, module.file)} (\`${entry.alias}\`) is uploaded as is, without bundling, but ${words.join('; ')}: its import fails at run time (500); build it to plain JavaScript with its dependencies, or add rules that upload the imported files`,
    related: problems,
  });
}
