// Code metadata and docs of the 3xx service-binding codes (SAG301–SAG304, SAG312, SAG313): what each means,
// under which runtime, and the examples docs/diagnostics.md is generated from.
import type { CodeInfo } from '../rule';

const SEED_CONFIG = `{
  "serviceBindings": [
    { "alias": "hooks", "binding": "HOOKS" },
    { "alias": "target", "binding": "TARGET" }
  ],
  "paths": [{
    "method": "POST", "path": "/orders",
    "pre_process": { "binding": "hooks", "function": "before" },
    "integration": { "type": "service_binding", "binding": "target", "function": "run" }
  }]
}`;

export const BINDING_CODES: CodeInfo[] = [
  {
    code: 'SAG301',
    title: 'Service binding not declared in the wrangler config',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'A `serviceBindings[].binding` that a route or hook uses is not declared as a service binding in any environment of the wrangler config. ' +
        'At run time `env.HOOKS` is undefined, so the hook or `service_binding` call throws and the gateway answers 500. Checked once per wrangler environment; the finding names the environment.',
      invalid: `// api-config.json\n${SEED_CONFIG}\n\n# wrangler.toml\nname = "gateway"\nservices = [ { binding = "TARGET", service = "orders" } ]`,
      valid: `# wrangler.toml\nname = "gateway"\nservices = [\n  { binding = "TARGET", service = "orders" },\n  { binding = "HOOKS", service = "hooks" },\n]`,
      fix:
        'Declare the binding in the wrangler config. The quick fix appends it in the form the file already uses (an element of an inline `services = [...]`, a `[[services]]` / `[[env.NAME.services]]` table, or a JSON array element), keeping comments. ' +
        'It is safe only when a Worker of that name is in the workspace; otherwise the `service` name is a guess you must check.',
    },
  },
  {
    code: 'SAG302',
    title: 'Service binding missing in one wrangler environment (not inherited)',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The binding is declared at the top level but not in `[env.NAME]` (or only in some environment and not at the top level). Wrangler does not inherit `services` into environments: it only warns, ' +
        'and `wrangler deploy --env NAME` ships a gateway without that binding, so its calls answer 500. Error for the environments you deploy (`.sagrc.json` `environments`), warning for the others.',
      invalid: `# wrangler.toml\nname = "gateway"\nservices = [ { binding = "HOOKS", service = "hooks" }, { binding = "TARGET", service = "orders" } ]\n\n[env.staging]\nservices = [ { binding = "TARGET", service = "orders-staging" } ]`,
      valid: `[env.staging]\nservices = [\n  { binding = "TARGET", service = "orders-staging" },\n  { binding = "HOOKS", service = "hooks-staging" },\n]`,
      fix: 'Repeat the declaration in every environment. The quick fix copies the entry into `[[env.NAME.services]]` (or the environment\'s inline array); adjust `service` if that environment binds a different Worker. Copied from a named environment, `service` names that environment\'s deployment (`hooks-staging`): the fix then swaps the `-<env>` suffix, a guess it marks for you to confirm (so `--fix` does not apply it), unless the target Worker is in the workspace.',
      severityNote: 'a warning for an environment that is not deployed (`environments` in `.sagrc.json` or the editor setting)',
    },
  },
  {
    code: 'SAG303',
    title: 'Binding name is another kind of binding, or a Worker name',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The `binding` value exists in the Worker\'s `env`, but not as a service binding: it is a KV namespace, a var, a Durable Object or another binding kind, so calling a method on it fails with 500. ' +
        'Or the value is the target Worker\'s name (`service`), where the binding name (`binding`) is needed.',
      invalid: `// api-config.json\n{ "serviceBindings": [{ "alias": "hooks", "binding": "auth-hooks" }], … }\n\n# wrangler.toml\nservices = [ { binding = "AUTH_HOOKS", service = "auth-hooks" } ]`,
      valid: `{ "serviceBindings": [{ "alias": "hooks", "binding": "AUTH_HOOKS" }], … }`,
      fix: 'Point `binding` at the service binding\'s `binding` name. For a Worker name the quick fix writes the binding name (safe).',
    },
  },
  {
    code: 'SAG304',
    title: 'Called function does not exist on the bound Worker',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary:
        'The bound Worker\'s source is in the workspace (its wrangler `name`, or `<name>-<env>`, equals the binding\'s `service`), and the entrypoint the binding selects (the default export, or the named `entrypoint` class) ' +
        'is not a `WorkerEntrypoint` subclass with a public method of the called name. The RPC call fails and the gateway answers 500. ' +
        'A class the main module re-exports (`export { Orders } from \'./orders\'`, `export * from \'./rpc\'`, `export { default } from \'./hooks\'`) is followed to the module that declares it, resolved as wrangler\'s bundler resolves relative imports; one re-exported from a package or a file that is not there, or a class extending a class imported from another module, is not judged.',
      invalid: `// hooks/src/index.ts\nimport { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class Hooks extends WorkerEntrypoint {\n  async after(request) { return true; }\n}\n// api-config.json: "pre_process": { "binding": "hooks", "function": "before" }`,
      valid: `export default class Hooks extends WorkerEntrypoint {\n  async before(request) { return true; }\n  async after(request) { return true; }\n}`,
      fix: 'Fix the `function` name, or add the method. The quick fix inserts a method stub into the class (unsafe: you write its body).',
    },
  },
  {
    code: 'SAG312',
    title: 'Service binding targets the gateway itself',
    severity: { upstream: 'warning', bundled: 'warning' },
    docs: {
      summary: 'A service binding\'s `service` equals this Worker\'s own `name` (or `<name>-<env>`), so every call through it re-enters the gateway and loops until the request fails.',
      invalid: `name = "gateway"\nservices = [ { binding = "HOOKS", service = "gateway" } ]`,
      valid: `name = "gateway"\nservices = [ { binding = "HOOKS", service = "hooks" } ]`,
      fix: 'Point `service` at the Worker that implements the hooks.',
    },
  },
  {
    code: 'SAG313',
    title: 'Service binding uses the legacy `environment` field',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary: 'The `environment` field of a service binding belongs to the deprecated "service environments". Wrangler still accepts it but leaves it out of its schema; a Worker deployed with `--env NAME` is named `<worker>-<NAME>`.',
      invalid: `services = [ { binding = "HOOKS", service = "hooks", environment = "staging" } ]`,
      valid: `services = [ { binding = "HOOKS", service = "hooks-staging" } ]`,
      fix: 'Write the environment\'s Worker name into `service` and drop `environment`. The quick fix rewrites `service`; remove `environment` yourself.',
    },
  },
];
