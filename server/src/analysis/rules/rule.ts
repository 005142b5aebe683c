// What a rule family is: its codes (with per-runtime severity and the docs entry that docs/diagnostics.md
// is generated from) and one check over a project. Rules are pure: they read the RuleContext and report.
import type { Finding, Fix, RelatedLocation, RuntimeTarget, Severity } from '../findings';
import type { GatewayProject, ModuleFacts, WranglerEnvironment } from '../model';
import type { RouteView } from './schema/config-view';
import type { BoundTargets } from './schema/hook-target';

export interface CodeDocs {
  /** One paragraph: what the finding means and why it breaks at run time. */
  summary: string;
  /** An api-config.json (or wrangler) snippet that triggers the code. */
  invalid: string;
  /** The same snippet, corrected. */
  valid: string;
  /** What to do about it (and which quick fix does it). */
  fix: string;
  /** When findings of the code take another severity than the default, case by case: which, and when. */
  severityNote?: string;
}

export interface CodeInfo {
  code: string;
  /** Short title, e.g. "Service binding not declared in the wrangler config". */
  title: string;
  /** Default severity per runtime; null = the code does not apply to that runtime (SPEC E.0). */
  severity: Record<RuntimeTarget, Severity | null>;
  docs: CodeDocs;
}

export interface RuleFamily {
  /** e.g. "schema", "references", "wrangler", "modules", "routing", "security". */
  id: string;
  codes: CodeInfo[];
  /** Whole-project checks (with checkRoute: everything checkRoute does not report). Runs after checkRoute. */
  check(ctx: RuleContext): void;
  /**
   * Optional per-route part, called once per `paths` item in order. It may read the route, its index, and
   * everything outside `paths` (the rest of the config, the other files, runtime, environments) but no other
   * route and not `ctx.modules` (what it needs from modules comes read already, as `ctx.boundTargets`): analyze.ts
   * replays its reports for a route whose text, index and outside did not change since the last analysis
   * (incremental/route-results.ts), so an edit re-checks one route, not 10,000.
   */
  checkRoute?(ctx: RuleContext, route: RouteView): void;
}

/** What a check hands to `report`: severity, related and fixes are optional (defaults: the code's severity, none). */
export interface Report {
  code: string;
  message: string;
  file: string;
  range: Finding['range'];
  pointer?: string;
  env?: string;
  /** Override the code's default severity where SPEC D gives two (E/W), e.g. SAG302, SAG511. */
  severity?: Severity;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/** Reads module files for the 4xx rules, SAG304 and the bound targets (analyze.ts), parsed once per file version. */
export interface ModuleReader {
  fileExists(path: string): boolean;
  /** Parsed facts, or undefined when the file does not exist. */
  read(path: string): ModuleFacts | undefined;
  /** Names in a folder (for "did you mean" and completion); undefined when it does not exist. */
  list(folder: string): string[] | undefined;
}

export interface RuleContext {
  project: GatewayProject;
  runtime: RuntimeTarget;
  /** The wrangler environments to check (SPEC E.0 `environments` / `--env`); empty when there is no wrangler config. */
  environments: WranglerEnvironment[];
  /** Names of environments the user deploys (E for SAG302 there, W elsewhere). */
  deployedEnvironments: Set<string>;
  modules: ModuleReader;
  /**
   * The class each `serviceBindings` alias reaches in a Worker of the workspace, re-exports followed
   * (schema/hook-target.ts): read from modules once per analysis, before the routes, and part of the outside
   * that per-route results replay under, so checkRoute may use it.
   */
  boundTargets: BoundTargets;
  /** The analysis keeps state for the next one (the language server); false for a one-off check. */
  remember: boolean;
  report(report: Report): void;
}
