// Entry point of the `sag` CLI (run through tsx, or bundled to dist/sag.js): picks the subcommand and turns
// usage errors and crashes into exit code 2. No import.meta: the bundle is CommonJS.
import { normalizePath } from '../analysis/workspace/paths';
import { didYouMean } from '../analysis/did-you-mean';
import { COMMANDS } from './commands/index';
import type { CliIO } from './io';
import { EXIT_OK, EXIT_USAGE, UsageError } from './io';
import { BUILD_USAGE } from './commands/build';
import { DEV_USAGE } from './commands/dev';
import { INIT_USAGE } from './commands/init';
import { CHECK_USAGE, MAIN_USAGE } from './usage';
import { SAG_VERSION } from './version';

/** Each command's own help, shown after its usage errors. */
const COMMAND_USAGE: Readonly<Record<string, string>> = { check: CHECK_USAGE, init: INIT_USAGE, build: BUILD_USAGE, dev: DEV_USAGE };

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`sag: no command given\n\n${MAIN_USAGE}`);
    return EXIT_USAGE;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(MAIN_USAGE);
    return EXIT_OK;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${SAG_VERSION}\n`);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const what = name.startsWith('-') ? `option \`${name}\` before a command` : `unknown command \`${name}\``;
    io.stderr.write(`sag: ${what}${didYouMean(name, Object.keys(COMMANDS))}\n\n${MAIN_USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`sag ${name}: ${error.message}\n\n${COMMAND_USAGE[name] ?? MAIN_USAGE}`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    io.stderr.write(`sag ${name}: internal error (please report it): ${detail}\n`);
    return EXIT_USAGE;
  }
}

// `sag check | head`: a closed pipe is the reader's choice, not a crash, and the exit code still tells the result
// (`set -o pipefail` CI jobs read it). Output that cannot be written otherwise (a full disk) is a failure: exit 2,
// one line, no stack.
let outputFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || outputFailed) return;
    outputFailed = true;
    process.exitCode = EXIT_USAGE;
    if (stream !== process.stderr) process.stderr.write(`sag: cannot write its output (${error.code ?? error.message})\n`);
  });
}

const io: CliIO = { cwd: normalizePath(process.cwd()), env: process.env, stdout: process.stdout, stderr: process.stderr };
main(process.argv.slice(2), io).then(
  (code) => {
    // exitCode, not exit(): large reports on a pipe must finish writing first.
    process.exitCode = outputFailed ? EXIT_USAGE : code;
  },
  (error: unknown) => {
    process.stderr.write(`sag: internal error: ${String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
