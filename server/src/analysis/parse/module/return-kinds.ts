// Best-effort classification of what a function returns (SAG409, SAG121): the kinds of every `return` in the
// body (nested functions excluded) plus 'implicit' when control can fall off the end.
import type * as t from '@babel/types';
import type { ReturnKind } from '../../model';

type FunctionLike = t.Function | t.ClassMethod | t.ClassPrivateMethod | t.ObjectMethod;

export function returnKindsOf(fn: FunctionLike): ReturnKind[] {
  const kinds = new Set<ReturnKind>();
  if (fn.body.type !== 'BlockStatement') {
    // Arrow with an expression body.
    for (const kind of expressionKinds(fn.body as t.Expression)) kinds.add(kind);
    return [...kinds];
  }
  collectReturns(fn.body, kinds, 0);
  if (!alwaysExits(fn.body)) kinds.add('implicit');
  return [...kinds];
}

const MAX_DEPTH = 500;

function collectReturns(node: t.Node | null | undefined, kinds: Set<ReturnKind>, depth: number): void {
  if (!node || depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'ReturnStatement':
      if (node.argument) for (const kind of expressionKinds(node.argument)) kinds.add(kind);
      else kinds.add('undefined');
      return;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return;
    case 'BlockStatement':
    case 'Program':
      for (const statement of node.body) collectReturns(statement, kinds, depth + 1);
      return;
    case 'IfStatement':
      collectReturns(node.consequent, kinds, depth + 1);
      collectReturns(node.alternate, kinds, depth + 1);
      return;
    case 'TryStatement':
      collectReturns(node.block, kinds, depth + 1);
      collectReturns(node.handler?.body, kinds, depth + 1);
      collectReturns(node.finalizer, kinds, depth + 1);
      return;
    case 'SwitchStatement':
      for (const c of node.cases) for (const statement of c.consequent) collectReturns(statement, kinds, depth + 1);
      return;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
    case 'WithStatement':
      collectReturns(node.body, kinds, depth + 1);
      return;
    default:
      return;
  }
}

export function expressionKinds(expression: t.Expression | t.Node, depth = 0): ReturnKind[] {
  if (depth > 50) return ['other'];
  switch (expression.type) {
    case 'NullLiteral':
      return ['null'];
    case 'BooleanLiteral':
      return [expression.value ? 'true' : 'false'];
    case 'NumericLiteral':
    case 'BigIntLiteral':
      return ['number'];
    case 'StringLiteral':
    case 'TemplateLiteral':
      return ['string'];
    case 'ObjectExpression':
    case 'ArrayExpression':
      return ['object'];
    case 'Identifier':
      return expression.name === 'undefined' ? ['undefined'] : ['other'];
    case 'UnaryExpression':
      if (expression.operator === 'void') return ['undefined'];
      if (expression.operator === '!') return ['true', 'false'];
      return expression.operator === '-' || expression.operator === '+' ? ['number'] : ['other'];
    case 'NewExpression':
      if (expression.callee.type === 'Identifier' && expression.callee.name === 'Response') return ['response'];
      if (expression.callee.type === 'Identifier' && expression.callee.name === 'Request') return ['request'];
      return ['object'];
    case 'CallExpression':
      return callKinds(expression);
    case 'AwaitExpression':
      return expressionKinds(expression.argument, depth + 1);
    case 'ConditionalExpression':
      return [...expressionKinds(expression.consequent, depth + 1), ...expressionKinds(expression.alternate, depth + 1)];
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return expressionKinds(expression.expression, depth + 1);
    case 'SequenceExpression':
      return expressionKinds(expression.expressions[expression.expressions.length - 1]!, depth + 1);
    default:
      return ['other'];
  }
}

function callKinds(call: t.CallExpression): ReturnKind[] {
  const callee = call.callee;
  // `fetch(...)` resolves to a Response; so do Response.json / Response.redirect / Response.error.
  if (callee.type === 'Identifier' && callee.name === 'fetch') return ['response'];
  if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Response') return ['response'];
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'fetch') return ['response'];
  return ['other'];
}

/** Whether every path through the statement ends in `return` or `throw` (conservative: false when unsure). */
export function alwaysExits(node: t.Statement | null | undefined, depth = 0): boolean {
  if (!node || depth > MAX_DEPTH) return false;
  switch (node.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return node.body.some((statement) => alwaysExits(statement, depth + 1));
    case 'IfStatement':
      return alwaysExits(node.consequent, depth + 1) && alwaysExits(node.alternate, depth + 1);
    case 'TryStatement':
      if (node.finalizer && alwaysExits(node.finalizer, depth + 1)) return true;
      return alwaysExits(node.block, depth + 1) && (!node.handler || alwaysExits(node.handler.body, depth + 1));
    case 'SwitchStatement': {
      const hasDefault = node.cases.some((c) => c.test === null);
      if (!hasDefault || containsBreak(node.cases.flatMap((c) => c.consequent))) return false;
      const last = node.cases[node.cases.length - 1];
      return !!last && last.consequent.some((statement) => alwaysExits(statement, depth + 1));
    }
    case 'WhileStatement':
      return node.test.type === 'BooleanLiteral' && node.test.value && !containsBreak([node.body]);
    case 'ForStatement':
      return !node.test && !containsBreak([node.body]);
    case 'LabeledStatement':
      return alwaysExits(node.body, depth + 1);
    default:
      return false;
  }
}

/** A `break` that would leave the enclosing loop or switch (not one inside a nested loop, switch or function). */
function containsBreak(statements: t.Statement[], depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  for (const statement of statements) {
    switch (statement.type) {
      case 'BreakStatement':
        return true;
      case 'BlockStatement':
        if (containsBreak(statement.body, depth + 1)) return true;
        break;
      case 'IfStatement':
        if (containsBreak([statement.consequent], depth + 1) || (statement.alternate && containsBreak([statement.alternate], depth + 1))) return true;
        break;
      case 'TryStatement':
        if (containsBreak([statement.block], depth + 1) || (statement.handler && containsBreak([statement.handler.body], depth + 1)) || (statement.finalizer && containsBreak([statement.finalizer], depth + 1))) return true;
        break;
      case 'LabeledStatement':
        if (containsBreak([statement.body], depth + 1)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
