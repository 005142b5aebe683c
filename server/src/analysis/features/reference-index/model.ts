// The reference index's vocabulary (terraform-ls style): targets are things a file defines (an alias, a wrangler
// binding, a variable, a Worker method), origins are things that refer to them. Sites keep offsets and compute
// editor ranges only when a feature returns them, so indexing 10,000 routes costs no position arithmetic.
import type { JsonNode } from '../../parse/config-document';
import type { Range } from '../../findings';
import type { ClassFacts, MethodFacts, ModuleFacts, ServiceBindingDecl, WorkerProject, WranglerConfig } from '../../model';
import type { LineIndex } from '../../text/line-index';

export type AliasSection = 'servers' | 'services' | 'serviceBindings';
/** As written in the file: the legacy `servicesBindings` entries belong to the `serviceBindings` section (A.4). */
export type AliasSectionKey = AliasSection | 'servicesBindings';
export type HookRole = 'integration' | 'pre_process' | 'post_process';

/** Where an occurrence sits: the whole value as written (quotes included) and the name inside it. */
export interface Site {
  readonly file: string;
  readonly range: Range;
  /** The name without quotes or a `$config.`-style prefix: what a rename replaces. */
  readonly nameRange: Range;
}

/** A site in a parsed text, converted to a range only when asked (10,000 routes index without position arithmetic). */
export class TextSite implements Site {
  constructor(
    readonly file: string,
    private readonly lines: LineIndex,
    readonly offset: number,
    readonly length: number,
    readonly nameOffset: number = offset,
    readonly nameLength: number = length,
  ) {}

  get range(): Range {
    return this.lines.rangeOf(this.offset, this.length);
  }

  get nameRange(): Range {
    return this.lines.rangeOf(this.nameOffset, this.nameLength);
  }
}

export function fixedSite(file: string, range: Range, nameRange: Range = range): Site {
  return { file, range, nameRange };
}

// ------------------------------------------------------------------ targets (things defined)

interface TargetBase {
  role: 'target';
  name: string;
  site: Site;
}

export interface AliasTarget extends TargetBase {
  kind: 'alias';
  section: AliasSection;
  sectionKey: AliasSectionKey;
  index: number;
  entry: JsonNode;
  /** servers `url`, services `entrypoint`, serviceBindings `binding`, when a string. */
  second?: string;
  /** The entry the runtime uses for this alias (first definition; `serviceBindings` before `servicesBindings`). */
  winner: boolean;
}

export interface WranglerBindingTarget extends TargetBase {
  kind: 'wranglerBinding';
  env: string;
  decl: ServiceBindingDecl;
  wrangler: WranglerConfig;
}

export interface ConfigVariableTarget extends TargetBase {
  kind: 'configVariable';
  /** undefined: global `variables`; otherwise the route whose `variables` defines it. */
  routeIndex?: number;
  value?: JsonNode;
}

export interface WranglerVarTarget extends TargetBase {
  kind: 'wranglerVar';
  env: string;
  value: unknown;
}

export interface DevVarTarget extends TargetBase {
  kind: 'devVar';
  /** undefined: every environment (`.dev.vars`, `.env`). */
  env?: string;
}

export interface ModuleFileTarget extends TargetBase {
  kind: 'moduleFile';
  exists: boolean;
}

export interface WorkerTarget extends TargetBase {
  kind: 'worker';
  worker: WorkerProject;
  envName: string;
}

export interface WorkerClassTarget extends TargetBase {
  kind: 'workerClass';
  worker: WorkerProject;
  module: ModuleFacts;
  cls: ClassFacts;
  /** The named export the binding selects, or undefined for the default export. */
  exportName?: string;
}

export interface WorkerMethodTarget extends TargetBase {
  kind: 'workerMethod';
  worker: WorkerProject;
  module: ModuleFacts;
  cls: ClassFacts;
  method: MethodFacts;
}

export type Target =
  | AliasTarget
  | WranglerBindingTarget
  | ConfigVariableTarget
  | WranglerVarTarget
  | DevVarTarget
  | ModuleFileTarget
  | WorkerTarget
  | WorkerClassTarget
  | WorkerMethodTarget;

// ------------------------------------------------------------------ origins (things that refer)

interface OriginBase {
  role: 'origin';
  name: string;
  site: Site;
}

/** integration.server / integration.binding / pre_process.binding / post_process.binding. */
export interface AliasOrigin extends OriginBase {
  kind: 'alias';
  /** undefined when the integration type does not say (missing or unknown type): either section may hold it. */
  section?: AliasSection;
  routeIndex: number;
  hook: HookRole;
  integrationType?: string;
}

/** serviceBindings[i].binding (or servicesBindings) -> the wrangler declarations of that binding. */
export interface BindingOrigin extends OriginBase {
  kind: 'binding';
  sectionKey: 'serviceBindings' | 'servicesBindings';
  index: number;
  alias?: string;
}

/** services[i].entrypoint -> the module file the runtime loads. */
export interface EntrypointOrigin extends OriginBase {
  kind: 'entrypoint';
  index: number;
  alias?: string;
}

/** integration.function / pre_process.function / post_process.function -> a method of the bound Worker. */
export interface FunctionOrigin extends OriginBase {
  kind: 'function';
  routeIndex: number;
  hook: HookRole;
  /** The serviceBindings alias named beside it (`binding` of the same object). */
  alias?: string;
}

/** `$config.NAME` in a mapping value. */
export interface ConfigVariableOrigin extends OriginBase {
  kind: 'configVariable';
  routeIndex: number;
}

/** A string value `$env.NAME` / `$secret.NAME` / `$secrets.NAME` (A.8). */
export interface EnvVariableOrigin extends OriginBase {
  kind: 'envVariable';
  prefix: '$env.' | '$secret.' | '$secrets.';
}

/** A wrangler service declaration's `service` -> the workspace Worker deployed under that name. */
export interface WorkerServiceOrigin extends OriginBase {
  kind: 'workerService';
  env: string;
  decl: ServiceBindingDecl;
}

/** A wrangler service declaration's `entrypoint` -> the named class in the target Worker. */
export interface WorkerEntrypointOrigin extends OriginBase {
  kind: 'workerEntrypoint';
  env: string;
  decl: ServiceBindingDecl;
}

export type Origin =
  | AliasOrigin
  | BindingOrigin
  | EntrypointOrigin
  | FunctionOrigin
  | ConfigVariableOrigin
  | EnvVariableOrigin
  | WorkerServiceOrigin
  | WorkerEntrypointOrigin;

export type Occurrence = Target | Origin;
