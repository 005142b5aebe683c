// SAG108: an unknown key inside a path item, integration, mapping, hook or section entry, with the closest
// valid key as did-you-mean and a rename fix (safe only when case or separators are the sole difference).
import { closestMatch } from '../../did-you-mean';
import { label, pointer, renameKeyFix, type Emit } from './anchor';
import type { ConfigView, PropertyView } from './config-view';

/** `preProcess` / `pre-process` vs `pre_process`: the same word, so renaming is not a guess. */
export function isFoldedMatch(a: string, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  return fold(a) === fold(b);
}

export function unknownKeyFinding(
  view: ConfigView,
  emit: Emit,
  prop: PropertyView,
  candidates: readonly string[],
  at: (string | number)[],
  where: string,
  note = 'is ignored by the gateway',
): void {
  const suggestion = closestMatch(prop.key, candidates);
  const taken = suggestion !== undefined && prop.prop.parent ? hasKey(prop.prop.parent, suggestion) : false;
  const hint = suggestion && !taken ? `; did you mean \`${suggestion}\`?` : '';
  emit('SAG108', prop.keyNode, pointer(...at, prop.key), `unknown key \`${prop.key}\` in ${where || label(...at)} ${note}${hint}`, {
    fixes: hint ? [renameKeyFix(view.doc, prop.keyNode, suggestion!, isFoldedMatch(prop.key, suggestion!))] : [],
  });
}

function hasKey(objectNode: NonNullable<PropertyView['prop']['parent']>, key: string): boolean {
  return (objectNode.children ?? []).some((p) => p.children?.[0]?.value === key);
}
