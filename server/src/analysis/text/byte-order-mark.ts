// A byte order mark that an editor sends inside a document's text (the Node host drops it from files on disk):
// the parsers read it as the whitespace it is, at the same offsets, so positions still count it.

/** `text` with a leading byte order mark as a space: same length, so every offset still points into `text`. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}
