// The subcommands of `sag`: adding one = one file in commands/ and one line here.
import type { CliIO } from '../io';
import { runBuild } from './build';
import { runCheck } from './check';
import { runDev } from './dev';
import { runInit } from './init';

/** A subcommand: its arguments (after the command name) -> exit code. */
export type Command = (argv: readonly string[], io: CliIO) => number | Promise<number>;

export const COMMANDS: Readonly<Record<string, Command>> = {
  check: (argv, io) => runCheck(argv, io),
  init: (argv, io) => runInit(argv, { ...io, stdin: process.stdin }),
  build: (argv, io) => runBuild(argv, io),
  dev: (argv, io) => runDev(argv, io),
};
