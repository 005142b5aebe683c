// Class facts for service modules and RPC targets: methods (with static/private flags and return kinds),
// the super class, and inheritance from classes of the same module merged in (SAG406 counts inherited fetch).
// A constructor function gets the same facts from `Fn.prototype.x = ...` and `this.x = ...` assignments.
import type * as t from '@babel/types';
import type { ClassFacts, MethodFacts } from '../../model';
import type { LineIndex } from '../../text/line-index';
import { returnKindsOf } from './return-kinds';

export interface ModuleScope {
  lines: LineIndex;
  /** A class declared (or assigned to a const) at the top level of the module, by its local name. */
  localClass(name: string): t.Class | undefined;
  /** Whether the expression names `WorkerEntrypoint` from "cloudflare:workers" (alias and namespace imports included). */
  isWorkerEntrypoint(expression: t.Node): boolean;
}

export function nodeRange(lines: LineIndex, node: t.Node) {
  return lines.rangeOf(node.start ?? 0, (node.end ?? node.start ?? 0) - (node.start ?? 0));
}

export function classFacts(node: t.Class, scope: ModuleScope, name?: string): ClassFacts {
  return buildClassFacts(node, scope, name, new Set());
}

function buildClassFacts(node: t.Class, scope: ModuleScope, name: string | undefined, seen: Set<t.Node>): ClassFacts {
  seen.add(node);
  const methods = new Map<string, MethodFacts>();
  let extendsWorkerEntrypoint = false;
  let workerEntrypointClause: ClassFacts['workerEntrypointClause'];
  let inheritsUnknown = false;
  let superClass: string | undefined;
  if (node.superClass) {
    superClass = expressionName(node.superClass);
    if (scope.isWorkerEntrypoint(node.superClass)) {
      extendsWorkerEntrypoint = true;
      const range = hasConstructor(node) ? undefined : extendsClause(node, scope.lines);
      const owner = node.id?.name ?? name;
      if (range) workerEntrypointClause = { range, ...(owner ? { owner } : {}) };
    } else {
      const parent = node.superClass.type === 'Identifier' ? scope.localClass(node.superClass.name) : undefined;
      if (parent && !seen.has(parent)) {
        const inherited = buildClassFacts(parent, scope, (node.superClass as t.Identifier).name, seen);
        extendsWorkerEntrypoint = inherited.extendsWorkerEntrypoint;
        workerEntrypointClause = inherited.workerEntrypointClause;
        if (inherited.inheritsUnknown) inheritsUnknown = true;
        for (const [methodName, method] of inherited.methods) methods.set(methodName, method);
      } else if (!parent) inheritsUnknown = true;
    }
  }
  for (const member of node.body.body) {
    const method = memberMethod(member, scope.lines);
    if (method) methods.set(method.name, method);
  }
  const className = node.id?.name ?? name;
  return {
    ...(className ? { name: className } : {}),
    range: nodeRange(scope.lines, node),
    ...(superClass ? { superClass } : {}),
    extendsWorkerEntrypoint,
    ...(workerEntrypointClause ? { workerEntrypointClause } : {}),
    ...(inheritsUnknown ? { inheritsUnknown } : {}),
    methods,
  };
}

/**
 * ` extends WorkerEntrypoint<Env>`: from the end of what precedes `extends` (the class name and its type parameters,
 * or the `class` keyword) to the end of the super class and its type arguments. undefined when a comment sits in it.
 */
function extendsClause(node: t.Class, lines: LineIndex) {
  const superClass = node.superClass!;
  const before = node.typeParameters ?? node.id;
  const start = before?.end ?? (node.start ?? 0) + 'class'.length;
  const end = (node as { superTypeParameters?: t.Node | null }).superTypeParameters?.end ?? superClass.end ?? start;
  const text = lines.text.slice(start, end);
  // `extends (WorkerEntrypoint)`: the node leaves the parentheses out of its range, so the clause is not all of it.
  if (!/^\s+extends\s/.test(text) || /\/\*|\/\/|[()]/.test(text)) return undefined;
  return lines.rangeOf(start, end - start);
}

function hasConstructor(node: t.Class): boolean {
  return node.body.body.some((member) => member.type === 'ClassMethod' && member.kind === 'constructor');
}

function memberMethod(member: t.Node, lines: LineIndex): MethodFacts | undefined {
  switch (member.type) {
    case 'ClassMethod': {
      // A getter counts: `get fetch() { return handler; }` is read as instance.fetch like a method is.
      if (member.kind === 'constructor' || member.kind === 'set' || (member.computed && !isLiteralKey(member.key))) return undefined;
      const name = keyName(member.key);
      if (name === undefined) return undefined;
      return { name, range: nodeRange(lines, member), isStatic: member.static, isPrivate: isTsPrivate(member.accessibility), returns: returnKindsOf(member) };
    }
    case 'ClassPrivateMethod': {
      if (member.kind !== 'method') return undefined;
      return { name: `#${member.key.id.name}`, range: nodeRange(lines, member), isStatic: member.static, isPrivate: true, returns: returnKindsOf(member) };
    }
    case 'ClassProperty': {
      if (member.computed && !isLiteralKey(member.key)) return undefined;
      const name = keyName(member.key);
      if (name === undefined) return undefined;
      // TypeScript `declare fetch: Handler`: provided at run time by something the module does not show.
      if (member.declare) return { name, range: nodeRange(lines, member), isStatic: member.static, isPrivate: isTsPrivate(member.accessibility), returns: [] };
      // `fetch = async (request) => ...` gives every instance a fetch as well.
      if (!member.value || (member.value.type !== 'ArrowFunctionExpression' && member.value.type !== 'FunctionExpression')) return undefined;
      return { name, range: nodeRange(lines, member), isStatic: member.static, isPrivate: isTsPrivate(member.accessibility), returns: returnKindsOf(member.value) };
    }
    case 'ClassPrivateProperty': {
      if (!member.value || (member.value.type !== 'ArrowFunctionExpression' && member.value.type !== 'FunctionExpression')) return undefined;
      return { name: `#${member.key.id.name}`, range: nodeRange(lines, member), isStatic: member.static, isPrivate: true, returns: returnKindsOf(member.value) };
    }
    default:
      return undefined;
  }
}

/** `['fetch']`: a computed key that is a plain string. */
function isLiteralKey(key: t.Node): boolean {
  return key.type === 'StringLiteral' || (key.type === 'TemplateLiteral' && key.expressions.length === 0);
}

function isTsPrivate(accessibility: string | null | undefined): boolean {
  return accessibility === 'private' || accessibility === 'protected';
}

export function keyName(key: t.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  if (key.type === 'NumericLiteral') return String(key.value);
  return undefined;
}

/** `Foo`, `cf.WorkerEntrypoint`; undefined for anything computed. */
export function expressionName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed) {
    const object = expressionName(node.object);
    const property = keyName(node.property);
    return object && property ? `${object}.${property}` : undefined;
  }
  return undefined;
}

type FunctionNode = t.FunctionDeclaration | t.FunctionExpression;

/** Facts of a constructor function: methods from `Name.prototype.m = fn`, `Name.prototype = { ... }` and `this.m = fn`. */
export function functionFacts(fn: FunctionNode, name: string | undefined, program: t.Program, scope: ModuleScope): ClassFacts {
  const methods = new Map<string, MethodFacts>();
  const add = (methodName: string | undefined, value: t.Node, at: t.Node): void => {
    if (methodName === undefined) return;
    if (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression') return;
    methods.set(methodName, { name: methodName, range: nodeRange(scope.lines, at), isStatic: false, isPrivate: false, returns: returnKindsOf(value) });
  };
  for (const statement of fn.body.body) {
    const assignment = assignmentOf(statement);
    if (assignment && assignment.left.type === 'MemberExpression' && assignment.left.object.type === 'ThisExpression' && !assignment.left.computed) {
      add(keyName(assignment.left.property), assignment.right, statement);
    }
  }
  if (name !== undefined) {
    for (const statement of program.body) {
      const assignment = assignmentOf(statement);
      if (!assignment || assignment.left.type !== 'MemberExpression' || assignment.left.computed) continue;
      const target = expressionName(assignment.left);
      if (target === `${name}.prototype` && assignment.right.type === 'ObjectExpression') {
        for (const property of assignment.right.properties) {
          if (property.type === 'ObjectMethod' && property.kind === 'method' && !property.computed) {
            const methodName = keyName(property.key);
            if (methodName !== undefined) methods.set(methodName, { name: methodName, range: nodeRange(scope.lines, property), isStatic: false, isPrivate: false, returns: returnKindsOf(property) });
          } else if (property.type === 'ObjectProperty' && !property.computed) {
            add(keyName(property.key), property.value, property);
          }
        }
      } else if (target?.startsWith(`${name}.prototype.`)) {
        add(target.slice(`${name}.prototype.`.length), assignment.right, statement);
      }
    }
  }
  return { ...(name ? { name } : {}), range: nodeRange(scope.lines, fn), extendsWorkerEntrypoint: false, methods };
}

function assignmentOf(statement: t.Statement): t.AssignmentExpression | undefined {
  if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return undefined;
  return statement.expression.operator === '=' ? statement.expression : undefined;
}
