// `sag init [DIR] [--template NAME] [--name WORKER] [--yes] [--force] [--upgrade]`: writes a complete gateway
// project from a template (never changing an existing file), vendors the runtime and CLI into vendor/sag/;
// `--upgrade` only refreshes vendor/sag/ of an existing project.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, resolve as resolveOsPath } from 'node:path';
import { didYouMean } from '../../analysis/did-you-mean';
import { normalizePath } from '../../analysis/workspace/paths';
import type { OptionSpec } from '../args';
import { parseOptions } from '../args';
import type { CliIO } from '../io';
import { displayPath, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { askInitQuestions, InitCancelled } from '../scaffold/prompts';
import { DEFAULT_TEMPLATE, isTemplateName, renderTemplate, TEMPLATE_NAMES, TEMPLATE_SUMMARIES, type TemplateName, workerNameFrom, workerNameProblem } from '../scaffold/templates';
import { findToolsLayout, type ToolsLayout } from '../scaffold/tools-layout';
import { VENDOR_DIR, vendoredVersion, writeVendor } from '../scaffold/vendor';
import { blockedFolder, folderEntries, localDevVars, type ProjectWrite, writeProjectFiles } from '../scaffold/write-project';

export const INIT_USAGE = `Usage: sag init [DIR] [options]

Write a complete gateway project into DIR (default: the current folder): api-config.json, wrangler.toml,
.sagrc.json, services/, package.json, README.md, .gitignore, .dev.vars.example, and vendor/sag/ (the gateway
runtime and this CLI, so the project builds without this tool installed). Existing files are never changed.

Options:
  --template NAME   ${TEMPLATE_NAMES.join(' | ')} (default: ${DEFAULT_TEMPLATE})
${TEMPLATE_NAMES.map((t) => `                      ${t.padEnd(18)} ${TEMPLATE_SUMMARIES[t]}`).join('\n')}
  --name WORKER     the Worker name (default: from the folder name)
  -y, --yes         ask nothing; use the defaults (also when not on a terminal)
  --force           write into a folder that is not empty (existing files are kept and listed; a .git folder
                    alone does not count)
  --upgrade         refresh vendor/sag/ of an existing project with this sag's runtime and CLI; nothing else changes
  -h, --help        show this help

Exit codes: 0 = written, 1 = not created (a folder that is not empty without --force, a file that cannot be
written: the message lists anything written before it), 2 = usage error (a bad name or template) or internal
failure, 130 = cancelled at a question (Ctrl+C, Ctrl+D).
`;

/** Like a shell's exit status after Ctrl+C. */
const EXIT_CANCELLED = 130;

const INIT_OPTIONS: OptionSpec[] = [
  { name: 'template', value: 'NAME' },
  { name: 'name', value: 'WORKER' },
  { name: 'yes', short: 'y' },
  { name: 'force' },
  { name: 'upgrade' },
  { name: 'help', short: 'h' },
];

export interface InitIO extends CliIO {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export async function runInit(argv: readonly string[], io: InitIO, layout: ToolsLayout | undefined = findToolsLayout()): Promise<number> {
  const { positionals, values } = parseOptions(argv, INIT_OPTIONS);
  if (values.has('help')) {
    io.stdout.write(INIT_USAGE);
    return EXIT_OK;
  }
  if (positionals.length > 1) throw new UsageError(`takes one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  const get = (name: string): string | undefined => {
    const v = values.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  if (!layout) {
    io.stderr.write('sag init: cannot find the runtime and templates this sag ships with (looked above its own folder); reinstall the tools\n');
    return EXIT_FINDINGS;
  }
  const root = resolveOsPath(io.cwd, positionals[0] ?? '.');
  // Relative when below the current folder; a path full of `../` is harder to paste than the absolute one.
  const relativeRoot = displayPath(io, normalizePath(root));
  const shownRoot = relativeRoot === '' ? '.' : relativeRoot.startsWith('..') ? normalizePath(root) : relativeRoot;

  if (values.has('upgrade')) {
    for (const option of ['template', 'name', 'force']) if (values.has(option)) throw new UsageError(`\`--upgrade\` refreshes ${VENDOR_DIR}/ only; drop \`--${option}\``);
    return upgrade(root, shownRoot, layout, io);
  }

  const templateOption = get('template');
  if (templateOption !== undefined && !isTemplateName(templateOption)) {
    throw new UsageError(`unknown template \`${templateOption}\` (templates: ${TEMPLATE_NAMES.join(', ')})${didYouMean(templateOption, TEMPLATE_NAMES)}`);
  }
  const nameOption = get('name');
  const nameProblem = nameOption === undefined ? undefined : workerNameProblem(nameOption);
  if (nameProblem) throw new UsageError(nameProblem);
  if (!layout.templatesDir) {
    io.stderr.write(`sag init: this sag is a project's vendored copy (${layout.root}), which carries no templates; run \`sag init\` from the installed tools or the editor extension\n`);
    return EXIT_FINDINGS;
  }

  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${shownRoot} is a file, not a folder; name a folder for the new project`);
  // A fresh `git init` (or a clone of an empty repository) is still an empty project folder: `.git` is no file of ours.
  const existing = folderEntries(root).filter((entry) => entry !== '.git');
  if (existing.length > 0 && !values.has('force')) {
    const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ', …' : '');
    io.stderr.write(`sag init: ${shownRoot} is not empty (${shown}); choose an empty folder, or pass --force to add the project files there (existing files are kept unchanged)\n`);
    return EXIT_FINDINGS;
  }

  let template: TemplateName = (templateOption as TemplateName | undefined) ?? DEFAULT_TEMPLATE;
  let name = nameOption ?? workerNameFrom(basename(root));
  const interactive = !values.has('yes') && io.stdin?.isTTY === true && io.stdout.isTTY === true;
  if (interactive && (templateOption === undefined || nameOption === undefined)) {
    let answers: Awaited<ReturnType<typeof askInitQuestions>>;
    try {
      answers = await askInitQuestions({ ...(templateOption ? { template } : {}), name }, io.stdin!, io.stdout as NodeJS.WritableStream);
    } catch (error) {
      if (!(error instanceof InitCancelled)) throw error;
      io.stderr.write('\nsag init: cancelled; nothing was written\n');
      return EXIT_CANCELLED;
    }
    template = answers.template;
    name = nameOption ?? answers.name;
  }

  const files = renderTemplate(layout.templatesDir, template, { name });
  const blocked = blockedFolder(root, [...files.keys(), `${VENDOR_DIR}/package.json`]);
  if (blocked !== undefined) {
    io.stderr.write(`sag init: ${shownRoot === '.' ? blocked : `${shownRoot}/${blocked}`} is a file, but the template puts files in a folder of that name; move or rename it, or create the project in another folder; nothing was written\n`);
    return EXIT_FINDINGS;
  }
  let project: ProjectWrite;
  let secrets: ProjectWrite;
  let vendor: ReturnType<typeof writeVendor>;
  // Every file written so far, kept across a failure: what is there then is said, not "nothing".
  const written: string[] = [];
  try {
    mkdirSync(root, { recursive: true });
    project = writeProjectFiles(root, files, written);
    secrets = writeProjectFiles(root, localDevVars(files), written);
    vendor = writeVendor(root, layout, false, written);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (!e.code) throw error;
    const partial = written.length > 0 ? `; written before that: ${written.join(', ')} (run again with --force once it can be written: existing files are kept)` : '; nothing was written';
    io.stderr.write(`sag init: cannot create the project in ${shownRoot}: ${writeFailure(e)}; check that the folder can be written${e.code === 'ENOSPC' ? ' and the disk has room' : ''}${partial}\n`);
    return EXIT_FINDINGS;
  }

  const out = io.stdout;
  out.write(`Created ${name} (template ${template}) in ${shownRoot}:\n`);
  for (const file of [...project.written, ...secrets.written]) out.write(`  ${file}\n`);
  out.write(`  ${VENDOR_DIR}/ (sag ${layout.version}: runtime and CLI)\n`);
  const kept = [...project.kept, ...vendor.kept];
  if (kept.length > 0) {
    out.write(`Kept existing files unchanged (compare them with the template yourself):\n`);
    for (const file of kept) out.write(`  ${file}\n`);
  }
  out.write(`\nNext:\n${shownRoot === '.' ? '' : `  cd ${shellWord(shownRoot)}\n`}  npm install\n  npm run dev\n`);
  return EXIT_OK;
}

function upgrade(root: string, shownRoot: string, layout: ToolsLayout, io: CliIO): number {
  const isProject = existsSync(`${root}/api-config.json`) || vendoredVersion(root) !== undefined;
  if (!isProject) {
    io.stderr.write(`sag init --upgrade: ${shownRoot} holds no gateway project (no api-config.json, no ${VENDOR_DIR}/); run \`sag init\` to create one\n`);
    return EXIT_FINDINGS;
  }
  if (layout.kind === 'vendored' && layout.root === resolveOsPath(root, VENDOR_DIR)) {
    io.stderr.write(`sag init --upgrade: this is the project's own vendored sag; run the upgrade with the newer installed sag or the editor command\n`);
    return EXIT_FINDINGS;
  }
  const before = vendoredVersion(root);
  try {
    writeVendor(root, layout, true);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (!e.code) throw error;
    io.stderr.write(`sag init --upgrade: cannot write ${VENDOR_DIR}/ in ${shownRoot}: ${writeFailure(e)}; its VERSION still says ${before ?? 'nothing'}, so \`sag check\` keeps saying the copy is old; make the folder writable and run again\n`);
    return EXIT_FINDINGS;
  }
  io.stdout.write(`${VENDOR_DIR}/ in ${shownRoot}: ${before ? `sag ${before} -> ${layout.version}` : `sag ${layout.version} (new)`}\n`);
  return EXIT_OK;
}

/** A write that failed, as the messages name it: its code and the file (`EACCES on /p/services/hello.js`). */
function writeFailure(error: NodeJS.ErrnoException): string {
  return `${error.code}${error.path ? ` on ${error.path}` : ''}`;
}

/**
 * A path as one word for `cd`: bare when it can be, in double quotes when that reads back as it is in POSIX shells,
 * cmd and PowerShell alike (no `"`, `$`, backquote, backslash or `!` in it), else in POSIX single quotes.
 */
export function shellWord(path: string): string {
  // `cd -dash` reads an option: a leading `-` gets `./` (no quoting helps there).
  const word = path.startsWith('-') ? `./${path}` : path;
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  // `!` expands inside double quotes in an interactive bash (history), so it takes single quotes too.
  if (!/["$`\\!]/.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, "'\\''")}'`;
}
