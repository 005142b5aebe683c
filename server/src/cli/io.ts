// What a CLI command may touch of the outside world, passed in so commands run the same from main.ts and in tests.
import { normalizePath, relativePath } from '../analysis/workspace/paths';

export interface CliIO {
  /** Normalised absolute current folder (paths are shown relative to it). */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** A wrong invocation: main prints the message and the usage on stderr and exits 2. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A file as users see it: relative to the current folder, `/` separators. */
export function displayPath(io: Pick<CliIO, 'cwd'>, file: string): string {
  return relativePath(normalizePath(io.cwd), file);
}
