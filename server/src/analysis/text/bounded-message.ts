// Messages quote what the user wrote. A value of a megabyte (a method of a million characters) would otherwise be
// copied into the message, sent to the editor with every check and printed by `sag check`.
const MAX_MESSAGE_LENGTH = 1000;
const KEPT_QUOTE_LENGTH = 100;
const LONG_QUOTE = /`[^`]{120,}`/g;

/** `message` as it is when short; otherwise each long `quoted` value cut to its start, and the whole at most 1,000. */
export function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const shortened = message.replace(LONG_QUOTE, (quoted) => `${startOf(quoted, KEPT_QUOTE_LENGTH)}…\` (${quoted.length - 2} characters)`);
  return shortened.length <= MAX_MESSAGE_LENGTH ? shortened : `${startOf(shortened, MAX_MESSAGE_LENGTH - 1)}…`;
}

/** The first `length` UTF-16 units, one fewer rather than half a surrogate pair. */
function startOf(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
