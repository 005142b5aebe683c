// Text from the checked files on its way to a terminal or a CI log: control characters written as escapes. A key
// or value in api-config.json lands in a message verbatim; raw, an ESC could drive the terminal and a line break
// could forge a finding line (the `$sag` problem matcher reads those) or a CI workflow command (`::error::`).

/** C0 controls but tab, DEL, C1 controls, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/** `text` with every control character but tab as an escape (`\n`, `\r`, `\u001b`): one line, inert. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
