// Every module a file loads: static imports, re-exports and `import("literal")` anywhere in the file (SAG408).
import type * as t from '@babel/types';
import type { ModuleImport } from '../../model';
import type { LineIndex } from '../../text/line-index';
import { nodeRange } from './class-facts';

const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens', 'errors']);
/** Node visits before giving up on dynamic imports: a generated 5 MB bundle must not stall the checker. */
const MAX_VISITS = 500_000;

export function collectImports(program: t.Program, lines: LineIndex): ModuleImport[] {
  const imports: ModuleImport[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' || ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source)) {
      const source = statement.source!;
      // Type-only imports vanish when TypeScript is compiled; they still count for a .ts file uploaded as is.
      imports.push({ specifier: source.value, range: nodeRange(lines, source), dynamic: false });
    }
  }
  const stack: unknown[] = [program];
  let visits = 0;
  while (stack.length > 0 && visits++ < MAX_VISITS) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    const typed = node as t.Node;
    if (typed.type === 'CallExpression' && typed.callee.type === 'Import') {
      const specifier = literalSpecifier(typed.arguments[0]);
      if (specifier) imports.push({ specifier: specifier.value, range: nodeRange(lines, specifier.node), dynamic: true });
    } else if ((typed.type as string) === 'ImportExpression') {
      const source = (typed as unknown as { source: t.Node }).source;
      const specifier = literalSpecifier(source);
      if (specifier) imports.push({ specifier: specifier.value, range: nodeRange(lines, specifier.node), dynamic: true });
    }
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const child = (node as Record<string, unknown>)[key];
      if (child && typeof child === 'object') stack.push(child);
    }
  }
  return imports.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function literalSpecifier(node: t.Node | undefined): { value: string; node: t.Node } | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return { value: node.value, node };
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis.length === 1) {
    return { value: node.quasis[0]!.value.cooked ?? node.quasis[0]!.value.raw, node };
  }
  return undefined;
}
