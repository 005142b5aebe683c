// A small command-line option parser: `--name value`, `--name=value`, boolean flags, `--` ends options.
// Hand-written (not util.parseArgs) for did-you-mean on unknown options and messages that name the fix.
import { didYouMean } from '../analysis/did-you-mean';
import { environmentNamed } from '../analysis/rules/wrangler/environment-index';
import { UsageError } from './io';

export interface OptionSpec {
  /** Long name without dashes, e.g. "format". */
  name: string;
  /** One-letter alias without the dash, e.g. "h". */
  short?: string;
  /** Placeholder shown in messages when the option takes a value, e.g. "N"; absent = boolean flag. */
  value?: string;
  /** Allowed values, when the set is closed. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  /** Option name -> its value (last one wins), `true` for flags. */
  values: Map<string, string | true>;
}

export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const positionals: string[] = [];
  const values = new Map<string, string | true>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const name = long ? arg.slice(2, eq === -1 ? undefined : eq) : arg.slice(1);
    const spec = long ? byName.get(name) : byShort.get(name);
    if (!spec) {
      const shown = long ? `--${name}` : arg;
      throw new UsageError(`unknown option \`${shown}\`${didYouMean(shown, specs.map((s) => `--${s.name}`))}`);
    }
    if (spec.value === undefined) {
      if (eq !== -1) throw new UsageError(`\`--${spec.name}\` takes no value (got \`${arg}\`)`);
      values.set(spec.name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    // A negative number is a value (`--max-warnings -1` is then refused for what it is), not the next option.
    else if (i + 1 < argv.length && (!argv[i + 1]!.startsWith('-') || /^-\d+$/.test(argv[i + 1]!))) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`\`--${spec.name}\` needs a value: --${spec.name} ${describeValue(spec)}`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`\`--${spec.name}\` must be one of ${spec.choices.join(', ')} (got \`${value}\`)${didYouMean(value, spec.choices)}`);
    }
    values.set(spec.name, value);
  }
  return { positionals, values };
}

function describeValue(spec: OptionSpec): string {
  return spec.choices ? spec.choices.join('|') : spec.value ?? '';
}

/** A non-negative integer option, e.g. `--max-warnings 0`. */
export function nonNegativeInteger(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`\`--${name}\` must be a whole number of 0 or more (got \`${raw}\`)`);
  return Number(raw);
}

/**
 * `--env NAME` as the engine reads it: `top` is the top level (no `--env` for wrangler), as in .sagrc.json
 * `environments`. Without it a top-level-only check or build could not be asked for: each `[env.*]` is checked too.
 */
export function environmentOption(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? environmentNamed(value) : undefined;
}
