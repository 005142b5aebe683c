// SAG117: string values (keys are never substituted) holding `$env.`/`$secret.`/`$secrets.` where the runtime
// will not substitute them as meant: not at the start, or followed by characters a variable name cannot hold.
// The raw text is scanned for the prefixes (one regex pass); only suspicious hits are mapped to their node.
import type { JsonNode } from '../../parse/config-document';
import { pointerOf, stringNodeAt } from '../../parse/config-document';
import type { Emit } from './anchor';
import type { ConfigView, RouteView } from './config-view';

const PLACEHOLDER = /\$(?:env|secrets?)\./;
const NAME = /^[A-Za-z0-9_]+$/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** SAG117 for the whole config but the path items (checkRoutePlaceholders does those). */
export function checkPlaceholders(view: ConfigView, emit: Emit): void {
  const paths = view.rootProps.value('paths');
  if (paths?.type === 'array' && paths.children && paths.children.length > 0) {
    const first = paths.children[0]!;
    const last = paths.children[paths.children.length - 1]!;
    scanPlaceholders(view, emit, 0, first.offset);
    scanPlaceholders(view, emit, last.offset + last.length, view.doc.text.length);
  } else {
    scanPlaceholders(view, emit, 0, view.doc.text.length);
  }
}

/** SAG117 inside one path item. */
export function checkRoutePlaceholders(view: ConfigView, route: RouteView, emit: Emit): void {
  scanPlaceholders(view, emit, route.node.offset, route.node.offset + route.node.length);
}

/** Placeholder prefixes found in text[from, to) (between path items there is only JSON punctuation). */
function scanPlaceholders(view: ConfigView, emit: Emit, from: number, to: number): void {
  const root = view.root;
  if (!root) return;
  const text = view.doc.text;
  let done: Set<number> | undefined; // made on the first suspicious hit: most routes have none
  // indexOf, not a regex, over a sliced string (a view, no copy): this runs once per route, and most routes hold no
  // `$` at all. Searching the whole text from `from` ran on to the next `$`, maybe megabytes away: in a config
  // without placeholders, every route scanned the rest of the file (150,000 routes took 11 s).
  const stretch = text.slice(from, to);
  for (let hit = stretch.indexOf('$'); hit !== -1; hit = stretch.indexOf('$', hit + 1)) {
    const at = from + hit;
    const length = placeholderPrefixAt(text, at);
    if (length === 0 || at + length > to) continue;
    if (isPlainPlaceholder(text, at, length)) continue;
    const node = stringNodeAt(root, at);
    if (!node || done?.has(node.offset)) continue;
    (done ??= new Set()).add(node.offset);
    const parent = node.parent;
    if (parent?.type === 'property' && parent.children?.[0] === node) continue; // a key
    if (typeof node.value === 'string') checkString(node, node.value, emit);
  }
}

/** The length of the `$env.` / `$secret.` / `$secrets.` at `at` in `text` (as PLACEHOLDER matches it), or 0. */
function placeholderPrefixAt(text: string, at: number): number {
  if (text.startsWith('$env.', at)) return 5;
  if (text.startsWith('$secrets.', at)) return 9;
  if (text.startsWith('$secret.', at)) return 8;
  return 0;
}

/** `"$env.NAME"`: the whole string, a plain name; the common case, decided on the text alone. */
function isPlainPlaceholder(text: string, at: number, prefixLength: number): boolean {
  if (text.charCodeAt(at - 1) !== 34 /* " */ || text.charCodeAt(at - 2) === 92 /* \ */) return false;
  let i = at + prefixLength;
  if (!NAME_CHAR.test(text[i] ?? '')) return false;
  while (i < text.length && NAME_CHAR.test(text[i]!)) i++;
  return text.charCodeAt(i) === 34;
}

function checkString(node: JsonNode, value: string, emit: Emit): void {
  const match = PLACEHOLDER.exec(value);
  if (!match) return;
  if (match.index > 0) {
    emit('SAG117', node, pointerOf(node), `\`${match[0]}\` inside \`${value}\` is not substituted: only a value that starts with \`$env.\`/\`$secret.\` is replaced, and then entirely; put the whole value in one variable`);
    return;
  }
  const name = value.slice(match[0].length);
  if (NAME.test(name)) return;
  const clean = /^[A-Za-z0-9_]*/.exec(name)![0];
  emit('SAG117', node, pointerOf(node), `\`${value}\` looks up a variable literally named \`${name}\` (everything after \`${match[0]}\`), which resolves to \`""\`${clean ? `; to use \`${clean}\`, make it the whole value` : ''}`);
}
