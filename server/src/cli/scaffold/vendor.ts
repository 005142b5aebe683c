// A project's vendored copy of the tools (SPEC issue 5, channel 3): `vendor/sag/` holds the built gateway runtime
// and the bundled CLI that `[build] command` runs, stamped with VERSION, so `npm install && npm run dev` needs
// neither this repository nor the extension. Written by `sag init`, refreshed by `sag init --upgrade`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolsLayout } from './tools-layout';
import { compareVersions } from './versions';
import { printable } from '../reporters/terminal-text';

/** Relative to the project root; also what templates' `$schema`, `[build] command` and scripts point into. */
export const VENDOR_DIR = 'vendor/sag';
export const VENDOR_CLI = `${VENDOR_DIR}/sag.js`;
export const VENDOR_RUNTIME = `${VENDOR_DIR}/shared-runtime/index.js`;

/** The files of vendor/sag/ built from a tools layout: relative path (inside vendor/sag) -> contents. */
export function vendorFiles(layout: ToolsLayout): Map<string, string> {
  for (const [what, file] of [['the bundled CLI', layout.cliFile], ['the gateway runtime', layout.runtimeFile]] as const) {
    if (!existsSync(file)) throw new Error(`${what} is missing at ${file}; build the tools first (\`npm run build\` in the sag repository)`);
  }
  const files = new Map<string, string>();
  files.set('VERSION', `${layout.version}\n`);
  files.set('README.md', vendorReadme(layout.version));
  // The CLI bundle is CommonJS: this package.json keeps it so even in a project whose package.json says "type": "module".
  files.set('package.json', `${JSON.stringify({ private: true, type: 'commonjs', description: `sag ${layout.version}, vendored by sag init` }, null, 2)}\n`);
  files.set('sag.js', withoutSourceMapLink(readFileSync(layout.cliFile, 'utf8')));
  files.set(
    'shared-runtime/package.json',
    `${JSON.stringify({ name: 'serverless-api-gateway-runtime', version: layout.version, private: true, type: 'module', main: './index.js' }, null, 2)}\n`,
  );
  files.set('shared-runtime/index.js', withoutSourceMapLink(readFileSync(layout.runtimeFile, 'utf8')));
  if (existsSync(layout.schemaFile)) files.set('shared-runtime/api-config.bundled.schema.json', readFileSync(layout.schemaFile, 'utf8'));
  return files;
}

/** The maps are not vendored; a dangling link would only make bundlers look for them. */
function withoutSourceMapLink(code: string): string {
  return code.replace(/\n\/\/# sourceMappingURL=[^\n]*\n?$/, '\n');
}

function vendorReadme(version: string): string {
  return `# vendor/sag (sag ${version})

Written by \`sag init\`; do not edit. It makes this project self-contained:

- \`sag.js\`: the \`sag\` CLI (check, build, dev). \`[build] command\` in wrangler.toml runs \`node vendor/sag/sag.js build\`,
  which generates \`.sag/entry.js\` (the Worker entry) from api-config.json.
- \`shared-runtime/\`: the bundled gateway runtime the entry imports, and the JSON Schema of api-config.json.

Refresh it with a newer sag: \`sag init --upgrade\` (rewrites only this folder). \`sag check\` says when it is older than the
sag that checks the project. Commit this folder: deploys and CI need it.
`;
}

export interface VendorWrite {
  written: string[];
  kept: string[];
}

/**
 * Writes vendor/sag/. `overwrite` (the upgrade) replaces every vendored file; otherwise an existing file is kept
 * (`sag init --force` never changes a byte that was there). `written` as in writeProjectFiles.
 */
export function writeVendor(projectRoot: string, layout: ToolsLayout, overwrite: boolean, written: string[] = []): VendorWrite {
  const result: VendorWrite = { written, kept: [] };
  const files = vendorFiles(layout);
  // VERSION last: a write that fails halfway leaves the old stamp, so `sag check` still says the copy is old.
  const version = files.get('VERSION');
  files.delete('VERSION');
  if (version !== undefined) files.set('VERSION', version);
  for (const [relative, text] of files) {
    const shown = `${VENDOR_DIR}/${relative}`;
    const target = join(projectRoot, VENDOR_DIR, relative);
    if (!overwrite && existsSync(target)) {
      result.kept.push(shown);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    result.written.push(shown);
  }
  return result;
}

/** The version stamped in a project's vendor/sag/VERSION, or undefined when the project vendors nothing. */
export function vendoredVersion(projectRoot: string): string | undefined {
  try {
    const text = readFileSync(join(projectRoot, VENDOR_DIR, 'VERSION'), 'utf8').trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The notice `sag check`, `sag build` and `sag dev` print when the vendored runtime is older than the running sag. */
export function vendorNotice(projectRoot: string, shownRoot: string, engineVersion: string): string | undefined {
  const vendored = vendoredVersion(projectRoot);
  if (vendored === undefined || compareVersions(vendored, engineVersion) >= 0) return undefined;
  const where = shownRoot === '' || shownRoot === '.' ? '' : ` ${shownRoot}`;
  return `notice: ${joinShown(shownRoot, VENDOR_DIR)} is sag ${printable(vendored)}, older than this sag (${engineVersion}): the runtime it deploys may lack fixes these checks assume; refresh it with \`sag init --upgrade${where}\``;
}

function joinShown(root: string, relative: string): string {
  return root === '' || root === '.' ? relative : `${root.replace(/\/$/, '')}/${relative}`;
}
