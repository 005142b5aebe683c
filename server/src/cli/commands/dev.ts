// `sag dev [DIR] [--port 8787] [--env NAME]`: checks, builds and serves the gateway with its bound Workers on
// workerd (Miniflare), reloading on edits, until Ctrl+C / SIGTERM, which stop the runtime and every child process
// (and, should this process be killed outright, its lifeline ends them: dev/lifeline.ts).
import type { OptionSpec } from '../args';
import { environmentOption, nonNegativeInteger, parseOptions } from '../args';
import { Lifeline } from '../dev/lifeline';
import { DevSession } from '../dev/session';
import type { CliIO } from '../io';
import { EXIT_OK, gatewayFolder, UsageError } from '../io';
import { findToolsLayout } from '../scaffold/tools-layout';

export const DEV_USAGE = `Usage: sag dev [DIR] [options]

Check and build the gateway in DIR (default: the current folder) and serve it on workerd together with every
Worker in DIR that its service bindings target (found by wrangler \`name\`), so hooks and RPC work as deployed.
Rebuilds and reloads on every change to the config, a wrangler file, a module or .dev.vars, and to files the
Workers import from outside DIR (shared code elsewhere in a monorepo). Refuses to start when the check finds
errors. A bound Worker that is not in DIR is reported; calls to it answer 503.
Runs offline, without login or telemetry, on the Miniflare that the project's wrangler installs.

Options:
  --port N          port on 127.0.0.1 (default: 8787; 0 picks a free one)
  --env NAME        serve the environment \`wrangler dev --env NAME\` would (top: the top level)
  --no-watch        do not reload on changes
  -h, --help        show this help

Exit codes: 0 = stopped (Ctrl+C), 1 = not started (errors found, no gateway, the port in use, workerd failed),
2 = usage error (bad option, a DIR that does not exist, an --env the wrangler config does not declare),
130 = stopped while starting.
`;

const DEV_OPTIONS: OptionSpec[] = [
  { name: 'port', value: 'N' },
  { name: 'env', value: 'NAME' },
  { name: 'no-watch' },
  { name: 'help', short: 'h' },
];

export async function runDev(argv: readonly string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseOptions(argv, DEV_OPTIONS);
  if (values.has('help')) {
    io.stdout.write(DEV_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`takes one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  const rawPort = values.get('port');
  const port = typeof rawPort === 'string' ? nonNegativeInteger('port', rawPort) : 8787;
  if (port > 65535) throw new UsageError(`\`--port\` must be 0-65535 (got ${port})`);
  const env = environmentOption(values.get('env'));

  // First, before anything starts a child: workerd must not outlive this process, however it ends.
  const lifeline = Lifeline.start();
  const session = new DevSession({
    root: gatewayFolder(io, positionals[0]),
    port,
    host: '127.0.0.1',
    env: typeof env === 'string' ? env : '',
    layout: findToolsLayout(),
    io,
    watch: !values.has('no-watch'),
  });

  // Signals during start-up are honoured too: the session stops as soon as it can.
  let stopRequested: ((signal: string) => void) | undefined;
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let count = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    count++;
    // Said at once: Miniflare's own exit hook (it ends workerd) may exit the process right after this listener.
    if (count === 1) {
      io.stdout.write(`sag dev: ${signal === 'SIGINT' ? 'interrupted' : `got ${signal}`}; stopping\n`);
      session.stopNow();
    }
    // A second Ctrl+C while stopping means "now".
    if (count > 1) process.exit(130);
    stopRequested?.(signal);
  };
  for (const s of signals) process.on(s, onSignal);
  try {
    const starting = session.start();
    const started = await Promise.race([starting, stopped]);
    if (typeof started === 'number') return started;
    if (typeof started === 'string') {
      // Stopped during start-up: start() sees it at its next step and disposes what it made; wait for that.
      await session.stop();
      await starting.catch(() => undefined);
      return EXIT_OK;
    }
    await stopped;
    await session.stop();
    // Anything still holding the event loop open after the runtime is gone must not keep the process alive.
    setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref();
    return EXIT_OK;
  } finally {
    for (const s of signals) process.off(s, onSignal);
    lifeline.cut();
  }
}
