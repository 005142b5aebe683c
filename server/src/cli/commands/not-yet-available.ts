// Placeholder for subcommands another issue delivers (`init`, `build`, `dev`): a clear message and exit 2.
import type { CliIO } from '../io';
import { EXIT_USAGE } from '../io';
import type { Command } from './index';

export function notYetAvailable(name: string): Command {
  return (_argv: readonly string[], io: CliIO) => {
    io.stderr.write(`sag: \`sag ${name}\` is not yet available in this version; \`sag check\` is\n`);
    return EXIT_USAGE;
  };
}
