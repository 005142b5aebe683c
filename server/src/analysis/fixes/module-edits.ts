// Fix edits on JavaScript/TypeScript modules: a new service module from the class template (SAG401) and a
// method stub in a bound Worker's WorkerEntrypoint class (SAG304). Stubs are marked unsafe: they add code
// the user still has to write.
import { lineIndentAt } from '../text/line-prefix';
import type { CreateFileEdit, RuntimeTarget, TextFileEdit } from '../findings';
import type { ClassFacts, ModuleFacts } from '../model';

/** Insert `async name(...) {}` before the closing brace of the class, indented like its other members. */
export function addMethodStub(module: ModuleFacts, cls: ClassFacts, name: string, runtime: RuntimeTarget): TextFileEdit[] | undefined {
  const text = module.lines.text;
  const end = module.lines.offsetAt(cls.range.end);
  const close = end - 1;
  if (text[close] !== '}') return undefined;
  const eol = module.lines.eol;
  const classIndent = lineIndentAt(module.lines, module.lines.offsetAt(cls.range.start));
  const firstMethod = [...cls.methods.values()][0];
  const memberIndent = firstMethod ? lineIndentAt(module.lines, module.lines.offsetAt(firstMethod.range.start)) : `${classIndent}  `;
  const bodyIndent = memberIndent + (memberIndent.length > classIndent.length ? memberIndent.slice(classIndent.length) : '  ');
  // The upstream gateway passes (request, envJson, contextJson) and continues only on `true`; ours passes
  // (request, context) and continues on undefined (SPEC C.9, E.3).
  const params = runtime === 'upstream' ? 'request, env, context' : 'request, context';
  const body = runtime === 'upstream' ? 'return true;' : 'return undefined;';
  const ts = module.language === 'ts';
  const typedParams = ts ? params.split(', ').map((p) => (p === 'request' ? 'request: Request' : `${p}: unknown`)).join(', ') : params;
  const lines = [`${memberIndent}async ${name}(${typedParams}) {`, `${bodyIndent}// TODO: implement \`${name}\` (called by the gateway)`, `${bodyIndent}${body}`, `${memberIndent}}`];
  // Put the stub on its own lines before the `}`; the text before it on that line (if any) stays.
  let lineStart = close;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const onlyIndentBefore = text.slice(lineStart, close).trim() === '';
  const at = onlyIndentBefore ? lineStart : close;
  const newText = onlyIndentBefore ? `${lines.join(eol)}${eol}` : `${eol}${lines.join(eol)}${eol}${classIndent}`;
  const position = module.lines.positionAt(at);
  return [{ file: module.file, range: { start: position, end: position }, newText }];
}

/**
 * A new service module with the shape the runtime needs (SPEC A.3 / E.4): a default-exported class whose
 * instances have `fetch`. TypeScript when the file is `.ts`.
 */
export function serviceModuleTemplate(file: string, alias: string, runtime: RuntimeTarget): CreateFileEdit {
  const ts = file.endsWith('.ts');
  const className = `${alias.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()) || 'Service'}Service`;
  const params = runtime === 'upstream' ? (ts ? 'request: Request, env: unknown, ctx: unknown' : 'request, env, ctx') : ts ? 'request: Request, env: unknown, ctx: unknown, context: unknown' : 'request, env, ctx, context';
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
