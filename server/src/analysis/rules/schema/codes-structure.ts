// CodeInfo (title, severity per runtime, docs) for the 1xx codes about the file and its root sections:
// SAG100–SAG103, SAG111–SAG113, SAG117–SAG119. Severities follow SPEC E.0: error where the runtime fails,
// refuses the config (bundled validates and refuses, E.1) or silently drops a security control.
import type { CodeInfo } from '../rule';

export const STRUCTURE_CODES: CodeInfo[] = [
  {
    code: 'SAG100',
    title: 'api-config.json is not valid JSON',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'Both gateways load the config with `JSON.parse`. Comments, trailing commas, unquoted keys or a truncated file make loading fail, and every request then answers 500 (upstream: "Internal server error"; bundled: "Gateway configuration is invalid."). Applies to both runtimes (error).',
      invalid: '{\n  // routes\n  "paths": [],\n}',
      valid: '{\n  "paths": []\n}',
      fix: 'Fix the JSON syntax at the reported position: remove comments and trailing commas. There is no automatic fix.',
    },
  },
  {
    code: 'SAG101',
    title: 'Config root, `paths` or a root section has the wrong shape',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The root must be an object with a `paths` array; `servers`, `services` and `serviceBindings` must be arrays of objects with the fields the runtime reads, `cors`, `authorizer` and `variables` objects, and every path item an object. Upstream calls `paths.find` and `servers.find` without checking, so a missing or mistyped section is a TypeError and a 500; the bundled gateway refuses such a config (500 "Gateway configuration is invalid."). Applies to both runtimes (error).',
      invalid: '{\n  "servers": { "alias": "api", "url": "https://api.example.com" }\n}',
      valid: '{\n  "servers": [{ "alias": "api", "url": "https://api.example.com" }],\n  "paths": []\n}',
      fix: 'Make the section an array or object as described. Quick fix (safe) for a missing `paths`: add `"paths": []`.',
    },
  },
  {
    code: 'SAG102',
    title: 'Unknown top-level key',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'Only `$schema`, `title`, `description`, `servers`, `services`, `serviceBindings`, `servicesBindings`, `cors`, `authorizer`, `variables` and `paths` mean something at the root. Any other key (usually a typo such as `serviceBinding` or `variable`, or a root `post_process`) is ignored, so the section the user meant to write is simply missing. Upstream only complains in strict mode; the bundled schema tolerates unknown root keys. Applies to both runtimes (warning).',
      invalid: '{\n  "serviceBinding": [{ "alias": "hooks", "binding": "HOOKS" }],\n  "paths": []\n}',
      valid: '{\n  "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\n  "paths": []\n}',
      fix: 'Rename the key to the suggested one (quick fix; safe when only case or separators differ), or remove it.',
    },
  },
  {
    code: 'SAG103',
    title: 'Deprecated `servicesBindings`',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary:
        '`servicesBindings` (with an extra "s") is the deprecated spelling of `serviceBindings`. Both gateways merge it into `serviceBindings`, keeping the `serviceBindings` entry when an alias appears in both, so a legacy entry with a repeated alias is dead. Applies to both runtimes (information).',
      invalid: '{\n  "servicesBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\n  "paths": []\n}',
      valid: '{\n  "serviceBindings": [{ "alias": "hooks", "binding": "HOOKS" }],\n  "paths": []\n}',
      fix: 'Quick fix (safe): move the legacy entries into `serviceBindings` (entries whose alias is already there are dropped, as the runtime does).',
    },
  },
  {
    code: 'SAG111',
    title: '`cors` is incomplete or has values of the wrong type',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'The upstream schema requires all six `cors` fields. At run time a missing field falls back to an empty list, `false` or `0`: `Access-Control-Allow-Methods`/`-Headers` become empty and browsers reject the preflight. The bundled gateway has the same defaults (warning), but refuses a value of the wrong type (`max_age` negative or fractional, `allow_credentials` not a boolean, a method outside the enum): those are errors under `bundled`. Applies to both runtimes.',
      invalid: '"cors": {\n  "allow_origins": ["https://app.example.com"],\n  "max_age": -1\n}',
      valid:
        '"cors": {\n  "allow_origins": ["https://app.example.com"],\n  "allow_methods": ["GET", "POST", "OPTIONS"],\n  "allow_headers": ["Content-Type", "Authorization"],\n  "expose_headers": [],\n  "allow_credentials": false,\n  "max_age": 600\n}',
      fix: 'Quick fix: add the missing fields with usable defaults (methods GET, POST, PUT, DELETE, PATCH, OPTIONS; headers Content-Type and Authorization; no credentials; max_age 0). Correct the mistyped values by hand.',
      severityNote: 'an error under `bundled` for a value of the wrong type (the bundled gateway refuses the config)',
    },
  },
  {
    code: 'SAG112',
    title: 'Authorizer type unknown or required fields missing',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        '`authorizer.type` must be `jwt`, `auth0` or `supabase`. Upstream treats any other type as "no authorizer", so every `auth: true` route is served **without authentication**; the bundled gateway refuses the config. A known type still needs the fields the runtime reads: jwt `secret`; auth0 `domain` and `jwks` or `jwks_uri` (plus `client_id`, `client_secret`, `redirect_uri`, `scope` for the callback, refresh and login routes); supabase `jwt_secret`. Without them protected routes answer 401 or 500. Applies to both runtimes (error).',
      invalid: '"authorizer": { "type": "JWT", "secret": "$secret.JWT_SECRET" }',
      valid: '"authorizer": { "type": "jwt", "secret": "$secret.JWT_SECRET", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "api" }',
      fix: 'Quick fix: replace the type with the closest known one, or insert the missing fields of the chosen type as placeholders (`$secret.NAME` for secrets) and fill them in.',
      severityNote: 'a warning under `upstream` for an unknown field (ignored there), and when only the auth0 callback, refresh and login integrations would need the missing fields and no route uses them',
    },
  },
  {
    code: 'SAG113',
    title: 'jwt `algorithm` is not one the runtime verifies',
    severity: { upstream: 'warning', bundled: 'error' },
    docs: {
      summary:
        'Upstream ignores `algorithm` and verifies any HMAC token with the shared secret, so `RS256` (or any asymmetric algorithm) can never verify and HS384/HS512 tokens are accepted even when `HS256` is written: the field gives no protection (warning, for any value other than HS256). The bundled gateway pins the algorithm and accepts HS256, HS384 and HS512; any other value is refused as a config error (error, only for values outside those three).',
      invalid: '"authorizer": { "type": "jwt", "secret": "$secret.JWT_SECRET", "algorithm": "RS256", "issuer": "https://auth.example.com/", "audience": "api" }',
      valid: '"authorizer": { "type": "jwt", "secret": "$secret.JWT_SECRET", "algorithm": "HS256", "issuer": "https://auth.example.com/", "audience": "api" }',
      fix: 'Quick fix: set `"algorithm": "HS256"` (applied by "Fix all" and `sag check --fix` only for another HMAC name under upstream, where it changes nothing that runs; for `RS256` and the like the tokens still never verify). For asymmetric tokens use an `auth0` authorizer with a JWKS instead.',
    },
  },
  {
    code: 'SAG117',
    title: '`$env`/`$secret` placeholder that is not substituted as written',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'A string value is replaced by `env[NAME]` only when it **starts** with `$env.`, `$secret.` or `$secrets.`, and NAME is everything after the prefix. `"https://$env.HOST/x"` is sent literally, and `"$env.HOST/x"` looks up a variable named `HOST/x`, which does not exist and becomes `""`. Applies to both runtimes (warning).',
      invalid: '"servers": [{ "alias": "api", "url": "https://$env.API_HOST/v1" }]',
      valid: '"servers": [{ "alias": "api", "url": "$env.API_URL" }]\n# wrangler.toml: [vars] API_URL = "https://api.example.com/v1"',
      fix: 'Put the whole value into one variable and reference it as the entire string (`"$env.API_URL"`).',
    },
  },
  {
    code: 'SAG118',
    title: '`servers[].url` is not an absolute http(s) URL',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The proxy builds the target with `new URL(server.url)`. A relative or malformed URL (or a missing one) throws, so every request to a route that uses this server answers 500; the bundled schema refuses it. Values that are a whole `$env.X` placeholder are not checked here. Applies to both runtimes (error).',
      invalid: '"servers": [{ "alias": "api", "url": "api.example.com/v1" }]',
      valid: '"servers": [{ "alias": "api", "url": "https://api.example.com/v1" }]',
      fix: 'Write the full URL with its scheme; the quick fix adds `https://` when the value looks like a host name.',
    },
  },
  {
    code: 'SAG119',
    title: '`servers[].url` carries a query string or fragment',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'The proxy replaces the server URL\'s query string with the incoming request\'s query and never sends a fragment, so `?api-version=2` in a server URL is silently dropped. Applies to both runtimes (warning).',
      invalid: '"servers": [{ "alias": "api", "url": "https://api.example.com/v1?key=abc" }]',
      valid:
        '"servers": [{ "alias": "api", "url": "https://api.example.com/v1" }],\n"variables": { "api_key": "abc" },\n"paths": [{ "method": "GET", "path": "/x", "integration": { "type": "http_proxy", "server": "api" }, "mapping": { "query": { "key": "$config.api_key" } } }]',
      fix: 'Quick fix (safe, it changes nothing at run time): remove the query and fragment. To send a fixed parameter, keep its value in `variables` and map it with `"$config.NAME"` (mapping constants are not supported).',
    },
  },
];
