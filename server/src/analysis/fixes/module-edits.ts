// Fix edits on JavaScript/TypeScript modules: a new service module from the class template (SAG401), a method stub
// in a bound Worker's WorkerEntrypoint class (SAG304), and the default export of a service module made what the
// gateway constructs (SAG404–SAG406, SAG410). All are unsafe: they change code the user wrote or still has to write.
import { endOfTrailingComment, skipBlanks } from '../text/line-end';
import { lineIndentAt } from '../text/line-prefix';
import type { CreateFileEdit, RuntimeTarget, TextFileEdit } from '../findings';
import type { ClassFacts, DefaultExportFacts, ModuleFacts } from '../model';

/** Insert `async name(...) {}` before the closing brace of the class, indented like its other members. */
export function addMethodStub(module: ModuleFacts, cls: ClassFacts, name: string, runtime: RuntimeTarget): TextFileEdit[] | undefined {
  // The upstream gateway passes (request, envJson, contextJson) and continues only on `true`; ours passes
  // (request, context) and continues on undefined (SPEC C.9, E.3).
  const params = runtime === 'upstream' ? 'request, env, context' : 'request, context';
  const body = runtime === 'upstream' ? 'return true;' : 'return undefined;';
  const ts = module.language === 'ts';
  const typedParams = ts ? params.split(', ').map((p) => (p === 'request' ? 'request: Request' : `${p}: unknown`)).join(', ') : params;
  return insertClassMember(module, cls, (member, body2) => [`${member}async ${name}(${typedParams}) {`, `${body2}// TODO: implement \`${name}\` (called by the gateway)`, `${body2}${body}`, `${member}}`]);
}

/** SAG406: an `async fetch(...)` that answers 501 until it is written, as the last member of the class. */
export function addFetchMethod(module: ModuleFacts, cls: ClassFacts, runtime: RuntimeTarget): TextFileEdit[] | undefined {
  return insertClassMember(module, cls, (member, body) => fetchStub(module, runtime, member, body));
}

/** Lines of a new member before the closing brace of the class: `lines(memberIndent, bodyIndent)`. */
function insertClassMember(module: ModuleFacts, cls: ClassFacts, lines: (memberIndent: string, bodyIndent: string) => string[]): TextFileEdit[] | undefined {
  const text = module.lines.text;
  const end = module.lines.offsetAt(cls.range.end);
  const close = end - 1;
  if (text[close] !== '}') return undefined;
  const eol = module.lines.eol;
  const classIndent = lineIndentAt(module.lines, module.lines.offsetAt(cls.range.start));
  const firstMethod = [...cls.methods.values()][0];
  // A member on the class's own line (`class { handle() {} }`) says nothing about how members are indented.
  const ownLine = firstMethod !== undefined && firstMethod.range.start.line !== cls.range.start.line;
  const memberIndent = ownLine ? lineIndentAt(module.lines, module.lines.offsetAt(firstMethod.range.start)) : `${classIndent}${indentUnit(text)}`;
  const bodyIndent = memberIndent + (memberIndent.length > classIndent.length ? memberIndent.slice(classIndent.length) : indentUnit(text));
  const member = lines(memberIndent, bodyIndent);
  // Put the member on its own lines before the `}`; the text before it on that line (if any) stays.
  let lineStart = close;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const onlyIndentBefore = text.slice(lineStart, close).trim() === '';
  const at = onlyIndentBefore ? lineStart : close;
  // A field without its semicolon before it (`get`, `static`, `x = 1`) would read the new member as part of it.
  const previous = /\S(?=\s*$)/.exec(text.slice(module.lines.offsetAt(cls.range.start), at))?.[0];
  if (previous !== undefined && !'{};'.includes(previous)) member[0] = member[0]!.replace(/^(\s*)/, '$1;');
  if (onlyIndentBefore) return [{ file: module.file, range: module.lines.rangeOf(at, 0), newText: `${member.join(eol)}${eol}` }];
  // After code on the line: the spaces before the `}` would end a line; they go.
  let blanks = close;
  while (text[blanks - 1] === ' ' || text[blanks - 1] === '\t') blanks--;
  return [{ file: module.file, range: module.lines.rangeOf(blanks, close - blanks), newText: `${eol}${member.join(eol)}${eol}${classIndent}` }];
}

/** SAG404: `export default Local;` after the last line, for a class the module already exports by name. */
export function exportAsDefault(module: ModuleFacts, exportedName: string): TextFileEdit[] {
  return appendToModule(module, [`export default ${module.exportedLocals?.get(exportedName) ?? exportedName};`]);
}

/** SAG404 with no class to export: a default-export service class after the last line. */
export function appendServiceClass(module: ModuleFacts, runtime: RuntimeTarget): TextFileEdit[] {
  const unit = indentUnit(module.lines.text);
  return appendToModule(module, [
    'export default class {',
    ...fetchStub(module, runtime, unit, `${unit}${unit}`),
    '}',
  ]);
}

/**
 * SAG405: keep the non-constructible default export under a name and export a class whose fetch calls it:
 * `export default { fetch }` -> `const worker = { fetch };` + a class calling `worker.fetch(...args)`; an arrow or
 * async function is called as it is. Only the words `export default` (or, for `export default name`, the name) are
 * replaced, so comments and parentheses stay. undefined when the export is not written as `export default …` or
 * is neither.
 */
export function wrapDefaultExport(module: ModuleFacts, def: DefaultExportFacts): TextFileEdit[] | undefined {
  const written = def.written;
  const callable = def.kind === 'arrow' || def.asyncFunction === true;
  if (!written || !(callable || (def.kind === 'object' && def.hasFetch))) return undefined;
  const { lines } = module;
  const text = lines.text;
  const statementStart = lines.offsetAt(def.range.start);
  const statementEnd = lines.offsetAt(def.range.end);
  const keywords = /^export\s+default\s*/.exec(text.slice(statementStart, statementEnd));
  if (!keywords) return undefined;
  const name = written.name ?? freeName(text, callable ? 'handler' : 'worker');
  const ts = module.language === 'ts';
  const target = callable ? name : `${name}.fetch`;
  const parameters = ts ? `...args: Parameters<${callable ? `typeof ${name}` : `NonNullable<typeof ${name}.fetch>`}>` : '...args';
  const unit = indentUnit(text);
  const eol = lines.eol;
  const body = [`${unit}async fetch(${parameters}) {`, `${unit}${unit}return ${target}${ts && !callable ? '!' : ''}(...args);`, `${unit}}`, '}'];
  // `export default name;` becomes `export default class { … };`: the statement and its comments stay.
  if (written.form === 'name') return [{ file: module.file, range: written.value, newText: ['class {', ...body].join(eol) }];
  const head = written.form === 'declaration' ? '' : `const ${name} = `;
  const tail = written.form === 'expression' && text[statementEnd - 1] !== ';' ? ';' : '';
  const after = endOfLineComment(text, statementEnd);
  return [
    { file: module.file, range: lines.rangeOf(statementStart, keywords[0].length), newText: head },
    ...(tail ? [{ file: module.file, range: lines.rangeOf(statementEnd, 0), newText: tail }] : []),
    { file: module.file, range: lines.rangeOf(after, 0), newText: `${eol}${eol}${['export default class {', ...body].join(eol)}` },
  ];
}

/** Past a comment that ends the line `offset` is on (`… // the handler`), so what follows goes after it. */
function endOfLineComment(text: string, offset: number): number {
  const end = endOfTrailingComment(text, offset);
  return end === offset ? offset : skipBlanks(text, end);
}

/** SAG410: remove ` extends WorkerEntrypoint` from the class that writes it. */
export function dropWorkerEntrypoint(module: ModuleFacts, cls: ClassFacts): TextFileEdit[] | undefined {
  return cls.workerEntrypointClause ? [{ file: module.file, range: cls.workerEntrypointClause.range, newText: '' }] : undefined;
}

function appendToModule(module: ModuleFacts, lines: string[]): TextFileEdit[] {
  const text = module.lines.text;
  const eol = module.lines.eol;
  const endsWithEol = text.length === 0 || text.endsWith('\n') || text.endsWith('\r');
  const at = module.lines.rangeOf(text.length, 0);
  return [{ file: module.file, range: at, newText: `${endsWithEol ? '' : eol}${text.length === 0 ? '' : eol}${lines.join(eol)}${eol}` }];
}

/** `base`, or `base2`, `base3`, ... : the first the module does not already use as a word (`h\\u0061ndler` too). */
function freeName(text: string, base: string): string {
  const words = text.includes('\\u') ? text.replace(/\\u\{?([0-9a-fA-F]{1,6})\}?/g, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff))) : text;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}${n}`;
    if (!new RegExp(`(^|[^\\w$])${name}($|[^\\w$])`).test(words)) return name;
  }
}

/** The module's own indent step: a tab, or the spaces of its first indented line (2 when nothing is indented). */
function indentUnit(text: string): string {
  // Not the one space before a JSDoc line's `*`.
  const match = /\n([ \t]+)[^\s*]/.exec(text);
  if (!match) return '  ';
  return match[1]!.startsWith('\t') ? '\t' : match[1]!;
}

/** An `async fetch` that answers 501 until written, its lines indented `member` and its body `body`. */
function fetchStub(module: ModuleFacts, runtime: RuntimeTarget, member: string, body: string): string[] {
  return [
    `${member}async fetch(${fetchParams(module.language === 'ts', runtime)}) {`,
    `${body}// TODO: answer the gateway's requests for this service`,
    `${body}return new Response('Not implemented', { status: 501 });`,
    `${member}}`,
  ];
}

function fetchParams(ts: boolean, runtime: RuntimeTarget): string {
  // The bundled gateway passes its request context fourth (SPEC E.4); upstream constructs and calls fetch(request, env, ctx).
  const names = runtime === 'upstream' ? ['request', 'env', 'ctx'] : ['request', 'env', 'ctx', 'context'];
  return names.map((n) => (ts ? `${n}: ${n === 'request' ? 'Request' : 'unknown'}` : n)).join(', ');
}

/**
 * A new service module with the shape the runtime needs (SPEC A.3 / E.4): a default-exported class whose
 * instances have `fetch`. TypeScript when the file is `.ts`.
 */
export function serviceModuleTemplate(file: string, alias: string, runtime: RuntimeTarget): CreateFileEdit {
  const ts = file.endsWith('.ts');
  const className = `${alias.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()) || 'Service'}Service`;
  const params = fetchParams(ts, runtime);
  const newText = [
    `// Service \`${alias}\` of the API gateway: the gateway constructs this class and calls fetch().`,
    `export default class ${/^[A-Za-z_$]/.test(className) ? className : `S${className}`} {`,
    `  async fetch(${params})${ts ? ': Promise<Response>' : ''} {`,
    `    return new Response(JSON.stringify({ service: ${JSON.stringify(alias)} }), { headers: { 'Content-Type': 'application/json' } });`,
    '  }',
    '}',
    '',
  ].join('\n');
  return { file, create: true, newText };
}
