// Which Workers `sag dev` runs next to the gateway: every Worker of the project folder that a service binding
// targets (found by its wrangler `name`, or `<name>-<env>`), followed transitively; a target that is not there
// becomes a stub whose every method answers 503 naming the binding, so the gap is visible, not a 500.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceBindingDecl, WranglerConfig, WranglerEnvironment } from '../../analysis/model';
import { devVarsEnvironmentOf, parseDevVars } from '../../analysis/parse/dev-vars';
import { parseWranglerConfig } from '../../analysis/parse/wrangler';
import { findWorkerConfigs } from '../../analysis/workspace/discover';
import { mainFileOf } from '../../analysis/workspace/load-project';
import { dirname, normalizePath } from '../../analysis/workspace/paths';
import { NodeFileHost } from '../../host/node-file-host';

export interface DevWorker {
  /** Miniflare worker name: the wrangler name of the environment (unique), or `sag-missing-<BINDING>`. */
  name: string;
  wranglerFile?: string;
  /** The module to bundle (a real Worker), or the stub's source. */
  source: { kind: 'file'; file: string } | { kind: 'stub'; code: string; file: string };
  compatibilityDate?: string;
  compatibilityFlags: string[];
  vars: Record<string, unknown>;
  serviceBindings: Record<string, string | { name: string; entrypoint?: string }>;
  kvNamespaces: string[];
  /** Binding kinds sag dev does not simulate (reported once). */
  unsupported: string[];
}

const SIMULATED_KINDS: ReadonlySet<string> = new Set(['vars', 'kv_namespaces', 'secrets']);

export interface BoundTarget {
  /** The binding in the Worker that declares it. */
  binding: string;
  from: string;
  service: string;
  /** The Worker that serves it, or undefined (a stub answers 503). */
  wranglerFile?: string;
}

export interface DevPlan {
  workers: DevWorker[];
  targets: BoundTarget[];
  /** Worker configs of the workspace that do not parse (wrangler would refuse them), with the first mistake. */
  broken: { file: string; problem: string }[];
}

/**
 * The broken configs that matter to this plan: a bound Worker's own, or any while a bound Worker is missing (it may
 * be the one that does not parse, its name unreadable).
 */
export function brokenBoundConfigs(plan: DevPlan): DevPlan['broken'] {
  if (plan.targets.some((t) => t.wranglerFile === undefined)) return plan.broken;
  const bound = new Set(plan.targets.map((t) => t.wranglerFile));
  return plan.broken.filter((b) => bound.has(b.file));
}

/** Methods the gateway calls on each binding (hooks, service_binding functions), so the stub can answer them. */
export type MethodsByBinding = ReadonlyMap<string, ReadonlySet<string>>;

interface Candidate {
  wrangler: WranglerConfig;
  env: WranglerEnvironment;
}

export function planWorkers(gateway: WranglerConfig, envName: string, projectRoot: string, methods: MethodsByBinding): DevPlan {
  const host = new NodeFileHost();
  const byName = new Map<string, Candidate>();
  const broken: DevPlan['broken'] = [];
  for (const file of findWorkerConfigs(host, [normalizePath(projectRoot)])) {
    if (file === gateway.file) continue;
    const text = host.readFile(file);
    if (text === undefined) continue;
    const wrangler = parseWranglerConfig(file, text);
    const mistake = wrangler.syntaxErrors[0];
    if (mistake) broken.push({ file, problem: `line ${mistake.range.start.line + 1}: ${mistake.message}` });
    for (const env of wrangler.environments) {
      const name = env.workerName ?? wrangler.name?.value;
      if (name && !byName.has(name)) byName.set(name, { wrangler, env });
    }
  }

  const workers: DevWorker[] = [];
  const targets: BoundTarget[] = [];
  const added = new Set<string>();
  const gatewayEnv = environmentOf(gateway, envName);
  const queue: Candidate[] = [{ wrangler: gateway, env: gatewayEnv }];
  while (queue.length > 0) {
    const { wrangler, env } = queue.shift()!;
    const name = env.workerName ?? wrangler.name?.value ?? 'sag-gateway';
    if (added.has(name)) continue;
    added.add(name);
    const worker = workerFrom(wrangler, env, name, envName);
    workers.push(worker);
    for (const decl of env.services) {
      const binding = decl.binding.value;
      const service = decl.service?.value;
      if (!service) continue;
      const found = byName.get(service) ?? (service === name ? { wrangler, env } : undefined);
      if (found) {
        worker.serviceBindings[binding] = bindingTo(service, decl);
        targets.push({ binding, from: name, service, wranglerFile: found.wrangler.file });
        queue.push(found);
      } else {
        const stub = stubWorker(binding, service, projectRoot, wrangler === gateway ? methods.get(binding) ?? new Set() : new Set(), decl.entrypoint?.value);
        worker.serviceBindings[binding] = bindingTo(stub.name, decl);
        targets.push({ binding, from: name, service });
        if (!added.has(stub.name)) {
          added.add(stub.name);
          workers.push(stub);
        }
      }
    }
  }
  return { workers, targets, broken };
}

/** `--env NAME` when the Worker declares it, else its top level (as `wrangler dev --env` does per config). */
export function environmentOf(wrangler: WranglerConfig, envName: string): WranglerEnvironment {
  return wrangler.environments.find((e) => e.name === envName) ?? wrangler.environments[0]!;
}

function bindingTo(name: string, decl: ServiceBindingDecl): string | { name: string; entrypoint?: string } {
  return decl.entrypoint ? { name, entrypoint: decl.entrypoint.value } : name;
}

function workerFrom(wrangler: WranglerConfig, env: WranglerEnvironment, name: string, envName: string): DevWorker {
  const host = new NodeFileHost();
  const main = mainFileOf(host, wrangler);
  const vars: Record<string, unknown> = {};
  for (const [key, located] of env.vars) vars[key] = located.value;
  Object.assign(vars, localSecrets(dirname(wrangler.file), envName));
  return {
    name,
    wranglerFile: wrangler.file,
    source: { kind: 'file', file: main ?? join(dirname(wrangler.file), env.main?.value ?? 'src/index.js') },
    ...(env.compatibilityDate ? { compatibilityDate: env.compatibilityDate.value } : {}),
    compatibilityFlags: env.compatibilityFlags?.value ?? [],
    vars,
    serviceBindings: {},
    kvNamespaces: env.kvNamespaces.map((k) => k.name.value),
    // vars, KV and secrets are simulated (vars above, from the same environment); the rest is named once.
    unsupported: env.otherBindings.filter((b) => !SIMULATED_KINDS.has(b.kind)).map((b) => `${b.kind} \`${b.name.value}\``),
  };
}

/** wrangler's local secrets: `.dev.vars.<env>` else `.dev.vars`; only without either, `.env` then `.env.<env>`. */
function localSecrets(folder: string, envName: string): Record<string, string> {
  const read = (name: string): Record<string, string> | undefined => {
    const file = join(folder, name);
    if (!existsSync(file) || devVarsEnvironmentOf(name) === null) return undefined;
    const parsed = parseDevVars(normalizePath(file), readFileSync(file, 'utf8'));
    return Object.fromEntries([...parsed.vars].map(([k, v]) => [k, v.value]));
  };
  const devVars = (envName ? read(`.dev.vars.${envName}`) : undefined) ?? read('.dev.vars');
  if (devVars) return devVars;
  return { ...(read('.env') ?? {}), ...((envName ? read(`.env.${envName}`) : undefined) ?? {}) };
}

function stubWorker(binding: string, service: string, projectRoot: string, methods: ReadonlySet<string>, entrypoint: string | undefined): DevWorker {
  const message = `service binding \`${binding}\` targets the Worker \`${service}\`, which is not in ${normalizePath(projectRoot)} (sag dev runs the Workers it finds there by their wrangler name); add that Worker's folder, or fix \`service\` in wrangler.toml`;
  const body = [...methods].filter((m) => m !== 'fetch' && m !== 'constructor').map((m) => `  ${JSON.stringify(m)}() { return unavailable(); }`);
  const cls = `extends WorkerEntrypoint {\n  fetch() { return unavailable(); }\n${body.join('\n')}\n}`;
  const code = [
    `import { WorkerEntrypoint } from 'cloudflare:workers';`,
    `const unavailable = () => Response.json({ error: ${JSON.stringify(message)}, binding: ${JSON.stringify(binding)} }, { status: 503 });`,
    `export default class Missing ${cls}`,
    ...(entrypoint && /^[A-Za-z_$][\w$]*$/.test(entrypoint) ? [`export class ${entrypoint} ${cls}`] : []),
    '',
  ].join('\n');
  return {
    name: `sag-missing-${binding}`,
    source: { kind: 'stub', code, file: join(projectRoot, '.sag', `missing-${binding}.js`) },
    compatibilityDate: '2025-07-04',
    compatibilityFlags: [],
    vars: {},
    serviceBindings: {},
    kvNamespaces: [],
    unsupported: [],
  };
}
