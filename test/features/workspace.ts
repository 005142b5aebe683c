// Fixture workspaces for the feature tests: a gateway (api-config.json, wrangler.toml with a staging env,
// .dev.vars, a service module) and two bound Workers, written rust-analyzer style with a `$0` cursor.
import assert from 'node:assert/strict';
import type { Position } from '../../server/src/analysis/findings';
import type { FeatureOptions, Location } from '../../server/src/analysis/features/types';
import { textAt } from '../support/ranges';
import { fixture } from '../support/fixture';
import { loadFixture, type LoadedFixture } from '../support/engine';

export interface CursorFixture extends LoadedFixture {
  files: Record<string, string>;
  file: string;
  position: Position;
  options: FeatureOptions;
}

/** Load a fixture string with exactly one `$0` cursor. */
export function atCursor(text: string, runtime: FeatureOptions['runtime'] = 'upstream'): CursorFixture {
  const parsed = fixture(text);
  assert.ok(parsed.cursor, 'fixture needs a $0 cursor');
  const loaded = loadFixture(parsed.files);
  return { ...loaded, files: parsed.files, file: parsed.cursor.file, position: parsed.cursor.position, options: { runtime, host: loaded.host } };
}

export const CONFIG = `//- /ws/gw/api-config.json
{
  "$schema": "./api-config.schema.json",
  "servers": [
    { "alias": "api", "url": "https://api.example.com/v1" }
  ],
  "services": [
    { "alias": "orders", "entrypoint": "./services/orders" }
  ],
  "serviceBindings": [
    { "alias": "hooks", "binding": "HOOKS" },
    { "alias": "target", "binding": "TARGET" }
  ],
  "variables": { "tenant": "acme" },
  "paths": [
    {
      "method": "POST",
      "path": "/orders",
      "pre_process": { "binding": "hooks", "function": "before" },
      "integration": { "type": "service_binding", "binding": "target", "function": "run" }
    },
    {
      "method": "GET",
      "path": "/proxy/{.+}",
      "integration": { "type": "http_proxy", "server": "api" },
      "mapping": { "headers": { "x-tenant": "$config.tenant", "x-user": "$request.jwt.sub" } }
    },
    {
      "method": "GET",
      "path": "/local",
      "integration": { "type": "service", "binding": "orders" }
    }
  ],
  "authorizer": { "type": "jwt", "secret": "$secrets.JWT_SECRET", "algorithm": "HS256", "issuer": "$env.ISSUER", "audience": "" }
}`;

export const GATEWAY_FILES = `//- /ws/gw/wrangler.toml
name = "gateway"
main = "src/index.js"
find_additional_modules = true
rules = [{ type = "ESModule", globs = ["services/*.js"] }]
services = [
  { binding = "HOOKS", service = "sag-hooks" },
  { binding = "TARGET", service = "sag-target", entrypoint = "TargetEntrypoint" },
]

[vars]
ISSUER = "https://issuer.example.com"

[env.staging]
[[env.staging.services]]
binding = "HOOKS"
service = "sag-hooks"

[[env.staging.services]]
binding = "TARGET"
service = "sag-target"
entrypoint = "TargetEntrypoint"

[env.staging.vars]
ISSUER = "https://staging-issuer.example.com"
//- /ws/gw/.dev.vars
JWT_SECRET=dev-secret
//- /ws/gw/src/index.js
export default { async fetch() { return new Response('ok'); } };
//- /ws/gw/src/services/orders.js
export default class Orders { async fetch() { return new Response('orders'); } }
//- /ws/gw/src/services/users.js
export default class Users { async fetch() { return new Response('users'); } }
//- /ws/target/wrangler.toml
name = "sag-target"
main = "src/index.ts"
//- /ws/target/src/index.ts
import { WorkerEntrypoint } from 'cloudflare:workers';
export class TargetEntrypoint extends WorkerEntrypoint {
  async run(request: Request) { return new Response('run'); }
  async status() { return new Response('status'); }
  static create() { return 1; }
  private secret() { return 2; }
}
export default { async fetch() { return new Response('default'); } };
//- /ws/hooks/wrangler.toml
name = "sag-hooks"
main = "src/index.js"
//- /ws/hooks/src/index.js
import { WorkerEntrypoint } from 'cloudflare:workers';
export default class Hooks extends WorkerEntrypoint {
  async before(request) { return undefined; }
  async after(response) { return response; }
}`;

/** The standard workspace with `$0` placed by replacing the first occurrence of `needle` in `file`'s text with `replacement`. */
export function workspaceWith(file: string, needle: string, replacement: string, runtime: FeatureOptions['runtime'] = 'upstream', extra = ''): CursorFixture {
  const all = `${CONFIG}\n${GATEWAY_FILES}\n${extra}`;
  const parsed = fixture(all);
  const text = parsed.files[file];
  assert.ok(text !== undefined, `no file ${file}`);
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `needle ${needle} not in ${file}`);
  parsed.files[file] = text.slice(0, at) + replacement + text.slice(at + needle.length);
  const rebuilt = Object.entries(parsed.files).map(([path, body]) => `//- ${path}\n${body}`).join('\n');
  return atCursor(rebuilt, runtime);
}

/**
 * A gateway whose route calls `function` (write `$0` in it for the cursor) on binding `T` (alias `t`), declared by
 * `gatewayServices` (wrangler lines), to the Worker `tw`, which deploys as `tw-staging` with a `main` of its own:
 * `shared` and `prodOnly` in src/index.js, `stagingOnly` (line 3) and `shared` in src/staging.js.
 */
export function envMainWorkspace(functionValue: string, gatewayServices: string): string {
  return `//- /ws/gw/api-config.json
{
  "serviceBindings": [ { "alias": "t", "binding": "T" } ],
  "paths": [ { "method": "POST", "path": "/x", "integration": { "type": "service_binding", "binding": "t", "function": "${functionValue}" } } ]
}
//- /ws/gw/wrangler.toml
name = "gw"
main = "src/index.js"
${gatewayServices}
//- /ws/gw/src/index.js
export default {};
//- /ws/t/wrangler.toml
name = "tw"
main = "src/index.js"
[env.staging]
main = "src/staging.js"
//- /ws/t/src/index.js
import { WorkerEntrypoint } from 'cloudflare:workers';
export default class Prod extends WorkerEntrypoint { shared() {} prodOnly() {} }
//- /ws/t/src/staging.js
import { WorkerEntrypoint } from 'cloudflare:workers';
export default class Staging extends WorkerEntrypoint {
  stagingOnly() {}
  shared() {}
}`;
}

/** `file:line text` for each location (line 1-based), so expectations read like a search result. */
export function shown(f: CursorFixture, locations: Location[]): string[] {
  return locations.map((l) => `${l.file}:${l.range.start.line + 1} ${textAt(f.host.readFile(l.file) ?? '', l.range).split('\n')[0]}`);
}
