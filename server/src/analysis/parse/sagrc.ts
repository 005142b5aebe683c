// `.sagrc.json` (SPEC E.0), the one project file the editor and the CLI agree on: runtime, deployed
// environments, wranglerConfig override, rule severities, ignores and exclude globs. Problems in it are
// collected (bad JSON, unknown key, bad value), never thrown; a bad value is dropped, the rest still applies.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { describeJsonSyntaxError } from './json-syntax-errors';
import { closestMatch } from '../did-you-mean';
import type { Severity } from '../findings';
import type { SagRc, SagRcIgnore, SyntaxProblem } from '../model';
import { LineIndex } from '../text/line-index';
import picomatch from 'picomatch';
import { objectProperties } from './config-document';
import { problemRange } from './problem-range';

export const SAGRC_FILE_NAME = '.sagrc.json';
const KNOWN_KEYS = ['$schema', 'runtime', 'environments', 'wranglerConfig', 'rules', 'ignore', 'exclude'];
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

export function parseSagRc(file: string, text: string): SagRc {
  const lines = new LineIndex(text);
  const problems: SyntaxProblem[] = [];
  const rc: SagRc = { file, problems, codeMentions: [] };
  const at = (node: JsonNode) => problemRange(lines, node.offset, node.length);
  if (text.length > 1024 * 1024 || text.includes('\u0000')) {
    problems.push({ message: `${SAGRC_FILE_NAME} is not a small JSON file; it is ignored`, range: lines.rangeOf(0, 0) });
    return rc;
  }
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch {
    problems.push({ message: `${SAGRC_FILE_NAME} is nested too deeply to read; it is ignored`, range: lines.rangeOf(0, 0) });
    return rc;
  }
  for (const e of errors) problems.push({ message: `JSON syntax error in ${SAGRC_FILE_NAME}: ${describeJsonSyntaxError(e)} (what does not parse is not read)`, range: problemRange(lines, e.offset, Math.max(e.length, 1)) });
  if (!root) return rc;
  if (root.type !== 'object') {
    problems.push({ message: `${SAGRC_FILE_NAME} must hold one JSON object, e.g. { "runtime": "bundled" }; it is ignored`, range: at(root) });
    return rc;
  }
  for (const { key, keyNode, value } of objectProperties(root)) {
    if (!value) continue;
    switch (key) {
      case '$schema':
        break;
      case 'runtime':
        if (value.type === 'string' && (value.value === 'bundled' || value.value === 'upstream')) rc.runtime = value.value;
        else problems.push({ message: '`runtime` must be "bundled" or "upstream"; it is ignored (the editor setting, or else the runtime detected from the wrangler config, applies)', range: at(value) });
        break;
      case 'environments': {
        const names = stringList(value);
        if (names) {
          rc.environments = names;
          rc.environmentRanges = (value.children ?? []).map(at);
        }
        else problems.push({ message: '`environments` must be a list of wrangler environment names, e.g. ["", "staging"] ("" or "top" = the top level); it is ignored (the editor setting, or else every environment, counts as deployed)', range: at(value) });
        break;
      }
      case 'wranglerConfig':
        // Wrangler reads a --config file by its extension: anything else is no wrangler config.
        if (value.type === 'string' && /\.(toml|json|jsonc)$/.test(value.value as string)) {
          rc.wranglerConfig = value.value;
          rc.wranglerConfigRange = at(value);
        } else problems.push({ message: '`wranglerConfig` must be a path to a wrangler.toml / wrangler.json / wrangler.jsonc (a .toml, .json or .jsonc file), relative to this file; it is ignored, and wrangler\'s own lookup applies', range: at(value) });
        break;
      case 'rules':
        rc.rules = readRules(value, problems, at, rc.codeMentions);
        break;
      case 'ignore':
        rc.ignore = readIgnores(value, problems, at, rc.codeMentions);
        break;
      case 'exclude': {
        const globs = stringList(value);
        if (globs) rc.exclude = readExcludes(value, problems, at);
        else problems.push({ message: '`exclude` must be a list of folder globs, e.g. ["fixtures/**"]; it is ignored', range: at(value) });
        break;
      }
      default: {
        const suggestion = closestMatch(key, KNOWN_KEYS);
        problems.push({
          message: `unknown key \`${key}\` in ${SAGRC_FILE_NAME}, ignored (known: ${KNOWN_KEYS.slice(1).join(', ')})${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          range: at(keyNode),
        });
      }
    }
  }
  return rc;
}

/**
 * Paths in this file are read with `/` separators, as on every platform: a Windows user's `workers\\**` or
 * `.\\api-config.json` means a folder, not a glob escape or a file name with backslashes (wranglerConfig too).
 */
function withSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function stringList(node: JsonNode): string[] | undefined {
  if (node.type !== 'array') return undefined;
  const items = node.children ?? [];
  return items.every((item) => item.type === 'string') ? items.map((item) => item.value as string) : undefined;
}

/**
 * The globs of `exclude` (a list of strings), each as excludeGlob reads it; one that excludeGlobProblem refuses is
 * reported and left out.
 */
function readExcludes(node: JsonNode, problems: SyntaxProblem[], at: (n: JsonNode) => SyntaxProblem['range']): string[] {
  const globs: string[] = [];
  for (const item of node.children ?? []) {
    const glob = excludeGlob(item.value as string);
    const problem = excludeGlobProblem(glob);
    if (problem) problems.push({ message: `\`exclude\` glob ${JSON.stringify(item.value)} ${problem}; it is ignored`, range: at(item) });
    else globs.push(glob);
  }
  return globs;
}

/** An exclude glob as matched against `/`-separated paths relative to the .sagrc.json folder. */
export function excludeGlob(glob: string): string {
  return withSlashes(glob.trim()).replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

/** picomatch's options for exclude globs: extglobs (`+(a|aa)`) off, their nested repeats can take forever. */
export const EXCLUDE_GLOB_OPTIONS = { dot: true, noextglob: true } as const;

const MAX_EXCLUDE_GLOB_LENGTH = 256;

/**
 * Why an exclude glob (as excludeGlob gives it) must not be matched, or undefined. Beyond two `*` in one folder
 * name, picomatch's regular expression backtracks: `*a*a*a*b` took 84 ms per 255-character name, and a repository
 * that holds the glob and such folders kept the language server busy for over a minute. Names with two `*` each
 * multiply across `**`: two `*a*` names between `**` hung `sag check`.
 */
export function excludeGlobProblem(glob: string): string | undefined {
  if (glob === '') return 'names no folder below this one (write e.g. "fixtures/**")';
  if (glob.length > MAX_EXCLUDE_GLOB_LENGTH) return `is longer than ${MAX_EXCLUDE_GLOB_LENGTH} characters`;
  const parts = glob.split('/');
  if (parts.some((part) => part !== '**' && part.split('*').length - 1 > 2)) {
    return 'has more than two `*` in one folder name, which can take minutes to match (write at most two, e.g. "**/*legacy*")';
  }
  // Two such names with a `**` multiply: `**` `*a*` `**` `*a*` `**` `b` took 140 ms per path of seven 100-character names.
  if (parts.includes('**') && parts.filter((part) => part !== '**' && part.split('*').length - 1 === 2).length > 1) {
    return 'has `**` and more than one folder name with two `*`, which can take minutes to match (keep one, e.g. "**/*legacy*/**")';
  }
  try {
    picomatch(glob, EXCLUDE_GLOB_OPTIONS);
  } catch {
    return 'is not a glob picomatch can read';
  }
  return undefined;
}

const SEVERITY_LIST = SEVERITIES.map((s) => `"${s}"`).join(', ');

/** The severity meant by a near miss: `warn`, `info`, `err` (a prefix), or a misspelling. */
function meantSeverity(value: string): string | undefined {
  const lower = value.toLowerCase();
  if (lower.length >= 2) for (const severity of SEVERITIES) if (severity.startsWith(lower)) return severity;
  return closestMatch(lower, SEVERITIES);
}

function readRules(node: JsonNode, problems: SyntaxProblem[], at: (n: JsonNode) => SyntaxProblem['range'], mentions: SagRc['codeMentions']): Record<string, Severity | 'off'> | undefined {
  if (node.type !== 'object') {
    problems.push({ message: '`rules` must be an object of code -> severity, e.g. { "SAG409": "off" }; it is ignored', range: at(node) });
    return undefined;
  }
  const rules: Record<string, Severity | 'off'> = {};
  for (const { key, keyNode, value } of objectProperties(node)) {
    if (!/^SAG\d{3}$/.test(key)) {
      problems.push({ message: `\`${key}\` is not a diagnostic code (codes look like SAG301); it is ignored`, range: at(keyNode) });
      continue;
    }
    mentions.push({ code: key, range: at(keyNode) });
    if (value?.type === 'string' && SEVERITIES.includes(value.value as string)) rules[key] = value.value as Severity | 'off';
    else if (value) {
      const meant = value.type === 'string' ? meantSeverity(value.value as string) : undefined;
      problems.push({ message: `severity of ${key} must be one of ${SEVERITY_LIST}; it is ignored${meant ? `; did you mean "${meant}"?` : ''}`, range: at(value) });
    }
  }
  return rules;
}

function readIgnores(node: JsonNode, problems: SyntaxProblem[], at: (n: JsonNode) => SyntaxProblem['range'], mentions: SagRc['codeMentions']): SagRcIgnore[] | undefined {
  if (node.type !== 'array') {
    problems.push({ message: '`ignore` must be a list of { "code", "file", "pointer"? } objects; it is ignored', range: at(node) });
    return undefined;
  }
  const ignores: SagRcIgnore[] = [];
  for (const item of node.children ?? []) {
    const fields = new Map(objectProperties(item).map((p) => [p.key, p.value]));
    const code = fields.get('code');
    const file = fields.get('file');
    const pointer = fields.get('pointer');
    if (item.type !== 'object' || code?.type !== 'string' || file?.type !== 'string' || (pointer !== undefined && pointer.type !== 'string')) {
      problems.push({ message: 'each `ignore` entry needs string `code` and `file` (relative to this folder) and may have a string `pointer`; this one is ignored', range: at(item) });
      continue;
    }
    mentions.push({ code: code.value as string, range: at(code) });
    ignores.push({ code: code.value as string, file: withSlashes(file.value as string), ...(pointer ? { pointer: pointer.value as string } : {}) });
  }
  return ignores;
}
