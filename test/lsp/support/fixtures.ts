// Workspaces the protocol tests share, as file maps (relative path -> text).
export const GATEWAY_CONFIG = `{
  "serviceBindings": [
    { "alias": "hooks", "binding": "HOOKS" },
    { "alias": "target", "binding": "TARGET" }
  ],
  "services": [
    { "alias": "hello", "entrypoint": "./services/hello" }
  ],
  "paths": [
    {
      "method": "POST",
      "path": "/orders",
      "pre_process": { "binding": "hooks", "function": "before" },
      "integration": { "type": "service_binding", "binding": "target", "function": "run" }
    },
    {
      "method": "GET",
      "path": "/hello",
      "integration": { "type": "service", "binding": "hello" }
    }
  ]
}
`;

export const GATEWAY_WRANGLER = `name = "gw"
main = "index.js"
compatibility_date = "2025-07-04"

[[services]]
binding = "TARGET"
service = "target-worker"

[env.staging]
name = "gw-staging"

[[env.staging.services]]
binding = "TARGET"
service = "target-worker"
environment = "production"
`;

/**
 * An upstream gateway with findings in both files: SAG301 for HOOKS (top level and staging), SAG401 (the module
 * services/hello.js is missing), SAG309 and SAG313 anchored in wrangler.toml.
 */
export function brokenGateway(prefix = 'gw'): Record<string, string> {
  return {
    [`${prefix}/api-config.json`]: GATEWAY_CONFIG,
    [`${prefix}/wrangler.toml`]: GATEWAY_WRANGLER,
    [`${prefix}/index.js`]: 'export default { fetch() { return new Response("ok"); } };\n',
    [`${prefix}/.sagrc.json`]: '{ "runtime": "upstream" }\n',
  };
}

/** A clean-enough second gateway for multi-root tests: one SAG301 only. */
export function smallGateway(prefix = 'other'): Record<string, string> {
  return {
    [`${prefix}/api-config.json`]: `{
  "serviceBindings": [{ "alias": "auth", "binding": "AUTH" }],
  "paths": [{ "method": "ANY", "path": "/x", "integration": { "type": "service_binding", "binding": "auth" }, "auth": false }]
}
`,
    [`${prefix}/wrangler.toml`]: 'name = "other"\nmain = "index.js"\ncompatibility_date = "2025-07-04"\n',
    [`${prefix}/index.js`]: 'export default { fetch() { return new Response("ok"); } };\n',
    [`${prefix}/.sagrc.json`]: '{ "runtime": "bundled" }\n',
  };
}

/** 0-based position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`\`${needle}\` not in text`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
