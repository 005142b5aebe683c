// esbuild options of every Node bundle this repository makes (dist/sag.js, dist/server.js, dist/client.js, and the
// engine benchmarks, which must measure the code as it ships).

// ajv and ajv-formats run no code on import: marked so, an import nothing calls (the engine's test-only whole-schema
// oracle, rules/schema/whole-schema-validator.ts) drops out of the bundles, so dist/ carries no schema compiler;
// the validators the analysis runs are precompiled (scripts/gen-schemas.ts).
const ajvWithoutSideEffects = {
  name: 'ajv-without-side-effects',
  setup(b) {
    b.onResolve({ filter: /^ajv(-formats)?(\/|$)/ }, async (args) => {
      if (args.pluginData === 'ajv-without-side-effects') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'ajv-without-side-effects' });
      return resolved.errors.length > 0 ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};

/** @param {{ minify?: boolean }} options */
export function nodeBundleOptions({ minify = false } = {}) {
  return {
    bundle: true,
    plugins: [ajvWithoutSideEffects],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['sag-source'],
    // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles.
    mainFields: ['module', 'main'],
    sourcemap: minify ? false : 'linked',
    minify,
    logLevel: 'warning',
    legalComments: 'none',
  };
}
