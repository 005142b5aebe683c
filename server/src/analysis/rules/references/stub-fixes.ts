// "Add an entry" fixes for unknown aliases and missing variables: a stub appended to the section's array
// (edited locally, so a fix never re-parses a 3 MB file), or a new root section. Memoised per document and
// alias, because one missing alias is often referenced by many routes.
import type { Fix } from '../../findings';
import type { ConfigDocument } from '../../model';
import { appendArrayItemEdit, insertPropertyEdit, insertRootPropertyEdit, localEdits } from '../schema/anchor';
import type { ConfigView } from '../schema/config-view';

export type StubSection = 'servers' | 'services' | 'serviceBindings';

const memo = new WeakMap<ConfigDocument, Map<string, Fix | undefined>>();

function remember(doc: ConfigDocument, key: string, make: () => Fix | undefined): Fix | undefined {
  let map = memo.get(doc);
  if (!map) memo.set(doc, (map = new Map()));
  if (!map.has(key)) map.set(key, make());
  return map.get(key);
}

/** `HOOK-svc` -> `HOOK_SVC`: a valid JS identifier for the wrangler binding the user still has to declare. */
export function bindingNameFor(alias: string): string {
  const name = alias.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

export function stubEntry(section: StubSection, alias: string): Record<string, string> {
  if (section === 'servers') return { alias, url: 'https://example.com' };
  if (section === 'services') return { alias, entrypoint: `./services/${alias}` };
  return { alias, binding: bindingNameFor(alias) };
}

export function addEntryFix(view: ConfigView, section: StubSection, alias: string): Fix | undefined {
  const root = view.root;
  if (!root) return undefined;
  return remember(view.doc, `${section}\u0000${alias}`, () => {
    const entry = stubEntry(section, alias);
    const title = `Add \`${alias}\` to \`${section}\``;
    const array = view.rootProps.value(section);
    if (array) {
      const edit = appendArrayItemEdit(view.doc, array, entry);
      return edit ? { title, safe: false, edits: [edit] } : undefined;
    }
    return { title, safe: false, edits: [insertRootPropertyEdit(view.doc, root, section, [entry])] };
  });
}

/** `name` is in no `variables` (the caller checked): the edit adds it to the global ones. */
export function addVariableFix(view: ConfigView, name: string): Fix | undefined {
  const root = view.root;
  if (!root) return undefined;
  return remember(view.doc, `variables\u0000${name}`, () => {
    const title = `Add \`${name}\` to the global \`variables\``;
    const variables = view.rootProps.value('variables');
    if (variables) {
      if (variables.type !== 'object') return undefined;
      // Text arithmetic after the last variable; jsonc-parser (which parses all of them again, per missing name:
      // 4,000 routes each missing one of 4,000 variables took 24 s) only for an empty object.
      const quick = insertPropertyEdit(view.doc, variables, name, '', true);
      if (quick) return { title, safe: false, edits: [quick] };
      const edits = localEdits(view.doc, variables, [name], '');
      return edits && edits.length > 0 ? { title, safe: false, edits } : undefined;
    }
    return { title, safe: false, edits: [insertRootPropertyEdit(view.doc, root, 'variables', { [name]: '' })] };
  });
}
