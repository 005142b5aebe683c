// Where a line ends, walking forward from an offset on it: the fixes (TOML and JSONC layout), the TOML tree reader
// and completion's lexical scan all ask it from a place they already hold.

/** End of the line holding `offset`: before its `\n` or `\r`, or the end of the text on the last line. */
export function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
