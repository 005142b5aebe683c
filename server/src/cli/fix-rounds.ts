// `sag check --fix`: apply the safe fixes, write the files, re-check; repeat (at most MAX_FIX_ROUNDS) because
// fixes that touched the same text wait for the next round, and one fix can reveal the next finding.
import { readFileSync, writeFileSync } from 'node:fs';
import type { CheckWorkspaceOptions, WorkspaceCheck } from '../analysis/check-workspace';
import { checkWorkspace, planFixes } from '../analysis/check-workspace';
import type { FileHost } from '../analysis/host';
import type { CliIO } from './io';
import { displayPath } from './io';

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
  const changedFiles = new Set<string>();
  for (let round = 1; round <= MAX_FIX_ROUNDS; round++) {
    const plan = planFixes(host, result.findings, { safeOnly: true });
    if (plan.files.size === 0) break;
    for (const [file, text] of plan.files) {
      // Safe fixes never create files, so every target exists; write the exact text (line endings included).
      writeFileSync(file, hadByteOrderMark(file) ? `\ufeff${text}` : text, 'utf8');
      changedFiles.add(file);
    }
    for (const { finding, fix } of plan.applied) {
      const files = [...new Set(fix.edits.map((e) => displayPath(io, e.file)))].join(', ');
      log(`fixed  ${finding.code}  ${fix.title}  (${files})`);
      fixCount++;
    }
    result = checkWorkspace(host, roots, options);
  }
  if (fixCount > 0) log(`applied ${fixCount} fix${fixCount === 1 ? '' : 'es'} in ${changedFiles.size} file${changedFiles.size === 1 ? '' : 's'}`);
  else log('no safe fixes to apply');
  return result;
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
