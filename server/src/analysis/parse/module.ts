// parseModule: a service module / Worker entry (.js, .mjs, .ts, ...) -> ModuleFacts with @babel/parser
// (pure JS, so the server stays portable): the default export's shape (class / function / arrow / object),
// its fetch and methods, WorkerEntrypoint subclasses, named exported classes (RPC targets) and imports.
// Never throws: unreadable input gives `parseError` and empty facts.
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import type { ClassFacts, DefaultExportFacts, DefaultExportStatement, ModuleFacts, ReExport, SyntaxProblem } from '../model';
import { LineIndex } from '../text/line-index';
import { classFacts, functionFacts, keyName, nodeRange, type ModuleScope } from './module/class-facts';
import { collectImports } from './module/imports';

/** A service module bigger than this is a generated bundle; its shape is not worth a slow parse. */
export const MAX_MODULE_BYTES = 5 * 1024 * 1024;

const WORKERS_MODULE = 'cloudflare:workers';

export function moduleLanguageOf(file: string): 'js' | 'ts' {
  return /\.(c|m)?tsx?$/.test(file) ? 'ts' : 'js';
}

export function parseModule(file: string, text: string): ModuleFacts {
  const lines = new LineIndex(text);
  const language = moduleLanguageOf(file);
  const empty = { file, language, lines, exportedClasses: new Map<string, ClassFacts>(), imports: [] };
  const fileStart = lines.rangeOf(0, 0);
  if (text.length > MAX_MODULE_BYTES) return { ...empty, parseError: { message: `the module is ${text.length} characters long, too large to analyse`, range: fileStart }, beyondChecker: true };
  if (text.includes('\u0000')) return { ...empty, parseError: { message: 'the module is binary (it contains NUL bytes), not JavaScript', range: fileStart } };
  let program: t.Program;
  let parseError: SyntaxProblem | undefined;
  let unsupported = false;
  try {
    // What esbuild (wrangler's bundler) reads beyond the standard: decorators (legacy in TypeScript, as tsc), auto
    // accessors, `import source`, and the old `assert` form of import attributes.
    const plugins: NonNullable<Parameters<typeof parse>[1]>['plugins'] = language === 'ts' ? ['typescript', 'decorators-legacy'] : ['decorators'];
    plugins.push('decoratorAutoAccessors', 'sourcePhaseImports', 'deprecatedImportAssert');
    if (/\.(j|t)sx$/.test(file)) plugins.push('jsx');
    const ast = parse(text, { sourceType: 'module', errorRecovery: true, plugins });
    program = ast.program;
    const first = ast.errors?.[0];
    if (first) {
      parseError = syntaxProblem(first, lines);
      unsupported = isUnsupportedSyntax(first);
    }
  } catch (error) {
    return { ...empty, parseError: syntaxProblem(error, lines), ...(isUnsupportedSyntax(error) || error instanceof RangeError ? { beyondChecker: true } : {}) };
  }
  try {
    return { ...empty, ...(parseError ? { parseError } : {}), ...(unsupported ? { beyondChecker: true } : {}), ...readModule(program, lines) };
  } catch (error) {
    // Deeply nested input can overflow the stack in the fact readers; keep the parse error if there was one.
    return { ...empty, parseError: parseError ?? { message: `the module could not be analysed: ${(error as Error)?.message ?? String(error)}`, range: fileStart }, ...(parseError && !unsupported ? {} : { beyondChecker: true }) };
  }
}

/** Babel names the plugin a proposal needs: syntax the parser was not set up for, not a mistake in the module. */
function isUnsupportedSyntax(error: unknown): boolean {
  const code = (error as { reasonCode?: unknown })?.reasonCode;
  return code === 'MissingPlugin' || code === 'MissingOneOfPlugins';
}

function syntaxProblem(error: unknown, lines: LineIndex): SyntaxProblem {
  // The parser recurses per nesting level: absurd nesting overflows the stack, which is no syntax error to show.
  if (error instanceof RangeError) return { message: 'the module is nested too deeply to read', range: lines.rangeOf(0, 0) };
  const e = error as { message?: string; pos?: number; loc?: { index?: number } };
  const offset = typeof e?.pos === 'number' ? e.pos : typeof e?.loc?.index === 'number' ? e.loc.index : 0;
  const message = String(e?.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
  return { message: `syntax error: ${message}`, range: lines.rangeOf(offset, 0) };
}

type Declared = { kind: 'class'; node: t.Class } | { kind: 'function'; node: t.FunctionDeclaration | t.FunctionExpression } | { kind: 'arrow'; node: t.ArrowFunctionExpression } | { kind: 'object'; node: t.ObjectExpression } | { kind: 'other'; node: t.Node };

function readModule(program: t.Program, lines: LineIndex): Pick<ModuleFacts, 'defaultExport' | 'exportedClasses' | 'exportedLocals' | 'otherExports' | 'reExports' | 'reExportsAllFrom' | 'imports'> {
  const declared = new Map<string, Declared>();
  const entrypointNames = new Set<string>();
  const workersNamespaces = new Set<string>();

  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === WORKERS_MODULE) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier' && keyName(specifier.imported) === 'WorkerEntrypoint') entrypointNames.add(specifier.local.name);
        if (specifier.type === 'ImportNamespaceSpecifier') workersNamespaces.add(specifier.local.name);
      }
    }
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if ((declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') && declaration.id) {
      declared.set(declaration.id.name, declaration.type === 'ClassDeclaration' ? { kind: 'class', node: declaration } : { kind: 'function', node: declaration });
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.init) declared.set(declarator.id.name, classify(declarator.init));
      }
    }
  }

  const scope: ModuleScope = {
    lines,
    localClass: (name) => {
      const found = declared.get(name);
      return found?.kind === 'class' ? found.node : undefined;
    },
    isWorkerEntrypoint: (node) =>
      (node.type === 'Identifier' && entrypointNames.has(node.name)) ||
      (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && workersNamespaces.has(node.object.name) && keyName(node.property) === 'WorkerEntrypoint'),
  };

  let defaultExport: DefaultExportFacts | undefined;
  const exportedClasses = new Map<string, ClassFacts>();
  const exportedLocals = new Map<string, string>();
  const otherExports = new Map<string, 'value' | 'opaque'>();
  const reExports: ReExport[] = [];
  const reExportsAllFrom: string[] = [];
  const describe = (found: Declared | undefined, name: string | undefined, at: t.Node): DefaultExportFacts => describeExport(found, name, at, program, scope);

  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      let written: DefaultExportStatement = { value: nodeRange(lines, declaration), form: 'expression' };
      if (declaration.type === 'Identifier') {
        defaultExport = describe(declared.get(declaration.name), declaration.name, statement);
        written = { ...written, form: 'name', name: declaration.name };
      } else if (declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') {
        defaultExport = describe(classify(declaration), declaration.id?.name, statement);
        if (declaration.id) written = { ...written, form: 'declaration', name: declaration.id.name };
      } else if (declaration.type === 'TSDeclareFunction') defaultExport = { kind: 'other', range: nodeRange(lines, statement), hasFetch: false };
      else {
        const inner = unwrap(declaration as t.Expression);
        defaultExport = inner.type === 'Identifier' ? describe(declared.get(inner.name), inner.name, statement) : describe(classify(inner), undefined, statement);
      }
      defaultExport = { ...defaultExport, written };
    } else if (statement.type === 'ExportNamedDeclaration') {
      // `export type { … }` exports nothing at run time.
      if (statement.exportKind === 'type') continue;
      const declaration = statement.declaration;
      if (declaration?.type === 'ClassDeclaration' && declaration.id) exportedClasses.set(declaration.id.name, classFacts(declaration, scope));
      else if (declaration?.type === 'FunctionDeclaration' && declaration.id) otherExports.set(declaration.id.name, 'value');
      else if (declaration?.type === 'TSEnumDeclaration') otherExports.set(declaration.id.name, 'value');
      else if (declaration?.type === 'TSModuleDeclaration' && declaration.id.type === 'Identifier') otherExports.set(declaration.id.name, 'value');
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          const init = declarator.init ? unwrap(declarator.init) : undefined;
          // `export const { A, B } = obj`: names whose values this module cannot show.
          if (declarator.id.type !== 'Identifier') {
            for (const name of boundNames(declarator.id)) otherExports.set(name, 'opaque');
            continue;
          }
          if (init?.type === 'ClassExpression') exportedClasses.set(declarator.id.name, classFacts(init, scope, declarator.id.name));
          else otherExports.set(declarator.id.name, init && isKnownValue(init) ? 'value' : 'opaque');
        }
      }
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ExportNamespaceSpecifier') {
          otherExports.set(specifier.exported.name, 'value');
          continue;
        }
        if (specifier.type !== 'ExportSpecifier' || specifier.exportKind === 'type') continue;
        const exported = keyName(specifier.exported);
        if (statement.source) {
          // Re-exported from another module: its shape is unknown here (module-exports.ts follows named classes).
          // The default too (`export { default } from './hooks'`): its shape is the other module's (module-exports.ts).
          if (exported === 'default') defaultExport = { kind: 'unresolved', range: nodeRange(lines, statement), hasFetch: false };
          if (exported !== undefined) reExports.push({ exported, imported: keyName(specifier.local) ?? exported, specifier: statement.source.value });
          continue;
        }
        const local = specifier.local.name;
        const found = declared.get(local);
        if (exported === 'default') defaultExport = describe(found, local, statement);
        else if (exported !== undefined && found?.kind === 'class') {
          exportedClasses.set(exported, classFacts((found as { node: t.Class }).node, scope, local));
          if (exported !== local) exportedLocals.set(exported, local);
        } else if (exported !== undefined) {
          // An imported binding or a call's result (`traced(class …)`) may be a class this module cannot show.
          otherExports.set(exported, found && (found.kind !== 'other' || isKnownValue(found.node)) ? 'value' : 'opaque');
        }
      }
    }
    // `export * from` never re-exports the default, so it cannot provide one; any named export it may.
    else if (statement.type === 'ExportAllDeclaration' && statement.exportKind !== 'type') reExportsAllFrom.push(statement.source.value);
    // TypeScript `export import I = require('./x')`.
    else if (statement.type === 'TSImportEqualsDeclaration' && statement.isExport) otherExports.set(statement.id.name, 'opaque');
    // TypeScript `export = Orders`: esbuild makes it `module.exports = Orders`, which a default import receives. Not
    // written as `export default`, so no fix rewrites it.
    else if (statement.type === 'TSExportAssignment') {
      const inner = unwrap(statement.expression);
      defaultExport = inner.type === 'Identifier' ? describe(declared.get(inner.name), inner.name, statement) : describe(classify(inner), undefined, statement);
    }
  }

  return {
    ...(defaultExport ? { defaultExport } : {}),
    exportedClasses,
    ...(exportedLocals.size > 0 ? { exportedLocals } : {}),
    ...(otherExports.size > 0 ? { otherExports } : {}),
    ...(reExports.length > 0 ? { reExports } : {}),
    ...(reExportsAllFrom.length > 0 ? { reExportsAllFrom } : {}),
    imports: collectImports(program, lines),
  };
}

/** The names a destructuring pattern binds (`{ a, b: [c], ...d }` -> a, c, d). */
function boundNames(pattern: t.Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => (p.type === 'RestElement' ? boundNames(p.argument) : boundNames(p.value)));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? boundNames(e) : []));
    case 'RestElement':
      return boundNames(pattern.argument);
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    default:
      return [];
  }
}

/** A value that is certainly not a class: a literal, an object or array, a function. */
function isKnownValue(node: t.Node): boolean {
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'BigIntLiteral':
    case 'TemplateLiteral':
    case 'RegExpLiteral':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    default:
      return false;
  }
}

/** Strip TypeScript wrappers (`{...} satisfies ExportedHandler`, `as X`, `x!`) and parentheses. */
function unwrap(expression: t.Expression): t.Expression {
  let current: t.Expression = expression;
  for (let i = 0; i < 100; i++) {
    if (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSTypeAssertion' || current.type === 'ParenthesizedExpression') {
      current = current.expression;
    } else break;
  }
  return current;
}

function classify(node: t.Node): Declared {
  const inner = node.type === 'ClassDeclaration' || node.type === 'FunctionDeclaration' ? node : unwrap(node as t.Expression);
  switch (inner.type) {
    case 'ClassDeclaration':
    case 'ClassExpression':
      return { kind: 'class', node: inner };
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      return { kind: 'function', node: inner };
    case 'ArrowFunctionExpression':
      return { kind: 'arrow', node: inner };
    case 'ObjectExpression':
      return { kind: 'object', node: inner };
    default:
      return { kind: 'other', node: inner };
  }
}

function describeExport(found: Declared | undefined, name: string | undefined, at: t.Node, program: t.Program, scope: ModuleScope): DefaultExportFacts {
  const range = nodeRange(scope.lines, at);
  if (!found) return { kind: 'unresolved', range, hasFetch: false };
  switch (found.kind) {
    case 'class': {
      const cls = classFacts(found.node, scope, name);
      return { kind: 'class', range, cls, hasFetch: hasInstanceMethod(cls, 'fetch') };
    }
    case 'function': {
      // Generators and async functions cannot be called with `new`.
      if (found.node.generator || found.node.async) return { kind: 'other', range, hasFetch: false, ...(found.node.generator ? {} : { asyncFunction: true }) };
      const cls = functionFacts(found.node, name ?? found.node.id?.name ?? undefined, program, scope);
      return { kind: 'function', range, cls, hasFetch: hasInstanceMethod(cls, 'fetch') };
    }
    case 'arrow':
      return { kind: 'arrow', range, hasFetch: false };
    case 'object': {
      const objectKeys: string[] = [];
      for (const property of found.node.properties) {
        if ((property.type === 'ObjectMethod' || property.type === 'ObjectProperty') && !property.computed) {
          const key = keyName(property.key);
          if (key !== undefined) objectKeys.push(key);
        }
      }
      return { kind: 'object', range, objectKeys, hasFetch: objectKeys.includes('fetch') };
    }
    case 'other':
      return { kind: 'other', range, hasFetch: false };
  }
}

function hasInstanceMethod(cls: ClassFacts, name: string): boolean {
  const method = cls.methods.get(name);
  return !!method && !method.isStatic;
}
