// Code metadata and docs of the 3xx codes about the gateway Worker's own settings and files (SAG305–SAG311,
// SAG314, SAG315): what each means, under which runtime, and the examples docs/diagnostics.md is generated from.
import type { CodeInfo } from '../rule';

export const PROJECT_CODES: CodeInfo[] = [
  {
    code: 'SAG305',
    title: 'The served config may not be this file',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'The gateway loads its config from `SAG_API_CONFIG_JSON` first (when it is a non-blank string; a blank one is ignored and not reported), then from the `api-config.json` key of a KV namespace bound as `CONFIG`, and only then from the bundled file. ' +
        'With either of the first two present in the wrangler config, edits to api-config.json have no effect until the other source is updated.',
      invalid: `[[kv_namespaces]]\nbinding = "CONFIG"\nid = "0f2b…"`,
      valid: `# no CONFIG namespace and no SAG_API_CONFIG_JSON var: the bundled api-config.json is served`,
      fix: 'Keep one source. With KV, upload the file after each change: `wrangler kv key put --binding=CONFIG api-config.json --path=api-config.json --remote` (shown by the diagnostic, never run).',
    },
  },
  {
    code: 'SAG306',
    title: '`$env.X` has no value in this environment',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        '`$env.X` is replaced by `env.X` when the config loads. X is in neither the environment\'s `[vars]` nor `.dev.vars`, and no binding has that name, so the value becomes `""` without any message ' +
        '(an empty issuer, for example, silently turns off the issuer check). `[vars]` are not inherited by `[env.NAME]`.',
      invalid: `// api-config.json\n{ "authorizer": { "type": "jwt", "secret": "$secret.JWT_SECRET", "issuer": "$env.ISSUER", … }, … }\n\n# wrangler.toml\n[vars]\nAUDIENCE = "api"`,
      valid: `[vars]\nAUDIENCE = "api"\nISSUER = "https://auth.example.com/"`,
      fix: 'Declare the variable. The quick fix adds `X = ""` under `[vars]` / `[env.NAME.vars]`; fill in the value.',
    },
  },
  {
    code: 'SAG307',
    title: '`$secret.X` is not set locally',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary: 'Secrets are not in the wrangler config, and deployed secrets cannot be seen from the workspace. X is not in `.dev.vars` either, so local runs substitute `""`, and so will production unless the secret was set there.',
      invalid: `// api-config.json: "secret": "$secret.JWT_SECRET"\n// .dev.vars: (no JWT_SECRET)`,
      valid: `# .dev.vars\nJWT_SECRET=dev-only-secret`,
      fix: 'Run `wrangler secret put X` (with `--env NAME` for an environment), and add X to `.dev.vars` for local runs.',
    },
  },
  {
    code: 'SAG308',
    title: 'Supabase integration without SUPABASE_URL / SUPABASE_SERVICE_ROLE_KEY',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary: 'The `supabase_*` integrations read `env.SUPABASE_URL` and `env.SUPABASE_SERVICE_ROLE_KEY`. When one is in neither the environment\'s vars nor `.dev.vars`, those routes answer 500 `SUPABASE_ENV_MISSING`.',
      invalid: `// api-config.json: "integration": { "type": "supabase_passwordless_auth" }\n# wrangler.toml: no [vars] SUPABASE_URL`,
      valid: `[vars]\nSUPABASE_URL = "https://xyz.supabase.co"\n# and: wrangler secret put SUPABASE_SERVICE_ROLE_KEY`,
      fix: 'Add `SUPABASE_URL` under `[vars]` (quick fix) and set the key as a secret with `wrangler secret put SUPABASE_SERVICE_ROLE_KEY`.',
    },
  },
  {
    code: 'SAG309',
    title: 'Upstream gateway without `nodejs_compat`',
    severity: { upstream: 'error', bundled: null },
    docs: {
      summary: 'The upstream gateway\'s JWT and Supabase code imports Node APIs (`jsonwebtoken`, `@supabase/supabase-js`), which need the `nodejs_compat` compatibility flag; without it the Worker fails to build or start. The bundled runtime needs no Node compatibility (it verifies tokens with `jose`), so this applies to `upstream` only.',
      invalid: `name = "gateway"\nmain = "src/index.js"\ncompatibility_date = "2025-07-04"`,
      valid: `compatibility_date = "2025-07-04"\ncompatibility_flags = ["nodejs_compat"]`,
      fix: 'Append `"nodejs_compat"` to `compatibility_flags` (safe quick fix; it adds the key next to `compatibility_date` when there is none).',
    },
  },
  {
    code: 'SAG310',
    title: 'SAG_STRICT_CONFIG = "true" breaks every request (upstream)',
    severity: { upstream: 'error', bundled: null },
    docs: {
      summary: 'Workers forbid generating code from strings, so the upstream gateway cannot compile its schema validator there. In strict mode that failure throws, and every request answers 500. The bundled runtime validates with a validator generated at build time and ignores this var, so this applies to `upstream` only.',
      invalid: `[vars]\nSAG_STRICT_CONFIG = "true"`,
      valid: `[vars]\nSAG_STRICT_CONFIG = "false"`,
      fix: 'Set it to "false" (safe quick fix) or remove it, and run `sag check` in CI instead.',
    },
  },
  {
    code: 'SAG311',
    title: 'Several wrangler configs: only the first found is used',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary: 'Wrangler looks for wrangler.json, then wrangler.jsonc, then wrangler.toml, each from the working folder up through its parents, and uses the first it finds. A wrangler.json in a monorepo root therefore wins over the wrangler.toml next to the gateway, and edits to the other files have no effect.',
      invalid: `/repo/wrangler.json\n/repo/gateway/wrangler.toml\n/repo/gateway/api-config.json`,
      valid: `/repo/gateway/wrangler.toml\n/repo/gateway/api-config.json`,
      fix: 'Delete or rename the configs wrangler does not use, or set `wranglerConfig` in `.sagrc.json` (and pass `--config` to wrangler).',
    },
  },
  {
    code: 'SAG314',
    title: 'No wrangler config found',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary: 'No wrangler.json, wrangler.jsonc or wrangler.toml was found next to api-config.json or above it, so the checks that compare the config with the Worker (bindings, vars, service modules) are skipped.',
      invalid: `/gateway/api-config.json   (no wrangler config)`,
      valid: `/gateway/api-config.json\n/gateway/wrangler.toml`,
      fix: 'Create the wrangler config (the quick fix scaffolds a wrangler.toml declaring the used bindings), or point `wranglerConfig` in `.sagrc.json` at it.',
    },
  },
  {
    code: 'SAG315',
    title: 'The wrangler config does not parse, or cannot be read',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'Wrangler refuses a config it cannot parse: `wrangler dev` and `wrangler deploy` stop before anything runs. ' +
        'A config that is there but cannot be read (permission denied, larger than the checker reads) is reported here too, on the first line of api-config.json, rather than as missing (SAG314). ' +
        'The checks here go on with what could be read (a TOML line that does not parse is left out), so a binding declared on that line is reported as missing (SAG301) until the line is fixed. ' +
        'SPEC.md has no code for this; it follows SAG314 (no wrangler config at all).',
      invalid: `services = [
  { binding = "TARGET", service = "target-worker },
]`,
      valid: `services = [
  { binding = "TARGET", service = "target-worker" },
]`,
      fix: 'Fix the syntax at the position shown. There is no quick fix: the intended text cannot be guessed.',
    },
  },
];
