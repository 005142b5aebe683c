// The help texts: `sag --help` and `sag check --help` print them on stdout, usage errors on stderr.
export const CHECK_USAGE = `Usage: sag check [PATH...] [options]

Check every gateway (a folder with api-config.json and its wrangler config) under each PATH.
PATH defaults to the current folder.

Options:
  --format text|json|sarif      output format (default: text)
  --runtime bundled|upstream    the gateway runtime that serves the configs
                                (default: .sagrc.json "runtime", else detected)
  --env NAME                    check only the deployment \`wrangler deploy --env NAME\` makes (top: the top level)
                                (default: the top level and every declared environment)
  --fix                         apply the safe fixes, write the files, and re-check
  --max-warnings N              exit 1 when there are more than N warnings (default: no limit)
  --no-color                    plain text output (also: NO_COLOR set, or output is not a terminal)
  -h, --help                    show this help

Exit codes:
  0  no errors, and no more warnings than --max-warnings
  1  errors, or more warnings than --max-warnings
  2  usage error (unknown option, bad value, PATH that does not exist, unknown --env) or internal failure
A PATH that exists but holds no gateway is reported on stderr and checks clean (exit 0).
`;

export const MAIN_USAGE = `Usage: sag <command> [options]

Commands:
  check [PATH...]   check the gateways under PATH (default: the current folder)
  init [DIR]        write a gateway project from a template (--template minimal|service-execution|jwt|auth0)
  build [DIR]       check the gateway and generate its Worker entry (.sag/entry.js)
  dev [DIR]         check, build and serve the gateway with its bound Workers (--port 8787)

Options:
  -h, --help        show this help (\`sag <command> --help\` for a command's options)
  -v, --version     print the version

Exit codes: 0 = clean (init: written), 1 = findings over the line (init: nothing written),
2 = usage error or internal failure. \`sag <command> --help\` tells each command's.
`;
