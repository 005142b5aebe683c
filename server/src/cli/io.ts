// What a CLI command may touch of the outside world, passed in so commands run the same from main.ts and in tests.
import { statSync } from 'node:fs';
import { basename, dirname, resolve as resolveOsPath } from 'node:path';
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

/**
 * The gateway folder `sag build` and `sag dev` take (default the current one): its api-config.json named instead is
 * read as its folder; a path that is not there is a usage error (exit 2), as for `sag check`.
 */
export function gatewayFolder(io: Pick<CliIO, 'cwd'>, given: string | undefined): string {
  const path = resolveOsPath(io.cwd, given ?? '.');
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`folder \`${given}\` does not exist (resolved to ${normalizePath(path)})`);
  }
  if (stat.isDirectory()) return path;
  if (basename(path) === 'api-config.json') return dirname(path);
  throw new UsageError(`\`${given}\` is a file; give the gateway's folder (the one holding api-config.json)`);
}
