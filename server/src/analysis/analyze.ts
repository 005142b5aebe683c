// Runs every rule family over one loaded project and turns reports into findings: severity per runtime
// (SPEC E.0), `.sagrc.json` rule overrides and ignores, environment selection, stable order.
import type { Finding, RuntimeTarget, Severity } from './findings';
import { SEVERITY_ORDER } from './findings';
import type { GatewayProject, WranglerEnvironment } from './model';
import { routeRunner } from './incremental/route-results';
import { codeInfo, RULE_FAMILIES } from './rules/registry';
import type { ModuleReader, Report, RuleContext } from './rules/rule';
import { configView } from './rules/schema/config-view';
import { boundTargets } from './rules/schema/hook-target';
import { environmentNamed } from './rules/wrangler/environment-index';
import { wranglerFormatOf } from './parse/wrangler';
import { isIgnored } from './ignores';
import { boundedMessage } from './text/bounded-message';

/** Editor settings: the lowest-precedence source of project settings (SPEC E.0). */
export interface EditorSettings {
  runtime?: RuntimeTarget;
  environments?: string[];
  rules?: Record<string, Severity | 'off'>;
}

export interface AnalysisOptions {
  /** CLI `--runtime`: beats `.sagrc.json`. */
  runtime?: RuntimeTarget;
  /** CLI `--env NAME`: check only the deployment `--env NAME` would make ("" = top level). */
  env?: string;
  settings?: EditorSettings;
  /** Codes to leave out entirely. */
  excludeCodes?: ReadonlySet<string>;
  /**
   * The editor underlines JSON syntax errors itself (VS Code): SAG100 and the SAG315 findings of a wrangler.json or
   * wrangler.jsonc would show each mistake twice, so they are left out (SAG315 on a wrangler.toml stays).
   */
  omitJsonSyntaxErrors?: boolean;
  /**
   * Keep per-route results for the next analysis of the same (incrementally edited) config: the language server
   * does; a one-off check (`sag check`, checkWorkspace) would only pay for the bookkeeping. Default true.
   */
  remember?: boolean;
}

export function effectiveRuntime(project: GatewayProject, options: AnalysisOptions): RuntimeTarget {
  return options.runtime ?? project.sagrc?.runtime ?? options.settings?.runtime ?? project.detectedRuntime;
}

/** The environments to check and the ones that count as deployed. */
export function selectEnvironments(project: GatewayProject, options: AnalysisOptions): { checked: WranglerEnvironment[]; deployed: Set<string> } {
  const all = project.wrangler?.environments ?? [];
  if (options.env !== undefined) {
    const only = all.filter((e) => e.name === options.env);
    return { checked: only, deployed: new Set(only.map((e) => e.name)) };
  }
  const listed = project.sagrc?.environments ?? options.settings?.environments;
  if (!listed) return { checked: all, deployed: new Set(all.map((e) => e.name)) };
  const names = new Set(listed.map(environmentNamed));
  return { checked: all, deployed: new Set(all.filter((e) => names.has(e.name)).map((e) => e.name)) };
}

/**
 * The findings made of the reports of a config's last analysis (keyed by its tree, which an edit updates in place).
 * Replayed and kept reports are handed out again as the same objects while they read the same
 * (incremental/frozen-reports.ts, rules/routing/routing-state.ts), and nothing changes a report once reported, so
 * the same report at the same severity is the same finding: no new object per finding per edit, and front-ends that
 * keep per-finding work (lsp/diagnostics/diagnostic-wire.ts) find it by identity. One map per analysis, not one
 * WeakMap of every report: after Enter above 5,000 routes, ~1,900 moved reports are new, and a WeakMap entry each
 * cost ~1 µs (2 ms of a 14 ms re-check).
 */
const lastFindings = new WeakMap<object, Map<Report, Finding>>();

export function analyzeProject(project: GatewayProject, modules: ModuleReader, options: AnalysisOptions = {}): Finding[] {
  const runtime = effectiveRuntime(project, options);
  const { checked, deployed } = selectEnvironments(project, options);
  const remember = options.remember ?? true;
  // A one-off check has no next analysis to hand the same findings to.
  const tree: object = project.config.root ?? project.config;
  const maker = new FindingMaker(project, runtime, options, remember ? lastFindings.get(tree) : undefined, remember ? new Map() : undefined);
  const report = maker.report.bind(maker);
  lastMaker = maker;
  const { overrides, ignores, findings, made } = maker;

  const view = configView(project.config);
  // Read from modules here, at every analysis, so per-route checks need not read any (rules/rule.ts).
  const bound = boundTargets(project, view, modules);
  const ctx: RuleContext = { project, runtime, environments: checked, deployedEnvironments: deployed, modules, boundTargets: bound, remember, report };
  const paths = view.rootProps.value('paths');
  // Everything above that turns reports into findings: findings kept per route are only re-used under the same.
  const filterKey = remember ? JSON.stringify([overrides, ignores, [...(options.excludeCodes ?? [])], options.omitJsonSyntaxErrors === true]) : '';
  const routes = routeRunner(project, runtime, checked, deployed, bound, view.routes, paths?.type === 'array' ? paths : undefined, RULE_FAMILIES, remember, filterKey, report);
  for (const family of RULE_FAMILIES) {
    try {
      // Per-route reports first (replayed for unchanged routes), then the family's whole-config checks.
      routes.run(family, ctx);
      family.check(ctx);
    } catch (error) {
      // One broken rule must not hide the others' findings; the front-end logs the failure.
      report({
        code: 'SAG000',
        severity: 'warning',
        message: `internal error in the ${family.id} rules: ${(error as Error)?.message ?? String(error)} (please report it)`,
        file: project.config.file,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  for (const finding of routes.finish()) findings.push(finding);
  if (made) lastFindings.set(tree, made);
  maker.previous = undefined;
  return sortFindings(findings);
}

/** The last analysis's maker, kept for the maps its optimised code checks (incremental/route-results.ts, lastRunner). */
let lastMaker: FindingMaker | undefined;

/**
 * Turns an analysis's reports into its findings, re-using the same finding for the same report (lastFindings). A
 * class rather than a closure made per analysis: its method keeps its optimised code across full collections
 * (incremental/route-results.ts, lastRunner, says why that matters).
 */
class FindingMaker {
  readonly findings: Finding[] = [];
  readonly overrides: Record<string, Severity | 'off'>;
  readonly ignores: NonNullable<NonNullable<GatewayProject['sagrc']>['ignore']>;

  constructor(
    private readonly project: GatewayProject,
    private readonly runtime: RuntimeTarget,
    private readonly options: AnalysisOptions,
    /** The last analysis's findings by report: released when this analysis ends (the maker is kept). */
    public previous: Map<Report, Finding> | undefined,
    readonly made: Map<Report, Finding> | undefined,
  ) {
    this.overrides = { ...options.settings?.rules, ...project.sagrc?.rules };
    this.ignores = project.sagrc?.ignore ?? [];
  }

  report(r: Report): Finding | undefined {
    const options = this.options;
    if (options.excludeCodes?.has(r.code)) return undefined;
    if (options.omitJsonSyntaxErrors && (r.code === 'SAG100' || (r.code === 'SAG315' && wranglerFormatOf(r.file) !== 'toml'))) return undefined;
    const info = codeInfo(r.code);
    const base = info ? info.severity[this.runtime] : r.severity ?? 'warning';
    if (base === null || base === undefined) return undefined;
    const override = this.overrides[r.code];
    if (override === 'off') return undefined;
    const severity: Severity = override ?? r.severity ?? base;
    if (isIgnored(this.ignores, this.project.root, r)) return undefined;
    const made = this.made;
    const known = made?.get(r) ?? this.previous?.get(r);
    if (known !== undefined && known.severity === severity) {
      made!.set(r, known);
      this.findings.push(known);
      return known;
    }
    // Built field by field (no spreads: thousands of findings per analysis), keys in the usual order.
    const finding = { code: r.code, severity, message: boundedMessage(r.message), file: r.file, range: r.range } as Finding;
    if (r.pointer !== undefined) finding.pointer = r.pointer;
    if (r.env !== undefined) finding.env = r.env;
    finding.related = r.related ? boundedRelated(r.related) : [];
    finding.fixes = r.fixes ? boundedFixTitles(r.fixes) : [];
    made?.set(r, finding);
    this.findings.push(finding);
    return finding;
  }
}

/** Related messages and fix titles quote values too; copied only when one is long (nearly never). */
function boundedRelated(related: NonNullable<Report['related']>): NonNullable<Report['related']> {
  return related.some((r) => r.message !== boundedMessage(r.message)) ? related.map((r) => ({ ...r, message: boundedMessage(r.message) })) : related;
}

function boundedFixTitles(fixes: NonNullable<Report['fixes']>): NonNullable<Report['fixes']> {
  return fixes.some((f) => f.title !== boundedMessage(f.title)) ? fixes.map((f) => ({ ...f, title: boundedMessage(f.title) })) : fixes;
}

/** File, position, severity, code, environment; ties keep the order rules reported in. */
export function sortFindings(findings: Finding[]): Finding[] {
  // Families report route by route, one family after the other: thousands of findings in an order far from sorted.
  // A comparison sort called the comparator ~50,000 times (1 ms at 10,000 routes; a typed array's own sort is not
  // much faster). Instead a radix sort puts the findings in (file, line) order, stable, in linear time, and only
  // findings on the same line meet the comparator.
  const n = findings.length;
  if (n < 64) return findings.sort(compareFindings);
  const fileRank = new Map<string, number>();
  let maxLine = 0;
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    if (f.range.start.line > maxLine) maxLine = f.range.start.line;
    if (i === 0 || f.file !== findings[i - 1]!.file) fileRank.set(f.file, 0);
  }
  if (fileRank.size > 1) [...fileRank.keys()].sort(compareText).forEach((file, rank) => fileRank.set(file, rank));
  const lines = maxLine + 1;
  if (fileRank.size * lines > 0xffffffff) return findings.sort(compareFindings);
  const slot = new Uint32Array(n);
  let file: string | undefined;
  let base = 0;
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    if (f.file !== file) base = fileRank.get((file = f.file))! * lines;
    slot[i] = base + f.range.start.line;
  }
  const order = radixOrder(slot, fileRank.size * lines - 1);
  const out: Finding[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = findings[order[i]!]!;
  // Each run of one file and line is in report order: a stable sort finishes it. Runs are short (insertion sort),
  // except in a minified config, where every finding is on line 0 (40,000 of them took seconds by insertion).
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && out[end]!.file === out[start]!.file && out[end]!.range.start.line === out[start]!.range.start.line) end++;
    if (end - start > MAX_INSERTION_RUN) {
      const run = out.slice(start, end).sort(compareFindings); // stable: ties keep report order
      for (let k = 0; k < run.length; k++) out[start + k] = run[k]!;
    } else {
      for (let i = start + 1; i < end; i++) {
        const f = out[i]!;
        let j = i - 1;
        while (j >= start && compareFindings(out[j]!, f) > 0) {
          out[j + 1] = out[j]!;
          j--;
        }
        out[j + 1] = f;
      }
    }
    start = end;
  }
  for (let i = 0; i < n; i++) findings[i] = out[i]!;
  return findings;
}

const MAX_INSERTION_RUN = 32;

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;

/** Indices of `keys` in ascending key order, equal keys in index order (LSD radix sort, 11 bits a pass). */
function radixOrder(keys: Uint32Array, maxKey: number): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const count = new Uint32Array(RADIX + 1);
  for (let shift = 0; shift < 32 && maxKey >>> shift !== 0; shift += RADIX_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]!]! >>> shift) & (RADIX - 1)) + 1]!++;
    for (let d = 0; d < RADIX; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      spare[count[(keys[index]! >>> shift) & (RADIX - 1)]!++] = index;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.env ?? '', b.env ?? '')
  );
}

/** Equal strings skip localeCompare. */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}
