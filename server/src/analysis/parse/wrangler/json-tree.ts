// wrangler.json / wrangler.jsonc -> LocatedObject. Wrangler reads both with a JSONC parser, so comments and
// trailing commas are accepted in either; only real syntax errors are reported.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { describeJsonSyntaxError } from '../json-syntax-errors';
import type { SyntaxProblem } from '../../model';
import type { LineIndex } from '../../text/line-index';
import { problemRange } from '../problem-range';
import type { LocatedNode, LocatedObject } from './located-tree';

export interface JsonTreeResult {
  root: LocatedObject | undefined;
  syntaxErrors: SyntaxProblem[];
}

/** jsonc-parser recurses per nesting level; past this the tree is not worth building (and the stack may not hold). */
const MAX_DEPTH = 200;

export function parseJsonTree(text: string, lines: LineIndex): JsonTreeResult {
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch {
    return { root: undefined, syntaxErrors: [{ message: 'the file is nested too deeply to read', range: lines.rangeOf(0, 0) }] };
  }
  const syntaxErrors = errors.map((e) => ({ message: `JSON syntax error: ${describeJsonSyntaxError(e)}`, range: problemRange(lines, e.offset, Math.max(e.length, 1)) }));
  if (!tree) {
    if (syntaxErrors.length === 0) syntaxErrors.push({ message: 'the file holds no JSON object (wrangler needs `{ ... }`)', range: lines.rangeOf(0, 0) });
    return { root: undefined, syntaxErrors };
  }
  if (tree.type !== 'object') {
    syntaxErrors.push({ message: 'a wrangler config must be a JSON object', range: problemRange(lines, tree.offset, tree.length) });
    return { root: undefined, syntaxErrors };
  }
  const root = convert(tree, lines, 0);
  return { root: root?.type === 'object' ? root : undefined, syntaxErrors };
}

function convert(node: JsonNode, lines: LineIndex, depth: number): LocatedNode | undefined {
  const range = problemRange(lines, node.offset, node.length);
  if (depth > MAX_DEPTH) return { type: 'scalar', value: null, range };
  switch (node.type) {
    case 'object': {
      const object: LocatedObject = { type: 'object', entries: new Map(), range };
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string' || !valueNode) continue;
        const value = convert(valueNode, lines, depth + 1);
        if (!value) continue;
        // Last duplicate wins, as in wrangler's parser.
        object.entries.set(keyNode.value, { key: keyNode.value, keyRange: problemRange(lines, keyNode.offset, keyNode.length), value });
      }
      return object;
    }
    case 'array': {
      const items: LocatedNode[] = [];
      for (const child of node.children ?? []) {
        const item = convert(child, lines, depth + 1);
        if (item) items.push(item);
      }
      return { type: 'array', items, range, form: 'json' };
    }
    case 'string':
    case 'number':
    case 'boolean':
      return { type: 'scalar', value: node.value as string | number | boolean, range };
    case 'null':
      return { type: 'scalar', value: null, range };
    default:
      return undefined;
  }
}
