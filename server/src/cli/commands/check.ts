// `sag check [PATH...]`: find the gateways, run the engine, optionally apply safe fixes, report, and turn the
// findings into the exit code (0 clean, 1 over the line, 2 usage; see usage.ts).
import { realpathSync } from 'node:fs';
import { resolve as resolveOsPath } from 'node:path';
import type { CheckWorkspaceOptions, WorkspaceCheck } from '../../analysis/check-workspace';
import { checkWorkspace } from '../../analysis/check-workspace';
import { didYouMean } from '../../analysis/did-you-mean';
import type { RuntimeTarget } from '../../analysis/findings';
import type { FileHost } from '../../analysis/host';
import { searchStoppedMessage } from '../../analysis/workspace/discover';
import { normalizePath } from '../../analysis/workspace/paths';
import { NodeFileHost } from '../../host/node-file-host';
import type { OptionSpec } from '../args';
import { environmentOption, nonNegativeInteger, parseOptions } from '../args';
import { runFixRounds } from '../fix-rounds';
import type { CliIO } from '../io';
import { displayPath, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { formatJson } from '../reporters/json';
import type { CheckReport } from '../reporters/report';
import { formatSarif } from '../reporters/sarif';
import { formatText } from '../reporters/text';
import { vendorNotice } from '../scaffold/vendor';
import { CHECK_USAGE } from '../usage';
import { SAG_VERSION } from '../version';
import { printable } from '../reporters/terminal-text';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export const RUNTIMES = ['bundled', 'upstream'] as const;

const CHECK_OPTIONS: OptionSpec[] = [
  { name: 'format', value: 'FORMAT', choices: FORMATS },
  { name: 'runtime', value: 'RUNTIME', choices: RUNTIMES },
  { name: 'env', value: 'NAME' },
  { name: 'fix' },
  { name: 'max-warnings', value: 'N' },
  { name: 'no-color' },
  { name: 'help', short: 'h' },
];

export interface CheckCommandOptions {
  paths: string[];
  format: (typeof FORMATS)[number];
  runtime?: RuntimeTarget;
  env?: string;
  fix: boolean;
  /** undefined = no limit. */
  maxWarnings?: number;
  color: boolean;
}

export function parseCheckOptions(argv: readonly string[], io: CliIO): CheckCommandOptions | 'help' {
  const { positionals, values } = parseOptions(argv, CHECK_OPTIONS);
  if (values.has('help')) return 'help';
  const get = (name: string): string | undefined => {
    const v = values.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const maxWarnings = get('max-warnings');
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const forced = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: (get('format') as CheckCommandOptions['format'] | undefined) ?? 'text',
    runtime: get('runtime') as RuntimeTarget | undefined,
    env: environmentOption(values.get('env')),
    fix: values.has('fix'),
    maxWarnings: maxWarnings === undefined ? undefined : nonNegativeInteger('max-warnings', maxWarnings),
    color: !values.has('no-color') && !noColorEnv && (forced || io.stdout.isTTY === true),
  };
}

/** Absolute, normalised roots; a path that does not exist is a usage error (a typo in CI must not pass). */
function resolveRoots(paths: readonly string[], io: CliIO): string[] {
  // A root named twice under other names (a symlink to a folder also given) is checked once, as first written.
  const seen = new Set<string>();
  const roots: string[] = [];
  for (const p of paths) {
    const osPath = resolveOsPath(io.cwd, p);
    let real: string;
    try {
      real = realpathSync(osPath);
    } catch {
      throw new UsageError(`path \`${p}\` does not exist (resolved to ${normalizePath(osPath)})`);
    }
    if (seen.has(real)) continue;
    seen.add(real);
    // The real path, as the current folder is (the kernel gives it resolved): a PATH through a symlink
    // (`$PWD/gw` on macOS, where /tmp and /var are links) is then shown as `gw/...`, not `../linkdir/gw/...`, and
    // SARIF's %SRCROOT% URIs stay inside it.
    roots.push(normalizePath(real));
  }
  return roots;
}

/** `--env NAME` that no gateway declares is a typo: say which environments exist. */
function checkEnvExists(result: WorkspaceCheck, env: string, io: CliIO): void {
  const declared = new Set<string>();
  for (const project of result.projects) for (const e of project.wrangler?.environments ?? []) if (e.name) declared.add(e.name);
  const missing = result.projects.filter((p) => !(p.wrangler?.environments ?? []).some((e) => e.name === env));
  if (result.projects.length > 0 && missing.length === result.projects.length) {
    const list = declared.size > 0 ? `declared: ${[...declared].sort().join(', ')}` : 'no [env.*] sections are declared';
    // Names read from the wrangler configs (and the one typed): inert on the terminal.
    throw new UsageError(printable(`environment \`${env}\` is not declared in any wrangler config checked (${list})${didYouMean(env, declared)}`));
  }
  for (const p of missing) {
    const where = p.wrangler ? displayPath(io, p.wrangler.file) : `${displayPath(io, p.root)} (no wrangler config)`;
    io.stderr.write(`${printable(`sag: environment \`${env}\` is not declared in ${where}; its environment checks are skipped`)}\n`);
  }
}

export function runCheck(argv: readonly string[], io: CliIO, host: FileHost = new NodeFileHost()): number {
  const options = parseCheckOptions(argv, io);
  if (options === 'help') {
    io.stdout.write(CHECK_USAGE);
    return EXIT_OK;
  }
  const roots = resolveRoots(options.paths, io);
  const engineOptions: CheckWorkspaceOptions = {
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  };

  let result = checkWorkspace(host, roots, engineOptions);
  if (options.env !== undefined) checkEnvExists(result, options.env, io);
  if (options.fix) {
    const changes = options.format === 'text' ? io.stdout : io.stderr;
    result = runFixRounds(host, roots, engineOptions, result, (line) => changes.write(`${line}\n`), io);
    changes.write('\n');
  }
  for (const root of result.rootsWithoutGateway) {
    io.stderr.write(`sag: no gateway found under ${displayPath(io, root)} (no api-config.json outside node_modules, .wrangler and excluded folders); nothing to check\n`);
  }
  for (const root of result.rootsSearchedInPart) {
    io.stderr.write(`sag: ${searchStoppedMessage(displayPath(io, root) || '.')}; pass its folder as PATH, or exclude large folders in .sagrc.json\n`);
  }

  // A project's vendored runtime older than this engine: a notice, not a finding (no SPEC code for it yet).
  for (const project of result.projects) {
    const notice = vendorNotice(project.root, displayPath(io, project.root) || '.', SAG_VERSION);
    if (notice) io.stderr.write(`sag: ${notice}\n`);
  }

  const report: CheckReport = { cwd: normalizePath(io.cwd), findings: result.findings, gatewayCount: result.projects.length };
  if (options.format === 'json') io.stdout.write(formatJson(report));
  else if (options.format === 'sarif') io.stdout.write(formatSarif(report));
  else io.stdout.write(formatText(report, { color: options.color }));

  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr.write(`sag: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
