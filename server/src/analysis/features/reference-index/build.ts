// The project's reference index: the per-file parts (each cached by its parsed file, so an edit to api-config.json
// leaves the wrangler part alone) joined once per project and runtime. Built in linear time; every feature reads it.
import type { RuntimeTarget } from '../../findings';
import type { FileHost } from '../../host';
import type { GatewayProject } from '../../model';
import type { ModuleReader } from '../../rules/rule';
import { createModuleReader } from '../../workspace/module-reader';
import type { FeatureOptions } from '../types';
import { configPart, type ConfigPart } from './config-part';
import type { DevVarTarget } from './model';
import { devVarTargets, wranglerPart, type WranglerPart } from './wrangler-part';

export interface ReferenceIndex {
  project: GatewayProject;
  runtime: RuntimeTarget;
  config: ConfigPart;
  wrangler?: WranglerPart;
  /** `.dev.vars*` / `.env*` keys by name (every file that declares it). */
  devVars: Map<string, DevVarTarget[]>;
  /** Service module files, read through the host (nothing exists without one). */
  modules: ModuleReader;
  host?: FileHost;
}

const NO_FILES: ModuleReader = { fileExists: () => false, read: () => undefined, list: () => undefined };

const cache = new WeakMap<GatewayProject, ReferenceIndex[]>();

export function runtimeOf(project: GatewayProject, options: FeatureOptions = {}): RuntimeTarget {
  return options.runtime ?? project.sagrc?.runtime ?? project.detectedRuntime;
}

/** The index of a project; built once per project object, runtime and host. */
export function referenceIndex(project: GatewayProject, options: FeatureOptions = {}): ReferenceIndex {
  const runtime = runtimeOf(project, options);
  const built = cache.get(project) ?? [];
  const hit = built.find((i) => i.runtime === runtime && i.host === options.host);
  if (hit) return hit;
  const devVars = new Map<string, DevVarTarget[]>();
  for (const file of project.devVars) {
    for (const target of devVarTargets(file)) {
      const list = devVars.get(target.name);
      if (list) list.push(target);
      else devVars.set(target.name, [target]);
    }
  }
  const index: ReferenceIndex = {
    project,
    runtime,
    config: configPart(project.config),
    ...(project.wrangler ? { wrangler: wranglerPart(project.wrangler) } : {}),
    devVars,
    modules: options.host ? createModuleReader(options.host) : NO_FILES,
    ...(options.host ? { host: options.host } : {}),
  };
  built.push(index);
  cache.set(project, built);
  return index;
}
