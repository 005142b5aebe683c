// Strings kept from one analysis to the next must not point into the text they were cut from. V8 makes a
// substring of 13 or more characters a view into its whole source string, and a concatenation keeps its parts:
// a line prefix, a fingerprint or a fix text kept across edits would keep a whole old 3 MB config text alive.

/** From this length on, V8's `slice` makes a view into the whole string; shorter substrings are copies. */
export const MIN_VIEW_LENGTH = 13;

/** A copy of `s` that shares no memory with any other string (JSON.parse makes a fresh one). */
export function detached(s: string): string {
  return s.length < MIN_VIEW_LENGTH ? s : (JSON.parse(JSON.stringify(s)) as string);
}
