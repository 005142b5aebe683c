// `sag check --fix`: apply the safe fixes, write the files, re-check; repeat (at most MAX_FIX_ROUNDS) because
// fixes that touched the same text wait for the next round, and one fix can reveal the next finding.
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import type { CheckWorkspaceOptions, WorkspaceCheck } from '../analysis/check-workspace';
import { checkWorkspace, planFixes } from '../analysis/check-workspace';
import type { FileHost } from '../analysis/host';
import type { CliIO } from './io';
import { displayPath } from './io';
import { printable } from './reporters/terminal-text';

export const MAX_FIX_ROUNDS = 3;

/** Returns the check of the files as they are after the last round (what the reporters show). */
export function runFixRounds(
  host: FileHost,
  roots: readonly string[],
  options: CheckWorkspaceOptions,
  first: WorkspaceCheck,
  log: (line: string) => void,
  io: CliIO,
): WorkspaceCheck {
  let result = first;
  let fixCount = 0;
  let fixedFindings = 0;
  const changedFiles = new Set<string>();
  // Files no fix may touch, and why (not writable, or not read exactly: FileHost.readProblem); each said once.
  const refused = new Map<string, string>();
  const planHost: FileHost = {
    readFile: (path) => host.readFile(path),
    readDirectory: (path) => host.readDirectory(path),
    version: (path) => host.version(path),
    readProblem: (path) => refused.get(path) ?? host.readProblem?.(path),
  };
  const said = new Set<string>();
  const sayRefused = (): void => {
    for (const [file, reason] of refused) {
      if (said.has(file)) continue;
      said.add(file);
      log(`not fixed  ${printable(displayPath(io, file))}: ${reason}; its fixes were left out`);
    }
  };
  for (let round = 1; round <= MAX_FIX_ROUNDS; round++) {
    let plan = planFixes(planHost, result.findings, { safeOnly: true });
    for (const [file, reason] of plan.refused) refused.set(file, reason);
    // A fix is all or nothing across its files: a file that cannot be written takes its fixes out before any write.
    const blocked = [...plan.files.keys()].filter((file) => {
      const reason = cannotWrite(file);
      if (reason) refused.set(file, reason);
      return reason !== undefined;
    });
    if (blocked.length > 0) plan = planFixes(planHost, result.findings, { safeOnly: true });
    sayRefused();
    if (plan.files.size === 0) break;
    for (const [file, text] of plan.files) {
      // Safe fixes never create files, so every target exists; write the exact text (line endings included).
      try {
        writeFileSync(file, hadByteOrderMark(file) ? `\ufeff${text}` : text, 'utf8');
        changedFiles.add(file);
      } catch (error) {
        refused.set(file, `it could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
    sayRefused();
    for (const { finding, fix, repeated } of plan.applied) {
      if (fix.edits.some((e) => !changedFiles.has(e.file))) continue;
      const files = [...new Set(fix.edits.map((e) => displayPath(io, e.file)))].join(', ');
      // Two findings with one fix (the same binding missing for two uses) are both fixed by one edit.
      log(printable(`fixed  ${finding.code}  ${fix.title}  (${files}${repeated ? ', by the edit above' : ''})`));
      fixedFindings++;
      if (!repeated) fixCount++;
    }
    result = checkWorkspace(host, roots, options);
  }
  const forFindings = fixedFindings > fixCount ? ` for ${fixedFindings} findings` : '';
  if (fixCount > 0) log(`applied ${fixCount} fix${fixCount === 1 ? '' : 'es'}${forFindings} in ${changedFiles.size} file${changedFiles.size === 1 ? '' : 's'}`);
  else log('no safe fixes to apply');
  return result;
}

/** Why `file` cannot be written (read-only, immutable, no permission), or undefined when it can. */
function cannotWrite(file: string): string | undefined {
  try {
    accessSync(file, constants.W_OK);
    return undefined;
  } catch (error) {
    return `it cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

/** The Node host hides a UTF-8 byte order mark from the engine; a rewrite must put it back. */
function hadByteOrderMark(file: string): boolean {
  try {
    const head = readFileSync(file).subarray(0, 3);
    return head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  }
}
