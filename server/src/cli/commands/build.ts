// `sag build [DIR] [--env NAME]`: check the gateway and generate its Worker entry (.sag/entry.js, SPEC E.4);
// refuses, printing the check's findings, when the config has errors. Run by wrangler through `[build] command`.
import { normalizePath } from '../../analysis/workspace/paths';
import type { OptionSpec } from '../args';
import { environmentOption, parseOptions } from '../args';
import type { CliIO } from '../io';
import { displayPath, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, gatewayFolder, UsageError } from '../io';
import { formatText } from '../reporters/text';
import { buildGateway, type BuildOutcome } from '../scaffold/build-gateway';
import { findToolsLayout } from '../scaffold/tools-layout';
import { vendorNotice } from '../scaffold/vendor';
import { SAG_VERSION } from '../version';
import { RUNTIMES } from './check';

export const BUILD_USAGE = `Usage: sag build [DIR] [options]

Check the gateway in DIR (default: the current folder) and generate its Worker entry (.sag/entry.js: the
gateway runtime, api-config.json and every services[].entrypoint). Refuses when the check finds errors.
wrangler runs it before every dev and deploy through [build] command in wrangler.toml.

Options:
  --env NAME                    check the deployment \`wrangler deploy --env NAME\` makes (top: the top level only)
  --runtime bundled|upstream    override .sagrc.json "runtime" for the check
  -h, --help                    show this help

Exit codes: 0 = built (or up to date), 1 = not built (errors found, no gateway, the entry cannot be written),
2 = usage error (bad option, a DIR that does not exist, an --env the wrangler config does not declare).
`;

const BUILD_OPTIONS: OptionSpec[] = [
  { name: 'env', value: 'NAME' },
  { name: 'runtime', value: 'RUNTIME', choices: RUNTIMES },
  { name: 'help', short: 'h' },
];

export function runBuild(argv: readonly string[], io: CliIO): number {
  const { positionals, values } = parseOptions(argv, BUILD_OPTIONS);
  if (values.has('help')) {
    io.stdout.write(BUILD_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`takes one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  const env = environmentOption(values.get('env'));
  const runtime = values.get('runtime');
  const root = gatewayFolder(io, positionals[0]);
  const outcome = buildGateway({
    root,
    layout: findToolsLayout(),
    ...(typeof env === 'string' ? { env } : {}),
    ...(typeof runtime === 'string' ? { runtime: runtime as 'bundled' | 'upstream' } : {}),
  });
  reportBuildFindings(outcome, io);
  if (!outcome.ok) return outcome.reason === 'unknown-env' ? EXIT_USAGE : EXIT_FINDINGS;
  const shownRoot = displayPath(io, normalizePath(root)) || '.';
  for (const notice of outcome.notices) io.stderr.write(`sag build: ${notice}\n`);
  const stale = vendorNotice(root, shownRoot, SAG_VERSION);
  if (stale) io.stderr.write(`sag build: ${stale}\n`);
  const services = outcome.services.length;
  io.stdout.write(`sag build: ${outcome.changed ? 'wrote' : 'up to date:'} ${displayPath(io, normalizePath(outcome.entryFile))} (${services} service module${services === 1 ? '' : 's'})\n`);
  return EXIT_OK;
}

/** Findings go to stderr (wrangler shows it); a refusal says why and what to do. Shared with `sag dev`. */
export function reportBuildFindings(outcome: BuildOutcome, io: CliIO, prefix = 'sag build'): void {
  const check = outcome.check;
  if (check && check.findings.length > 0) {
    io.stderr.write(formatText({ cwd: normalizePath(io.cwd), findings: check.findings, gatewayCount: check.projects.length }, { color: false }));
  }
  if (outcome.ok) return;
  if (outcome.reason === 'findings') io.stderr.write(`${prefix}: not built: fix the errors above (\`sag check\` shows them with fixes; \`sag check --fix\` applies the safe ones)\n`);
  else io.stderr.write(`${prefix}: ${outcome.message ?? 'not built'}\n`);
}
