// What the extension's TypeScript sources do, read with @babel/parser (no regex over code): the command ids passed
// to `registerCommand(...)` and the string constants they may go through (`CLIENT_COMMANDS.restartServer`,
// `const ID = 'sag.x'`), every string literal, and every property name read (`value.runtime`, `config.get('rules')`).
import { parse } from '@babel/parser';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceFacts {
  /** Command ids (resolved through constants) given to a `registerCommand` call. */
  registeredCommands: Set<string>;
  /** Ids listed in a `SERVER_COMMANDS` array: executed by the server, registered by vscode-languageclient. */
  serverCommands: Set<string>;
  /** Every string literal and every property name read or defined. */
  strings: Set<string>;
  files: string[];
}

type Node = { type: string; [key: string]: unknown };

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function walk(node: unknown, visit: (n: Node, parent: Node | undefined) => void, parent?: Node): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  const n = node as Node;
  if (typeof n.type !== 'string') return;
  visit(n, parent);
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra') continue;
    walk(value, visit, n);
  }
}

function keyName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'StringLiteral') return node.value as string;
  return undefined;
}

export function sourceFacts(files: string[]): SourceFacts {
  // name -> value for `const X = 'v'` and `OBJ.key` for `const OBJ = { key: 'v' }`.
  const constants = new Map<string, string>();
  const strings = new Set<string>();
  const registerArgs: Node[] = [];
  const serverCommandArgs: Node[] = [];
  for (const file of files) {
    const ast = parse(readFileSync(file, 'utf8'), { sourceType: 'module', plugins: ['typescript'], errorRecovery: true });
    walk(ast.program, (node) => {
      if (node.type === 'StringLiteral') strings.add(node.value as string);
      if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
        strings.add(((node.quasis as Node[])[0].value as { cooked: string }).cooked);
      }
      if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') {
        const name = keyName(node.property as Node);
        if (name) strings.add(name);
      }
      if (node.type === 'VariableDeclarator') {
        const id = keyName(node.id as Node);
        const init = node.init as Node | null;
        const unwrapped = init && (init.type === 'TSAsExpression' || init.type === 'TSSatisfiesExpression') ? (init.expression as Node) : init;
        if (id && unwrapped?.type === 'StringLiteral') constants.set(id, unwrapped.value as string);
        if (id === 'SERVER_COMMANDS' && unwrapped?.type === 'ArrayExpression') serverCommandArgs.push(...(unwrapped.elements as Node[]));
        if (id && unwrapped?.type === 'ObjectExpression') {
          for (const prop of unwrapped.properties as Node[]) {
            const key = keyName(prop.key as Node);
            const value = prop.value as Node | undefined;
            if (key && value?.type === 'StringLiteral') constants.set(`${id}.${key}`, value.value as string);
          }
        }
      }
      if (node.type === 'CallExpression') {
        const callee = node.callee as Node;
        const name = callee.type === 'MemberExpression' ? keyName(callee.property as Node) : keyName(callee);
        if (name === 'registerCommand' || name === 'registerTextEditorCommand') registerArgs.push((node.arguments as Node[])[0]);
      }
    });
  }
  const resolve = (arg: Node | undefined): string | undefined => {
    if (!arg) return undefined;
    if (arg.type === 'StringLiteral') return arg.value as string;
    if (arg.type === 'Identifier') return constants.get(arg.name as string);
    if (arg.type === 'MemberExpression') {
      const object = keyName(arg.object as Node);
      const property = keyName(arg.property as Node);
      return object && property ? constants.get(`${object}.${property}`) : undefined;
    }
    return undefined;
  };
  const registeredCommands = new Set(registerArgs.map(resolve).filter((id): id is string => id !== undefined));
  const serverCommands = new Set(serverCommandArgs.map(resolve).filter((id): id is string => id !== undefined));
  return { registeredCommands, serverCommands, strings, files };
}
