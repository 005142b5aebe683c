// The build step `sag build` and `sag dev` share: check the gateway (refuse on errors), resolve its service
// modules and the runtime, and write the generated entry where wrangler's `main` expects it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WorkspaceCheck } from '../../analysis/check-workspace';
import { checkWorkspace } from '../../analysis/check-workspace';
import { didYouMean } from '../../analysis/did-you-mean';
import type { RuntimeTarget } from '../../analysis/findings';
import type { GatewayProject } from '../../analysis/model';
import { normalizePath, relativePath, resolvePath } from '../../analysis/workspace/paths';
import { NodeFileHost } from '../../host/node-file-host';
import { generateEntry, resolveServiceFile, type ServiceImport } from './entry';
import type { ToolsLayout } from './tools-layout';
import { VENDOR_RUNTIME } from './vendor';
import { printable } from '../reporters/terminal-text';

export const BUILD_DIR = '.sag';
export const ENTRY_FILE = `${BUILD_DIR}/entry.js`;

export interface BuildOptions {
  /** Folder of api-config.json (absolute, OS form). */
  root: string;
  env?: string;
  runtime?: RuntimeTarget;
  layout: ToolsLayout | undefined;
}

export type BuildOutcome =
  | { ok: true; check: WorkspaceCheck; project: GatewayProject; entryFile: string; runtimeFile: string; services: ServiceImport[]; notices: string[]; changed: boolean }
  | { ok: false; check?: WorkspaceCheck; project?: GatewayProject; reason: 'no-gateway' | 'findings' | 'unbuildable' | 'unknown-env'; message?: string };

export function buildGateway(options: BuildOptions): BuildOutcome {
  const configFile = join(options.root, 'api-config.json');
  if (!existsSync(configFile)) return { ok: false, reason: 'no-gateway', message: `no api-config.json in ${options.root}; run \`sag init\` there to create a gateway project` };
  const check = checkWorkspace(new NodeFileHost(), [normalizePath(configFile)], {
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
  const project = check.projects[0];
  if (!project) return { ok: false, check, reason: 'no-gateway', message: `no gateway found at ${configFile}` };
  // Checked before anything is written: an undeclared name would build the top level while the user asked for a
  // deployment that wrangler refuses to make.
  const envProblem = options.env !== undefined ? undeclaredEnvironment(project, options.env, options.root) : undefined;
  if (envProblem) return { ok: false, check, project, reason: 'unknown-env', message: envProblem };
  if (check.findings.some((f) => f.severity === 'error')) return { ok: false, check, project, reason: 'findings' };

  let config: { services?: unknown };
  try {
    // The text the check read (a byte order mark left out, as the runtime's JSON.parse needs), not a second read.
    config = JSON.parse(project.config.text) as { services?: unknown };
  } catch (error) {
    return { ok: false, check, project, reason: 'unbuildable', message: `api-config.json cannot be read: ${(error as Error).message}` };
  }
  const services: ServiceImport[] = [];
  const seen = new Set<string>();
  for (const item of Array.isArray(config.services) ? config.services : []) {
    const { alias, entrypoint } = (item ?? {}) as { alias?: unknown; entrypoint?: unknown };
    if (typeof alias !== 'string' || typeof entrypoint !== 'string' || seen.has(alias)) continue;
    seen.add(alias);
    const file = resolveServiceFile(options.root, entrypoint);
    if (!file) return { ok: false, check, project, reason: 'unbuildable', message: `service \`${alias}\`: no module at ${entrypoint} (tried .js, .mjs, .ts and index files, from ${options.root})` };
    services.push({ alias, file });
  }

  const notices: string[] = [];
  const runtimeFile = runtimeFor(options.root, options.layout);
  if (!runtimeFile) return { ok: false, check, project, reason: 'unbuildable', message: `no gateway runtime: ${VENDOR_RUNTIME} is missing and this sag ships none; run \`sag init --upgrade\`` };
  if (!existsSync(join(options.root, VENDOR_RUNTIME))) notices.push(`notice: ${VENDOR_RUNTIME} is missing; the entry imports the runtime this sag ships (${runtimeFile}). Run \`sag init --upgrade\` to vendor it, so deploys do not depend on this sag`);

  const entryFile = entryFileFor(project, options.root, notices);
  const text = generateEntry({ entryFile, configFile, runtimeFile, services });
  const previous = existsSync(entryFile) ? readFileSync(entryFile, 'utf8') : undefined;
  if (previous !== text) {
    try {
      mkdirSync(dirname(entryFile), { recursive: true });
      writeFileSync(entryFile, text);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (!e.code) throw error;
      return { ok: false, check, project, reason: 'unbuildable', message: `cannot write ${entryFile} (${e.code}${e.path && e.path !== entryFile ? ` on ${e.path}` : ''}); check that ${dirname(entryFile)} is a folder that can be written` };
    }
  }
  return { ok: true, check, project, entryFile, runtimeFile, services, notices, changed: previous !== text };
}

/** The project's vendored runtime wins (the project pins it); else the runtime shipped with this sag. */
export function runtimeFor(root: string, layout: ToolsLayout | undefined): string | undefined {
  const vendored = join(root, VENDOR_RUNTIME);
  if (existsSync(vendored)) return vendored;
  return layout && existsSync(layout.runtimeFile) ? layout.runtimeFile : undefined;
}

/** wrangler's `main` when it points into a `.sag/` folder (what templates write); else <root>/.sag/entry.js, with a notice. */
function entryFileFor(project: GatewayProject, root: string, notices: string[]): string {
  const fallback = join(root, ENTRY_FILE);
  const wrangler = project.wrangler;
  const main = wrangler?.environments[0]?.main?.value;
  if (!wrangler || !main) {
    notices.push(`notice: ${wrangler ? 'the wrangler config has no `main`' : 'no wrangler config found'}; set main = "${ENTRY_FILE}" so wrangler serves the generated entry`);
    return fallback;
  }
  const resolved = resolvePath(dirname(wrangler.file), main);
  if (/(^|\/)\.sag\/[^/]+$/.test(resolved)) return resolved;
  notices.push(`notice: wrangler \`main\` is ${main}, not the generated entry; set main = "${ENTRY_FILE}" to serve what sag build writes`);
  return fallback;
}

/** Why `--env NAME` names no environment of the gateway's wrangler config, or undefined when it does. */
function undeclaredEnvironment(project: GatewayProject, env: string, root: string): string | undefined {
  if (env === '') return undefined; // `--env top`: the top level, there with or without a wrangler config
  const wrangler = project.wrangler;
  if (!wrangler) return `environment \`${env}\` cannot be checked: ${root} has no wrangler config`;
  if (wrangler.environments.some((e) => e.name === env)) return undefined;
  const declared = wrangler.environments.map((e) => e.name).filter((name): name is string => Boolean(name));
  const where = relativePath(normalizePath(root), wrangler.file);
  return printable(`environment \`${env}\` is not declared in ${where} (${declared.length ? `declared: ${declared.join(', ')}` : 'no [env.*] sections'})${didYouMean(env, declared)}`);
}
