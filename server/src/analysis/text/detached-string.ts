// Strings kept from one analysis to the next must not point into the text they were cut from. V8 makes a
// substring of 13 or more characters a view into its whole source string, and a concatenation keeps its parts:
// a line prefix, a fingerprint or a fix text kept across edits would keep a whole old 3 MB config text alive.

/** From this length on, V8's `slice` makes a view into the whole string; shorter substrings are copies. */
export const MIN_VIEW_LENGTH = 13;

/**
 * `s` without a tie to any string it was cut or joined from: a view into a fresh copy of `s` and one space. V8 copies
 * the concatenation into one flat string to cut it, and the view holds only that. Ten times faster than a JSON
 * round trip, which the first edit after opening a large config paid for every kept message (~4,300 at 10,000 paths).
 */
export function detached(s: string): string {
  return s.length < MIN_VIEW_LENGTH ? s : (s + ' ').slice(0, -1);
}
