// Workspaces the e2e scenarios open: fresh copies of the seed example (examples/service-execution), edited the
// way a scenario needs (e.g. a binding removed from wrangler.toml), in a temp folder.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';

export const SEED_EXAMPLE = join(repoRoot, 'examples/service-execution');

/**
 * Copies the seed example to `<base>/<name>/<name>` without installed or generated folders, and returns its path.
 * A folder of its own around it: the server searches the gateway's parent folder for the Workers its bindings
 * target, which must find this copy's Workers only (not the other scenarios' copies, nor the installed extension's
 * templates, whose Workers are named `{{name}}`), as in a real project. The vendored tools (vendor/sag, present once
 * `npm start` or `sag init` wrote them) are kept: `$schema` points there.
 */
export function seedCopy(base, name) {
  const folder = join(base, name, name);
  mkdirSync(folder, { recursive: true });
  cpSync(SEED_EXAMPLE, folder, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.wrangler|\.sag)([\\/]|$)/.test(source.slice(SEED_EXAMPLE.length)),
  });
  return folder;
}

/** Removes the line declaring `binding` from the folder's wrangler.toml; returns the new text. */
export function removeWranglerBinding(folder, binding) {
  const file = join(folder, 'wrangler.toml');
  const before = readFileSync(file, 'utf8');
  const after = before.replace(new RegExp(`^[ \\t]*\\{ *binding *= *"${binding}"[^\\n]*\\n`, 'm'), '');
  if (after === before) throw new Error(`seed wrangler.toml has no one-line declaration of ${binding}:\n${before}`);
  writeFileSync(file, after);
  return after;
}

export function readText(folder, relativePath) {
  return readFileSync(join(folder, relativePath), 'utf8');
}

/** The `#` comment lines of a TOML text, in order (to prove an edit kept every comment). */
export function tomlComments(text) {
  return text.split(/\r?\n/).filter((line) => /^\s*#/.test(line)).map((line) => line.trim());
}
