// The keystrokes of a route typed in an editor, shared by bench:check and bench:lsp: brackets and quotes come in
// pairs with the cursor between them (as VS Code closes them), `→` steps over a closing one. Typed before a route,
// the JSON is broken between the two routes until the comma after the new one.
const NEW_ROUTE_KEYS = ['{}', ' ', '""', ...'method', '→', ':', ' ', '""', ...'GET', '→', ',', ' ', '""', ...'path', '→', ':', ' ', '""', ...'/typed', '→', ' ', '→', ',', '\n', ...'    '];

/** Types the route at `at`, one `insert(offset, text)` per keystroke; returns the offset after it. */
export function typeNewRoute(at: number, insert: (offset: number, text: string) => void): number {
  let cursor = at;
  for (const key of NEW_ROUTE_KEYS) {
    if (key === '→') {
      cursor++;
      continue;
    }
    insert(cursor, key);
    cursor += key === '{}' || key === '""' ? 1 : key.length;
  }
  return cursor;
}
