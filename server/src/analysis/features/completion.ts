// Completion in api-config.json (and Worker names in the wrangler config): reads the cursor from the parsed tree,
// decides what the position expects (completion/slots.ts) and answers from the reference index and the config
// model. Works inside unterminated strings and after a bare colon; anything else answers an empty list.
import type { Position } from '../findings';
import type { GatewayProject } from '../model';
import { jsonCursor, type JsonCursor } from './json-cursor';
import { referenceIndex, type ReferenceIndex } from './reference-index/build';
import { safely } from './safely';
import { entrypointItems } from './completion/entrypoint-items';
import { expressionItems } from './completion/expression-items';
import { aliasItems, functionItems, wranglerBindingItems, type ItemPlacement } from './completion/reference-items';
import { enumItems, integrationTypeItems, keyItems, methodItems, newItemSnippets, routeKeySnippets } from './completion/schema-items';
import { slotOf } from './completion/slots';
import { wranglerCompletion } from './completion/wrangler-items';
import type { CompletionEntry, FeatureOptions } from './types';

export function completion(project: GatewayProject, file: string, position: Position, options: FeatureOptions = {}): CompletionEntry[] {
  return safely([], () => {
    const index = referenceIndex(project, options);
    if (project.wrangler && file === project.wrangler.file) return wranglerCompletion(index, position);
    if (file !== project.config.file) return [];
    const cursor = jsonCursor(project.config, position);
    return cursor ? configCompletion(index, cursor) : [];
  }, options.onError);
}

function configCompletion(index: ReferenceIndex, cursor: JsonCursor): CompletionEntry[] {
  const root = index.config.doc.root;
  const placement: ItemPlacement = { quote: !cursor.inString, range: cursor.replaceRange };
  const variant = index.runtime;
  if (cursor.at === 'key') {
    const items = keyItems(root, cursor.object, cursor.objectPath, variant, cursor.keyNode?.value as string | undefined, placement);
    const [first, routeIndex] = cursor.objectPath;
    if (cursor.objectPath.length === 2 && first === 'paths' && typeof routeIndex === 'number') {
      const present = new Set(cursor.object.children?.map((p) => p.children?.[0]?.value as string) ?? []);
      items.push(...routeKeySnippets(placement, present));
    }
    return items;
  }
  // A number, boolean or object under the cursor takes no completion; an empty spot or a string does.
  if (cursor.node && cursor.node.type !== 'string') return [];
  const last = cursor.path[cursor.path.length - 1];
  const slot = slotOf(root, cursor.path, !cursor.node && typeof last === 'number');
  const prefix = cursor.prefix;
  if (slot.kind === 'mapping') return expressionItems(index, prefix, slot.routeIndex, placement);
  // Every string value is substituted at load time (A.8), so `$env.` / `$secrets.` work anywhere.
  if (prefix.startsWith('$')) return expressionItems(index, prefix, undefined, placement);
  switch (slot.kind) {
    case 'alias':
      return aliasItems(index, slot.sections, placement);
    case 'wranglerBinding':
      return wranglerBindingItems(index, placement);
    case 'function':
      return functionItems(index, slot.alias, placement);
    case 'entrypoint':
      return entrypointItems(index, prefix, placement);
    case 'method':
      return methodItems(placement);
    case 'integrationType':
      return integrationTypeItems(variant, placement);
    case 'newItem':
      return cursor.inString ? [] : separated(index.config.doc.text, cursor, newItemSnippets(slot.array, placement));
    case 'other':
      return enumItems(root, cursor.path, variant, placement);
  }
}

/**
 * A new array element typed between others: the commas that keep the JSON valid, before it (an element ends just
 * before) and after it (one starts just after), as the schema's own "New path" snippets add them.
 */
function separated(text: string, cursor: JsonCursor, entries: CompletionEntry[]): CompletionEntry[] {
  let before = cursor.offset - cursor.prefix.length - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  let after = cursor.offset;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  const lead = before >= 0 && /[}\]"0-9a-z]/.test(text[before]!) ? ',' : '';
  const trail = after < text.length && /[{["0-9tfn-]/.test(text[after]!) ? ',' : '';
  if (!lead && !trail) return entries;
  return entries.map((e) => ({ ...e, insertText: `${lead}${e.insertText ?? e.label}${trail}` }));
}