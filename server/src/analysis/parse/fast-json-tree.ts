// A strict JSON parser that builds the same tree as jsonc-parser's `parseTree` (same Node fields, offsets,
// parent links), but for `colonOffset`, which nothing reads (jsonc-parser's tree functions included) and which cost
// 8 bytes on each of 230,000 nodes at 10,000 paths. It handles only valid JSON: on the first syntax error it gives
// up (returns undefined) and the caller falls back to jsonc-parser, whose tolerant parse and error list are what
// users see.
// Speed matters (a 10,000-path config is 3 MB, ~230,000 nodes): every node is one newNode literal (one hidden
// class, all fields set at creation), the scanner state lives in one object's fields, and the deepest
// nesting is measured on the way so parseConfigDocument needs no second pass over the text.
import type { Node as JsonNode, NodeType } from 'jsonc-parser';
import { MIN_VIEW_LENGTH } from '../text/detached-string';

class Bail extends Error {}

const enum Ch {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  UpperE = 69,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerT = 116,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** The parser's own view of its nodes: it sets lengths and children after the fact (jsonc-parser's are readonly). */
type TreeNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/**
 * A jsonc-parser Node with every field but colonOffset present (undefined where parseTree leaves it out): one
 * shape. One object literal, not a class: V8 tracks allocation sites of literals only, so it learns to allocate
 * these long-lived nodes straight in the old generation instead of copying 230,000 of them out of the young one
 * (parse ~25% faster).
 */
function newNode(
  type: NodeType,
  offset: number,
  length: number,
  parent: JsonNode | undefined,
  children: JsonNode[] | undefined,
  value: unknown,
): TreeNode {
  return { type, offset, length, parent, children, value };
}

/** Strings up to this length are interned (StrictParser.intern), in this many slots (powers of two). */
const MAX_INTERNED_LENGTH = 32;
const INTERN_SLOTS = 8192;
/** Slots for a stretch shorter than 64 KB: the re-parse of one edited route must not fill 8,192 of them. */
const INTERN_SLOTS_SMALL = 256;
const INTERNED_LARGE: string[] = new Array<string>(INTERN_SLOTS).fill('');
const INTERNED_SMALL: string[] = new Array<string>(INTERN_SLOTS_SMALL).fill('');

/** Deeper values are refused (jsonc-parser then reports on them without recursion limits of ours). */
const MAX_DEPTH = 512;

/**
 * A container's children copied out of `pending` at their exact count. Up to six (nearly every object of a
 * gateway config) as array literals: V8 tracks allocation sites of literals only, so these arrays, which live as
 * long as their tree, are then allocated straight in the old generation like the nodes (newNode) instead of being
 * copied out of the young one (`slice` allocates young, always). Parse of 10,000 paths ~20% faster.
 */
function childrenFrom(pending: JsonNode[], base: number): JsonNode[] {
  const p = pending;
  const b = base;
  switch (p.length - b) {
    case 1:
      return [p[b]!];
    case 2:
      return [p[b]!, p[b + 1]!];
    case 3:
      return [p[b]!, p[b + 1]!, p[b + 2]!];
    case 4:
      return [p[b]!, p[b + 1]!, p[b + 2]!, p[b + 3]!];
    case 5:
      return [p[b]!, p[b + 1]!, p[b + 2]!, p[b + 3]!, p[b + 4]!];
    case 6:
      return [p[b]!, p[b + 1]!, p[b + 2]!, p[b + 3]!, p[b + 4]!, p[b + 5]!];
    default:
      return p.slice(b);
  }
}

/**
 * One parser for every parse, set up again each time (`reset`), never a new one: V8's optimized code for the
 * parser's methods holds on to the parser it was compiled with (weakly), and each full collection that frees that
 * parser throws the code away. With a parser per parse, every collection of the language server (one every few
 * edits) left the next edits' re-parse to run unoptimized; a parse right after a collection took 44 ms instead of
 * 36 at 10,000 paths. Parses never nest (nothing is called back), so one instance is enough.
 */
class StrictParser {
  text = '';
  pos = 0;
  end = 0;
  /**
   * Children being collected, for every open container at once (each from its own base): a container's array
   * is then copied out at its exact size. push() on a fresh [] would reserve 17 slots for 3 children.
   */
  readonly pending: JsonNode[] = [];
  /** Deepest container nesting seen (the root object = 1), as a bracket count outside strings gives it. */
  maxDepth = 0;
  /** The intern table of this parse: the small one for a stretch under 64 KB (see intern). */
  interned: string[] = INTERNED_LARGE;

  reset(text: string, start: number, end: number): this {
    this.text = text;
    this.pos = start;
    this.end = end;
    this.maxDepth = 0;
    this.pending.length = 0;
    this.interned = end - start < 65_536 ? INTERNED_SMALL : INTERNED_LARGE;
    return this;
  }

  /** Lets go of the text (a parsed tree outlives it; the parser must not keep 3 MB alive till the next parse). */
  release(): void {
    this.text = '';
    this.pending.length = 0;
  }

  /**
   * The text of an unescaped string token between `from` and `to` (its quotes excluded), as a string of its own.
   * V8 makes a substring of 13 or more characters a view into `text`, which keeps all of `text` alive; JSON.parse
   * makes fresh strings. Trees outlive their text: after an edit the re-parsed subtree is spliced into the old tree,
   * so with views every edit in a new place would keep one more whole 3 MB text alive (~1 ms per full parse).
   */
  slice(from: number, to: number): string {
    return to - from >= MIN_VIEW_LENGTH ? (JSON.parse(this.text.slice(from - 1, to + 1)) as string) : this.text.slice(from, to);
  }

  skipWhitespace(): void {
    const text = this.text;
    const end = this.end;
    let pos = this.pos;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Space || c === Ch.LineFeed || c === Ch.CarriageReturn || c === Ch.Tab) pos++;
      else break;
    }
    this.pos = pos;
  }

  parseString(parent: JsonNode | undefined): JsonNode {
    const text = this.text;
    const end = this.end;
    const begin = this.pos;
    let pos = begin + 1; // opening quote
    let escaped = false;
    while (true) {
      if (pos >= end) throw new Bail();
      const c = text.charCodeAt(pos);
      if (c === Ch.Quote) break;
      if (c < 0x20) throw new Bail();
      if (c === Ch.Backslash) {
        escaped = true;
        pos += 2;
        continue;
      }
      pos++;
    }
    pos++; // closing quote
    this.pos = pos;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(text.slice(begin, pos)) as string;
      } catch {
        throw new Bail();
      }
    } else {
      value = pos - begin - 2 <= MAX_INTERNED_LENGTH ? this.intern(begin + 1, pos - 1) : this.slice(begin + 1, pos - 1);
    }
    return newNode('string', begin, pos - begin, parent, undefined, value);
  }

  /**
   * One string object per distinct short text (keys and values like "GET", "http_proxy", alias names repeat
   * thousands of times): fewer objects to allocate, copy and collect. Looked up by a cheap hash of length and a
   * few characters, confirmed with startsWith, so no string is made to look one up. One string per slot, the
   * latest wins: a Map of buckets took ~5 ms of a 39 ms parse at 10,000 paths, and the trees came out no smaller.
   * The tables outlive a parse: their strings are copies (never views into a text), so they keep no text alive and
   * the next parse finds the same keys again.
   */
  intern(from: number, to: number): string {
    const text = this.text;
    const length = to - from;
    if (length === 0) return '';
    const hash = (((length * 31 + text.charCodeAt(from)) * 31 + text.charCodeAt(to - 1)) * 31 + text.charCodeAt(from + (length >> 1))) & (this.interned.length - 1);
    const candidate = this.interned[hash]!;
    if (candidate.length === length && text.startsWith(candidate, from)) return candidate;
    const value = this.slice(from, to);
    this.interned[hash] = value;
    return value;
  }

  digits(): number {
    const text = this.text;
    const end = this.end;
    const from = this.pos;
    let pos = from;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c >= Ch.Zero && c <= Ch.Nine) pos++;
      else break;
    }
    this.pos = pos;
    return pos - from;
  }

  parseNumber(parent: JsonNode | undefined): JsonNode {
    const text = this.text;
    const begin = this.pos;
    if (text.charCodeAt(this.pos) === Ch.Minus) this.pos++;
    const intStart = this.pos;
    const intDigits = this.digits();
    if (intDigits === 0 || (intDigits > 1 && text.charCodeAt(intStart) === Ch.Zero)) throw new Bail();
    if (this.pos < this.end && text.charCodeAt(this.pos) === Ch.Dot) {
      this.pos++;
      if (this.digits() === 0) throw new Bail();
    }
    const e = this.pos < this.end ? text.charCodeAt(this.pos) : 0;
    if (e === Ch.LowerE || e === Ch.UpperE) {
      this.pos++;
      const sign = this.pos < this.end ? text.charCodeAt(this.pos) : 0;
      if (sign === Ch.Plus || sign === Ch.Minus) this.pos++;
      if (this.digits() === 0) throw new Bail();
    }
    return newNode('number', begin, this.pos - begin, parent, undefined, Number(text.slice(begin, this.pos)));
  }

  parseLiteral(parent: JsonNode | undefined, word: string, type: 'boolean' | 'null', value: boolean | null): JsonNode {
    const pos = this.pos;
    if (pos + word.length > this.end || !this.text.startsWith(word, pos)) throw new Bail();
    this.pos = pos + word.length;
    return newNode(type, pos, word.length, parent, undefined, value);
  }

  parseValue(parent: JsonNode | undefined, depth: number): JsonNode {
    this.skipWhitespace();
    if (this.pos >= this.end) throw new Bail();
    const c = this.text.charCodeAt(this.pos);
    if (c === Ch.Quote) return this.parseString(parent);
    if (c === Ch.OpenBrace) return this.parseObject(parent, depth);
    if (c === Ch.OpenBracket) return this.parseArray(parent, depth);
    if (c === Ch.LowerT) return this.parseLiteral(parent, 'true', 'boolean', true);
    if (c === Ch.LowerF) return this.parseLiteral(parent, 'false', 'boolean', false);
    if (c === Ch.LowerN) return this.parseLiteral(parent, 'null', 'null', null);
    if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) return this.parseNumber(parent);
    throw new Bail();
  }

  enter(depth: number): void {
    if (depth >= MAX_DEPTH) throw new Bail();
    if (depth + 1 > this.maxDepth) this.maxDepth = depth + 1;
  }

  parseObject(parent: JsonNode | undefined, depth: number): JsonNode {
    this.enter(depth);
    const text = this.text;
    const node = newNode('object', this.pos, 0, parent, undefined, undefined);
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === Ch.CloseBrace && this.pos < this.end) {
      this.pos++;
      node.length = this.pos - node.offset;
      node.children = [];
      return node;
    }
    const pending = this.pending;
    const base = pending.length;
    while (true) {
      this.skipWhitespace();
      if (this.pos >= this.end || text.charCodeAt(this.pos) !== Ch.Quote) throw new Bail();
      const prop = newNode('property', this.pos, 0, node, undefined, undefined);
      const key = this.parseString(prop);
      // An exact two-slot array (push() on [] would reserve 16 slots for each of ~100,000 properties), made before
      // the value so that it sits in memory beside the property and its key, not after the value's whole subtree:
      // every rule reads `prop.children[1]`, and walks over 10,000 routes wait on cache misses (~5 ms of a full check).
      const pair: JsonNode[] = [key, key];
      prop.children = pair;
      this.skipWhitespace();
      if (this.pos >= this.end || text.charCodeAt(this.pos) !== Ch.Colon) throw new Bail();
      this.pos++;
      const value = this.parseValue(prop, depth + 1);
      pair[1] = value;
      prop.length = value.offset + value.length - prop.offset;
      pending.push(prop);
      this.skipWhitespace();
      const c = this.pos < this.end ? text.charCodeAt(this.pos) : 0;
      if (c === Ch.Comma) {
        this.pos++;
        continue;
      }
      if (c === Ch.CloseBrace) {
        this.pos++;
        break;
      }
      throw new Bail();
    }
    node.children = childrenFrom(pending, base);
    pending.length = base;
    node.length = this.pos - node.offset;
    return node;
  }

  parseArray(parent: JsonNode | undefined, depth: number): JsonNode {
    this.enter(depth);
    const text = this.text;
    const node = newNode('array', this.pos, 0, parent, undefined, undefined);
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) === Ch.CloseBracket && this.pos < this.end) {
      this.pos++;
      node.length = this.pos - node.offset;
      node.children = [];
      return node;
    }
    const pending = this.pending;
    const base = pending.length;
    while (true) {
      pending.push(this.parseValue(node, depth + 1));
      this.skipWhitespace();
      const c = this.pos < this.end ? text.charCodeAt(this.pos) : 0;
      if (c === Ch.Comma) {
        this.pos++;
        continue;
      }
      if (c === Ch.CloseBracket) {
        this.pos++;
        break;
      }
      throw new Bail();
    }
    node.children = childrenFrom(pending, base);
    pending.length = base;
    node.length = this.pos - node.offset;
    return node;
  }
}

const PARSER = new StrictParser();

/** The tree and the deepest container nesting (root object or array = 1; 0 for a scalar). */
export function parseJsonTreeStrictWithDepth(text: string, start = 0, end = text.length): { root: JsonNode; maxDepth: number } | undefined {
  const parser = PARSER.reset(text, start, end);
  try {
    const root = parser.parseValue(undefined, 0);
    parser.skipWhitespace();
    if (parser.pos !== end) return undefined;
    return { root, maxDepth: parser.maxDepth };
  } catch (error) {
    if (error instanceof Bail || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    parser.release();
  }
}

/**
 * Parse `text` (or `text.slice(start, end)`, keeping absolute offsets) as exactly one JSON value. String values
 * share no memory with `text` (see StrictParser.slice).
 */
export function parseJsonTreeStrict(text: string, start = 0, end = text.length): JsonNode | undefined {
  return parseJsonTreeStrictWithDepth(text, start, end)?.root;
}

/**
 * Elements of an array, parsed from `text.slice(start, end)` at absolute offsets with `parent` as their parent: a
 * stretch that starts after the array's `[` or a `,` and ends where the next element starts (`closed` false: each
 * element followed by a comma) or at the array's `]` (`closed` true: commas between elements only). Undefined
 * unless the stretch is exactly that.
 */
export function parseJsonElementsStrict(text: string, start: number, end: number, parent: JsonNode, closed: boolean): JsonNode[] | undefined {
  const parser = PARSER.reset(text, start, end);
  const elements: JsonNode[] = [];
  try {
    parser.skipWhitespace();
    if (parser.pos < end) {
      while (true) {
        elements.push(parser.parseValue(parent, 1));
        parser.skipWhitespace();
        if (parser.pos >= end) {
          if (closed) break;
          return undefined;
        }
        if (text.charCodeAt(parser.pos) !== Ch.Comma) return undefined;
        parser.pos++;
        // After a comma a closed stretch goes on with an element (parseValue refuses the end: no trailing comma).
        if (!closed) {
          parser.skipWhitespace();
          if (parser.pos >= end) break;
        }
      }
    }
    return parser.pos === end ? elements : undefined;
  } catch (error) {
    if (error instanceof Bail || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    parser.release();
  }
}
