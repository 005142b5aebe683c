// What every reporter receives (one check's results) and the two presentation rules they share.
import type { WorkspaceFinding } from '../../analysis/check-workspace';

export interface CheckReport {
  /** Normalised absolute current folder: files are shown relative to it. */
  cwd: string;
  findings: WorkspaceFinding[];
  gatewayCount: number;
}

/** SPEC D: environment-aware findings name their environment, e.g. "(env: staging)", unless the message already does. */
export function messageWithEnv(finding: Pick<WorkspaceFinding, 'message' | 'env'>): string {
  if (!finding.env) return finding.message;
  const suffix = `(env: ${finding.env})`;
  return finding.message.includes(suffix) ? finding.message : `${finding.message} ${suffix}`;
}
