// Everything a per-route check may read besides its own route, as a list compared element by element: the
// runtime and environments, the config text outside `paths`, its layout (line ends, indentation: fix texts
// follow them), the parsed other files by identity (the ProjectCache hands out the same object while a
// file's version is unchanged) and the bound Workers' classes read from modules (RuleContext.boundTargets).
// Equal lists (same-items.ts) = per-route results can be replayed.
import { detectIndent } from '../fixes/json-edits';
import type { GatewayProject, WranglerEnvironment } from '../model';
import type { JsonNode } from '../parse/config-document';
import type { BoundTargets } from '../rules/schema/hook-target';
import { detached } from '../text/detached-string';

export type Fingerprint = readonly unknown[];

export function outsideFingerprint(
  project: GatewayProject,
  runtime: string,
  checked: readonly WranglerEnvironment[],
  deployed: ReadonlySet<string>,
  bound: BoundTargets,
  paths: JsonNode,
): Fingerprint {
  const doc = project.config;
  const text = doc.text;
  const indent = detectIndent(doc);
  const parts: unknown[] = [
    runtime,
    checked.map((e) => e.name).join('\u0000'),
    [...deployed].sort().join('\u0000'),
    doc.file,
    text.slice(0, paths.offset),
    text.slice(paths.offset + paths.length),
    doc.lines.eol,
    indent.tabSize,
    indent.insertSpaces,
    project.root,
    project.detectedRuntime,
    project.sagrc ? JSON.stringify(project.sagrc) : '',
    project.wrangler,
    project.wranglerCandidates.join('\u0000'),
    project.devVars.length,
    project.workers.identity.length,
    bound.identity.length,
  ];
  for (const dv of project.devVars) parts.push(dv);
  // A few items whatever the number of Workers: one per gateway and Worker made every check of a monorepo quadratic.
  for (const item of project.workers.identity) parts.push(item);
  // A class re-exported from a module no Worker names as its main changes with that module alone.
  for (const item of bound.identity) parts.push(item);
  return parts;
}

/** The fingerprint to keep: its strings (texts outside `paths` among them) copied, not views into this text. */
export function detachedFingerprint(fingerprint: Fingerprint): Fingerprint {
  return fingerprint.map((part) => (typeof part === 'string' ? detached(part) : part));
}
