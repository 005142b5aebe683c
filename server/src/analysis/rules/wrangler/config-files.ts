// SAG311 (several wrangler config files: wrangler uses the first of its lookup order) and SAG314 (none at all),
// on the first line of api-config.json; SAG315 (the one wrangler uses does not parse), in it. Not per environment.
import type { Range } from '../../findings';
import type { WranglerConfig } from '../../model';
import { EMPTY_RANGE } from '../../text/line-index';
import { basename, relativePath } from '../../workspace/paths';
import type { RuleContext } from '../rule';
import { gatewayUses } from './gateway-uses';

function firstLine(ctx: RuleContext): Range {
  const text = ctx.project.config.text;
  let end = 0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return ctx.project.config.lines.rangeOf(0, end);
}

export function checkConfigFiles(ctx: RuleContext): void {
  const { project } = ctx;
  const root = project.root;
  if (!project.wrangler && project.wranglerUnreadable) {
    const { file, problem } = project.wranglerUnreadable;
    ctx.report({
      code: 'SAG315',
      message: `${relativePath(root, file)} cannot be read (${problem}): wrangler cannot use it either, and the service binding, vars and module checks are skipped; make it readable`,
      file: project.config.file,
      range: firstLine(ctx),
      related: [{ file, range: EMPTY_RANGE, message: 'the wrangler config' }],
    });
    return;
  }
  if (!project.wrangler) {
    const file = `${root}/wrangler.toml`;
    ctx.report({
      code: 'SAG314',
      message: `no wrangler config (wrangler.json, wrangler.jsonc or wrangler.toml) found next to api-config.json or in a parent folder: the service binding, vars and module checks are skipped`,
      file: project.config.file,
      range: firstLine(ctx),
      related: [],
      fixes: [{ title: 'Create wrangler.toml for this gateway', safe: false, edits: [{ file, create: true, newText: scaffold(ctx, root) }] }],
    });
    return;
  }
  reportSyntaxErrors(ctx, project.wrangler);
  // An explicit choice (.sagrc.json `wranglerConfig`) is wrangler's `--config`: the lookup order no longer decides.
  if (project.sagrc?.wranglerConfig !== undefined) return;
  const active = project.wrangler.file;
  const ignored = project.wranglerCandidates.filter((c) => c !== active);
  if (ignored.length === 0) return;
  const rel = (p: string): string => relativePath(root, p);
  ctx.report({
    code: 'SAG311',
    message: `several wrangler configs apply to this gateway: wrangler uses ${rel(active)} (first in its lookup order: wrangler.json, then wrangler.jsonc, then wrangler.toml, each searched up the parent folders) and ignores ${ignored.map(rel).join(', ')}, so edits there have no effect`,
    file: project.config.file,
    range: firstLine(ctx),
    related: [{ file: active, range: project.wrangler.lines.rangeOf(0, 0), message: 'the config wrangler uses' }, ...ignored.map((file) => ({ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'ignored by wrangler' }))],
  });
}

/** Enough to find the mistakes: a TOML file yields at most 25 (its parser recovers line by line), JSON any number. */
const MAX_SYNTAX_REPORTS = 25;

function reportSyntaxErrors(ctx: RuleContext, wrangler: WranglerConfig): void {
  const name = basename(wrangler.file);
  for (const problem of wrangler.syntaxErrors.slice(0, MAX_SYNTAX_REPORTS)) {
    ctx.report({
      code: 'SAG315',
      message: `${name} does not parse: ${problem.message.replace(/^(TOML|JSON) syntax error: /, '')}; wrangler refuses to run with it (dev and deploy fail), and until it is fixed the checks here read only what could be parsed`,
      file: wrangler.file,
      range: problem.range,
      related: [],
    });
  }
}

/** A minimal wrangler.toml that declares every binding the config uses (service names are placeholders). */
function scaffold(ctx: RuleContext, root: string): string {
  const name = root.split('/').filter(Boolean).pop() ?? 'api-gateway';
  const lines = [`name = ${JSON.stringify(name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'))}`, 'main = "src/index.js"', 'compatibility_date = "2025-07-04"'];
  if (ctx.runtime === 'upstream') lines.push('compatibility_flags = ["nodejs_compat"]');
  for (const used of gatewayUses(ctx.project.config).usedBindings) {
    lines.push('', '[[services]]', `binding = ${JSON.stringify(used.binding)}`, `service = ${JSON.stringify(used.binding.toLowerCase().replace(/_/g, '-'))}`);
  }
  return `${lines.join('\n')}\n`;
}
