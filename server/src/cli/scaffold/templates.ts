// The project templates of `sag init` (shared-runtime/templates/<name>/, with _common/ laid under each): listing
// them and rendering one into relative path -> text, placeholders filled in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMPATIBILITY_DATE, SAG_VERSION, WRANGLER_VERSION } from './versions';

export const TEMPLATE_NAMES = ['minimal', 'service-execution', 'jwt', 'auth0'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export const DEFAULT_TEMPLATE: TemplateName = 'minimal';

export const TEMPLATE_SUMMARIES: Record<TemplateName, string> = {
  minimal: 'one static route and one proxy route',
  'service-execution': 'a pre-process hook and a bound Worker (service bindings, RPC) plus a local service',
  jwt: 'routes protected by an HS256 JWT',
  auth0: 'Auth0 login and routes protected by Auth0 tokens',
};

const COMMON = '_common';
/** Stored without the dot: npm drops `.gitignore` files from packages. */
const RENAMED: Record<string, string> = { _gitignore: '.gitignore' };

export interface TemplateValues {
  name: string;
}

export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

/** Relative path (posix) -> rendered text, sorted by path. The template's own files win over _common/. */
export function renderTemplate(templatesDir: string, template: TemplateName, values: TemplateValues): Map<string, string> {
  const files = new Map<string, string>();
  for (const layer of [COMMON, template]) {
    for (const relative of listFiles(join(templatesDir, layer))) {
      const target = relative
        .split('/')
        .map((part) => RENAMED[part] ?? part)
        .join('/');
      files.set(target, fillPlaceholders(readFileSync(join(templatesDir, layer, relative), 'utf8'), values));
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function fillPlaceholders(text: string, values: TemplateValues): string {
  const table: Record<string, string> = {
    name: values.name,
    sag_version: SAG_VERSION,
    wrangler_version: WRANGLER_VERSION,
    compatibility_date: COMPATIBILITY_DATE,
  };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => table[key] ?? whole);
}

function listFiles(folder: string, prefix = ''): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(folder, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path).isDirectory()) out.push(...listFiles(path, relative));
    else out.push(relative);
  }
  return out;
}

/**
 * A Worker name from a folder name: lowercase letters, digits and dashes, starting with a letter, at most 54
 * characters (so `<name>-target` stays within Cloudflare's 63).
 */
export function workerNameFrom(folderName: string): string {
  const cleaned = folderName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
    .slice(0, 54)
    .replace(/-$/, '');
  return cleaned === '' ? 'sag-gateway' : cleaned;
}

/** Why a `--name` is not a usable Worker name, or undefined when it is. */
export function workerNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return `\`${name}\` is not a Worker name: use lowercase letters, digits and dashes, e.g. \`${workerNameFrom(name)}\``;
  if (name.length > 54) return `\`${name}\` is too long: Worker names have at most 63 characters and the bound Workers add \`-target\`; use at most 54`;
  return undefined;
}
