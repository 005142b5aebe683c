// The subcommands of `sag`: adding one = one file in commands/ and one line here.
import type { CliIO } from '../io';
import { runCheck } from './check';
import { notYetAvailable } from './not-yet-available';

/** A subcommand: its arguments (after the command name) -> exit code. */
export type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

export const COMMANDS: Readonly<Record<string, Command>> = {
  check: (argv, io) => runCheck(argv, io),
  init: notYetAvailable('init'),
  build: notYetAvailable('build'),
  dev: notYetAvailable('dev'),
};
