// Where the running `sag` finds what it ships: its own bundled CLI file, the built gateway runtime, the bundled
// config schema and the project templates. Three layouts: this repository (dist/ + shared-runtime/), the npm
// tarball of the tools (the same shape), and a project's vendored copy (vendor/sag/, no templates).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ToolsLayout {
  /** Folder the layout was found in (repository root, package root, or vendor/sag). */
  root: string;
  kind: 'package' | 'vendored';
  /** The bundled CLI (dist/sag.js), what a project vendors and its `[build] command` runs. */
  cliFile: string;
  /** The built gateway runtime (ESM, dependencies inlined) that the generated entry imports. */
  runtimeFile: string;
  /** The bundled-runtime JSON Schema of api-config.json (for `$schema`). */
  schemaFile: string;
  /** Project templates; absent in a vendored copy. */
  templatesDir?: string;
  /** Version of these tools (package.json or VERSION). */
  version: string;
}

/** Walks up from `start` (default: this module's folder) to the first folder that holds one of the layouts. */
export function findToolsLayout(start: string = moduleFolder()): ToolsLayout | undefined {
  for (let folder = start; ; ) {
    const found = layoutIn(folder);
    if (found) return found;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function layoutIn(folder: string): ToolsLayout | undefined {
  const vendoredRuntime = join(folder, 'shared-runtime', 'index.js');
  if (existsSync(join(folder, 'sag.js')) && existsSync(vendoredRuntime) && existsSync(join(folder, 'VERSION'))) {
    return {
      root: folder,
      kind: 'vendored',
      cliFile: join(folder, 'sag.js'),
      runtimeFile: vendoredRuntime,
      schemaFile: join(folder, 'shared-runtime', 'api-config.bundled.schema.json'),
      version: readFileSync(join(folder, 'VERSION'), 'utf8').trim(),
    };
  }
  const runtimePackage = join(folder, 'shared-runtime', 'package.json');
  if (existsSync(runtimePackage) && existsSync(join(folder, 'shared-runtime', 'templates'))) {
    return {
      root: folder,
      kind: 'package',
      cliFile: join(folder, 'dist', 'sag.js'),
      runtimeFile: join(folder, 'shared-runtime', 'dist', 'index.js'),
      schemaFile: join(folder, 'shared-runtime', 'schemas', 'api-config.bundled.schema.json'),
      templatesDir: join(folder, 'shared-runtime', 'templates'),
      version: readVersion(runtimePackage),
    };
  }
  return undefined;
}

function readVersion(packageJson: string): string {
  try {
    const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The bundle is CommonJS (dist/sag.js) and tsx runs the sources as CommonJS too, so __dirname exists in both. */
function moduleFolder(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}
