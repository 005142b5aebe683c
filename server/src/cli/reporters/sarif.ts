// `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it: one rule per code (help text, markdown and a
// link to its docs entry), results with 1-based regions relative to %SRCROOT%, and line-independent fingerprints.
import { createHash } from 'node:crypto';
import type { WorkspaceFinding } from '../../analysis/check-workspace';
import { docsUrl, REPOSITORY_URL } from '../../analysis/docs-links';
import type { Range, RuntimeTarget, Severity } from '../../analysis/findings';
import { RULE_FAMILIES } from '../../analysis/rules/registry';
import type { CodeInfo } from '../../analysis/rules/rule';
import { displayPath } from '../io';
import { pathToUri } from '../../lsp/uri';
import { SAG_TOOL_NAME, SAG_VERSION } from '../version';
import type { CheckReport } from './report';
import { messageWithEnv } from './report';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'sagFindingHash/v1';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

/** `Service binding not declared` -> `ServiceBindingNotDeclared` (SARIF's rule `name` is an identifier). */
function ruleName(title: string, code: string): string {
  const words = title.replace(/[^A-Za-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return name || code;
}

function fence(snippet: string): string {
  const longest = Math.max(2, ...[...snippet.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

function ruleFor(info: CodeInfo | undefined, code: string, family: string | undefined, runtime: RuntimeTarget): SarifRule {
  const severity = info ? info.severity[runtime] ?? info.severity.bundled ?? info.severity.upstream : 'warning';
  const title = info?.title || code;
  const docs = info?.docs;
  const summary = docs?.summary || title;
  const markdown = [
    `**${code}: ${title}**`,
    summary,
    ...(docs?.invalid ? ['Invalid:', `${fence(docs.invalid)}\n${docs.invalid.trimEnd()}\n${fence(docs.invalid)}`] : []),
    ...(docs?.valid ? ['Valid:', `${fence(docs.valid)}\n${docs.valid.trimEnd()}\n${fence(docs.valid)}`] : []),
    ...(docs?.fix ? [`**Fix:** ${docs.fix}`] : []),
    `[Documentation](${docsUrl(code)})`,
  ].join('\n\n');
  return {
    id: code,
    name: ruleName(title, code),
    shortDescription: { text: title },
    fullDescription: { text: summary },
    help: { text: docs?.fix ? `${summary}\n\nFix: ${docs.fix}\n\n${docsUrl(code)}` : `${summary}\n\n${docsUrl(code)}`, markdown },
    helpUri: docsUrl(code),
    defaultConfiguration: { level: severity ? LEVEL[severity] : 'none' },
    properties: { tags: family ? [SAG_TOOL_NAME, family] : [SAG_TOOL_NAME] },
  };
}

/**
 * Where a result's file is: a URI relative to %SRCROOT% (each path segment percent-encoded, `/` kept), or an
 * absolute `file://` URI when no relative path leads there (another drive or share than the current folder).
 */
function artifactLocation(report: CheckReport, file: string): { uri: string; uriBaseId?: string } {
  const shown = displayPath(report, file);
  if (shown === file) return { uri: pathToUri(file) };
  const uri = shown
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function physicalLocation(report: CheckReport, file: string, range: Range) {
  return { artifactLocation: artifactLocation(report, file), region: region(range) };
}

/** Stable across edits that move the finding: code + file + JSON pointer (else the message) + environment. */
export function fingerprint(report: CheckReport, f: WorkspaceFinding): string {
  const anchor = f.pointer ?? `message:${f.message}`;
  const key = [f.code, displayPath(report, f.file), anchor, f.env ?? '-'].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}

/** The runtime that decides rules' default levels: the one every gateway used, else bundled. */
function dominantRuntime(findings: readonly WorkspaceFinding[]): RuntimeTarget {
  const runtimes = new Set(findings.map((f) => f.runtime));
  return runtimes.size === 1 ? [...runtimes][0]! : 'bundled';
}

export function toSarif(report: CheckReport) {
  const runtime = dominantRuntime(report.findings);
  const familyOf = new Map<string, string>();
  const infos = new Map<string, CodeInfo>();
  for (const family of RULE_FAMILIES) for (const info of family.codes) {
    familyOf.set(info.code, family.id);
    infos.set(info.code, info);
  }
  const codes = new Set(infos.keys());
  for (const f of report.findings) codes.add(f.code);
  const ruleIds = [...codes].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const results = report.findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code)!,
    level: LEVEL[f.severity],
    message: { text: messageWithEnv(f) },
    locations: [{ physicalLocation: physicalLocation(report, f.file, f.range) }],
    ...(f.related.length > 0
      ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: physicalLocation(report, r.file, r.range), message: { text: r.message } })) }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(report, f) },
    properties: { runtime: f.runtime, ...(f.pointer !== undefined ? { pointer: f.pointer } : {}), ...(f.env !== undefined ? { env: f.env } : {}) },
  }));

  return {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: SAG_TOOL_NAME,
            version: SAG_VERSION,
            semanticVersion: SAG_VERSION,
            informationUri: REPOSITORY_URL,
            rules: ruleIds.map((id) => ruleFor(infos.get(id), id, familyOf.get(id), runtime)),
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        results,
      },
    ],
  };
}

export function formatSarif(report: CheckReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
