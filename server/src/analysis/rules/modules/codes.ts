// Code metadata and docs of the 4xx codes (service module files). Runtime applicability: SAG402, SAG403, SAG407,
// SAG408 and SAG410 are about upstream's dynamic `import(entrypoint + ".js")` of unbundled additional modules
// and its `new module.default()`; the bundled runtime imports every entrypoint statically at build time
// (SPEC E.4), so they do not apply there. SAG401, SAG404–SAG406 and SAG409 apply to both.
import type { CodeInfo } from '../rule';

export const MODULE_CODES: CodeInfo[] = [
  {
    code: 'SAG401',
    title: 'Service module file does not exist',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The file a `services[].entrypoint` names does not exist. upstream: the file is `base_dir/<entrypoint>.js` (base_dir defaults to the folder of wrangler `main`, not the folder of api-config.json), and the failed `import()` makes every request to the route answer 500. ' +
        'bundled: the entrypoint is resolved from the folder of api-config.json, with or without `.js`/`.mjs`/`.ts`, and the gateway build fails.',
      invalid: `// wrangler.toml: main = "src/index.js"\n{ "services": [{ "alias": "orders", "entrypoint": "./services/orders" }] }\n// src/services/orders.js is missing`,
      valid: `// src/services/orders.js\nexport default class { async fetch(request, env, ctx) { return new Response('ok'); } }`,
      fix: 'Fix the path, or create the module. The quick fix creates it from the service class template (unsafe: it adds a file).',
    },
  },
  {
    code: 'SAG402',
    title: 'Service module is not uploaded (upstream)',
    severity: { upstream: 'error', bundled: null },
    docs: {
      summary:
        'The upstream gateway loads a service with a computed `import()`, which the bundler cannot follow. The module is only there at run time when wrangler uploads it as an additional module: `find_additional_modules = true` and an `ESModule`/`CommonJS` rule glob matching its path relative to base_dir. ' +
        'No default rule uploads `.js` files, and wrangler gives no error, so the request fails with "No such module" and 500. Under `bundled`, `sag build` imports services statically, so no rule is needed.',
      invalid: `name = "gateway"\nmain = "src/index.js"\n# no find_additional_modules, no rules`,
      valid: `main = "src/index.js"\nfind_additional_modules = true\nrules = [{ type = "ESModule", globs = ["services/*.js"] }]`,
      fix: 'Add `find_additional_modules = true` and a rule whose glob matches the file (the safe quick fix adds both, extending the first ESModule rule when there is one, because a later rule of the same type is ignored without `fallthrough = true`).',
    },
  },
  {
    code: 'SAG403',
    title: 'Entrypoint carries a file extension (upstream)',
    severity: { upstream: 'error', bundled: null },
    docs: {
      summary: 'The upstream gateway appends ".js" to the entrypoint, so `./services/orders.js` is imported as `./services/orders.js.js`, which does not exist: 500. The bundled runtime accepts the entrypoint with or without its extension.',
      invalid: `{ "services": [{ "alias": "orders", "entrypoint": "./services/orders.js" }] }`,
      valid: `{ "services": [{ "alias": "orders", "entrypoint": "./services/orders" }] }`,
      fix: 'Drop the extension (safe quick fix).',
    },
  },
  {
    code: 'SAG404',
    title: 'Service module has no default export',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary: 'The gateway uses the module\'s default export. Without one, upstream\'s `new module.default()` throws (500), and the bundled build cannot import it.',
      invalid: `export class Orders { async fetch(request) { return new Response('ok'); } }`,
      valid: `export default class Orders { async fetch(request) { return new Response('ok'); } }`,
      fix: 'Add `export default` to the service class. Quick fixes (unsafe: they edit the module): make a class the module exports by name the default export (`export default Orders;` after the last line, classes with `fetch` first), or, with no class, add a default-export class whose `fetch` answers 501 until written.',
    },
  },
  {
    code: 'SAG405',
    title: 'Default export cannot be used as a service',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'upstream constructs the default export with `new` and no arguments: an object literal (`export default { fetch }`, the usual Worker shape), an arrow function or a non-function throws a TypeError, so the route answers 500. ' +
        'bundled also accepts an object with `fetch`, but not an arrow function or a non-function value.',
      invalid: `export default {\n  async fetch(request, env, ctx) { return new Response('ok'); },\n};`,
      valid: `export default class {\n  async fetch(request, env, ctx) { return new Response('ok'); }\n}`,
      fix: 'Wrap it: `export default class { async fetch(request, env, ctx) { … } }`. The quick fix (unsafe) does it for an object with `fetch`, an arrow function or an `async function` written as `export default …`: the value stays under a name (`const worker = { … }`) and the new class\'s `fetch(...args)` calls it (`worker.fetch(...args)`, so `this` is still the object); in TypeScript the arguments are typed from the value.',
    },
  },
  {
    code: 'SAG406',
    title: 'Default export has no fetch method',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary: 'The gateway calls `fetch(request, env, ctx)` on the service instance (bundled: on the object, or on the instance). Without a `fetch` (own, inherited from a local class, or on the function\'s prototype) the call throws and the route answers 500. A getter, a `[\'fetch\']` method or a TypeScript `declare fetch` counts as one; a class extending a class imported from another module is not judged (it may inherit `fetch`).',
      invalid: `export default class Orders {\n  async handle(request) { return new Response('ok'); }\n}`,
      valid: `export default class Orders {\n  async fetch(request, env, ctx) { return new Response('ok'); }\n}`,
      fix: 'Add an `async fetch(request, env, ctx)` method (or rename the handler). The quick fix (unsafe) adds one to the class that answers 501 until written.',
    },
  },
  {
    code: 'SAG407',
    title: 'Entrypoint is bare, absolute, uses backslashes or leaves base_dir (upstream)',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary: 'Uploaded modules are named by their path relative to base_dir. An entrypoint without `./`, an absolute path, or one that climbs out of base_dir (`../`) is not guaranteed to resolve to an uploaded module; a file outside base_dir is never uploaded. A module specifier is a URL path, so backslashes (`.\\services\\orders`, copied from Windows) are part of a file name, not folder separators, on every platform. The bundled build resolves entrypoints itself, so this applies to `upstream` only.',
      invalid: `{ "services": [{ "alias": "orders", "entrypoint": "services/orders" }] }`,
      valid: `{ "services": [{ "alias": "orders", "entrypoint": "./services/orders" }] }`,
      fix: 'Write it as `./<path relative to base_dir>` (a safe quick fix adds the `./` to a bare path, or turns backslashes into slashes).',
    },
  },
  {
    code: 'SAG408',
    title: 'Service module needs bundling (upstream)',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary: 'Additional modules are uploaded as they are: not bundled, not transpiled. A TypeScript module, an npm import, an extensionless relative import, or a relative import of a file no rule uploads fails when the module loads. The bundled runtime bundles services, so this applies to `upstream` only.',
      invalid: `// src/services/orders.js\nimport { nanoid } from 'nanoid';\nimport { price } from './pricing';\nexport default class { async fetch() { return new Response(nanoid()); } }`,
      valid: `// src/services/orders.js (uploaded with rules = [{ type = "ESModule", globs = ["services/*.js"] }])\nimport { price } from './pricing.js';\nexport default class { async fetch() { return new Response(String(price())); } }`,
      fix: 'Build the service to plain JavaScript with its dependencies, or add rules that upload the imported files and write imports with their extension.',
    },
  },
  {
    code: 'SAG409',
    title: 'fetch returns values the gateway maps oddly',
    severity: { upstream: 'information', bundled: 'information' },
    docs: {
      summary:
        'The gateway turns a service\'s return value into a response: a Response passes through, a string becomes the body, an object is wrapped in a `{status, message, data}` envelope, and a number or boolean gives 400 with an empty body. ' +
        'upstream also answers 400 when fetch returns nothing; bundled answers 204 there.',
      invalid: `export default class {\n  async fetch(request) { if (!request.body) return false; return { id: 1 }; }\n}`,
      valid: `export default class {\n  async fetch(request) { return Response.json({ id: 1 }); }\n}`,
      fix: 'Return a `Response` to control the status and body.',
    },
  },
  {
    code: 'SAG410',
    title: 'Service default export extends WorkerEntrypoint (upstream)',
    severity: { upstream: 'warning', bundled: null },
    docs: {
      summary: 'The upstream gateway constructs the service itself with `new` and no arguments, so a `WorkerEntrypoint` subclass gets no `ctx` or `env` (`this.env` is undefined) and its behaviour is unverified. A service is not an RPC target; use a plain class. Applies to `upstream` only (the bundled runtime does not take this path).',
      invalid: `import { WorkerEntrypoint } from 'cloudflare:workers';\nexport default class extends WorkerEntrypoint {\n  async fetch(request) { return new Response(this.env.GREETING); }\n}`,
      valid: `export default class {\n  async fetch(request, env) { return new Response(env.GREETING); }\n}`,
      fix: 'Drop `extends WorkerEntrypoint` and read `env`/`ctx` from the fetch arguments. The quick fix (unsafe) removes the `extends` clause, on the local base class when the class inherits it; uses of `this.env` and `this.ctx` are left for you to change.',
    },
  },
  {
    code: 'SAG411',
    title: 'Service module does not parse',
    severity: { upstream: 'error', bundled: 'error' },
    docs: {
      summary:
        'The module an entrypoint names is not JavaScript (or TypeScript) that parses: a syntax error, a binary file, or one too large to analyse (over 5 MB). ' +
        'upstream: wrangler cannot bundle or upload it, or its `import()` throws and the route answers 500; bundled: the gateway build fails. ' +
        'The checks of its default export (SAG404–SAG406, SAG409, SAG410) wait until it parses. SPEC.md has no code for this.',
      invalid: `// services/orders.js
export default class {
  async fetch(request) {
    return new Response('ok'
  }
}`,
      valid: `// services/orders.js
export default class {
  async fetch(request) {
    return new Response('ok');
  }
}`,
      fix: 'Fix the syntax at the place the related location points to. There is no automatic fix.',
    },
  },
];
