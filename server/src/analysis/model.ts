// The workspace model every rule reads: one gateway project = api-config.json + its wrangler config
// + .sagrc.json + .dev.vars* + the service modules and bound Workers it points at. Plain data with
// source positions; built by workspace/load-project.ts through the FileHost, never by rules.
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Range, RuntimeTarget, Severity } from './findings';
import type { LineIndex } from './text/line-index';

/** A value read from a file, with where it sits. */
export interface Located<T> {
  value: T;
  /** Range of the value. */
  range: Range;
  /** Range of the key that holds it (TOML key / JSON property name), when there is one. */
  keyRange?: Range;
}

export interface SyntaxProblem {
  message: string;
  range: Range;
}

// ---------------------------------------------------------------- api-config.json

/** api-config.json parsed tolerantly: a syntax error leaves as much of the tree as jsonc-parser recovers. */
export interface ConfigDocument {
  file: string;
  text: string;
  lines: LineIndex;
  /** undefined when the text holds no JSON value at all. */
  root: JsonNode | undefined;
  /** JSON syntax errors (comments and trailing commas count: the runtime uses JSON.parse). */
  syntaxErrors: SyntaxProblem[];
  /** Raw jsonc-parser errors, for fixes that need offsets. */
  parseErrors: ParseError[];
  /** Set when the text is not what the runtime can load at all (binary, not UTF-8, too large). */
  unreadable?: string;
}

// ---------------------------------------------------------------- wrangler config (B.*)

export type WranglerFormat = 'toml' | 'json' | 'jsonc';

export interface ServiceBindingDecl {
  binding: Located<string>;
  service?: Located<string>;
  entrypoint?: Located<string>;
  /** Legacy service-environment selector (SAG313). */
  environment?: Located<string>;
  /** Range of the whole declaration (inline table, [[services]] table, or JSON object). */
  range: Range;
}

/** Any binding kind other than a service binding (kv_namespaces, d1_databases, vars, durable_objects, ...). */
export interface OtherBindingDecl {
  kind: string;
  name: Located<string>;
}

/** How `services` is written in one environment, so a fix can add an entry in the same form (SPEC D). */
export type ServicesForm =
  | { kind: 'absent' }
  | { kind: 'toml-inline-array'; arrayRange: Range }
  | { kind: 'toml-table-array'; lastTableRange: Range }
  | { kind: 'json-array'; arrayRange: Range };

export interface WranglerRule {
  type: string;
  globs: string[];
  fallthrough?: boolean;
}

/** One deployable environment: top level (name "") or [env.NAME]. Inherited keys are already resolved. */
export interface WranglerEnvironment {
  /** "" for the top level. */
  name: string;
  /** Range of `[env.NAME]` header / `"NAME":` key; top level: the start of the file. */
  range: Range;
  /** Effective Worker name: env's own `name`, else `<top name>-<env>`. */
  workerName?: string;
  services: ServiceBindingDecl[];
  servicesForm: ServicesForm;
  vars: Map<string, Located<unknown>>;
  kvNamespaces: OtherBindingDecl[];
  otherBindings: OtherBindingDecl[];
  // inherited keys (resolved: env value, else top-level value)
  main?: Located<string>;
  baseDir?: Located<string>;
  findAdditionalModules?: Located<boolean>;
  rules?: Located<WranglerRule[]>;
  compatibilityFlags?: Located<string[]>;
  /** compatibility_flags written as something other than a list (wrangler refuses it): a scalar's value as JSON, else "". */
  compatibilityFlagsNotAList?: Located<string>;
  compatibilityDate?: Located<string>;
  noBundle?: Located<boolean>;
}

export interface WranglerConfig {
  file: string;
  format: WranglerFormat;
  text: string;
  lines: LineIndex;
  syntaxErrors: SyntaxProblem[];
  name?: Located<string>;
  /** Top level first, then every [env.NAME] in file order. */
  environments: WranglerEnvironment[];
  /** `[build] command` when present (the bundled build runs through it). */
  buildCommand?: Located<string>;
}

// ---------------------------------------------------------------- .dev.vars / .env, .sagrc.json

export interface DevVarsFile {
  file: string;
  /** undefined = applies to every environment (.dev.vars, .env); otherwise `.dev.vars.<env>`. */
  env?: string;
  vars: Map<string, Located<string>>;
}

export interface SagRcIgnore {
  code: string;
  file: string;
  pointer?: string;
}

export interface SagRc {
  file: string;
  runtime?: RuntimeTarget;
  environments?: string[];
  /** Where each of `environments` is written (same order): a name wrangler does not declare is reported there. */
  environmentRanges?: Range[];
  wranglerConfig?: string;
  /** Where `wranglerConfig`'s value is written (a problem with the file it names is reported there). */
  wranglerConfigRange?: Range;
  rules?: Record<string, Severity | 'off'>;
  ignore?: SagRcIgnore[];
  exclude?: string[];
  /**
   * Every diagnostic code written as a `rules` key or an `ignore` entry's `code`, where it is written: the settings
   * rule reports those the checker does not have (the parser knows no rule list).
   */
  codeMentions: { code: string; range: Range }[];
  /** Problems in .sagrc.json itself (bad JSON, unknown key, bad value). */
  problems: SyntaxProblem[];
}

// ---------------------------------------------------------------- JavaScript / TypeScript modules

export type ReturnKind = 'undefined' | 'null' | 'true' | 'false' | 'response' | 'request' | 'number' | 'string' | 'object' | 'other' | 'implicit';

export interface MethodFacts {
  name: string;
  range: Range;
  isStatic: boolean;
  /** `#private` or TypeScript `private`/`protected`. */
  isPrivate: boolean;
  returns: ReturnKind[];
}

export interface ClassFacts {
  name?: string;
  range: Range;
  /** Identifier after `extends`, as written. */
  superClass?: string;
  /** true when the super class is `WorkerEntrypoint` imported from "cloudflare:workers". */
  extendsWorkerEntrypoint: boolean;
  /**
   * The ` extends WorkerEntrypoint` clause (type arguments included) of the class that writes it, this one or a local
   * base class (`owner`): what SAG410's fix removes. Absent when that class has a constructor (its `super()` call
   * would outlive the clause) or the clause holds comments or parentheses.
   */
  workerEntrypointClause?: { range: Range; owner?: string };
  /** It extends a class not declared in this module (imported, or an expression): inherited members are unknown. */
  inheritsUnknown?: boolean;
  methods: Map<string, MethodFacts>;
}

export type DefaultExportKind = 'class' | 'function' | 'arrow' | 'object' | 'other' | 'unresolved';

export interface DefaultExportFacts {
  kind: DefaultExportKind;
  range: Range;
  /** For class (or `function` with prototype methods): the class facts, inheritance from local classes merged. */
  cls?: ClassFacts;
  /** For `kind: 'object'`: the property names of the literal (e.g. `fetch`). */
  objectKeys?: string[];
  /** fetch found (own, inherited from a local class, or on the function's prototype). */
  hasFetch: boolean;
  /** An `async function` (not a generator): callable, but `new` throws. */
  asyncFunction?: boolean;
  /** How an `export default …` statement writes it (absent for `export { x as default }`): what SAG405's fix rewrites. */
  written?: DefaultExportStatement;
}

export interface DefaultExportStatement {
  /** What follows `export default `: an expression, a declaration or a name. */
  value: Range;
  /** `export default name;` (`form: 'name'`) or `export default async function name() {}` (`'declaration'`). */
  form: 'expression' | 'declaration' | 'name';
  /** The name of a `'name'` or named `'declaration'` form. */
  name?: string;
}

export interface ReExport {
  /** The name this module exports. */
  exported: string;
  /** The name in the other module (`default` for `export { default as X } from …`). */
  imported: string;
  specifier: string;
}

export interface ModuleImport {
  specifier: string;
  range: Range;
  dynamic: boolean;
}

export interface ModuleFacts {
  file: string;
  language: 'js' | 'ts';
  lines: LineIndex;
  parseError?: SyntaxProblem;
  /**
   * The parse error is the checker's limit, not a mistake in the module (syntax of a proposal the parser was not set
   * up for, a module too large or too deeply nested to analyse): its facts are unknown, but nothing says it is broken.
   */
  beyondChecker?: boolean;
  defaultExport?: DefaultExportFacts;
  /** Named exports that are classes (WorkerEntrypoint targets). */
  exportedClasses: Map<string, ClassFacts>;
  /** The local binding of an exported class where it differs from the exported name (`export { Orders as Svc }`). */
  exportedLocals?: Map<string, string>;
  /**
   * Other names the module exports itself: `value` is certainly no class (a function, a literal), `opaque` may be
   * one this module cannot show (an imported binding, a call's result such as `traced(class …)`).
   */
  otherExports?: Map<string, 'value' | 'opaque'>;
  /** Names exported from another module (`export { Bar } from './bar.js'`): workspace/module-exports.ts follows them. */
  reExports?: ReExport[];
  /** The modules of `export * from '…'`, in order: any name may come from one of them. */
  reExportsAllFrom?: string[];
  imports: ModuleImport[];
}

// ---------------------------------------------------------------- other Workers in the workspace (tgt)

export interface WorkerProject {
  wrangler: WranglerConfig;
  /** Top-level Worker name. */
  name?: string;
  /** Resolved main module path, when it exists. */
  mainFile?: string;
  module?: ModuleFacts;
}

/** A Worker as deployed under one name: `envName` is "" for its top-level name. */
export interface DeployedWorker {
  worker: WorkerProject;
  envName: string;
}

/**
 * The other Workers of the workspace as one gateway sees them: the Workers found under its roots, in workspace order,
 * less its own wrangler configs. Every gateway under the same roots shares one list and one name index
 * (workspace/workspace-workers.ts), so G gateways over W Workers cost G + W, not G x W.
 */
export interface OtherWorkers extends Iterable<WorkerProject> {
  readonly size: number;
  /** Item by item the same (===) while these Workers are: the shared list (the loader keeps it while nothing changed) and the gateway's own. */
  readonly identity: readonly unknown[];
  /** The Worker deployed as `name` (its `name`, `<name>-<env>`, or an env's own `name`): the first in workspace order. */
  deployedAs(name: string): DeployedWorker | undefined;
  /** The first (in workspace order) whose top-level `name` is one of `names`, case and `-`/`_`/spaces aside. */
  namedLike(names: readonly string[]): WorkerProject | undefined;
  /** Does a change to `path` touch one of them (its wrangler config's folder or below, or its main module)? */
  touchedBy(path: string): boolean;
  /** Does deleting `folder` with all it holds remove one of them (its wrangler config or its main module)? */
  insideFolder(folder: string): boolean;
  /** Every deployed name, each with the Worker deployedAs answers for it. */
  deployedNames(): Iterable<[string, DeployedWorker]>;
}

// ---------------------------------------------------------------- the project

export interface GatewayProject {
  /** Folder of api-config.json. */
  root: string;
  config: ConfigDocument;
  sagrc?: SagRc;
  /** The wrangler config wrangler itself would use (B.0 lookup, or sagrc.wranglerConfig). */
  wrangler?: WranglerConfig;
  /** Every wrangler config file the B.0 walk met, in lookup order (SAG311). */
  wranglerCandidates: string[];
  /** The wrangler config wrangler would use, when it exists but could not be read (permission denied, too large). */
  wranglerUnreadable?: { file: string; problem: string };
  devVars: DevVarsFile[];
  /** Runtime chosen by .sagrc.json, else detected (E.0); options may still override it. */
  detectedRuntime: RuntimeTarget;
  /** Other Workers found in the workspace (bound-Worker targets): every Worker under its roots but its own. */
  workers: OtherWorkers;
}
